"""The review page in a real headless Chromium, driven through the DevTools protocol.

Loads the page of seed 000 from a ``file://`` URL and checks: no console errors or
exceptions, one marked change per non-whitespace edit, keys and clicks that select a
change and show its reason, scraped ``<script>`` shown as text and never run; and it
writes the screenshot the README shows (``docs/review-seed-000.png``).
Skipped when Debian's ``chromium`` is missing (``.ci/run`` installs it).
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import textfix
from textfix.output import write_atomic
from textfix.render.align import marked_edits
from textfix.render.html import render_page

ROOT = Path(__file__).resolve().parents[1]
SEED_000 = ROOT / "corpus" / "seeds" / "000_4af742517c27e9f8.txt"
SEED_NAME = "corpus/seeds/000_4af742517c27e9f8.txt"
SCREENSHOT = ROOT / "docs" / "review-seed-000.png"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic",
    "--no-first-run", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
    "--remote-debugging-port=0", "--window-size=1100,720",
]
HOSTILE = "\n\nPreise & Co: <script>window.__xss = 1; alert(1)</script> und <img src=x onerror=\"window.__xss=2\">\n"

pytestmark = pytest.mark.skipif(
    not os.access(CHROMIUM, os.X_OK),
    reason="Debian's chromium is not installed (apt-get install chromium); .ci/run installs it in CI",
)


class DevTools:
    """A minimal Chrome DevTools protocol client over one page's websocket."""

    def __init__(self, url: str) -> None:
        import websocket

        self.socket = websocket.create_connection(url, timeout=30, suppress_origin=True)
        self.events: list[dict[str, Any]] = []
        self.last_id = 0

    def _receive(self) -> dict[str, Any]:
        message: dict[str, Any] = json.loads(self.socket.recv())
        if "method" in message:
            self.events.append(message)
            if message["method"] == "Page.javascriptDialogOpening":  # never block on a dialog
                self.socket.send(json.dumps({"id": 0, "method": "Page.handleJavaScriptDialog",
                                             "params": {"accept": False}}))
        return message

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        """Send a command and wait for its answer, keeping the events that arrive meanwhile."""
        self.last_id += 1
        self.socket.send(json.dumps({"id": self.last_id, "method": method, "params": params}))
        while True:
            message = self._receive()
            if message.get("id") == self.last_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                result: dict[str, Any] = message.get("result", {})
                return result

    def wait_for(self, method: str, timeout: float = 30) -> dict[str, Any]:
        """The next event named ``method`` (received from now on)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            message = self._receive()
            if message.get("method") == method:
                return message
        raise TimeoutError(method)

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page."""
        answer = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in answer:
            raise RuntimeError(answer["exceptionDetails"])
        return answer["result"].get("value")

    def open(self, path: Path) -> None:
        """Navigate to ``path`` and wait until the page has loaded."""
        self.events.clear()
        self.call("Page.navigate", url=path.as_uri())
        self.wait_for("Page.loadEventFired")

    def press(self, key: str) -> None:
        """Press and release one key, as a user would ("n", "Escape", ...)."""
        text = {"text": key} if len(key) == 1 else {}
        self.call("Input.dispatchKeyEvent", type="keyDown", key=key, **text)
        self.call("Input.dispatchKeyEvent", type="keyUp", key=key)

    def problems(self) -> list[str]:
        """Console errors, uncaught exceptions and dialogs seen since the last navigation."""
        found = []
        for event in self.events:
            method, params = event["method"], event.get("params", {})
            if method == "Runtime.exceptionThrown":
                found.append(f"exception: {params['exceptionDetails']}")
            elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                found.append(f"console.{params['type']}: {params.get('args')}")
            elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
                found.append(f"log: {params['entry']['text']}")
            elif method == "Page.javascriptDialogOpening":
                found.append(f"dialog: {params.get('message')}")
        return found


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DevTools]:
    profile = tmp_path_factory.mktemp("chromium-profile")
    process = subprocess.Popen([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    client: DevTools | None = None
    try:
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + 60
        while not (port_file.exists() and port_file.read_text().strip()):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"chromium did not start (exit code {process.poll()})")
            time.sleep(0.1)
        port = port_file.read_text().split()[0]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=30) as answer:
            targets = json.load(answer)
        page = next(t for t in targets if t["type"] == "page")
        client = DevTools(page["webSocketDebuggerUrl"])
        for domain in ("Page", "Runtime", "Log"):
            client.call(f"{domain}.enable")
        yield client
    finally:
        if client is not None:
            client.socket.close()
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


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
