"""Fuzz targets for the reader and the segmenter, bounded for CI.

The "ci" profile (tests/conftest.py) runs a fixed, derandomized set of examples; run
``HYPOTHESIS_PROFILE=explore pytest tests/test_fuzz.py`` for a longer search. Crashes the
fuzzer found are kept as ``@example`` cases, named in the comment beside them.
"""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from invariants import assert_segments_tile
from test_pipeline_properties import _mutated_gold

import textfix
from textfix.read import html_to_text

# 300 examples per target in CI (about 30 s in all); the explore profile's larger budget wins locally.
_BUDGET = settings(
    max_examples=max(300, settings.default.max_examples),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)

# Bytes near the reader's decisions: BOMs, UTF-8 lead bytes cut short, cp1251, line ends, NUL.
_BYTE_PIECES = st.sampled_from(
    [b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xc3", b"\xc3\xbc", b"\xe2\x82", b"\xd0\xa1", b"\xd1", b"\r\n",
     b"\r", b"\n", b"\x00", b"\x1b", b"\x85", "Столтенберг".encode("cp1251"), "Führung".encode(), b"<p>", b"&amp;"]
)
_BYTES = st.one_of(st.binary(max_size=300), st.lists(st.one_of(_BYTE_PIECES, st.binary(max_size=6)), max_size=40).map(
    b"".join
))


@_BUDGET
@example(b"ab\xe2\x82")  # a cut-off last character: utf-8 with U+FFFD, not a cp1252 guess
@example("Größe\n".encode() + "Столтенберг заявил\n".encode("cp1251"))  # mixed: read both, was an InputError
@example(b"\xef\xbb\xbf\r\n\xc3")
@given(_BYTES)
def test_decode_bytes_returns_text_with_its_line_ends_named_or_raises_input_error(data: bytes) -> None:
    try:
        decoded = textfix.decode_bytes(data)
    except textfix.InputError:
        return
    assert isinstance(decoded.text, str)
    assert decoded.encoding
    assert decoded.newline in ("lf", "crlf", "mixed", "none")
    if "\r\n" in decoded.text:
        assert decoded.newline in ("crlf", "mixed")
    assert "\r" not in textfix.clean_decoded(decoded).output  # the pipeline normalises line ends


@_BUDGET
@example("<div <div <a href='x")  # html.parser took minutes on 50,000 of these; now linear
@example("<script>")
@example("<!--")
@given(st.one_of(st.text(max_size=300), st.lists(st.sampled_from(
    ["<", ">", "</", "<!--", "-->", "<p>", "<div ", "<li>", "<script>", "</script>", "<br/>", "'", '"', "=",
     "&amp;", "&#", "text", " ", "\n", "<title>", "<nav>", "</nav>"]), max_size=40).map("".join)))
def test_html_to_text_never_fails_and_never_shows_a_script(markup: str) -> None:
    text = html_to_text(markup + "\n<p>x</p><script>SECRET</script>")
    assert "SECRET" not in text


_TEXT = st.one_of(st.text(max_size=300), _mutated_gold())


def _check(text: str) -> textfix.Result:
    result = textfix.clean(text)
    assert textfix.apply_edits(text, result.edits) == result.output
    assert_segments_tile(text, result.segments)
    return result


@_BUDGET
@example("абвгд " * 2000)  # one long Cyrillic run: quadratic word grouping, now linear
@example("Die NATO\u200b ist besorgt.\u202e")
@example("\xadÎ\x80")  # found by the explore run: a soft hyphen hid mojibake from ftfy until a second clean
@given(_TEXT)
def test_clean_replays_its_edits_covers_its_text_and_is_idempotent(text: str) -> None:
    try:
        result = _check(text)
    except textfix.TextfixError:
        return
    again = textfix.clean(result.output)
    assert again.output == result.output
