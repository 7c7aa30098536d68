"""Options: checked when made, one function for a user's choices, usage errors on the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from textfix import OptionsError, TextfixError
from textfix.batch import BatchConfig, run_corpus, run_jsonl
from textfix.cli import app
from textfix.errors import OutputError
from textfix.options import KNOWN_LANGUAGES, Options, options_from_choices

SEED = Path(__file__).resolve().parents[1] / "corpus" / "seeds" / "000_4af742517c27e9f8.txt"


def test_the_known_languages_are_lingua_s() -> None:
    from lingua import Language

    assert {language.iso_code_639_1.name.lower() for language in Language.all()} == KNOWN_LANGUAGES


@pytest.mark.parametrize(
    ("changes", "fragment"),
    [
        pytest.param({"languages": ("de", "xx")}, "unknown language code 'xx'", id="unknown-code"),
        pytest.param({"languages": ("ger", "rus")}, "unknown language code 'ger'", id="three-letter-codes"),
        pytest.param({"languages": ()}, "at least one language", id="none"),
        pytest.param({"languages": ("de", "de")}, "named twice", id="repeated"),
        pytest.param({"document_language": "fr"}, "'fr' is not among the languages", id="document-language"),
        pytest.param({"target_language": "klingon"}, "unknown language code 'klingon'", id="target"),
        pytest.param({"min_foreign_words": 0}, "at least 1", id="min-words"),
    ],
)
def test_bad_options_raise_an_options_error(changes: dict[str, object], fragment: str) -> None:
    with pytest.raises(OptionsError, match=fragment) as raised:
        Options(**changes)  # type: ignore[arg-type]
    assert isinstance(raised.value, TextfixError) and isinstance(raised.value, ValueError)


def test_an_unknown_code_error_names_the_valid_codes() -> None:
    with pytest.raises(OptionsError) as raised:
        Options(languages=("xx",))
    assert "de, en, ru, uk" in str(raised.value) and ", zh, zu" in str(raised.value)


def test_choices_become_options_with_the_glossary_loaded() -> None:
    options = options_from_choices(languages=" DE, en ", document_language="De", translate=True, glossary=True)
    assert (options.languages, options.document_language, options.translates) == (("de", "en"), "de", True)
    assert options.glossary is not None and "stoltenberg" in options.glossary
    assert options_from_choices().glossary is None


@pytest.mark.parametrize(
    ("languages", "fragment"),
    [
        pytest.param("de,xx", "unknown language code 'xx'", id="one-unknown"),
        pytest.param("ger,rus", "unknown language code 'ger'", id="three-letter"),
        pytest.param("xx", "unknown language code 'xx'", id="only-unknown"),
    ],
)
def test_cli_bad_language_codes_are_a_usage_error(languages: str, fragment: str) -> None:
    run = CliRunner().invoke(app, ["segment", "--languages", languages, str(SEED)])
    assert run.exit_code == 2
    assert fragment in run.stderr and "Traceback" not in run.stderr
    assert run.stdout == ""


def test_cli_document_language_outside_the_languages_is_a_usage_error() -> None:
    run = CliRunner().invoke(app, ["fix", "--no-translate", "--languages", "de,en", "--lang", "ru", str(SEED)])
    assert run.exit_code == 2
    assert "'ru' is not among the languages de, en" in run.stderr


def test_a_json_lines_run_never_writes_over_its_input_from_python_either(tmp_path: Path) -> None:
    source = tmp_path / "corpus.jsonl"
    source.write_text(json.dumps({"text": "Die NATO ist besorgt .\n"}) + "\n", encoding="utf-8")
    before = source.read_bytes()
    with pytest.raises(OutputError, match="refusing to overwrite the input"):
        run_jsonl(source, source, "text", BatchConfig(workers=1))
    with pytest.raises(OutputError, match="refusing to overwrite the input"):
        run_corpus([str(source)], tmp_path, BatchConfig(workers=1))
    assert source.read_bytes() == before


def test_a_corpus_run_routes_and_refuses_what_cannot_go_together(tmp_path: Path) -> None:
    with pytest.raises(OptionsError, match="need --output DIR"):
        run_corpus([str(tmp_path)], None)
    with pytest.raises(OptionsError, match="on its own"):
        run_corpus(["a.jsonl", "b.jsonl"], tmp_path)
