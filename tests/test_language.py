"""Language: the document language, and the spans written in another one."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import textfix
from textfix.language import detect_document_language, find_foreign_runs, paragraph_words

LANGUAGES = ("de", "en", "ru", "uk")
SEEDS = Path(__file__).resolve().parents[1] / "corpus" / "seeds"

SWITCHING = (
    "Байден во время подписания соглашения по безопасности между Украиной и США в четверг, 13 июня, "
    "заявил, что мир будет реагировать auf das. Er sagte, beim G7-Treffen sei vereinbart worden, "
    "gegen Länder vorzugehen, die Russland helfen. Zu dieser Liste gehört übrigens auch China."
)
RUSSIAN = "Мы обеспокоены тем фактом, что Россия и Северная Корея все больше и больше сближаются, – сказал Столтенберг."
UKRAINIAN = "Ми стурбовані тим, що Росія та Північна Корея все більше зближуються, – заявив Столтенберг."


def _runs(text: str, document_language: str = "de") -> list[tuple[str, str]]:
    found = find_foreign_runs(text, 0, len(text), document_language=document_language, languages=LANGUAGES)
    return [(text[r.start : r.end], r.lang) for r in found]


def test_mid_sentence_switch_ends_where_the_german_begins() -> None:
    runs = find_foreign_runs(SWITCHING, 0, len(SWITCHING), document_language="de", languages=LANGUAGES)
    assert len(runs) == 1
    run = runs[0]
    assert (run.start, run.lang) == (0, "ru")
    assert SWITCHING[run.end :].startswith(" auf das.")
    assert SWITCHING[run.start : run.end].endswith("будет реагировать")


@pytest.mark.parametrize(
    ("paragraph", "lang"),
    [
        pytest.param(RUSSIAN, "ru", id="russian"),
        pytest.param(UKRAINIAN, "uk", id="ukrainian"),
    ],
)
def test_whole_cyrillic_paragraph_is_one_foreign_run(paragraph: str, lang: str) -> None:
    assert _runs(paragraph) == [(paragraph, lang)]


def test_runs_are_found_only_within_the_given_paragraph() -> None:
    text = f"Die NATO ist besorgt.\n\n{RUSSIAN}\n\nEr sagte es."
    start = text.index(RUSSIAN)
    runs = find_foreign_runs(text, start, start + len(RUSSIAN), document_language="de", languages=LANGUAGES)
    assert [(r.start, r.end, r.lang) for r in runs] == [(start, start + len(RUSSIAN), "ru")]


def test_english_quote_inside_german_is_english() -> None:
    text = "Er sagte: „We will stand with Ukraine until it wins“, und ging."
    assert _runs(text) == [("We will stand with Ukraine until it wins", "en")]


def test_english_phrase_of_three_words_inside_german_is_english() -> None:
    text = "Der Kanzler sagte, the situation is very serious, und verließ den Saal."
    runs = _runs(text)
    assert [lang for _, lang in runs] == ["en"]
    assert runs[0][0].startswith("the situation is")


def test_german_phrase_inside_russian_is_german() -> None:
    text = "Столтенберг заявил, что die Lage sehr ernst ist, и ушёл."
    assert [lang for _, lang in _runs(text, "ru")] == ["de"]


@pytest.mark.parametrize(
    "sentence",
    [
        pytest.param("Die NATO hat darauf reagiert und die G7 stellt sich bereits dagegen.", id="acronyms"),
        pytest.param("Nun will Putin bald selbst Nordkorea besuchen.", id="english-looking-will"),
        pytest.param("Laut Bloomberg und Reuters hat die NATO am 13. Juni 2024 reagiert.", id="english-names"),
        pytest.param("Die USA, die EU und die NATO sowie die G7 und die UN.", id="only-acronyms"),
        pytest.param("Die Wirtschaft wuchs um 3,5 Prozent auf 50 Milliarden Euro im Jahr 2024.", id="numbers"),
        pytest.param("Das Meeting im Homeoffice war kurz.", id="loanwords"),
        pytest.param("Er nannte das Fake News und ging.", id="two-word-loan-phrase"),
        pytest.param("Kim Jong Un traf Wladimir Putin in Pjöngjang.", id="person-names"),
        pytest.param("Столтенберг sagte, die NATO sei besorgt.", id="cyrillic-name-first"),
        pytest.param("Der Generalsekretär Йенс Столтенберг erklärte das am Donnerstag.", id="cyrillic-full-name"),
    ],
)
def test_names_acronyms_numbers_and_loanwords_are_never_foreign(sentence: str) -> None:
    assert _runs(sentence) == []


def test_min_words_controls_how_long_a_foreign_run_must_be() -> None:
    text = "Er sagte: „Мир будет реагировать“, und ging."
    assert _runs(text) == [("Мир будет реагировать", "ru")]
    longer = find_foreign_runs(text, 0, len(text), document_language="de", languages=LANGUAGES, min_words=4)
    assert longer == []


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        pytest.param("Die NATO ist besorgt, sagte er am Donnerstag in Brüssel vor Journalisten.", "de", id="german"),
        pytest.param(
            "North Korea has sent thousands of containers to Russia, NATO said on Thursday.", "en", id="english"
        ),
        pytest.param(RUSSIAN, "ru", id="russian"),
        pytest.param(UKRAINIAN, "uk", id="ukrainian"),
    ],
)
def test_detect_document_language(text: str, lang: str) -> None:
    assert detect_document_language(text, LANGUAGES) == lang


@pytest.mark.parametrize("name", ["000_4af742517c27e9f8.txt", "002_abadc072636bb697.txt"])
def test_seed_documents_are_german_despite_russian_passages(name: str) -> None:
    assert detect_document_language((SEEDS / name).read_text(encoding="utf-8"), LANGUAGES) == "de"


def test_detect_document_language_only_answers_with_a_configured_language() -> None:
    assert detect_document_language(RUSSIAN, ("de", "en")) in ("de", "en")


def test_lower_casing_keeps_the_words_of_every_cased_letter() -> None:
    """What lets the document language count the words the paragraphs found (lower-cased),
    instead of finding them again in the lower-cased text: "İ" becomes "i" and a combining dot."""
    cased = [chr(cp) for cp in range(sys.maxunicode + 1) if chr(cp).lower() != chr(cp)]
    for c in cased:
        for text in (f"a{c}a", c, f" {c}b", f"b-{c} ", f"x'{c}y", f"\u0301{c}", f"{c}\u0301z", f"1{c}2", f"{c}-{c}"):
            words = paragraph_words(text, 0, len(text))
            assert paragraph_words(text.lower(), 0, len(text.lower())) == [w.lower() for w in words], text


_MARKS = "\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed" \
    "\u0900-\u0903\u093a-\u094f\u0951-\u0957\u0962\u0963\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\u3099\u309a"
_GREEDY_LETTERS = rf"[^\W\d_][^\W\d_{_MARKS}]*(?:[{_MARKS}]+[^\W\d_]*)*"
#: The word pattern as first written, with backtracking quantifiers: what the possessive one must match.
_GREEDY_WORD = re.compile(rf"{_GREEDY_LETTERS}(?:['’\-]{_GREEDY_LETTERS})*")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aZäß1_ -'’.\u0301\u0483\u093d\u0915\u093e\u0e31กЖж", max_size=40))
def test_words_are_those_of_the_backtracking_pattern(text: str) -> None:
    assert paragraph_words(text, 0, len(text)) == _GREEDY_WORD.findall(text)


@pytest.mark.parametrize("name", ["000_4af742517c27e9f8.txt", "002_abadc072636bb697.txt"])
def test_words_found_once_give_the_same_languages_and_runs(name: str) -> None:
    text = (SEEDS / name).read_text(encoding="utf-8")
    words = paragraph_words(text, 0, len(text))
    assert detect_document_language(text, LANGUAGES, words=words) == detect_document_language(text, LANGUAGES)
    start, end = 0, len(text)
    given = find_foreign_runs(text, start, end, document_language="de", languages=LANGUAGES, words=words)
    assert given == find_foreign_runs(text, start, end, document_language="de", languages=LANGUAGES)


@pytest.fixture(scope="module")
def seed_000_text() -> str:
    return (SEEDS / "000_4af742517c27e9f8.txt").read_text(encoding="utf-8")


def test_lingua_alone_labels_german_words_of_seed_000_as_english(seed_000_text: str) -> None:
    """The reason textfix does not trust lingua's mixed-language detection on its own."""
    from lingua import Language, LanguageDetectorBuilder

    detector = LanguageDetectorBuilder.from_languages(
        Language.GERMAN, Language.ENGLISH, Language.RUSSIAN, Language.UKRAINIAN
    ).build()
    english = [
        seed_000_text[r.start_index : r.end_index].strip()
        for r in detector.detect_multiple_languages_of(seed_000_text)
        if r.language == Language.ENGLISH
    ]
    assert "NATO hat" in english
    assert "will Putin" in english


