"""Cost of the review views on a large article, relative to cleaning it.

Builds a ~1 MB article by repeating the gold corpus texts (blank line between them),
cleans it once with textfix.clean (timed), then renders the HTML review page and the
plain terminal side-by-side view of that result (each timed, best of --repeat runs).
Prints each time and its ratio to textfix.clean, and the page size.

Run:  PYTHONPATH=. python bench/bench_review.py [--size BYTES] [--repeat N] [--html OUT.html]
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


if __name__ == "__main__":
    main()
