"""Offline translation through the real Argos / CTranslate2 / SentencePiece path, on the toy packages.

The packages in ``models/`` are tiny Marian models built by ``scripts/build_test_models.py``
from ``corpus/parallel/``; they reproduce the sentences of that parallel text.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import zipfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

import textfix
from textfix.cli import app
from textfix.model import ProblemKind
from textfix.translate import MissingModelError, ModelError, ModelStore

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = sorted((ROOT / "models").glob("*.argosmodel"))
SEED = ROOT / "corpus" / "seeds" / "000_4af742517c27e9f8.txt"
CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def _chains(name: str) -> list[dict[str, str]]:
    with (ROOT / "corpus" / "parallel" / name).open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream, delimiter="\t"))


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> ModelStore:
    """Every toy package installed through argostranslate's own install code."""
    models = ModelStore(tmp_path_factory.mktemp("models") / "packages")
    for package in PACKAGES:
        models.install_file(package)
    return models


@pytest.fixture
def models_env(store: ModelStore, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("TEXTFIX_MODELS_DIR", str(store.path))
    yield store.path


def test_packages_install_as_the_pairs_they_declare(store: ModelStore) -> None:
    assert {"ru→en", "en→de"} <= {info.pair for info in store.installed()}
    for info in store.installed():
        assert (info.path / "model" / "model.bin").is_file()
        assert "TOY" in info.description


def test_russian_to_german_pivots_through_english(store: ModelStore) -> None:
    assert [info.pair for info in store.route("ru", "de")] == ["ru→en", "en→de"]
    assert store.route_name("ru", "de") == "ru→en, en→de"


def test_seed_sentences_translate_to_the_parallel_text(store: ModelStore) -> None:
    chains = _chains("seed_chains.tsv")
    assert store.translate([c["ru"] for c in chains], "ru", "en") == [c["en"] for c in chains]
    assert store.translate([c["ru"] for c in chains], "ru", "de") == [c["de"] for c in chains]


def test_seed_000_comes_out_german_throughout(store: ModelStore) -> None:
    original = SEED.read_text(encoding="utf-8")
    result = textfix.clean(original, replace(textfix.Options(), translate=True), models=store)
    assert not CYRILLIC.search(result.output)
    for chain in _chains("seed_chains.tsv"):
        assert chain["de"] in result.output
    assert "sagte Biden, dass die Welt reagieren werde auf das. Er sagte" in result.output
    assert textfix.apply_edits(original, result.edits) == result.output


def test_every_translation_is_in_the_edit_log_with_its_source_and_model(store: ModelStore) -> None:
    original = SEED.read_text(encoding="utf-8")
    result = textfix.clean(original, replace(textfix.Options(), translate=True), models=store)
    translations = [e for e in result.edits if e.kind is textfix.EditKind.TRANSLATION]
    foreign = [s for s in result.segments if s.kind == "foreign"]
    assert [(e.start, e.end) for e in translations] == [(s.start, s.end) for s in foreign]
    for edit in translations:
        assert edit.reason == "translation: ru→de (model ru→en, en→de)"
        detail = edit.translation
        assert detail is not None
        assert (detail.source, detail.target, detail.route) == ("ru", "de", ("ru→en", "en→de"))
        assert len(detail.scores) == 2 and detail.pivot is not None and not CYRILLIC.search(detail.pivot)
        assert CYRILLIC.search(edit.before) and not CYRILLIC.search(edit.after)


def test_a_model_is_loaded_once_and_called_once_per_pair_for_a_batch(store: ModelStore) -> None:
    fresh = ModelStore(store.path)
    chains = _chains("seed_chains.tsv")
    german = "Die NATO hat darauf reagiert und die G7 stellt sich bereits dagegen, sagte er am Montag in Brüssel."
    texts = [f"{german}\n\n{c['ru']}\n\n{german}\n" for c in chains]
    calls: list[int] = []
    translator = fresh._translator(fresh.route("ru", "en")[0])
    real = translator.translator.translate_batch

    def counting(batch: list[list[str]], **kwargs: object) -> object:
        calls.append(len(batch))
        return real(batch, **kwargs)

    translator.translator = _Proxy(translator.translator, translate_batch=counting)
    results = textfix.clean_many(texts, replace(textfix.Options(), translate=True), models=fresh)
    assert calls == [len(chains)]  # one ru→en call carrying the spans of both documents
    assert len(fresh._loaded) == 2
    assert [c["de"] in r.output for c, r in zip(chains, results, strict=True)] == [True] * len(chains)


class _Proxy:
    """Forwards to a real object, with some attributes replaced (to count calls)."""

    def __init__(self, target: object, **overrides: object) -> None:
        self._target, self._overrides = target, overrides

    def __getattr__(self, name: str) -> object:
        return self._overrides.get(name) or getattr(self._target, name)


def test_missing_pair_names_what_to_install(tmp_path: Path, store: ModelStore) -> None:
    partial = ModelStore(tmp_path / "partial")
    partial.install_file(next(p for p in PACKAGES if "ru_en" in p.name))
    with pytest.raises(MissingModelError) as caught:
        textfix.clean(SEED.read_text(encoding="utf-8"), replace(textfix.Options(), translate=True), models=partial)
    assert caught.value.missing == [("en", "de")]
    assert "textfix models install en de" in str(caught.value)


def test_keep_untranslated_keeps_spans_verbatim_and_flags_them(tmp_path: Path) -> None:
    empty = ModelStore(tmp_path / "empty")
    original = SEED.read_text(encoding="utf-8")
    options = replace(textfix.Options(), translate=True, keep_untranslated=True)
    result = textfix.clean(original, options, models=empty)
    foreign = [s for s in result.segments if s.kind == "foreign"]
    assert [(s.start, s.end, s.lang) for s in result.untranslated] == [(s.start, s.end, s.lang) for s in foreign]
    assert result.output == textfix.clean(original).output


def test_cli_fix_translates_and_reports_missing_pairs(models_env: Path, tmp_path: Path) -> None:
    run = CliRunner().invoke(app, ["fix", str(SEED)])
    assert run.exit_code == 0, run.stderr
    assert not CYRILLIC.search(run.stdout)
    empty = tmp_path / "none"
    run = CliRunner().invoke(app, ["fix", "--models-dir", str(empty), "--keep-untranslated", str(SEED)])
    assert run.exit_code == 0
    assert run.stderr.count("kept untranslated (ru, no model)") == 2


def test_cli_models_list_shows_installed_and_needed_pairs(models_env: Path) -> None:
    run = CliRunner().invoke(app, ["models", "list", "--for", str(SEED)])
    assert run.exit_code == 0
    assert "ru→en" in run.stdout and "en→de" in run.stdout
    assert "ru→de  installed (ru→en, en→de)" in run.stdout


def test_cli_models_install_and_remove_a_file(tmp_path: Path) -> None:
    folder = tmp_path / "m"
    package = next(p for p in PACKAGES if "en_de" in p.name)
    run = CliRunner().invoke(app, ["models", "install", "--file", str(package), "--models-dir", str(folder)])
    assert run.exit_code == 0 and "installed en→de" in run.stdout
    run = CliRunner().invoke(app, ["models", "remove", "en", "de", "--models-dir", str(folder)])
    assert run.exit_code == 0
    assert ModelStore(folder).installed() == []


def test_offline_install_from_the_index_says_how_to_install_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import urllib.request

    def unreachable(*args: object, **kwargs: object) -> object:
        raise urllib.error.URLError("no network here")

    monkeypatch.setattr(urllib.request, "urlopen", unreachable)
    run = CliRunner().invoke(app, ["models", "install", "ru", "en", "--models-dir", str(tmp_path)])
    assert run.exit_code == 1
    assert "cannot reach the Argos package index" in run.stderr
    assert "textfix models install --file PACKAGE.argosmodel" in run.stderr


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: data[: len(data) // 2], id="truncated"),
        pytest.param(lambda data: b"not a zip at all", id="not-a-zip"),
        pytest.param(lambda data: data[:4000] + bytes(len(data) - 4000), id="zeroed-tail"),
    ],
)
def test_a_corrupt_package_is_refused_and_leaves_nothing_behind(tmp_path: Path, damage: object) -> None:
    package = next(p for p in PACKAGES if "ru_en" in p.name)
    broken = tmp_path / "broken.argosmodel"
    broken.write_bytes(damage(package.read_bytes()))  # type: ignore[operator]
    store = ModelStore(tmp_path / "store")
    with pytest.raises(ModelError):
        store.install_file(broken)
    assert store.installed() == []


