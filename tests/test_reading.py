"""Reading files as they are: line ends kept for offsets, stray bad bytes, UTF-16 without a BOM,
and a forced encoding."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import textfix
from textfix.cli import app

SEED = Path(__file__).resolve().parents[1] / "corpus" / "seeds" / "000_4af742517c27e9f8.txt"
GERMAN = ("Die Bundesregierung hält an ihrer Linie fest, sagte der Sprecher am Montag in Berlin.\n\n"
          "Über die Größe des Pakets wird weiter verhandelt.\n")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("line_end", [pytest.param("\r\n", id="crlf"), pytest.param("\r", id="lone-cr")])
def test_segment_offsets_index_the_file_as_read_whatever_its_line_ends(tmp_path: Path, line_end: str) -> None:
    text = SEED.read_text(encoding="utf-8")
    path = tmp_path / "article.txt"
    path.write_bytes(text.replace("\n", line_end).encode())
    code, out, err = run("segment", "--json", str(path))
    assert code == 0, err
    with open(path, encoding="utf-8", newline="") as stream:
        as_read = stream.read()
    lf = textfix.clean(text)
    segments = json.loads(out)["segments"]
    assert len(segments) == len(lf.segments)
    for got, want in zip(segments, lf.segments, strict=True):
        assert as_read[got["start"] : got["end"]].replace(line_end, "\n") == text[want.start : want.end]
        assert (got["kind"], got["lang"]) == (want.kind, want.lang)


def test_normalising_line_ends_is_an_edit_and_the_output_is_the_same(tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8")
    crlf = text.replace("\n", "\r\n")
    result = textfix.clean(crlf)
    assert result.output == textfix.clean(text).output
    ends = [e for e in result.edits if "whitespace: line end" in e.reason]
    assert ends and textfix.apply_edits(crlf, result.edits) == result.output


def test_a_stray_bad_byte_in_utf8_text_is_never_read_as_another_alphabet(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(GERMAN.encode().replace(b"Montag", b"Montag\xff"))
    code, out, err = run("fix", "--no-translate", str(path))
    assert (code, out) == (1, "")
    assert err.count("\n") == 1 and err.startswith(f"textfix: {path}: line 1: byte 0xff is not UTF-8")
    assert "--errors replace" in err and "я" not in err


def test_errors_replace_keeps_the_article_and_reports_each_bad_byte(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    data = GERMAN.encode().replace(b"Montag", b"Mon\xfftag").replace(b"Pakets", b"Pak\x81ets")
    path.write_bytes(data)
    report = tmp_path / "r.json"
    code, out, err = run("fix", "--no-translate", "--errors", "replace", str(path), "--report", str(report))
    assert code == 0, err
    assert "Mon\ufffdtag" in out and "Pak\ufffdets" in out and "я" not in out
    [document] = json.loads(report.read_text(encoding="utf-8"))["documents"]
    bad = [p for p in document["problems"] if p["kind"] == "bad-byte"]
    as_read = data.decode("utf-8", errors="replace")
    assert [as_read[p["start"] : p["end"]] for p in bad] == ["\ufffd", "\ufffd"]
    assert [p["message"].split(" could")[0] for p in bad] == ["byte 0xff", "byte 0x81"]


def test_a_whole_legacy_paragraph_in_utf8_is_still_read_in_its_codec() -> None:
    data = GERMAN.encode() + "\nСтолтенберг заявил журналистам, что НАТО обеспокоено.\n".encode("cp1251")
    decoded = textfix.decode_bytes(data)
    assert decoded.encoding == "utf-8 with cp1251 lines"
    assert "Столтенберг заявил" in decoded.text and decoded.problems == ()


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_text_not_binary(tmp_path: Path, codec: str) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(GERMAN.encode(codec))
    code, out, err = run("fix", "--no-translate", str(path))
    assert code == 0, err
    assert out.startswith("Die Bundesregierung hält an ihrer Linie fest")


def test_encoding_forces_a_codec_and_an_unknown_one_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(GERMAN.encode("cp1252"))
    code, out, _ = run("fix", "--no-translate", "--encoding", "latin-1", str(path))
    assert code == 0 and "Größe" in out
    code, _, err = run("fix", "--no-translate", "--encoding", "klingon", str(path))
    assert code == 2 and "unknown encoding 'klingon'" in err
    code, _, err = run("fix", "--no-translate", "--errors", "ignore", str(path))
    assert code == 2 and "errors must be one of strict, replace" in err


def test_a_forced_codec_that_does_not_fit_says_where(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(GERMAN.encode("cp1252"))
    code, _, err = run("fix", "--no-translate", "--encoding", "utf-8", str(path))
    assert code == 1
    assert err.startswith(f"textfix: {path}: line 1: byte 0xe4 is not utf-8") and err.count("\n") == 1
