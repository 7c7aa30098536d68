"""Review as a workflow, in a real headless Chromium: decide on changes, export, apply with ``fix``.

The page of seed 000 is written by ``textfix diff --translate --html`` with the toy models;
the browser clicks reject on one removal and one translation, downloads the decisions, and
``textfix fix --decisions`` on the same input gives the output with exactly those two
changes undone. Also: a reload keeps the decisions, keys and buttons decide, the filter,
confidence in the details, and the index of several pages. Skipped without Chromium.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from devtools import MISSING, BrowserStartError, DevTools, available, chromium
from typer.testing import CliRunner

import textfix
from textfix.cli import app
from textfix.translate import ModelStore

ROOT = Path(__file__).resolve().parents[1]
SEED_000 = ROOT / "corpus" / "seeds" / "000_4af742517c27e9f8.txt"
UNSEEN = "Вчера в городе открылся новый музей современного искусства."

pytestmark = pytest.mark.skipif(not available(), reason=MISSING)


@pytest.fixture(scope="module")
def models(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = ModelStore(tmp_path_factory.mktemp("models") / "packages")
    for package in sorted((ROOT / "models").glob("*.argosmodel")):
        store.install_file(package)
    return store.path


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("review")


@pytest.fixture(scope="module")
def downloads(work: Path) -> Path:
    folder = work / "downloads"
    folder.mkdir()
    return folder


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory, downloads: Path) -> Iterator[DevTools]:
    try:
        with chromium(tmp_path_factory.mktemp("chromium-profile")) as client:
            client.call("Browser.setDownloadBehavior", behavior="allow", downloadPath=str(downloads))
            yield client
    except BrowserStartError as error:
        pytest.fail(str(error))


@pytest.fixture(scope="module")
def article(work: Path) -> Path:
    """Seed 000 with one more Russian paragraph the toy models never saw (a low-confidence translation)."""
    path = work / "article.txt"
    path.write_text(SEED_000.read_text(encoding="utf-8") + f"\n{UNSEEN}\n", encoding="utf-8")
    return path


def _cli(*args: str) -> tuple[int, str, str]:
    run = CliRunner().invoke(app, list(args))
    return run.exit_code, run.stdout, run.stderr


@pytest.fixture(scope="module")
def page(work: Path, article: Path, models: Path) -> Path:
    target = work / "article.html"
    code, _, stderr = _cli("diff", "--translate", "--models-dir", str(models), str(article), "--html", str(target))
    assert code == 0, stderr
    return target


@pytest.fixture
def fresh(browser: DevTools, page: Path) -> DevTools:
    """The page open with no decisions kept from an earlier test."""
    browser.open(page)
    browser.evaluate("localStorage.clear()")
    browser.open(page)
    return browser


def _click(browser: DevTools, selector: str) -> None:
    browser.evaluate(f"document.querySelector({json.dumps(selector)}).click()")


def _downloaded(folder: Path, name: str, timeout: float = 20) -> dict[str, object]:
    path = folder / name
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and path.stat().st_size:
            try:
                payload: dict[str, object] = json.loads(path.read_text(encoding="utf-8"))
            except ValueError:
                pass  # still being written
            else:
                path.unlink()
                return payload
        time.sleep(0.1)
    raise TimeoutError(f"no download {name} in {folder}")


def test_reject_a_removal_and_a_translation_export_and_apply(
    fresh: DevTools, downloads: Path, article: Path, models: Path, work: Path
) -> None:
    _click(fresh, '.chg[data-reason="debris: caption"]')
    _click(fresh, '#detail button[data-act="rejected"]')
    _click(fresh, '.chg[data-kind="translation"]')
    detail = fresh.evaluate("document.getElementById('detail').innerText")
    assert "confidence\n0.86 (ru→en 0.89 · en→de 0.97)" in detail and "glossary names\nkept" in detail
    assert "via English\nWe are concerned about the fact that Russia and North Korea" in detail
    _click(fresh, '#detail button[data-act="rejected"]')
    assert fresh.evaluate("document.getElementById('n-rejected').textContent") == "2"
    assert fresh.evaluate("document.querySelectorAll('del.chg.rej').length") == 2
    _click(fresh, "#download")
    decisions = _downloaded(downloads, "article.decisions.json")
    assert fresh.problems() == []

    base = textfix.clean_decoded(textfix.read_path(str(article)), textfix.options_from_choices(
        translate=True, glossary=True), models=ModelStore(models))
    caption = next(e for e in base.edits if e.reason == "debris: caption")
    translation = next(e for e in base.edits if e.kind is textfix.EditKind.TRANSLATION)
    assert decisions["document"] == textfix.decisions.document_hash(base.original)
    assert decisions["rejected"] == [caption.id, translation.id]

    saved = work / "d.json"
    saved.write_text(json.dumps(decisions), encoding="utf-8")
    code, output, stderr = _cli("fix", "--models-dir", str(models), str(article), "--decisions", str(saved))
    assert code == 0, stderr
    paragraphs = base.output.split("\n\n")
    position = paragraphs.index(next(p for p in paragraphs if p.startswith("Nordkorea sagte")))
    paragraphs.insert(position, caption.before)  # the caption stands as a paragraph of its own again
    paragraphs[paragraphs.index(translation.after)] = translation.before.strip()  # the Russian kept as it was
    assert output == "\n\n".join(paragraphs)


def test_a_reload_keeps_the_decisions(fresh: DevTools, page: Path) -> None:
    _click(fresh, '.chg[data-reason="debris: byline"]')
    fresh.press("r")
    fresh.open(page)
    assert fresh.evaluate("document.getElementById('n-rejected').textContent") == "1"
    assert fresh.evaluate("document.querySelector('.chg.rej').dataset.reason") == "debris: byline"


def test_keys_decide_the_selected_change_and_move_on(fresh: DevTools) -> None:
    ids = fresh.evaluate("Array.from(document.querySelectorAll('.chg'), e => e.dataset.id)")
    fresh.press("n")
    fresh.press("a")  # the first accepted, the second selected
    fresh.press("r")  # the second rejected, the third selected
    assert fresh.evaluate("document.querySelector('.chg.current').dataset.id") == ids[2]
    fresh.press("p")
    fresh.press("u")  # the second undecided again
    state = "Array.from(document.querySelectorAll('.chg'), e => e.classList.contains('acc') ? 'a' : " \
            "e.classList.contains('rej') ? 'r' : '-').join('')"
    assert fresh.evaluate(state) == "a" + "-" * (len(ids) - 1)
    assert fresh.evaluate("document.getElementById('n-open').textContent") == str(len(ids) - 1)


def test_reject_and_accept_all_of_a_kind(fresh: DevTools) -> None:
    debris = fresh.evaluate("document.querySelectorAll('.chg[data-kind=\"debris\"]').length")
    _click(fresh, 'button[data-all="rejected"][data-for="debris"]')
    assert fresh.evaluate("document.querySelectorAll('.chg.rej').length") == debris
    _click(fresh, 'button[data-all="accepted"][data-for="translation"]')
    assert fresh.evaluate("document.querySelectorAll('.chg.acc').length") == 3  # the seed's two and the unseen one
    _click(fresh, "#forget")
    assert fresh.evaluate("document.querySelectorAll('.chg.rej, .chg.acc').length") == 0
    assert fresh.evaluate("localStorage.length") == 0


def test_low_confidence_translations_are_marked_and_the_threshold_moves(fresh: DevTools) -> None:
    low = fresh.evaluate("Array.from(document.querySelectorAll('del.low'), e => e.textContent)")
    assert low == [UNSEEN]
    assert fresh.evaluate("document.getElementById('n-low').textContent") == "1"
    fresh.evaluate("const t = document.getElementById('low-threshold'); t.value = '0.1'; "
                   "t.dispatchEvent(new Event('input'))")
    assert fresh.evaluate("document.querySelectorAll('main .low').length") == 0
    assert fresh.evaluate("document.getElementById('n-low').textContent") == "0"


def test_changed_paragraphs_only(fresh: DevTools) -> None:
    visible = "Array.from(document.querySelectorAll('.row')).filter(r => getComputedStyle(r).display !== 'none').length"
    rows = fresh.evaluate(visible)
    _click(fresh, "#changed-only")
    changed = fresh.evaluate("document.querySelectorAll('.row.c').length")
    assert fresh.evaluate(visible) == changed < rows
    assert fresh.evaluate("Array.from(document.querySelectorAll('.row.c')).every(r => r.querySelector('.chg'))")


def test_the_exported_file_is_refused_for_another_input(
    fresh: DevTools, downloads: Path, work: Path, models: Path
) -> None:
    _click(fresh, '.chg[data-reason="debris: caption"]')
    fresh.press("r")
    _click(fresh, "#download")
    saved = work / "refused.json"
    saved.write_text(json.dumps(_downloaded(downloads, "article.decisions.json")), encoding="utf-8")
    other = work / "other.txt"
    other.write_text(SEED_000.read_text(encoding="utf-8"), encoding="utf-8")
    code, output, stderr = _cli("fix", "--models-dir", str(models), str(other), "--decisions", str(saved))
    assert code == 1 and output == ""
    assert stderr.startswith(f"textfix: {saved}: these decisions are for another text (")


def test_the_index_sorts_and_collects_every_page_s_decisions(
    browser: DevTools, work: Path, downloads: Path, models: Path
) -> None:
    corpus = work / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(SEED_000.read_text(encoding="utf-8"), encoding="utf-8")
    (corpus / "b.txt").write_text("Die NATO ist besorgt .\n\nLeave a Reply\n", encoding="utf-8")
    (corpus / "c.txt").write_text(f"Die NATO hat darauf reagiert, sagte er am Montag.\n\n{UNSEEN}\n", encoding="utf-8")
    review = work / "pages"
    code, _, stderr = _cli("diff", "--translate", "--models-dir", str(models), str(corpus), "--html", str(review))
    assert code == 0, stderr
    browser.open(review / "b.html")
    browser.evaluate("localStorage.clear()")
    browser.open(review / "b.html")
    _click(browser, '.chg[data-kind="debris"]')
    browser.press("r")
    browser.open(review / "index.html")
    assert browser.problems() == []
    names = "Array.from(document.querySelectorAll('#documents tbody tr'), r => r.cells[0].textContent)"
    decided = "Array.from(document.querySelectorAll('#documents tbody td.decisions'), c => c.textContent)"
    assert browser.evaluate(names) == [str(corpus / n) for n in ("a.txt", "b.txt", "c.txt")]
    assert browser.evaluate(decided) == ["—", "1 rejected, 0 accepted", "—"]
    _click(browser, "#documents th:nth-child(3) button")  # changes, most first
    assert browser.evaluate(names) == [str(corpus / n) for n in ("a.txt", "b.txt", "c.txt")]
    _click(browser, "#documents th:nth-child(3) button")  # and again: fewest first
    assert browser.evaluate(names) == [str(corpus / n) for n in ("c.txt", "b.txt", "a.txt")]
    assert browser.evaluate("document.querySelector('#documents th:nth-child(3)').getAttribute('aria-sort')") == (
        "ascending")
    headers = browser.evaluate("Array.from(document.querySelectorAll('#documents th'), h => h.textContent)")
    column = headers.index("low confidence") + 1
    _click(browser, f"#documents th:nth-child({column}) button")
    assert browser.evaluate(names)[0] == str(corpus / "c.txt")
    _click(browser, "#download-all")
    bundle = _downloaded(downloads, "decisions.json")
    assert [d["name"] for d in bundle["documents"]] == [str(corpus / "b.txt")]  # type: ignore[union-attr]
    saved = work / "bundle.json"
    saved.write_text(json.dumps(bundle), encoding="utf-8")
    out = work / "cleaned"
    code, _, stderr = _cli("fix", "--models-dir", str(models), str(corpus), "-o", str(out), "--decisions", str(saved),
                           "--workers", "1")
    assert code == 0, stderr
    assert (out / "b.txt").read_text(encoding="utf-8") == "Die NATO ist besorgt.\n\nLeave a Reply\n"
