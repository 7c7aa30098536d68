"""HTML pages: textfix against trafilatura on the Article Extraction Benchmark, in one process.

For each of the 181 AEB pages (``../shared/external/aeb``) and the 40 German pages of
``corpus/html`` (tune and heldout parts), it runs
  (a) textfix as ``textfix fix --no-translate PAGE.html`` does: ``read`` (decoding, trafilatura,
      the article's edges) and ``clean_decoded`` (repair, debris, duplicates), the output text;
  (b) ``trafilatura.extract(page_bytes)`` with its defaults (comments included), and without comments;
and prints each one's F1, precision and recall with AEB's metric (``textfix.evaluate.html``) and
textfix's time per page as a ratio to trafilatura's defaults (best of ``--repeat`` passes each,
alternating, after one warm-up pass: the language models load once, outside the measure).

Run:  PYTHONPATH=. python bench/bench_html.py [--repeat N] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import trafilatura  # noqa: E402

import textfix  # noqa: E402
from textfix.evaluate.html import ExtractionScores, Page, load_pages, score_pages  # noqa: E402
from textfix.read import decode_page  # noqa: E402

AEB = ROOT.parent / "shared" / "external" / "aeb"
GERMAN = ROOT / "corpus" / "html"


def textfix_fix(page: Page) -> str:
    """What ``textfix fix --no-translate`` prints for the page ('' when it reports an error)."""
    try:
        return textfix.clean_decoded(decode_page(page.data, page.id)).output
    except textfix.TextfixError:
        return ""


def trafilatura_default(page: Page) -> str:
    return trafilatura.extract(page.data) or ""


def trafilatura_no_comments(page: Page) -> str:
    return trafilatura.extract(page.data, include_comments=False) or ""


def best_seconds(extract: Callable[[Page], str], pages: Sequence[Page]) -> float:
    started = time.perf_counter()
    for page in pages:
        extract(page)
    return time.perf_counter() - started


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="timed passes of each extractor (best is kept)")
    parser.add_argument("--json", type=Path, help="write the figures here")
    args = parser.parse_args(argv)
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    systems: dict[str, Callable[[Page], str]] = {
        "textfix fix --no-translate": textfix_fix,
        "trafilatura (defaults)": trafilatura_default,
        "trafilatura (no comments)": trafilatura_no_comments,
    }
    corpora: dict[str, list[Page]] = {}
    if AEB.is_dir():
        corpora["AEB (181 pages)"] = load_pages(AEB)
    else:
        print(f"{AEB} is missing: AEB is skipped")
    corpora["German pages, tune"] = load_pages(GERMAN, split="tune")
    corpora["German pages, heldout"] = load_pages(GERMAN, split="heldout")
    report: dict[str, object] = {}
    for corpus, pages in corpora.items():
        print(f"== {corpus}")
        scores: dict[str, ExtractionScores] = {}
        for name, extract in systems.items():
            scores[name] = score_pages(pages, extract)  # also the warm-up pass
            print(f"  {name:28} {scores[name].line()}")
        times = {name: float("inf") for name in systems}
        for _ in range(args.repeat):
            for name, extract in systems.items():
                times[name] = min(times[name], best_seconds(extract, pages))
        base = times["trafilatura (defaults)"]
        for name, seconds in times.items():
            print(f"  {name:28} {1000 * seconds / len(pages):7.1f} ms/page   {seconds / base:5.2f}× trafilatura's time")
        report[corpus] = {
            name: {**vars(scores[name]), "ms_per_page": 1000 * times[name] / len(pages),
                   "time_ratio": times[name] / base}
            for name in systems
        }
    if args.json is not None:
        args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
