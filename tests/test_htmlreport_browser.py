"""The review page in a real headless Chromium, driven through the DevTools protocol.

Loads the page of seed 000 from a ``file://`` URL and checks: no console errors or
exceptions, one marked change per non-whitespace edit, keys and clicks that select a
change and show its reason, scraped ``<script>`` shown as text and never run; and it
writes the screenshot the README shows (``docs/review-seed-000.png``).
Skipped when Debian's ``chromium`` is missing (``.ci/run`` installs it).
"""

from __future__ import annotations

import base64
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from devtools import MISSING, BrowserStartError, DevTools, available, chromium

import textfix
from textfix.output import write_atomic
from textfix.render.align import marked_edits
from textfix.render.html import render_page

ROOT = Path(__file__).resolve().parents[1]
SEED_000 = ROOT / "corpus" / "seeds" / "000_4af742517c27e9f8.txt"
SEED_NAME = "corpus/seeds/000_4af742517c27e9f8.txt"
SCREENSHOT = ROOT / "docs" / "review-seed-000.png"
HOSTILE = "\n\nPreise & Co: <script>window.__xss = 1; alert(1)</script> und <img src=x onerror=\"window.__xss=2\">\n"

pytestmark = pytest.mark.skipif(not available(), reason=MISSING)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DevTools]:
    try:
        with chromium(tmp_path_factory.mktemp("chromium-profile")) as client:
            yield client
    except BrowserStartError as error:
        pytest.fail(str(error))


@pytest.fixture(scope="module")
def seed() -> textfix.Result:
    return textfix.clean_decoded(textfix.read_path(str(SEED_000)))


@pytest.fixture(scope="module")
def seed_page(browser: DevTools, seed: textfix.Result, tmp_path_factory: pytest.TempPathFactory) -> DevTools:
    path = tmp_path_factory.mktemp("pages") / "seed-000.html"
    path.write_text(render_page(seed, SEED_NAME), encoding="utf-8")
    browser.open(path)
    return browser


def test_seed_page_loads_without_console_errors(seed_page: DevTools) -> None:
    assert seed_page.evaluate("document.readyState") == "complete"
    assert seed_page.evaluate("document.documentElement.getAttribute('data-changes')") is not None  # script ran
    assert seed_page.problems() == []


def test_every_non_whitespace_edit_is_marked_once(seed_page: DevTools, seed: textfix.Result) -> None:
    expected = marked_edits(seed)
    assert len(expected) == sum(1 for e in seed.edits if e.kind is not textfix.EditKind.WHITESPACE)
    shown = seed_page.evaluate("Array.from(document.querySelectorAll('.chg'), e => +e.dataset.i)")
    assert shown == expected
    reasons = seed_page.evaluate("Array.from(document.querySelectorAll('.chg'), e => e.dataset.reason)")
    assert reasons == [seed.edits[i].reason for i in expected]
    texts = seed_page.evaluate("Array.from(document.querySelectorAll('.chg'), e => e.textContent)")
    assert texts == [seed.edits[i].before for i in expected]


def test_keys_jump_between_changes_and_show_the_reason(seed_page: DevTools, seed: textfix.Result) -> None:
    expected = marked_edits(seed)
    current = "document.querySelector('.chg.current').dataset.i"
    seed_page.press("n")
    assert seed_page.evaluate(current) == str(expected[0])
    seed_page.press("j")
    seed_page.press("n")
    assert seed_page.evaluate(current) == str(expected[2])
    seed_page.press("p")
    assert seed_page.evaluate(current) == str(expected[1])
    seed_page.press("k")
    seed_page.press("k")
    assert seed_page.evaluate(current) == str(expected[-1])  # wraps around
    detail = seed_page.evaluate("document.getElementById('detail').hidden ? null : "
                                "document.getElementById('detail').innerText")
    assert detail is not None and seed.edits[expected[-1]].reason in detail
    assert seed_page.evaluate("document.querySelectorAll('.chg.current').length") == 1
    seed_page.press("Escape")
    assert seed_page.evaluate("document.getElementById('detail').hidden") is True


