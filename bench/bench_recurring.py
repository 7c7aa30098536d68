"""Recurring lines (site chrome) on a synthetic corpus run built from corpus/gold.

The 46 gold articles are spread over six invented sites (three German, three English, by the
article's language); each site prints its own furniture into every article: lines no pattern
knows ("Rheintaler Rundschau · Ausgabe Süd", "Alle Artikel zu Energie ›"), with the emoji and
punctuation varying between pages. Measured, with the lines counted over the whole run
(:func:`textfix.debris.recurring.count_recurring`, threshold automatic):

- chrome recall: of the furniture lines printed, how many a run removes (any debris reason),
  and how many of those for recurring (the pattern list alone, cleaning each file alone);
- wrong removals: lines of the gold articles themselves (the text the gold keeps and the
  debris it marks) removed for recurring -- anything but 0 would be article text lost;
- the same on the gold articles without furniture, and on every gold article five times
  under five headlines (copies and updates of one story);
- the cost: counting the run against cleaning it, a ratio measured in this process.

Run:  PYTHONPATH=. python bench/bench_recurring.py [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import textfix  # noqa: E402
from textfix.debris.recurring import count_recurring, line_key  # noqa: E402
from textfix.evaluate import load_gold  # noqa: E402

#: Per site: (lines after the headline, lines in the middle, lines at the end); "{v}" varies by page.
SITES = {
    "de": [
        (["Rheintaler Rundschau{v} Ausgabe Süd"], ["Jetzt den Morgen-Newsletter bestellen{e}"],
         ["Alle Artikel zu Energie{a}", "Mehr aus dem Ressort Wirtschaft"]),
        (["Hanse-Kurier{v} Nachrichten aus dem Norden"], ["Hören Sie diesen Artikel als Podcast{e}"],
         ["Unsere Redaktion erreichen Sie werktags von 8 bis 18 Uhr", "Zur Startseite des Hanse-Kurier{a}"]),
        (["Bergland Bote{v} Politik{v} Ausland"], ["Ihre Meinung ist uns wichtig{e}"],
         ["Schlagworte: Politik, Europa, Sicherheit", "Bergland Bote im Abo lesen{a}"]),
    ],
    "en": [
        (["The Harbour Ledger{v} World"], ["Get the morning briefing in your inbox{e}"],
         ["More from our Europe desk{a}", "The Harbour Ledger is reader-funded"]),
        (["Northgate Times{v} Politics"], ["Listen to this story{e}"],
         ["Topics: Europe, Security, Ukraine", "Back to Northgate Times home{a}"]),
        (["Valley Post{v} International"], ["Tell us what you think{e}"],
         ["Explore more coverage of the war in Ukraine{a}", "Valley Post membership: join today"]),
    ],
}
VARIANTS = [{"v": " ·", "e": " 📬", "a": " ›"}, {"v": " |", "e": "!", "a": ""}, {"v": " –", "e": "", "a": " »"}]


def site_page(text: str, site: tuple[list[str], list[str], list[str]], page: int) -> tuple[str, list[str]]:
    """``text`` with the site's furniture printed in; the furniture lines as printed."""
    head, middle, tail = site
    fill = VARIANTS[page % len(VARIANTS)]
    head, middle, tail = ([line.format(**fill) for line in part] for part in (head, middle, tail))
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    half = max(2, len(paragraphs) // 2)
    page_text = "\n\n".join([paragraphs[0], *head, *paragraphs[1:half], *middle, *paragraphs[half:], *tail]) + "\n"
    return page_text, [*head, *middle, *tail]


def synthetic_run() -> tuple[list[str], list[set[str]], list[set[str]]]:
    """The pages, per page the keys of its furniture, and the keys of its own (gold) lines."""
    pages, furniture, own = [], [], []
    counters = {"de": 0, "en": 0}
    for document in load_gold(ROOT / "corpus" / "gold"):
        sites = SITES[document.language]
        number = counters[document.language]
        counters[document.language] += 1
        page, lines = site_page(document.text, sites[number % len(sites)], number // len(sites))
        pages.append(page)
        furniture.append({line_key(line) for line in lines})
        own.append({line_key(line) for line in document.text.splitlines() if line.strip()})
    return pages, furniture, own


def removed_for(result: textfix.Result, reason: str | None = None) -> set[str]:
    return {line_key(result.original[s.start : s.end]) for s in result.segments
            if s.kind == "debris" and (reason is None or s.reason == reason)}


def wrong_removals(pages: list[str]) -> tuple[int, int]:
    """Recurring lines found over ``pages``, and lines of theirs removed for recurring."""
    lines = count_recurring(pages)
    options = replace(textfix.Options(), recurring=lines)
    return len(lines), sum(len(removed_for(textfix.clean(p, options), "recurring")) for p in pages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    pages, furniture, own = synthetic_run()

    started = time.perf_counter()
    lines = count_recurring(pages)
    counting = time.perf_counter() - started
    options = replace(textfix.Options(), recurring=lines)
    started = time.perf_counter()
    in_run = [textfix.clean(p, options) for p in pages]
    cleaning = time.perf_counter() - started
    alone = [textfix.clean(p) for p in pages]

    printed = sum(len(f) for f in furniture)
    by_run = sum(len(f & removed_for(r)) for f, r in zip(furniture, in_run, strict=True))
    by_recurring = sum(len(f & removed_for(r, "recurring")) for f, r in zip(furniture, in_run, strict=True))
    by_patterns = sum(len(f & removed_for(r)) for f, r in zip(furniture, alone, strict=True))
    wrong = sum(len((o - f) & removed_for(r, "recurring")) for o, f, r in zip(own, furniture, in_run, strict=True))
    plain = [doc.text for doc in load_gold(ROOT / "corpus" / "gold")]
    copies = [f"Meldung {n}: Fassung {n // len(plain)}\n\n{plain[n % len(plain)]}" for n in range(5 * len(plain))]
    figures = {
        "documents": len(pages),
        "recurring_lines_found": len(lines),
        "furniture_lines_printed": printed,
        "furniture_removed_alone": by_patterns,
        "furniture_removed_in_run": by_run,
        "furniture_removed_for_recurring": by_recurring,
        "article_lines_removed_for_recurring": wrong,
        "plain_gold_run (lines found, article lines removed)": wrong_removals(plain),
        "five_copies_run (lines found, article lines removed)": wrong_removals(copies),
        "counting_vs_cleaning_time": round(counting / cleaning, 4),
    }
    for name, value in figures.items():
        print(f"{name:55} {value}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
