"""How sure each translation is: the models' own scores, the pivot text, glossary placeholders,
``--min-confidence``, and rejecting a translation in review. On the toy packages of ``models/``:
they memorised the sentences of ``corpus/parallel/`` and translate nothing else."""

from __future__ import annotations

import csv
import json
import math
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

import textfix
from textfix.cli import app
from textfix.decisions import Decisions, apply_decisions
from textfix.glossary import builtin_glossary
from textfix.model import EditKind, ProblemKind
from textfix.render.report import document_report, untranslated_spans
from textfix.translate import ModelStore

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "seeds" / "000_4af742517c27e9f8.txt"
#: Russian news sentences that are nowhere in corpus/parallel/ (a test checks it).
UNSEEN = [
    "Кошка спит на диване у окна весь день.",
    "Вчера в городе открылся новый музей современного искусства.",
    "Цены на хлеб и молоко снова выросли в этом месяце.",
    "Футбольная команда выиграла матч со счётом три один.",
]
GERMAN = "Die NATO hat darauf reagiert und die G7 stellt sich bereits dagegen, sagte er am Montag in Brüssel."


def _parallel(name: str) -> list[dict[str, str]]:
    with (ROOT / "corpus" / "parallel" / name).open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream, delimiter="\t"))


MEMORISED = [row["source"] for row in _parallel("ru-en.tsv")[:8]]
#: A memorised sentence long enough to be a foreign span in a German article.
SEEN = MEMORISED[2]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> ModelStore:
    models = ModelStore(tmp_path_factory.mktemp("models") / "packages")
    for package in sorted((ROOT / "models").glob("*.argosmodel")):
        models.install_file(package)
    return models


def test_the_unseen_sentences_are_unseen() -> None:
    known = {row["source"] for row in _parallel("ru-en.tsv")}
    assert not known & set(UNSEEN)


@pytest.mark.parametrize(("target", "hops"), [pytest.param("en", 1, id="ru-en"), pytest.param("de", 2, id="ru-en-de")])
def test_memorised_sentences_score_higher_than_unseen_ones(store: ModelStore, target: str, hops: int) -> None:
    memorised = store.translate_scored(MEMORISED, "ru", target)
    unseen = store.translate_scored(UNSEEN, "ru", target)
    assert all(len(t.scores) == hops for t in memorised + unseen)
    assert min(t.confidence for t in memorised) > max(t.confidence for t in unseen)
    for hop in range(hops):  # each hop on its own, too
        assert min(t.scores[hop] for t in memorised) > max(t.scores[hop] for t in unseen)


def test_a_score_is_the_mean_log_probability_per_target_token(store: ModelStore) -> None:
    """Checked against CTranslate2's own scoring of the tokens the model produced (end token included)."""
    info = store.route("ru", "en")[0]
    translator = store._translator(info)
    for sentence in [MEMORISED[0], UNSEEN[0]]:
        [scored] = store.translate_scored([sentence], "ru", "en")
        source = translator.tokenizer.encode(sentence, out_type=str)
        target = translator.translator.translate_batch([source], beam_size=4, length_penalty=0.2)[0].hypotheses[0]
        [check] = translator.translator.score_batch([source], [target])
        assert scored.scores[0] == pytest.approx(sum(check.log_probs) / len(check.log_probs), abs=0.01)
        assert scored.confidence == pytest.approx(math.exp(scored.scores[0]))


def test_a_pivot_keeps_its_english_text(store: ModelStore) -> None:
    chain = _parallel("seed_chains.tsv")[0]
    [scored] = store.translate_scored([chain["ru"]], "ru", "de")
    assert (scored.pivot, scored.text) == (chain["en"], chain["de"])
    [direct] = store.translate_scored([chain["ru"]], "ru", "en")
    assert direct.pivot is None and direct.scores[0] == pytest.approx(scored.scores[0])


def test_translation_edits_carry_scores_pivot_and_placeholders(store: ModelStore) -> None:
    text = f"{GERMAN}\n\n{SEEN}\n\nСтолтенберг прилетел в Пхеньян вчера вечером на самолете.\n"
    options = replace(textfix.Options(), translate=True, glossary=builtin_glossary())
    result = textfix.clean(text, options, models=store)
    seen, unseen = [e.translation for e in result.edits if e.kind is EditKind.TRANSLATION]
    assert seen is not None and unseen is not None
    # The toy models drop the placeholder of "Северная Корея" and of the unseen sentence's names:
    # both spans were translated again as they are, and the names looked for in that output.
    assert (seen.names_kept, unseen.names_kept) == (False, False)
    plain = textfix.clean(text, replace(options, glossary=None), models=store)
    assert [e.translation.names_kept for e in plain.edits if e.translation is not None] == [None, None]
    assert seen.confidence is not None and unseen.confidence is not None and seen.confidence > unseen.confidence
    assert seen.pivot == "North Korea has sent thousands of containers and millions of shells to Russia."
    edits = [e for e in document_report(result)["edits"] if e["kind"] == "translation"]  # type: ignore[union-attr]
    assert [sorted(set(e) - {"id", "start", "end", "before", "after", "reason", "kind", "reasons"}) for e in edits] == [
        ["confidence", "model", "names_kept", "pivot", "scores", "source", "target"],
        ["confidence", "model", "names_kept", "pivot", "scores", "source", "target"],
    ]
    assert edits[0]["confidence"] == pytest.approx(seen.confidence) and len(edits[0]["scores"]) == 2
    translations = [e for e in result.edits if e.kind is EditKind.TRANSLATION]
    assert [textfix.Edit.from_json(e) for e in edits] == translations


