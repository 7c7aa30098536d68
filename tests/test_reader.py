"""Reading: bytes to text with a named encoding, binary input refused, HTML reduced to blocks."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

import textfix
from textfix import decode_bytes, read_path

GERMAN = "Die NATO-Mitglieder befürchten, dass Russland und Nordkorea zunehmend miteinander kooperieren. Größer, schön."
RUSSIAN = "Мы обеспокоены тем фактом, что Россия и Северная Корея все больше и больше сближаются, - сказал Столтенберг."
MIXED = "Байден заявил, что мир будет реагировать auf das. Er sagte es."


@pytest.mark.parametrize(
    ("data", "encoding", "text"),
    [
        pytest.param(GERMAN.encode("utf-8"), "utf-8", GERMAN, id="utf-8-german"),
        pytest.param(RUSSIAN.encode("utf-8"), "utf-8", RUSSIAN, id="utf-8-russian"),
        pytest.param(b"\xef\xbb\xbf" + MIXED.encode("utf-8"), "utf-8-sig", MIXED, id="utf-8-with-bom"),
        pytest.param(RUSSIAN.encode("cp1251"), "cp1251", RUSSIAN, id="cp1251-russian"),
        pytest.param(RUSSIAN.encode("koi8-r"), "koi8-r", RUSSIAN, id="koi8-r-russian"),
        pytest.param("Столтенберг заявил".encode("koi8-r"), "koi8-r", "Столтенберг заявил", id="koi8-r-short"),
        pytest.param(GERMAN.encode("cp1252"), "cp1252", GERMAN, id="cp1252-german"),
        pytest.param("Führung".encode("cp1252"), "cp1252", "Führung", id="cp1252-one-word"),
    ],
)
def test_decode_bytes_names_the_encoding_and_returns_the_text(data: bytes, encoding: str, text: str) -> None:
    decoded = decode_bytes(data)
    assert (decoded.encoding, decoded.text) == (encoding, text)


def test_decode_bytes_keeps_crlf_and_reports_it() -> None:
    decoded = decode_bytes("Die NATO ist besorgt\r\n\r\nЛето\r\n".encode())
    assert (decoded.text, decoded.newline) == ("Die NATO ist besorgt\r\n\r\nЛето\r\n", "crlf")  # kept as read


def test_decode_bytes_reports_plain_lf_line_ends() -> None:
    assert decode_bytes(b"a\nb\n").newline == "lf"


def test_decode_bytes_reports_mixed_line_ends() -> None:
    decoded = decode_bytes(b"a\r\nb\nc\r")
    assert (decoded.text, decoded.newline) == ("a\r\nb\nc\r", "mixed")


def test_decode_bytes_of_cp1251_with_crlf_gets_both_right() -> None:
    decoded = decode_bytes("Столтенберг заявил.\r\nЭто важно.\r\n".encode("cp1251"))
    assert (decoded.encoding, decoded.newline, decoded.text) == ("cp1251", "crlf",
                                                                 "Столтенберг заявил.\r\nЭто важно.\r\n")


def _random_bytes(seed: int, size: int) -> bytes:
    return random.Random(seed).randbytes(size)


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"Die NATO\x00 ist besorgt", id="nul-byte-in-text"),
        pytest.param(b"\x00" * 64, id="only-nul-bytes"),
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", id="png-header"),
        pytest.param(bytes(range(256)) * 4, id="every-byte-value"),
        *(
            pytest.param(_random_bytes(seed, size), id=f"random-{size}-seed-{seed}")
            for seed in (0, 1, 2)
            for size in (256, 4096)
        ),
    ],
)
def test_decode_bytes_refuses_binary_data_with_a_one_line_message(data: bytes) -> None:
    with pytest.raises(textfix.InputError) as caught:
        decode_bytes(data, "upload.bin")
    message = str(caught.value)
    assert message.startswith("upload.bin: ")
    assert "\n" not in message


def test_read_path_of_a_missing_file_raises_input_error(tmp_path: Path) -> None:
    missing = tmp_path / "fehlt.txt"
    with pytest.raises(textfix.InputError, match="no such file") as caught:
        read_path(missing)
    assert str(missing) in str(caught.value)


def test_read_path_of_a_directory_raises_input_error(tmp_path: Path) -> None:
    with pytest.raises(textfix.InputError, match="directory"):
        read_path(tmp_path)


def test_read_path_of_a_binary_file_raises_input_error(tmp_path: Path) -> None:
    path = tmp_path / "bild.txt"
    path.write_bytes(_random_bytes(3, 2048))
    with pytest.raises(textfix.InputError, match="binary"):
        read_path(path)


def test_read_path_reads_a_cp1251_file(tmp_path: Path) -> None:
    path = tmp_path / "artikel.txt"
    path.write_bytes(RUSSIAN.encode("cp1251"))
    decoded = read_path(path)
    assert (decoded.text, decoded.encoding, decoded.html) == (RUSSIAN, "cp1251", False)


_PAGE = """<!doctype html>
<html><head><title>Seitentitel</title>
<style>p { color: red } .Leave { display: none }</style>
<script>var hidden = "Leave a Reply";</script></head>
<body>
<h1>Die NATO ist besorgt</h1>
<p>Nordkorea schickte <b>Tausende</b> Container &amp; Granaten.</p>
<ul><li>Erstens</li><li>Zweitens</li></ul>
<script>document.write("geheim")</script>
<p>Мы обеспокоены тем фактом.</p>
</body></html>
"""


@pytest.fixture
def html_page(tmp_path: Path) -> textfix.Decoded:
    path = tmp_path / "artikel.html"
    path.write_text(_PAGE, encoding="utf-8")
    return read_path(path)


def test_read_path_html_keeps_headings_paragraphs_and_list_items_as_paragraphs(html_page: textfix.Decoded) -> None:
    paragraphs = html_page.text.strip().split("\n\n")
    assert paragraphs == [
        "Die NATO ist besorgt",
        "Nordkorea schickte Tausende Container & Granaten.",
        "- Erstens",
        "- Zweitens",
        "Мы обеспокоены тем фактом.",
    ]


def test_read_path_html_drops_script_and_style_content(html_page: textfix.Decoded) -> None:
    for hidden in ("color", "var hidden", "Leave a Reply", "geheim", "document.write"):
        assert hidden not in html_page.text


def test_read_path_html_is_marked_as_html(html_page: textfix.Decoded) -> None:
    assert html_page.html


def test_read_path_html_leaves_no_tags(html_page: textfix.Decoded) -> None:
    assert "<" not in html_page.text
    assert ">" not in html_page.text
