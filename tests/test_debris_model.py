"""The debris line model on furniture the patterns do not know, and what it must never do."""

from __future__ import annotations

from pathlib import Path

import pytest

import textfix
from textfix.debris.features import is_plain_prose, is_protected, local_features
from textfix.debris.model import CLASSES, ArticleJudge, LineModel, judge_lines, load_model
from textfix.evaluate.gold import load_gold

ROOT = Path(__file__).resolve().parents[1]

# An invented site (not in any corpus): its furniture's wording is in no pattern list.
ARTICLE = """\
Kreistag beschließt neues Busnetz für den Landkreis

Aktualisiert am 14.03.2024 um 17:45

Eine Reportage von Miriam Albers

Der Kreistag hat am Mittwochabend mit großer Mehrheit ein neues Busnetz beschlossen. Ab dem Sommer sollen die Linien in den Dörfern im Stundentakt fahren, am Wochenende bis Mitternacht.

Landrat Peter Voss sprach von einem „Meilenstein für den ländlichen Raum“. Die Kosten von rund vier Millionen Euro im Jahr teilen sich der Kreis und die beteiligten Gemeinden.

Kritik kam von der Opposition, die eine schnellere Umsetzung gefordert hatte. Sie will die ersten Fahrpläne im Herbst prüfen und gegebenenfalls nachbessern lassen.

Die Verkehrsbetriebe suchen für das neue Netz noch rund vierzig Fahrerinnen und Fahrer.

Auch interessant für Sie

Neue Radwege zwischen den Ortsteilen geplant

Wie das Hallenbad gerettet werden soll
"""


def _removed(text: str) -> dict[str, str]:
    result = textfix.clean(text)
    return {text[s.start : s.end]: s.reason or "" for s in result.segments if s.kind == "debris"}


def test_furniture_outside_the_lists_is_removed_with_its_class() -> None:
    removed = _removed(ARTICLE)
    assert removed.get("Aktualisiert am 14.03.2024 um 17:45") == "dateline"
    assert removed.get("Eine Reportage von Miriam Albers") == "byline"
    assert removed.get("Auch interessant für Sie") == "related"
    assert removed.get("Wie das Hallenbad gerettet werden soll") == "related"


def test_the_article_itself_stays() -> None:
    result = textfix.clean(ARTICLE)
    assert result.output.startswith("Kreistag beschließt neues Busnetz für den Landkreis\n")
    assert "Die Verkehrsbetriebe suchen für das neue Netz noch rund vierzig Fahrerinnen und Fahrer." in result.output
    assert "Landrat Peter Voss" in result.output


def test_every_removal_says_which_class_decided_in_the_edit_log() -> None:
    result = textfix.clean(ARTICLE)
    reasons = {e.reason for e in result.edits if e.kind is textfix.EditKind.DEBRIS}
    assert {"debris: dateline", "debris: byline", "debris: related"} <= reasons


def test_plain_prose_is_never_weighed() -> None:
    line = "Der Kreistag hat am Mittwochabend mit großer Mehrheit ein neues Busnetz für alle Dörfer beschlossen."
    assert is_plain_prose(line)
    assert judge_lines(["Überschrift", line, "Teilen", line], [None] * 4)[1] is None


def _lines() -> list[str]:
    return [line for line in ARTICLE.splitlines() if line.strip()]


def test_a_judge_weighs_each_line_once_however_often_it_is_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    # segment_text asks again with the duplicates as fixed lines: a line's own evidence is not found twice.
    lines = _lines()
    asked: list[str] = []
    own = LineModel.own
    monkeypatch.setattr(LineModel, "own", lambda self, line: asked.append(line) or own(self, line))
    judge = ArticleJudge(lines)
    fixings: list[list[str | None]] = [[None] * len(lines), [None] * (len(lines) - 1) + ["repeated headline"]]
    verdicts = [judge.judge(fixed) for fixed in fixings]
    assert sorted(asked) == sorted({line for line in lines if not is_plain_prose(line)})
    assert verdicts == [judge_lines(lines, fixed) for fixed in fixings]  # the same answers as a fresh judge


