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
                      "whitespace": "5", "untranslated": "2", "flags": str(len(seed.flags))}


def test_page_names_are_distinct_and_never_the_index() -> None:
    names = page_names(["x/a.txt", "y/a.txt", "y/a.html", "index.txt", "-", "noext"])
    assert names == ["a.html", "a-2.html", "a-3.html", "index-page.html", "stdin.html", "noext.html"]


def test_write_pages_links_every_page_from_the_index(tmp_path: Path, seed: Result) -> None:
    other = textfix.clean("Die NATO ist besorgt .\n")
    paths = write_pages(tmp_path / "review", [("dir/my file#1.txt", seed), ("b.txt", other)])
    assert [p.name for p in paths] == ["my file#1.html", "b.html", "index.html"]
    index = (tmp_path / "review" / "index.html").read_text(encoding="utf-8")
    assert '<a href="my%20file%231.html">dir/my file#1.txt</a>' in index
    assert '<td data-v="de">de</td><td data-v="7">7</td><td data-v="4">4</td><td data-v="2">2</td>' in index
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
    decoded = textfix.clean_decoded(textfix.read_path(str(SEED_000)), textfix.options_from_choices(glossary=True))
    assert one.read_text(encoding="utf-8") == render_page(decoded, str(SEED_000))
    other = tmp_path / "b.txt"
    other.write_text("Die NATO ist besorgt .\n", encoding="utf-8")
    run = CliRunner().invoke(app, ["diff", str(SEED_000), str(other), "--html", str(tmp_path / "pages")])
    assert run.exit_code == 0, run.stderr
    assert sorted(p.name for p in (tmp_path / "pages").iterdir()) == [
        "000_4af742517c27e9f8.html", "b.html", "index.html"]


def test_each_change_names_its_edit_and_the_page_names_its_document(seed: Result) -> None:
    import json
    from html import unescape

    from textfix.decisions import document_hash, options_fingerprint

    page = render_page(seed, "dir/seed.txt")
    assert re.findall(r'<del class="chg [^"]*"[^>]*data-id="([^"]+)"', page) == [
        seed.edits[i].id for i in marked_edits(seed)]
    [raw] = re.findall(r'<main data-review="([^"]+)">', page)
    review = json.loads(unescape(raw))
    assert review["document"] == document_hash(seed.original)
    assert review["options"] == options_fingerprint(textfix.Options())
    assert (review["name"], review["file"]) == ("dir/seed.txt", "seed.decisions.json")


def test_rows_with_a_marked_change_are_marked_for_the_changed_only_filter(seed: Result) -> None:
    page = render_page(seed, "seed.txt")
    rows = re.findall(r'<section class="cols row( c)?">(.*?)</section>', page)
    assert rows and all(("<del" in body) == bool(changed) for changed, body in rows)


def test_a_low_confidence_translation_is_marked_with_its_scores() -> None:
    detail = TranslationDetail("ru", "de", ("ru→en", "en→de"), scores=(-0.6, -0.7), pivot="The cat sleeps.",
                               names_kept=False)
    edit = Edit(0, 15, "Кошка спит там.", "Die Katze.", Reason(EditKind.TRANSLATION, "ru→de", detail))
    result = Result("Кошка спит там.", "Die Katze.", "de", (), (edit,))
    page = render_page(result, "a.txt")
    assert '<del class="chg k-translation low"' in page and '<ins class="out k-translation low"' in page
    assert 'data-confidence="0.2725"' in page and 'data-scores="ru→en 0.55 · en→de 0.50"' in page
    assert 'data-pivot="The cat sleeps."' in page and 'data-names="lost in translation' in page
    assert '<b id="n-low">1</b>' in page
    assert '<del class="chg k-translation"' in render_page(result, "a.txt", low_confidence=0.2)


def test_the_index_has_a_sortable_column_for_each_count(tmp_path: Path, seed: Result) -> None:
    from textfix.render.index import index_entry, render_index

    page = render_index([index_entry("a.txt", "a.html", seed)])
    headers = re.findall(r"<th[^>]*><button[^>]*>([^<]+)</button></th>", page)
    assert headers == ["document", "language", "changes", "debris", "duplicate", "repair", "translation", "glossary",
                       "whitespace", "flags", "untranslated", "low confidence", "decisions"]
    cells = re.findall(r'<td data-v="([^"]*)"', page)
    assert cells == ["a.txt", "de", "7", "4", "2", "1", "0", "0", "5", str(len(seed.flags)), "2", "0"]
    assert len(seed.flags) == 3


def test_cli_diff_reviews_a_folder_and_a_jsonl_file_with_one_index(tmp_path: Path) -> None:
    import json

    folder = tmp_path / "scrape"
    (folder / "x").mkdir(parents=True)
    (folder / "x" / "a.txt").write_text("Die NATO ist besorgt .\n", encoding="utf-8")
    (folder / "b.md").write_text("Die NATO hat reagiert.\n\nLeave a Reply\n", encoding="utf-8")
    records = tmp_path / "c.jsonl"
    records.write_text(json.dumps({"text": "Ja, sagte er .\n"}) + "\n" + "not json\n", encoding="utf-8")
    run = CliRunner().invoke(app, ["diff", str(folder), str(records), "--html", str(tmp_path / "review")])
    assert run.exit_code == 1  # the line that is not JSON
    assert run.stderr.startswith(f"textfix: {records}:2: not valid JSON")
    index = (tmp_path / "review" / "index.html").read_text(encoding="utf-8")
    names = re.findall(r'<a href="[^"]+">([^<]+)</a>', index)
    assert names == [str(folder / "b.md"), str(folder / "x" / "a.txt"), f"{records}:1"]
