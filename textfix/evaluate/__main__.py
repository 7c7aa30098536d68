"""``python -m textfix.evaluate [DIR] [--update-baseline FILE]``: the news corpus's scores."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .gold import corpus_hash, load_gold
from .news import evaluate_corpus


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m textfix.evaluate [DIR] [--update-baseline FILE]``: print the scores."""
    import argparse
    import json

    parser = argparse.ArgumentParser(prog="python -m textfix.evaluate", description=main.__doc__)
    parser.add_argument("directory", nargs="?", type=Path, default=Path("corpus/gold"))
    parser.add_argument("--update-baseline", type=Path, metavar="FILE", help="pin the current scores as floors")
    args = parser.parse_args(argv)
    report = evaluate_corpus(load_gold(args.directory))
    for name, value in report.items():
        print(f"{name:20} {value:.4f}")
    if args.update_baseline:
        floors = {k: round(report[k] - 0.005, 3) for k in ("foreign_f1", "debris_f1", "language_accuracy")}
        baseline = {"corpus_hash": corpus_hash(args.directory), "measured": report, "floors": floors}
        args.update_baseline.write_text(json.dumps(baseline, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