def test_a_text_without_furniture_is_searched_for_duplicates_once(monkeypatch: pytest.MonkeyPatch) -> None:
    import textfix.segment

    calls: list[int] = []
    find = textfix.segment.find_duplicates
    monkeypatch.setattr(textfix.segment, "find_duplicates", lambda lines: calls.append(len(lines)) or find(lines))
    prose = [line for line in _lines() if is_plain_prose(line)]
    repeated = "\n\n".join([*prose, prose[0]])
    result = textfix.clean(repeated)
    assert [s.kind for s in result.segments].count("duplicate") == 1
    assert len(calls) == 1  # the model took nothing after the duplicate went: both agree at once


@pytest.mark.parametrize(
    "text",
    [
        "Kreistag beschließt neues Busnetz",
        "Aktualisiert am 14.03.2024\n\nEine Reportage von Miriam Albers\n",
        "Hallo Welt\n\nNoch eine Zeile\n",
    ],
)
def test_a_text_without_prose_keeps_what_the_patterns_do_not_take(text: str) -> None:
    # Nothing to judge furniture against: a title, a list of labels, a note.
    assert textfix.clean(text).output.split() == text.split()


def test_cleaning_the_output_again_removes_nothing_more() -> None:
    documents = load_gold(ROOT / "corpus" / "gold")
    for part in ("tune", "heldout"):
        if (ROOT / "corpus" / "debris" / part).is_dir():
            documents += load_gold(ROOT / "corpus" / "debris" / part)
    documents.append(load_gold(ROOT / "corpus" / "gold")[0].__class__("article", "de", ARTICLE, ()))
    for document in documents:
        once = textfix.clean(document.text).output
        twice = textfix.clean(once)
        removed = [once[s.start : s.end] for s in twice.segments if s.kind in ("debris", "duplicate")]
        assert removed == [], document.name


def test_the_shipped_model_knows_every_class() -> None:
    model = load_model()
    assert set(model.stage1) == set(CLASSES) == set(model.stage2)
    assert 0.0 < model.threshold < 1.0


def test_features_see_shapes_in_every_language() -> None:
    assert {"date", "time", "v_dateline"} <= set(local_features("13 июня 2024, 15:20 · Оновлено"))
    assert "duration" in local_features("Время чтения: 4 минуты")
    assert "name_pair" in local_features("Reporting by Sarah Miles; Editing by Tom Ray")
    assert "v_credit" in local_features("Фото пресс-службы")


# An invented site again: its call to the reader is a whole sentence, as is the interview question.
CALL_ARTICLE = """\
Stadtwerke erhöhen die Preise für Fernwärme

Die Stadtwerke haben am Dienstag angekündigt, die Preise für Fernwärme zum ersten Januar um durchschnittlich zwölf Prozent zu erhöhen. Betroffen sind rund 40.000 Haushalte im Stadtgebiet.

Herr Kessler, haben Sie mit so viel Kritik an der Preiserhöhung gerechnet?

Wir haben damit gerechnet, sagte der Geschäftsführer. Die Beschaffungskosten für Erdgas seien im vergangenen Jahr deutlich gestiegen, und das müsse man weitergeben.

Der Mieterverein kündigte an, die Preisformel prüfen zu lassen, und rief die Betroffenen auf, Widerspruch einzulegen.

Gefällt Ihnen dieser Beitrag? Empfehlen Sie uns weiter und abonnieren Sie unseren Abendbrief.
"""


def test_a_sentence_that_calls_the_reader_is_weighed_and_removed() -> None:
    removed = _removed(CALL_ARTICLE)
    assert removed == {
        "Gefällt Ihnen dieser Beitrag? Empfehlen Sie uns weiter und abonnieren Sie unseren Abendbrief.": "boilerplate"
    }


def test_an_interview_question_to_you_stays() -> None:
    assert "Herr Kessler, haben Sie mit so viel Kritik an der Preiserhöhung gerechnet?" in textfix.clean(CALL_ARTICLE).output


