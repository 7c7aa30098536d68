"""HTML pages: decoding, the article and nothing else, its structure, and each defect of issue 11.

The pages are those of ``corpus/html`` (tune part only) and small pages written like them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import textfix
from textfix.cli import app
from textfix.duplicates import find_duplicates
from textfix.errors import OptionsError
from textfix.read import ReadOptions, decode_bytes, decode_text, read_path

ROOT = Path(__file__).resolve().parents[1]
PAGES = ROOT / "corpus" / "html" / "pages"
GOLD = json.loads((ROOT / "corpus" / "html" / "ground-truth.json").read_text(encoding="utf-8"))

ARTICLE = [
    "Berlin. Die Bundesregierung hat am Mittwoch ein neues Gesetz zur Förderung der Wasserstoffwirtschaft beschlossen.",
    "Das Gesetz soll den Bau von Elektrolyseanlagen beschleunigen und Genehmigungsverfahren deutlich vereinfachen.",
    "Kritiker bemängeln, dass die Finanzierung der geplanten Leitungen noch nicht geklärt sei, sagte ein Sprecher.",
]


def page(body: str, *, head: str = '<meta charset="utf-8"><title>Gesetz beschlossen</title>') -> str:
    """A page like the ones scrapers save: a menu, the article, a footer."""
    paragraphs = "".join(f"<p>{text}</p>" for text in ARTICLE)
    return (
        f"<!DOCTYPE html><html lang='de'><head>{head}</head><body>"
        "<div class='menu'><ul><li><a href='/'>Start</a></li><li><a href='/p'>Politik</a></li></ul></div>"
        f"<main><article><h1>Gesetz beschlossen</h1>{body.replace('{ARTICLE}', paragraphs)}</article></main>"
        "<footer><p>Impressum · Datenschutz · Kontakt</p></footer></body></html>"
    )


def fix(path: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["fix", "--no-translate", *args, str(path)])
    return result.exit_code, result.stdout, result.stderr


def gold_lines(page_id: str) -> list[str]:
    return [line for line in GOLD[page_id]["articleBody"].split("\n") if line.strip()]


# --- decoding ---------------------------------------------------------------------------


def test_an_iso_8859_1_page_is_read_in_the_encoding_its_meta_charset_names() -> None:
    decoded = read_path(PAGES / "hk-elbe-urteil.html")
    assert (decoded.encoding, decoded.encoding_source) == ("cp1252", "<meta charset>")
    assert "Oberverwaltungsgericht in Lüneburg gab am Dienstag einem Eilantrag" in decoded.text


def test_a_page_labelled_iso_8859_1_with_windows_1252_quotes_keeps_its_quotes() -> None:
    decoded = read_path(PAGES / "hk-speicherstadt-brand.html")
    assert decoded.encoding == "cp1252"
    assert "„" in decoded.text and "\x84" not in decoded.text and "\x93" not in decoded.text


def test_the_http_equiv_content_type_decides_when_there_is_no_meta_charset() -> None:
    html = page("{ARTICLE}", head='<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">')
    decoded = decode_bytes(html.replace("Förderung", "„Förderung“").encode("cp1252"), markup=True)
    assert (decoded.encoding, decoded.encoding_source) == ("cp1252", "<meta http-equiv>")
    assert "„Förderung“" in decoded.text


def test_a_byte_order_mark_decides_before_the_meta_charset() -> None:
    data = b"\xef\xbb\xbf" + page("{ARTICLE}", head='<meta charset="iso-8859-1">').encode("utf-8")
    decoded = decode_bytes(data, markup=True)
    assert (decoded.encoding, decoded.encoding_source) == ("utf-8-sig", "byte order mark")


def test_a_page_saved_as_utf8_that_still_declares_latin1_is_read_as_utf8() -> None:
    decoded = decode_bytes(page("{ARTICLE}", head='<meta charset="iso-8859-1">').encode("utf-8"), markup=True)
    assert decoded.encoding == "utf-8"
    assert decoded.encoding_source == "detected; the page declares cp1252"
    assert "Förderung" in decoded.text


def test_without_a_declaration_the_legacy_guess_is_judged_on_the_text_not_the_tags() -> None:
    data = page("{ARTICLE}", head="<title>Gesetz</title>").encode("cp1252")
    decoded = decode_bytes(data, markup=True)
    assert (decoded.encoding, decoded.encoding_source) == ("cp1252", "detected")


def test_a_page_with_a_few_nul_bytes_is_not_refused_as_binary() -> None:
    decoded = read_path(PAGES / "tb-wasserstoff-werk.html")
    assert decoded.html
    assert gold_lines("tb-wasserstoff-werk")[-1] in decoded.text


def test_the_report_says_what_decided_the_encoding(tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    code, _, err = fix(PAGES / "hk-elbe-urteil.html", "--report", str(report))
    assert (code, err) == (0, "")
    assert json.loads(report.read_text("utf-8"))["documents"][0]["encoding"] == "cp1252 (<meta charset>)"


# --- markup that swallowed the page -------------------------------------------------------


@pytest.mark.parametrize(
    ("page_id", "construct"),
    [
        pytest.param("az-lawinengefahr", "<svg", id="unclosed-svg"),
        pytest.param("az-seilbahn-prozess", '<nav class="az-mainnav"', id="unclosed-nav"),
    ],
)
def test_an_unclosed_element_does_not_swallow_the_article(page_id: str, construct: str) -> None:
    assert construct in (PAGES / f"{page_id}.html").read_text("utf-8")
    text = read_path(PAGES / f"{page_id}.html").text
    lines = gold_lines(page_id)
    assert lines[1] in text and lines[-1] in text


def test_an_unclosed_noscript_does_not_swallow_the_article(tmp_path: Path) -> None:
    html = page("{ARTICLE}").replace("<body>", "<body><noscript><img src='https://px.example/tr?id=1'>")
    path = tmp_path / "noscript.html"
    path.write_text(html, "utf-8")
    text = read_path(path).text
    assert all(paragraph in text for paragraph in ARTICLE)


def test_the_content_of_a_template_script_is_read(tmp_path: Path) -> None:
    template = "<script type='text/template' id='app-template'><div class='body'>{ARTICLE}</div></script>"
    html = page(template).replace("<main>", "<main><div id='app'>Artikel wird geladen …</div>")
    path = tmp_path / "client-rendered.html"
    path.write_text(html, "utf-8")
    code, out, _ = fix(path)
    assert code == 0
    assert all(paragraph in out for paragraph in ARTICLE)


def test_escaped_angle_brackets_stay_text_through_fix() -> None:
    code, out, _ = fix(PAGES / "kf-palast-premiere.html")
    assert code == 0
    assert "<Der Palast>" in out


def test_script_and_style_content_never_reaches_the_article(tmp_path: Path) -> None:
    html = page("{ARTICLE}<script>var secret = 'ALERT1';</script><style>.x { color: red }</style>")
    path = tmp_path / "scripts.html"
    path.write_text(html, "utf-8")
    text = read_path(path).text
    assert "ALERT1" not in text and "color" not in text


# --- the article and nothing else ---------------------------------------------------------


def test_menus_headline_comments_and_footer_are_left_out_and_paragraphs_stay_paragraphs() -> None:
    code, out, _ = fix(PAGES / "rr-karneval-sicherheit.html")
    assert code == 0
    paragraphs = out.strip().split("\n\n")
    gold = gold_lines("rr-karneval-sicherheit")
    assert paragraphs[0] == gold[0]  # the lead paragraph, without headline, breadcrumbs or menu
    assert all(line in paragraphs for line in gold if len(line.split()) > 12)
    for chrome in ("Kommentare (6)", "Zustimmungen", "Netiquette", "Meistgelesen", "Impressum"):
        assert chrome not in out


def test_reader_comments_are_kept_only_with_the_comments_flag() -> None:
    _, without, _ = fix(PAGES / "rr-kita-gebuehren.html")
    _, with_comments, _ = fix(PAGES / "rr-kita-gebuehren.html", "--comments")
    comment = "Sehr guter Artikel, sachlich und ohne Aufregung."
    assert comment not in without
    assert comment in with_comments


def test_list_items_and_table_rows_are_blocks_of_their_own(tmp_path: Path) -> None:
    body = "{ARTICLE}<ul><li>Elektrolyse in Leuna</li><li>Pipeline nach Rostock</li></ul>" + (
        "<table><tr><th>Standort</th><th>Leistung</th></tr><tr><td>Leuna</td><td>24 MW</td></tr></table>"
    )
    path = tmp_path / "structure.html"
    path.write_text(page(body), "utf-8")
    paragraphs = read_path(path).text.strip().split("\n\n")
    assert paragraphs[:3] == ARTICLE
    assert "- Elektrolyse in Leuna" in paragraphs and "- Pipeline nach Rostock" in paragraphs
    assert "Leuna | 24 MW" in paragraphs


# --- duplicates only where repetition is an error ------------------------------------------


@pytest.mark.parametrize(
    "paragraphs",
    [
        pytest.param(["Termin: 29.02.2020, 19 Uhr", "Ort: Stadthalle", "Termin: 29.02.2020, 19 Uhr"], id="schedule"),
        pytest.param(["Pos | Spieler | Tore", "1 | Müller | 7", "Pos | Spieler | Tore"], id="table"),
        pytest.param(["- 200 g Tomaten", "- 1 Zwiebel", "Tag 2", "- 200 g Tomaten"], id="list-items"),
        pytest.param(["Montag", "Linsensuppe mit Brot (2 Scheiben), 1 Apfel", "Dienstag",
                      "Linsensuppe mit Brot (2 Scheiben), 1 Apfel"], id="meal-plan"),
        pytest.param(["Was hat Sie zu diesem Projekt gebracht, und wie fing alles an?", "Die Neugier.",
                      "Was hat Sie zu diesem Projekt gebracht, und wie fing alles an?"], id="interview-question"),
        pytest.param(["Gesundheit", "Neue Klinik eröffnet in der Altstadt.", "Gesundheit"], id="short-label"),
    ],
)
def test_text_repeated_on_purpose_is_not_a_duplicate(paragraphs: list[str]) -> None:
    assert find_duplicates(paragraphs) == {}


def test_a_repeated_headline_and_a_repeated_paragraph_are_still_duplicates() -> None:
    headline = "Bundesregierung beschließt Gesetz zur Förderung der Wasserstoffwirtschaft"
    assert find_duplicates([headline, headline.replace("Gesetz", "ein Gesetz"), *ARTICLE, ARTICLE[1]]) == {
        1: "repeated headline",
        5: "repeated paragraph",
    }


def test_a_page_with_an_events_table_keeps_every_row(tmp_path: Path) -> None:
    rows = "".join(f"<tr><td>Termin: 0{day}.03.2024, 19 Uhr</td><td>Lesung</td></tr>" for day in (1, 1, 8, 8))
    path = tmp_path / "events.html"
    path.write_text(page("{ARTICLE}<table>" + rows + "</table>"), "utf-8")
    code, out, _ = fix(path)
    assert code == 0
    assert out.count("Termin: 01.03.2024, 19 Uhr | Lesung") == 2


def test_a_long_copyright_line_is_removed() -> None:
    line = ("© 2024 Hanse-Kurier Verlagsgesellschaft mbH & Co. KG, Hamburg. Alle Rechte vorbehalten. "
            "Vervielfältigung nur mit Genehmigung des Verlags.")
    result = textfix.clean("\n\n".join([*ARTICLE, line]) + "\n")
    assert [s.reason for s in result.segments if s.kind == "debris"] == ["boilerplate"]
    assert "Hanse-Kurier" not in result.output


# --- bad input --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param(b"Nur ein Satz ohne jedes Markup, gespeichert als Seite.\n", "not an HTML page", id="plain-text"),
        pytest.param(b"<!DOCTYPE html><html><head><title></title></head><body></body></html>", "no text found",
                     id="empty-page"),
        pytest.param(b"", "empty page", id="empty-file"),
    ],
)
def test_a_page_without_an_article_is_one_line_and_nothing_is_written(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(content)
    target = tmp_path / "out.txt"
    code, out, err = fix(path, "-o", str(target))
    assert code == 1
    assert err.count("\n") == 1 and err.startswith("textfix: ") and message in err
    assert not target.exists() and out == ""


# --- corpus runs --------------------------------------------------------------------------


@pytest.mark.parametrize("text_format", ["html", "auto"])
def test_a_json_lines_field_with_a_page_goes_through_the_html_path(tmp_path: Path, text_format: str) -> None:
    source = tmp_path / "scrape.jsonl"
    records = [{"id": 1, "html": page("{ARTICLE}")}, {"id": 2, "html": "Die NATO ist besorgt .\n"}]
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    target = tmp_path / "clean.jsonl"
    result = CliRunner().invoke(app, ["fix", "--no-translate", str(source), "--jsonl-field", "html",
                                      "--jsonl-format", text_format, "-o", str(target), "--workers", "1"])
    lines = [json.loads(line) for line in target.read_text("utf-8").splitlines()]
    if text_format == "html":
        assert result.exit_code == 1 and "not an HTML page" in lines[1]["textfix"]["error"]
    else:
        assert result.exit_code == 0 and lines[1]["html_clean"] == "Die NATO ist besorgt.\n"
    assert lines[0]["html_clean"] == "\n\n".join(ARTICLE) + "\n"


def test_decode_text_refuses_an_unknown_format() -> None:
    with pytest.raises(OptionsError, match="text_format"):
        decode_text("x", options=ReadOptions(text_format="xml"))