def test_a_package_without_metadata_is_refused(tmp_path: Path) -> None:
    archive = tmp_path / "empty.argosmodel"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("something/readme.txt", "hello")
    with pytest.raises(ModelError, match=r"no single folder with metadata\.json"):
        ModelStore(tmp_path / "store").install_file(archive)


def test_a_package_that_fails_to_load_is_a_model_error(tmp_path: Path, store: ModelStore) -> None:
    copy = ModelStore(tmp_path / "copy")
    info = store.find("ru", "en")
    assert info is not None
    shutil.copytree(info.path, copy.path / info.path.name)
    (copy.path / info.path.name / "model" / "model.bin").write_bytes(b"garbage")
    with pytest.raises(ModelError, match="cannot load the ru→en model"):
        copy.translate(["Мы обеспокоены тем фактом."], "ru", "en")


def test_glossary_names_come_out_canonical_in_the_translation(store: ModelStore) -> None:
    from textfix.glossary import builtin_glossary

    original = SEED.read_text(encoding="utf-8")
    options = replace(textfix.Options(), translate=True, glossary=builtin_glossary())
    result = textfix.clean(original, options, models=store)
    assert "sagte Stoltenberg." in result.output
    assert "Столтенберг" not in result.output and "Stoltenberh" not in result.output
    assert [p for p in result.problems if p.kind is not ProblemKind.TEST_MODEL] == []
    assert textfix.apply_edits(original, result.edits) == result.output


