"""Clean a JSON Lines corpus (or a folder of articles) on Dask with textfix.

Needs the ``dask`` extra (``pip install 'textfix[dask]'``). textfix has no cluster code:
this script starts a local cluster of processes; pass ``--scheduler tcp://host:8786`` to
use an existing cluster instead (every worker needs textfix installed).

Run:
    python examples/dask_corpus.py corpus.jsonl --field text -o cleaned/
    python examples/dask_corpus.py 'scrape/**/*.txt' -o cleaned/
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import dask
import dask.bag as db
from distributed import Client, LocalCluster

import textfix
from textfix.batch import find_inputs
from textfix.dask import clean_bag, failed


def parse_line(line: str) -> dict[str, object]:
    """One JSON Lines record; a line that is not a JSON object becomes an error record."""
    try:
        record = json.loads(line)
    except ValueError as error:
        return {"line": line[:80], "textfix": {"error": f"not valid JSON: {error}"}}
    return record if isinstance(record, dict) else {"line": line[:80], "textfix": {"error": "not a JSON object"}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("inputs", help="a .jsonl file (or a glob of them), or a glob of .txt/.md/.html files")
    parser.add_argument("-o", "--output", type=Path, required=True, help="folder for part-*.jsonl outputs")
    parser.add_argument("--field", default="text", help="record field that holds the text (JSON Lines)")
    parser.add_argument("--scheduler", help="address of an existing Dask scheduler (default: a local cluster)")
    parser.add_argument("--workers", type=int, default=2, help="local cluster size (default 2)")
    args = parser.parse_args(argv)

    options = textfix.Options(languages=("de", "en", "ru", "uk"))
    if args.inputs.endswith(".jsonl"):
        # blocksize splits one big file into partitions read lazily by the workers.
        parsed = db.read_text(args.inputs, blocksize="64MiB").filter(str.strip).map(parse_line)
        unreadable, items = parsed.filter(failed), parsed.remove(failed)
    else:
        # The same walk as `textfix fix DIR`: hidden files skipped, symlink loops followed once.
        found, _ = find_inputs([args.inputs])
        unreadable, items = db.from_sequence([]), db.from_sequence([str(f.source) for f in found], partition_size=200)
    cleaned = clean_bag(items, options, field=args.field)

    cluster = None if args.scheduler else LocalCluster(n_workers=args.workers, threads_per_worker=1)
    with Client(args.scheduler or cluster):
        args.output.mkdir(parents=True, exist_ok=True)
        cleaned.filter(lambda r: not failed(r)).map(json.dumps, ensure_ascii=False).to_textfiles(
            str(args.output / "part-*.jsonl")
        )
        bad_lines, bad_items = dask.compute(unreadable, cleaned.filter(failed))
        problems = [*bad_lines, *bad_items]
    if cluster is not None:
        cluster.close()
    for problem in problems:
        error = problem["textfix"]["error"]
        where = "" if "path" in problem else f"{problem.get('id', problem.get('line', '?'))!r}: "
        print(f"textfix: {where}{error}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