def test_click_on_a_change_shows_its_reason(seed_page: DevTools, seed: textfix.Result) -> None:
    caption = next(i for i in marked_edits(seed) if seed.edits[i].reason == "debris: caption")
    seed_page.evaluate(f"document.querySelector('.chg[data-i=\"{caption}\"]').click()")
    detail = seed_page.evaluate("document.getElementById('detail').innerText")
    assert "debris: caption" in detail and "Channel 24 Collage" in detail
    assert seed_page.evaluate("document.querySelector('.chg.current').dataset.i") == str(caption)
    assert seed_page.problems() == []


def test_screenshot_for_the_readme(seed_page: DevTools) -> None:
    seed_page.press("Escape")
    seed_page.evaluate("document.querySelectorAll('.current').forEach(e => e.classList.remove('current')); "
                       "window.scrollTo(0, 0)")
    seed_page.call("Emulation.setDeviceMetricsOverride", width=1100, height=720, deviceScaleFactor=1, mobile=False)
    shot = base64.b64decode(seed_page.call("Page.captureScreenshot", format="png")["data"])
    assert shot.startswith(b"\x89PNG\r\n\x1a\n")
    assert int.from_bytes(shot[16:20], "big") == 1100 and int.from_bytes(shot[20:24], "big") == 720
    assert 10_000 < len(shot) < 400_000
    if not SCREENSHOT.exists() or SCREENSHOT.read_bytes() != shot:
        SCREENSHOT.parent.mkdir(exist_ok=True)
        temporary = SCREENSHOT.with_name(f".{SCREENSHOT.name}.tmp")  # written whole, then renamed
        temporary.write_bytes(shot)
        os.replace(temporary, SCREENSHOT)


def test_scraped_script_is_shown_as_text_and_never_runs(browser: DevTools, tmp_path: Path) -> None:
    hostile = SEED_000.read_text(encoding="utf-8") + HOSTILE
    result = textfix.clean(hostile)
    path = tmp_path / "hostile.html"
    write_atomic(path, render_page(result, "<script>window.__xss = 3</script>.txt"))
    browser.open(path)
    assert browser.evaluate("typeof window.__xss") == "undefined"
    assert browser.problems() == []  # no alert dialog, no error
    assert browser.evaluate("document.title") == "textfix review: <script>window.__xss = 3</script>.txt"
    assert browser.evaluate("document.scripts.length") == 1 and browser.evaluate("document.images.length") == 0
    shown = browser.evaluate("document.querySelector('main').textContent")
    assert "<script>window.__xss = 1; alert(1)</script>" in shown
    assert "Preise & Co:" in shown and '<img src=x onerror="window.__xss=2">' in shown
    assert browser.evaluate("document.querySelectorAll('.chg').length") == len(marked_edits(result))


def test_a_translation_shows_its_source_span_and_model_pair(browser: DevTools, tmp_path: Path) -> None:
    text = "Die NATO hat reagiert.\n\nМы обеспокоены.\n"
    start = text.index("Мы")
    detail = textfix.TranslationDetail("ru", "de", ("ru→en", "en→de"))
    reason = textfix.Reason(textfix.EditKind.TRANSLATION, "ru→de (model ru→en, en→de)", detail)
    edit = textfix.Edit(start, start + 15, "Мы обеспокоены.", "Wir sind besorgt.", reason)
    result = textfix.Result(text, textfix.apply_edits(text, [edit]), "de", (), (edit,))
    path = tmp_path / "translation.html"
    write_atomic(path, render_page(result, "t.txt"))
    browser.open(path)
    browser.press("n")
    detail = browser.evaluate("document.getElementById('detail').innerText")
    assert "source span\nМы обеспокоены." in detail
    assert "output\nWir sind besorgt." in detail
    assert "model pair\nru→en, en→de" in detail and "languages\nru→de" in detail
    assert browser.problems() == []
