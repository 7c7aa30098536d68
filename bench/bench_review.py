"""Cost of the review views on a large article, relative to cleaning it.

Builds a ~1 MB article by repeating the gold corpus texts (blank line between them),
cleans it once with textfix.clean (timed), then renders the HTML review page and the
plain terminal side-by-side view of that result (each timed, best of --repeat runs).
Prints each time and its ratio to textfix.clean, and the page size.

Then, unless --no-browser (or without Debian's chromium), opens the page in headless
Chromium (tests/devtools.py) and times, best of --repeat: navigating to the page until its
script has run (load event, then the script's mark on <html>); the same page with its script
left out (the browser's own cost of the HTML, the baseline of the ratio); the page again with
decisions on 1,000 changes kept in the browser's storage (restored on load); and rejecting
every debris change with one click. The first includes nothing of the browser's start, which
is timed on its own.

Run:  PYTHONPATH=. python bench/bench_review.py [--size BYTES] [--repeat N] [--html OUT.html] [--no-browser]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def build_article(size: int) -> str:
    """Gold corpus texts repeated until the article holds at least ``size`` UTF-8 bytes."""
    from textfix.evaluate import load_gold

    texts = [doc.text.strip() for doc in load_gold(ROOT / "corpus" / "gold") if doc.text.strip()]
    pieces: list[str] = []
    total = 0
    while total < size:
        for text in texts:
            pieces.append(text)
            total += len(text.encode("utf-8")) + 2
            if total >= size:
                break
    return "\n\n".join(pieces) + "\n"


def best_of(repeat: int, func: Callable[[], object]) -> tuple[float, object]:
    """The shortest wall time of ``repeat`` calls, and the last value returned."""
    best, value = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        value = func()
        best = min(best, time.perf_counter() - start)
    return best, value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000, help="article size in bytes (default 1 MB)")
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs (default 3)")
    parser.add_argument("--html", type=Path, help="also write the page here, to open in a browser")
    parser.add_argument("--no-browser", action="store_true", help="leave out the headless Chromium timings")
    args = parser.parse_args()

    import textfix
    from textfix.render.align import align
    from textfix.render.html import render_page
    from textfix.render.terminal import render_side_by_side

    article = build_article(args.size)
    textfix.clean(article[:20_000])  # load the language models outside the timing
    clean_time, result = best_of(args.repeat, lambda: textfix.clean(article))
    assert isinstance(result, textfix.Result)
    html_time, page = best_of(args.repeat, lambda: render_page(result, "bench.txt"))
    assert isinstance(page, str)
    text_time, view = best_of(args.repeat, lambda: render_side_by_side(result, colour=False, width=160))
    assert isinstance(view, str)
    rows = len(align(result))

    size = len(article.encode("utf-8"))
    print(f"article: {size:,} bytes, {len(article):,} chars, {len(result.edits):,} edits, {rows:,} rows")
    print(f"{'step':<28}{'seconds':>9}{'ratio to clean':>16}")
    steps = (("textfix.clean", clean_time), ("HTML page", html_time), ("terminal view (160 cols)", text_time))
    for name, seconds in steps:
        print(f"{name:<28}{seconds:>9.2f}{seconds / clean_time:>15.2f}x")
    page_bytes = len(page.encode("utf-8"))
    print(f"HTML page: {page_bytes:,} bytes ({page_bytes / size:.2f}x the article); "
          f"terminal view: {len(view.encode('utf-8')):,} bytes, {view.count(chr(10)) + 1:,} lines")
    if args.html:
        from textfix.output import write_atomic

        write_atomic(args.html, page)
    if not args.no_browser:
        browser_times(page, result, args.repeat)


def browser_times(page: str, result: object, repeat: int) -> None:
    """Open the page in headless Chromium and time what a reviewer waits for (see the module)."""
    import json
    import re
    import tempfile

    sys.path.insert(0, str(ROOT / "tests"))
    from devtools import available, chromium

    from textfix.model import Result, edit_ids

    if not available():
        print("browser: Debian's chromium is not installed; skipped")
        return
    assert isinstance(result, Result)
    with tempfile.TemporaryDirectory() as folder:
        path, bare = Path(folder) / "page.html", Path(folder) / "bare.html"
        path.write_text(page, encoding="utf-8")
        bare.write_text(re.sub(r"<script>.*?</script>", "", page, flags=re.S), encoding="utf-8")
        started = time.perf_counter()
        with chromium(Path(folder) / "profile") as browser:
            start_time = time.perf_counter() - started

            def open_page(target: Path, script: bool = True) -> None:
                browser.open(target)
                if script:
                    assert browser.evaluate("document.documentElement.getAttribute('data-changes')") is not None

            bare_time, _ = best_of(repeat, lambda: open_page(bare, script=False))
            open_time, _ = best_of(repeat, lambda: open_page(path))
            review = json.loads(browser.evaluate("document.querySelector('main').dataset.review"))
            ids = [i for i, e in zip(edit_ids(result.edits), result.edits, strict=True) if e.kind.marked][:1000]
            saved = {"textfix_decisions": 1, "document": review["document"], "options": review["options"],
                     "rejected": ids[::2], "accepted": ids[1::2]}
            key = f"textfix-decisions:{review['document']}:{review['options']}"
            browser.evaluate(f"localStorage.setItem({json.dumps(key)}, {json.dumps(json.dumps(saved))})")
            decided_time, _ = best_of(repeat, lambda: open_page(path))
            restored = browser.evaluate("document.querySelectorAll('.chg.rej, .chg.acc').length")
            browser.evaluate("localStorage.clear()")
            open_page(path)
            reject_time, _ = best_of(repeat, lambda: browser.evaluate(
                "document.querySelector('button[data-all=\"rejected\"][data-for=\"debris\"]').click()"))
            rejected = browser.evaluate("document.getElementById('n-rejected').textContent")
            problems = browser.problems()
    print(f"{'browser (headless Chromium)':<34}{'seconds':>9}{'ratio to no script':>20}")
    steps = (("page without its script", bare_time), ("page, script run", open_time),
             (f"page, {restored} decisions restored", decided_time), (f"reject all debris ({rejected})", reject_time))
    for name, seconds in steps:
        print(f"{name:<34}{seconds:>9.2f}{seconds / bare_time:>19.2f}x")
    print(f"browser start (not in the above): {start_time:.2f} s; console problems: {problems or 'none'}")


if __name__ == "__main__":
    main()
