"""Language spans in mixed informal writing: short runs, titles, labels, other scripts, und."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import textfix
from textfix.errors import MissingModelError
from textfix.language import find_foreign_runs
from textfix.language._viterbi import _viterbi_of_two, viterbi
from textfix.model import ProblemKind
from textfix.translate import ModelStore

LANGUAGES = ("de", "en", "ru", "uk")
ARABIC = "أهلي الأعزاء، رمضان كريم وكل عام وأنتم بخير."


def _runs(text: str, document_language: str = "de", languages: tuple[str, ...] = LANGUAGES) -> list[tuple[str, str]]:
    found = find_foreign_runs(text, 0, len(text), document_language=document_language, languages=languages)
    return [(text[r.start : r.end], r.lang) for r in found]


@pytest.mark.parametrize(
    ("text", "run"),
    [
        pytest.param("Ich glaub, wir sollten die Margin of Error für n = 400 ausrechnen.", "Margin of Error",
                     id="three-words-mid-sentence"),
        pytest.param("Das ist so last year. Aber tragt, was ihr wollt.", "so last year.", id="homograph-opens-run"),
        pytest.param("Es zahlt sich aber in the long run immer aus.", "in the long run", id="in-the-long-run"),
        pytest.param("Ein paar Zitate:\n- „bro just dodge lmao“", "bro just dodge lmao", id="quoted-list-item"),
        pytest.param("Fazit: für mich ganz klar value for money.", "value for money.", id="sentence-end-kept"),
        pytest.param("Mein Mann war skeptisch (*a game about birds, really?*), hat dann gewonnen.",
                     "a game about birds, really?", id="punctuation-inside-brackets"),
    ],
)
def test_short_english_runs_in_german_are_found(text: str, run: str) -> None:
    assert _runs(text) == [(run, "en")]


@pytest.mark.parametrize(
    ("text", "run"),
    [
        pytest.param("Der Artikel „The Coming Boom In Brain Medicines“ ist lang.", "The Coming Boom In Brain Medicines",
                     id="title-case"),
        pytest.param("Auf der Verpackung steht: THERE'S NO SUCH THING AS A GAMING NOTEBOOK. Ganz ehrlich?",
                     "THERE'S NO SUCH THING AS A GAMING NOTEBOOK.", id="all-caps"),
        pytest.param("Betreff: BLACK FRIDAY DEALS ARE HERE", "BLACK FRIDAY DEALS ARE HERE", id="all-caps-label"),
    ],
)
def test_title_case_and_capitals_are_judged_by_their_words(text: str, run: str) -> None:
    assert _runs(text) == [(run, "en")]


@pytest.mark.parametrize(
    "sentence",
    [
        pytest.param("Wir waren bei Deutsche Bank und Goldman Sachs in New York.", id="company-names"),
        pytest.param("Ein Analyst von Aurora Energy Research sagte das am Montag.", id="three-word-company"),
        pytest.param("Jeder Pull Request braucht ein Review und einen grünen Testlauf.", id="borrowed-nouns"),
        pytest.param("Wir haben den letzten Boss in Elden Ring gelegt, der Chat ist eskaliert.", id="game-title"),
        pytest.param("Stay tuned und bis Freitag!", id="two-word-insertion"),
        pytest.param("Die neue Staffel von Dune: Part Two startet im März.", id="title-with-a-name"),
        pytest.param("Er trinkt HODL, DYOR und GG im Discord.", id="acronyms"),
    ],
)
def test_names_titles_loanwords_and_short_insertions_stay_text(sentence: str) -> None:
    assert _runs(sentence) == []


def test_a_speaker_label_stays_outside_the_run() -> None:
    assert _runs("Agent (Bot): Thank you for contacting us! Please rate us from 1 to 5.") == [
        ("Thank you for contacting us! Please rate us from 1 to 5.", "en")
    ]


@pytest.mark.parametrize(
    ("text", "run", "lang"),
    [
        pytest.param(f"Ein Gruß: {ARABIC}", ARABIC, "ar", id="arabic"),
        pytest.param("Auf dem Schild stand ברוכים הבאים לתל אביב und ein Pfeil.", "ברוכים הבאים לתל אביב", "he",
                     id="hebrew"),
        pytest.param("Sie sagte 你好，我们明天见 und lachte.", "你好，我们明天见", "zh", id="chinese"),
        pytest.param("Der Text: Καλημέρα σε όλους τους φίλους μας.", "Καλημέρα σε όλους τους φίλους μας.", "el",
                     id="greek"),
        pytest.param("Auf Amharisch: ሰላም ለሁላችሁ እንኳን ደህና መጣችሁ", "ሰላም ለሁላችሁ እንኳን ደህና መጣችሁ", "und",
                     id="unknown-to-lingua"),
    ],
)
def test_a_script_no_configured_language_writes_is_foreign(text: str, run: str, lang: str) -> None:
    assert _runs(text) == [(run, lang)]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Ich heiße Ιωάννης und komme aus Athen.", id="one-greek-name"),
        pytest.param("Er sagte nur 习近平 und ging.", id="a-chinese-name"),
    ],
)
def test_a_name_in_another_script_stays_text(text: str) -> None:
    assert _runs(text) == []


def test_cyrillic_is_foreign_when_no_configured_language_writes_it() -> None:
    text = "Мы обеспокоены тем фактом, что Россия и Северная Корея сближаются."
    assert _runs(text, "de", ("de", "en")) == [(text, "ru")]


def test_latin_is_foreign_when_no_configured_language_writes_it() -> None:
    """Lingua picks among all 49 Latin-script languages (in its low-accuracy mode: fast and small)."""
    text = "Die NATO ist besorgt und Putin schweigt heute."
    assert _runs(text, "ru", ("ru", "uk")) == [(text, "de")]


def test_document_with_other_scripts_keeps_its_language_and_marks_them() -> None:
    text = "Meine Familie in Amman schaut auch mit.\n\nأهلي الأعزاء، رمضان كريم وكل عام وأنتم بخير.\n"
    result = textfix.clean(text)
    assert result.language == "de"
    assert [(s.kind, s.lang) for s in result.segments] == [("text", "de"), ("foreign", "ar")]


def test_translation_reports_a_missing_pair_for_another_script(tmp_path: Path) -> None:
    text = "Meine Familie in Amman schaut auch mit.\n\nأهلي الأعزاء، رمضان كريم وكل عام وأنتم بخير.\n"
    empty = ModelStore(tmp_path / "none")
    with pytest.raises(MissingModelError) as caught:
        textfix.clean(text, replace(textfix.Options(), translate=True), models=empty)
    assert (caught.value.source, caught.value.missing) == ("ar", [("ar", "en"), ("en", "de")])
    kept = textfix.clean(text, replace(textfix.Options(), translate=True, keep_untranslated=True), models=empty)
    assert [(p.kind, p.lang) for p in kept.problems] == [(ProblemKind.NO_MODEL, "ar")]
    assert kept.output == textfix.clean(text).output


def test_und_has_no_model_and_says_so(tmp_path: Path) -> None:
    text = "Ein Gruß auf Amharisch.\n\nሰላም ለሁላችሁ እንኳን ደህና መጣችሁ\n"
    empty = ModelStore(tmp_path / "none")
    with pytest.raises(MissingModelError) as caught:
        textfix.clean(text, replace(textfix.Options(), translate=True), models=empty)
    assert str(caught.value).startswith("no und→de translation model can exist: the language of this text is not known")
    assert "models install" not in str(caught.value)
    kept = textfix.clean(text, replace(textfix.Options(), translate=True, keep_untranslated=True), models=empty)
    assert [(p.lang, p.message) for p in kept.problems] == [
        ("und", "kept untranslated: its language is not known (und), so no model can translate it")
    ]


def test_import_textfix_loads_no_word_frequencies() -> None:
    probe = "import sys, textfix\nprint(' '.join(sorted(sys.modules)))"
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.split()
    assert {"wordfreq", "rapidfuzz", "lingua"} & set(loaded) == set()


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from([-2.5, -1.0, -0.3, 0.0, 0.5, 1.7, 2.5]), st.sampled_from([-2.5, -1.0, 0.0, 1.0, 2.5]),
                  st.sampled_from([3.5, 2.625, 1.75])),
        min_size=1, max_size=14,
    ),
    st.sampled_from(["de", "en", None]),
)
def test_two_language_viterbi_agrees_with_the_general_one(
    steps: list[tuple[float, float, float]], prior: str | None
) -> None:
    emissions = [(a, b) for a, b, _ in steps]
    costs = [c for _, _, c in steps]
    general = viterbi([(a, b, -99.0) for a, b in emissions], costs, ("de", "en", "zz"), prior)
    assert viterbi(emissions, costs, ("de", "en"), prior) == general


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from([-2.5, -1.0, 0.0, 0.4, 0.8, 1.7, 2.5]), st.sampled_from([-2.5, -1.0, 0.0, 0.8, 2.5]),
                  st.sampled_from([3.5, 2.625, 1.75])),
        min_size=1, max_size=14,
    ),
    st.sampled_from(["de", "en", None]),
)
def test_viterbi_shortcut_gives_the_full_pass_answer(
    steps: list[tuple[float, float, float]], prior: str | None
) -> None:
    # A run that leans to the other language by more than the prior's two end bonuses, but by
    # less than a switch, is the other language's from end to end: the shortcut must see it.
    emissions = [(a, b) for a, b, _ in steps]
    costs = [c for _, _, c in steps]
    assert viterbi(emissions, costs, ("de", "en"), prior) == _viterbi_of_two(emissions, costs, ("de", "en"), prior)


def test_a_run_leaning_to_the_other_language_end_to_end_is_labelled_so() -> None:
    assert viterbi([(0.0, 2.5), (0.0, 0.8)], [3.5, 3.5], ("de", "en"), "de") == ["en", "en"]