def test_clean_finds_no_english_in_seed_000(seed_000_text: str) -> None:
    result = textfix.clean(seed_000_text)
    english = [seed_000_text[s.start : s.end] for s in result.segments if s.lang == "en"]
    assert english == []


def test_clean_marks_the_russian_of_seed_000_as_foreign(seed_000_text: str) -> None:
    result = textfix.clean(seed_000_text)
    foreign = [seed_000_text[s.start : s.end] for s in result.segments if s.kind == "foreign"]
    assert RUSSIAN in foreign
    assert SWITCHING[: SWITCHING.index(" auf das.")] in foreign


def test_a_run_of_letters_from_no_known_block_is_no_error() -> None:
    """Mojibake whose last "word" is a vulgar fraction (a letter to ``\\w``, of no script) once raised IndexError."""
    text = "ËÅ¢â\ufffdÅ“½"
    assert find_foreign_runs(text, 0, len(text), document_language="en", languages=("de", "en", "ru", "uk")) == []
    assert textfix.clean(f"Die NATO ist besorgt.\n\n{text}\n").language == "de"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aZä9_ .,:;)-’'„“…\u0301\u093fкЖ中\n")), max_size=40))
def test_paragraph_words_are_the_pattern_s_words(text: str) -> None:
    """The word finder's shortcuts (all letters, letters and one mark) find what the word pattern finds."""
    from textfix.language._tokens import TOKEN

    assert paragraph_words(text, 0, len(text)) == TOKEN.findall(text)
