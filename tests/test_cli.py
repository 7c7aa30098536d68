"""The command line: contracts, outputs written safely, one-line errors with the right exit code."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from textfix.cli import app

ARTICLE = (
    "Die NATO ist besorgt\n\nDie NATO ist besorgt Sofia Rozhik\n\n"
    "Мы обеспокоены тем фактом, что Россия и Северная Корея сближаются.\n\n"
    "Die NATO hat darauf reagiert , sagte er .\n\nLeave a Reply\n"
)
CLEANED = (
    "Die NATO ist besorgt\n\nМы обеспокоены тем фактом, что Россия и Северная Корея сближаются.\n\n"
    "Die NATO hat darauf reagiert, sagte er.\n"
)


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def run(*args: str, stdin: str | bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_segment_json_has_exactly_the_contract_fields(article: Path) -> None:
    code, out, _ = run("segment", "--json", str(article))
    assert code == 0
    payload = json.loads(out)
    assert set(payload) == {"language", "segments", "flags"}
    assert payload["flags"] == []
    assert payload["language"] == "de"
    kinds = [(s["kind"], s["lang"], s["reason"]) for s in payload["segments"]]
    assert kinds == [
        ("text", "de", None),
        ("duplicate", "de", "repeated headline"),
        ("debris", None, "byline"),
        ("foreign", "ru", None),
        ("text", "de", None),
        ("debris", None, "boilerplate"),
    ]
    for segment in payload["segments"]:
        assert set(segment) == {"start", "end", "kind", "lang", "reason"}


def test_segment_terminal_view_labels_kind_and_language(article: Path) -> None:
    code, out, _ = run("segment", str(article))
    assert code == 0
    assert "[FOREIGN ru] Мы обеспокоены" in out
    assert "[DEBRIS boilerplate] Leave a Reply" in out
    assert "\x1b[" not in out  # not a terminal: no colour codes


def test_segment_reads_standard_input() -> None:
    code, out, _ = run("segment", "--json", "-", stdin=ARTICLE.encode())
    assert code == 0 and json.loads(out)["language"] == "de"


def test_fix_prints_the_cleaned_text(article: Path) -> None:
    code, out, _ = run("fix", "--no-translate", str(article))
    assert (code, out) == (0, CLEANED)


def test_fix_writes_one_output_per_input_into_a_folder(tmp_path: Path, article: Path) -> None:
    other = tmp_path / "other.html"
    other.write_text("<html><body><h1>Titel hier</h1><p>Ein Satz &amp; noch einer .</p></body></html>", "utf-8")
    code, _, err = run("fix", "--no-translate", str(article), str(other), "-o", str(tmp_path / "out"))
    assert code == 0, err
    assert (tmp_path / "out" / "article.txt").read_text(encoding="utf-8") == CLEANED
    assert (tmp_path / "out" / "other.txt").read_text(encoding="utf-8") == "Titel hier\n\nEin Satz & noch einer.\n"
    assert article.read_text(encoding="utf-8") == ARTICLE


def test_fix_refuses_to_overwrite_its_input(article: Path) -> None:
    code, _, err = run("fix", "--no-translate", str(article), "-o", str(article))
    assert code == 1
    assert err.strip().count("\n") == 0 and "refusing to overwrite an input" in err
    assert article.read_text(encoding="utf-8") == ARTICLE


def test_fix_in_place_rewrites_the_input_when_asked(article: Path) -> None:
    code, _, _ = run("fix", "--no-translate", "--in-place", str(article))
    assert code == 0
    assert article.read_text(encoding="utf-8") == CLEANED


def test_fix_into_a_missing_folder_is_a_one_line_error(tmp_path: Path, article: Path) -> None:
    code, _, err = run("fix", "--no-translate", str(article), "-o", str(tmp_path / "missing" / "out.txt"))
    assert code == 1
    missing = tmp_path / "missing"
    assert err == f"textfix: {missing / 'out.txt'}: cannot write: folder {missing} does not exist\n"


def test_binary_input_is_a_one_line_error_and_exit_1(tmp_path: Path) -> None:
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    code, out, err = run("fix", "--no-translate", str(binary))
    assert (code, out) == (1, "")
    assert err == f"textfix: {binary}: looks like a binary file, not text\n"


def test_missing_input_is_reported_and_the_other_inputs_still_written(tmp_path: Path, article: Path) -> None:
    code, _, err = run("fix", "--no-translate", str(tmp_path / "nope.txt"), str(article), "-o", str(tmp_path / "o"))
    assert code == 1
    assert err == f"textfix: {tmp_path / 'nope.txt'}: no such file\n"
    assert (tmp_path / "o" / "article.txt").read_text(encoding="utf-8") == CLEANED


def test_legacy_encoding_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "cp1251.txt"
    path.write_bytes("Столтенберг заявил, что мир будет реагировать на это.\n".encode("cp1251"))
    code, out, _ = run("fix", "--no-translate", "--lang", "ru", str(path))
    assert (code, out) == (0, "Столтенберг заявил, что мир будет реагировать на это.\n")


def test_translation_without_models_names_the_pair_and_the_remedy(
    article: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TEXTFIX_MODELS_DIR", str(tmp_path / "no-models"))
    code, out, err = run("fix", str(article))
    assert (code, out) == (1, "")
    assert err == (
        "textfix: no ru→de translation model installed (missing: ru→en, en→de); install with "
        "`textfix models install ru en`; `textfix models install en de` or, offline, "
        "`textfix models install --file PACKAGE.argosmodel`\n"
    )


def test_unknown_document_language_is_a_usage_error(article: Path) -> None:
    code, _, _ = run("segment", "--lang", "fr", str(article))
    assert code == 2


def _modules_after(code: str) -> set[str]:
    """Heavy modules loaded by running ``code`` in a fresh interpreter."""
    probe = code + "\nimport sys\nprint(' '.join(sorted(sys.modules)))"
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, env=env)
    heavy = {"argostranslate", "ctranslate2", "sentencepiece", "torch", "lingua", "stanza"}
    return set(out.stdout.split()) & heavy


def test_import_textfix_loads_no_translation_or_detection_library() -> None:
    assert _modules_after("import textfix") == set()


def test_cli_help_loads_no_translation_or_detection_library() -> None:
    code = "import sys\nfrom textfix.cli import app\ntry:\n    app(['--help'])\nexcept SystemExit:\n    pass"
    assert _modules_after(code) == set()