def test_names_a_model_loses_are_reported_not_dropped_silently(store: ModelStore) -> None:
    from textfix.glossary import builtin_glossary

    german = "Die NATO hat darauf reagiert und die G7 stellt sich bereits dagegen, sagte er am Montag."
    text = f"{german}\n\nСтолтенберг прилетел в Пхеньян вчера вечером на самолете.\n"
    options = replace(textfix.Options(), translate=True, glossary=builtin_glossary())
    result = textfix.clean(text, options, models=store)  # the toy model knows none of this sentence
    start = text.index("Столтенберг")
    assert [(p.kind, p.term, p.start, p.message) for p in result.problems if p.kind is ProblemKind.NAME_LOST] == [
        (ProblemKind.NAME_LOST, "stoltenberg", start,
         "glossary name 'Столтенберг' (Stoltenberg) was lost in translation"),
        (ProblemKind.NAME_LOST, "pyongyang", start, "glossary name 'Пхеньян' (Pjöngjang) was lost in translation"),
    ]
    assert text[result.problems[0].start : result.problems[0].end].startswith("Столтенберг прилетел")


def test_a_test_model_is_never_used_without_a_warning(store: ModelStore, models_env: Path) -> None:
    assert all(info.test_model for info in store.installed())
    result = textfix.clean(SEED.read_text(encoding="utf-8"), replace(textfix.Options(), translate=True), models=store)
    tested = [p for p in result.problems if p.kind is ProblemKind.TEST_MODEL]
    translations = [e for e in result.edits if e.kind is textfix.EditKind.TRANSLATION]
    assert [(p.start, p.end) for p in tested] == [(e.start, e.end) for e in translations]
    assert "test model (ru→en, en→de)" in tested[0].message
    run = CliRunner().invoke(app, ["fix", "--to", "en", str(SEED)])
    assert run.exit_code == 0
    warnings = [line for line in run.stderr.splitlines() if "translated with a test model" in line]
    assert [w.split("test model ")[1].split(")")[0] for w in warnings] == ["(de→en", "(ru→en"]
    assert all("install a real package for real translations" in w for w in warnings)


