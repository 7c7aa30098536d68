"""Review pages as text: self-contained, escaped, one mark per change; the index and file names."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

import textfix
from textfix.cli import app
from textfix.errors import OutputError
from textfix.model import Edit, EditKind, Reason, Result, TranslationDetail
from textfix.render.align import marked_edits
from textfix.render.html import page_names, render_page, write_pages

SEED_000 = Path(__file__).resolve().parents[1] / "corpus" / "seeds" / "000_4af742517c27e9f8.txt"
HOSTILE = 'Preise & Co "zitiert" <script>alert(1)</script> <img src=x onerror="alert(2)">'


@pytest.fixture
def seed() -> Result:
    return textfix.clean(SEED_000.read_text(encoding="utf-8"))


def test_page_marks_each_change_once_in_edit_order(seed: Result) -> None:
    page = render_page(seed, "seed.txt")
    marks = [int(i) for i in re.findall(r'<del class="chg [^"]*"[^>]*data-i="(\d+)"', page)]
    assert marks == marked_edits(seed)
    outputs = re.findall(r'<ins class="out [^"]*" data-i="(\d+)"', page)
    assert outputs == [str(i) for i in marked_edits(seed) if seed.edits[i].after]


def test_page_is_self_contained(seed: Result) -> None:
    page = render_page(seed, "seed.txt")
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert not re.search(r"\b(src|href)=|https?://|@import|url\(", page)
    assert page.count("<script>") == 1 and page.count("<style>") == 1


def test_input_markup_is_escaped_everywhere() -> None:
    detail = TranslationDetail("ru", "de", ("<ru>→de",))
    reason = Reason(EditKind.TRANSLATION, "ru→de (model <ru>→de)", detail)
    edits = (Edit(0, len(HOSTILE), HOSTILE, "<b>&amp;</b>", reason),)
    result = Result(HOSTILE, "<b>&amp;</b>", "de", (), edits)
    page = render_page(result, '<script>alert("name")</script>.txt')
    assert "<script>alert" not in page and "<img" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Preise &amp; Co &quot;zitiert&quot;" in page
    assert "&lt;b&gt;&amp;amp;&lt;/b&gt;" in page
    assert 'data-model="&lt;ru&gt;→de"' in page
    assert "<title>textfix review: &lt;script&gt;alert(&quot;name&quot;)&lt;/script&gt;.txt</title>" in page


def test_legend_counts_each_kind(seed: Result) -> None:
    page = render_page(seed, "seed.txt")
    counts = dict(re.findall(r'<b data-kind="(\w+)">(\d+)</b>', page))
    assert counts == {"debris": "4", "duplicate": "2", "repair": "1", "translation": "0", "glossary": "0",
                      "whitespace": "5", "untranslated": "2"}


def test_page_names_are_distinct_and_never_the_index() -> None:
    names = page_names(["x/a.txt", "y/a.txt", "y/a.html", "index.txt", "-", "noext"])
    assert names == ["a.html", "a-2.html", "a-3.html", "index-page.html", "stdin.html", "noext.html"]


def test_write_pages_links_every_page_from_the_index(tmp_path: Path, seed: Result) -> None:
    other = textfix.clean("Die NATO ist besorgt .\n")
    paths = write_pages(tmp_path / "review", [("dir/my file#1.txt", seed), ("b.txt", other)])
    assert [p.name for p in paths] == ["my file#1.html", "b.html", "index.html"]
    index = (tmp_path / "review" / "index.html").read_text(encoding="utf-8")
    assert '<a href="my%20file%231.html">dir/my file#1.txt</a>' in index
    assert "<td>de</td><td>4</td><td>2</td><td>1</td>" in index
    assert (tmp_path / "review" / "b.html").read_text(encoding="utf-8") == render_page(other, "b.txt")


def test_write_pages_refuses_a_file_in_the_way(tmp_path: Path, seed: Result) -> None:
    blocker = tmp_path / "review"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(OutputError, match="not a folder"):
        write_pages(blocker, [("a.txt", seed)])


def test_cli_diff_html_writes_one_page_or_a_folder(tmp_path: Path) -> None:
    one = tmp_path / "seed.html"
    run = CliRunner().invoke(app, ["diff", str(SEED_000), "--html", str(one)])
    assert (run.exit_code, run.stdout) == (0, "")
    decoded = textfix.clean_decoded(textfix.read_path(str(SEED_000)))
    assert one.read_text(encoding="utf-8") == render_page(decoded, str(SEED_000))
    other = tmp_path / "b.txt"
    other.write_text("Die NATO ist besorgt .\n", encoding="utf-8")
    run = CliRunner().invoke(app, ["diff", str(SEED_000), str(other), "--html", str(tmp_path / "pages")])
    assert run.exit_code == 0, run.stderr
    assert sorted(p.name for p in (tmp_path / "pages").iterdir()) == [
        "000_4af742517c27e9f8.html", "b.html", "index.html"]
