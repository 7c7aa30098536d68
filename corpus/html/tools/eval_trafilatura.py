"""Run trafilatura on every page and report the AEB shingle F1 per split (run with the venv's python)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import trafilatura

from aeb_metric import evaluate, page_scores

OUT = Path(__file__).resolve().parent.parent


def main() -> int:
    truth = json.loads((OUT / "ground-truth.json").read_text(encoding="utf-8"))
    by_split: dict[str, list] = {"tune": [], "heldout": []}
    per_page = {}
    for pid, e in truth.items():
        data = (OUT / "pages" / f"{pid}.html").read_bytes()
        try:
            pred = trafilatura.extract(data, favor_precision=False, include_comments=False, include_tables=True) or ""
        except Exception as ex:  # noqa: BLE001
            print(f"{pid}: trafilatura failed: {ex!r}", file=sys.stderr)
            pred = ""
        by_split[e["split"]].append((e["articleBody"], pred))
        tp, fp, fn = page_scores(e["articleBody"], pred)
        per_page[pid] = (e["split"], tp / (tp + fp) if tp + fp else 0.0, tp / (tp + fn) if tp + fn else 0.0)
    for pid, (s, p, r) in per_page.items():
        print(f"{pid:32s} {s:8s} P={p:.3f} R={r:.3f}")
    allp = by_split["tune"] + by_split["heldout"]
    for name, pairs in (("tune", by_split["tune"]), ("heldout", by_split["heldout"]), ("all", allp)):
        if pairs:
            m = evaluate(pairs)
            print(f"{name:8s} pages={m['pages']:3d} precision={m['precision']:.3f} recall={m['recall']:.3f} F1={m['f1']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