@pytest.mark.parametrize(
    ("line", "protected"),
    [
        pytest.param("Sign up here for our daily briefing on money and markets.", False, id="call-and-self-reference"),
        pytest.param("Якщо ви помітили помилку, виділіть текст і натисніть Ctrl+Enter.", False, id="uk-imperative-to-you"),
        pytest.param("Reporting by Anna Berg in Kyiv and Tom Hale in Lviv; Editing by Mark Stone", False, id="credits"),
        pytest.param("Haben Sie das erwartet, fragte die Moderatorin den Minister am Ende der Sendung?", True, id="question"),
        pytest.param('"Sign the petition," the organisers told the crowd in front of the town hall.', True, id="quoted"),
        pytest.param("A nurse prepares a dose of vaccine at a clinic in the city centre. (Paul Lind/Ledger)", False,
                     id="caption-source"),
        pytest.param("[2/5] Firefighters work through the night at the warehouse on the edge of the port.", False,
                     id="gallery-counter"),
        pytest.param("Das sagte der Fraktionschef am Montag in Berlin vor der Presse (CDU/CSU).", True,
                     id="party-in-brackets"),
    ],
)
def test_strong_evidence_overrules_the_protection_of_a_sentence(line: str, protected: bool) -> None:
    assert is_protected(line, inside_prose=True) is protected


def test_a_long_paragraph_with_a_link_stays_protected() -> None:
    line = (
        "The air quality in the capital was horrific on Sunday, but also depressingly predictable, and the "
        "extreme pollution events that happen across the north every November are not only a matter of the "
        "festival season, as the city's own figures on https://example.org/air show year after year."
    )
    assert is_protected(line, inside_prose=False)


def test_a_question_headline_after_the_prose_is_weighed_but_not_before_it() -> None:
    teaser = "Night trains across the Alps: will the new timetable last beyond the summer?"
    assert not is_protected(teaser, inside_prose=False, after_prose=True)
    assert is_protected(teaser, inside_prose=False, after_prose=False)  # the article's own headline
    assert is_protected("Weitere Vorstellungen: 8., 12. und 20. September, jeweils um 19 Uhr.", False, after_prose=True)


# An invented site's article: a subheading inside the prose, then two headlines of other
# articles after it with no cue line ("Mehr zum Thema") before them.
TEASERS = """\
Stadtwerke senken den Gaspreis zum ersten April

Die Stadtwerke senken den Arbeitspreis für Gas zum ersten April um knapp zwei Cent je Kilowattstunde. Ein Haushalt mit einem Verbrauch von 15.000 Kilowattstunden spart damit rund 300 Euro im Jahr.

Was Kunden jetzt wissen müssen

Wer einen Vertrag in der Grundversorgung hat, muss nichts tun: Der neue Preis gilt automatisch. Sonderverträge werden nach Angaben des Versorgers zum selben Datum angepasst.

Die Verbraucherzentrale rät dennoch, die Abrechnung im Frühjahr genau zu prüfen und Zählerstände zu notieren.

Neues Hallenbad öffnet nach drei Jahren Bauzeit

Nahverkehr: Stadtbahn fährt ab Mai im Zehn-Minuten-Takt

Bürgermeisterin kündigt Sparkurs für den Haushalt an
"""


def test_headlines_of_other_articles_after_the_prose_go_without_a_cue_line() -> None:
    removed = _removed(TEASERS)
    assert removed.get("Neues Hallenbad öffnet nach drei Jahren Bauzeit") == "related"
    assert removed.get("Nahverkehr: Stadtbahn fährt ab Mai im Zehn-Minuten-Takt") == "related"
    assert removed.get("Bürgermeisterin kündigt Sparkurs für den Haushalt an") == "related"
    output = textfix.clean(TEASERS).output
    assert "Was Kunden jetzt wissen müssen" in output  # the article's subheading, inside its prose
    assert output.startswith("Stadtwerke senken den Gaspreis zum ersten April\n")