def test_placeholders_that_survive_are_recorded(store: ModelStore) -> None:
    result = textfix.clean(SEED.read_text(encoding="utf-8"),
                           replace(textfix.Options(), translate=True, glossary=builtin_glossary()), models=store)
    details = [e.translation for e in result.edits if e.translation is not None]
    assert [d.names_kept for d in details if d is not None] == [True, False]
    assert all(d is not None and "ZXQ" not in (d.pivot or "") for d in details)


def test_min_confidence_keeps_the_unseen_span_verbatim_and_reports_it(store: ModelStore) -> None:
    text = f"{GERMAN}\n\n{SEEN}\n\n{UNSEEN[1]}\n"
    options = replace(textfix.Options(), translate=True, min_confidence=0.8)
    result = textfix.clean(text, options, models=store)
    assert "Nordkorea hat Tausende Container" in result.output
    assert UNSEEN[1] in result.output
    [low] = [p for p in result.problems if p.kind is ProblemKind.LOW_CONFIDENCE]
    assert text[low.start : low.end] == UNSEEN[1]
    assert low.message.startswith("kept untranslated: the model's confidence 0.3") and "below 0.80" in low.message
    assert [s["text"] for s in untranslated_spans(result)] == [UNSEEN[1]]
    assert [p.kind for p in result.problems if p.start == low.start] == [ProblemKind.LOW_CONFIDENCE]


def test_cli_min_confidence(store: ModelStore, tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text(f"{GERMAN}\n\n{SEEN}\n\n{UNSEEN[1]}\n", encoding="utf-8")
    report = tmp_path / "r.json"
    run = CliRunner().invoke(app, ["fix", "--models-dir", str(store.path), "--min-confidence", "0.8", str(source),
                                   "--report", str(report)])
    assert run.exit_code == 0, run.stderr
    assert UNSEEN[1] in run.stdout and "Nordkorea hat" in run.stdout
    start = source.read_text(encoding="utf-8").index(UNSEEN[1])
    assert f"{source}: kept untranslated: the model's confidence 0." in run.stderr
    assert "below 0.80 (ru→en 0." in run.stderr and f"characters {start}-{start + len(UNSEEN[1])}" in run.stderr
    [document] = json.loads(report.read_text(encoding="utf-8"))["documents"]
    assert [p["kind"] for p in document["problems"]] == ["test-model", "low-confidence"]
    run = CliRunner().invoke(app, ["fix", "--models-dir", str(store.path), "--min-confidence", "1.5", str(source)])
    assert run.exit_code == 2


def test_the_report_counts_low_confidence_translations(store: ModelStore) -> None:
    text = f"{GERMAN}\n\n{SEEN}\n\n{UNSEEN[1]}\n"
    result = textfix.clean(text, replace(textfix.Options(), translate=True), models=store)
    [low] = document_report(result)["summary"]["low_confidence"]  # type: ignore[index]
    assert text[low["start"] : low["end"]] == UNSEEN[1] and 0 < low["confidence"] < 0.5


def test_a_rejected_translation_keeps_its_span_and_counts_as_untranslated(store: ModelStore) -> None:
    original = SEED.read_text(encoding="utf-8")
    result = textfix.clean(original, replace(textfix.Options(), translate=True), models=store)
    first, second = [e for e in result.edits if e.kind is EditKind.TRANSLATION]
    decided = apply_decisions(result, Decisions.for_result(result, rejected=[second.id]))
    assert second.before.rstrip() in decided.output and first.after in decided.output
    assert textfix.apply_edits(original, decided.edits) == decided.output
    assert [(s.start, s.end, s.reason) for s in decided.untranslated] == [
        (second.start, second.end, "translation rejected in review")]
    assert [p.start for p in decided.problems] == [first.start]  # the test-model warning went with it
    untranslated = document_report(decided)["summary"]["untranslated"]  # type: ignore[index]
    assert [s["start"] for s in untranslated] == [second.start]
    assert decided.output == result.output.replace(second.after, textfix.clean(second.before).output.strip())