def test_cli_fix_reports_names_lost_in_translation_in_the_report_the_review_and_on_stderr(
    models_env: Path, tmp_path: Path
) -> None:
    german = "Die NATO hat darauf reagiert und die G7 stellt sich bereits dagegen, sagte er am Montag."
    source = tmp_path / "article.txt"
    source.write_text(f"{german}\n\nСтолтенберг прилетел в Пхеньян вчера вечером на самолете.\n", encoding="utf-8")
    report, pages = tmp_path / "report.json", tmp_path / "review"
    run = CliRunner().invoke(app, ["fix", str(source), "-o", str(tmp_path / "out.txt"), "--report", str(report),
                                   "--diff-html", str(pages)])
    assert run.exit_code == 0, run.stderr
    lost = ["glossary name 'Столтенберг' (Stoltenberg) was lost in translation",
            "glossary name 'Пхеньян' (Pjöngjang) was lost in translation"]
    start = source.read_text(encoding="utf-8").index("Столтенберг")
    end = len(source.read_text(encoding="utf-8")) - 1
    lines = run.stderr.splitlines()
    assert lines[:2] == [f"textfix: {source}: {message} (characters {start}-{end})" for message in lost]
    assert len(lines) == 3 and "translated with a test model" in lines[2]
    [document] = json.loads(report.read_text(encoding="utf-8"))["documents"]
    assert document["summary"]["glossary_problems"] == lost
    assert [p["kind"] for p in document["problems"]] == ["name-lost", "name-lost", "test-model"]
    page = (pages / "article.html").read_text(encoding="utf-8")
    assert "was lost in translation" in page


def test_ukrainian_pivots_to_german(store: ModelStore) -> None:
    chains = _chains("uk_chains.tsv")
    assert store.translate([c["uk"] for c in chains], "uk", "de") == [c["de"] for c in chains]


def test_whole_document_into_english_keeps_its_paragraphs(store: ModelStore) -> None:
    chains = _chains("uk_chains.tsv")
    german = [c["de"] for c in chains[:3]]
    text = "\n\n".join(german) + "\n"
    result = textfix.clean(text, replace(textfix.Options(), target_language="en"), models=store)
    assert result.output.split("\n\n") == [c["en"] for c in chains[:2]] + [chains[2]["en"] + "\n"]


def test_cli_diff_shows_each_translation_with_its_model(models_env: Path) -> None:
    run = CliRunner().invoke(app, ["diff", "--translate", "--width", "160", str(SEED)])
    assert run.exit_code == 0, run.stderr
    assert run.stdout.count("{translation: ru→de") == 2  # the label may wrap after this
    assert "{+Wir sind besorgt darüber" in run.stdout


def test_fix_and_models_list_give_the_same_install_hint(tmp_path: Path) -> None:
    folder = tmp_path / "only-en-de"
    ModelStore(folder).install_file(next(p for p in PACKAGES if "en_de" in p.name))
    fix = CliRunner().invoke(app, ["fix", "--models-dir", str(folder), str(SEED)])
    listed = CliRunner().invoke(app, ["models", "list", "--models-dir", str(folder), "--for", str(SEED)])
    assert fix.exit_code == 1 and listed.exit_code == 0
    remedy = ("install with `textfix models install ru en` or, offline, "
              "`textfix models install --file PACKAGE.argosmodel`")
    assert remedy in fix.stderr
    assert f"ru→de  MISSING (ru→en): {remedy}" in listed.stdout


def test_models_list_of_a_folder_that_does_not_exist_is_an_error(tmp_path: Path) -> None:
    run = CliRunner().invoke(app, ["models", "list", "--models-dir", str(tmp_path / "nope")])
    assert run.exit_code == 1
    assert run.stderr.startswith(f"textfix: {tmp_path / 'nope'}: no such folder") and run.stderr.count("\n") == 1
