"""Worker setups for the corpus-run tests, and a runner that starts a run in its own process.

``marker_setup`` cleans like the default setup, except for documents whose first line is a
marker (``TEXTFIX-TEST: <action>``); the actions make a worker misbehave the way real ones do
(killed, hanging, out of memory), each once or always. Flags and pid files go into the folder
named by ``$TEXTFIX_TEST_DIR``, so that a test can wait for an event instead of sleeping.

With ``$TEXTFIX_TEST_LOG`` set, the first line of every document cleaned is added to that file.

Run ``python tests/batch_setups.py files SRC OUT [--workers N] [--timeout S] [--max-mb M]`` (or
``jsonl SRC OUT``): one corpus run with ``marker_setup``, the summary as JSON on stdout.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import signal
import sys
import time
from pathlib import Path

from textfix.batch import BatchConfig, Processor, default_setup, run_files, run_jsonl
from textfix.cli._progress import Progress
from textfix.errors import ModelError, TextfixError
from textfix.glossary import builtin_glossary
from textfix.model import Result
from textfix.options import Options
from textfix.read import Decoded

MARKER = "TEXTFIX-TEST: "


def _flag(text: str, kind: str) -> Path:
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    return Path(os.environ["TEXTFIX_TEST_DIR"]) / f"{kind}-{digest}"


def _first_time(text: str) -> bool:
    """True the first time a document is seen by any worker (a flag file records it)."""
    flag = _flag(text, "seen")
    try:
        flag.touch(exist_ok=False)
    except FileExistsError:
        return False
    return True


def _misbehave(decoded: Decoded) -> None:
    text = decoded.text
    log = os.environ.get("TEXTFIX_TEST_LOG")
    if log:  # which documents this run cleaned: their first line
        with open(log, "a", encoding="utf-8") as stream:
            stream.write(text.split("\n", 1)[0] + "\n")
    if not text.startswith(MARKER):
        return
    action = text[len(MARKER) :].split("\n", 1)[0].strip()
    if (action == "kill-once" and _first_time(text)) or action == "kill-always":
        os.kill(os.getpid(), signal.SIGKILL)
    elif action == "wait-for-kill" and _first_time(text):
        # Say which worker holds the document, then hang until the test kills it.
        (Path(os.environ["TEXTFIX_TEST_DIR"]) / "holder.pid").write_text(str(os.getpid()), encoding="utf-8")
        while True:
            time.sleep(3600)
    elif action == "hang":
        while True:
            time.sleep(3600)
    elif action == "allocate":
        blocks = [bytearray(64 * 1024 * 1024) for _ in range(64)]  # 4 GiB, beyond any test limit
        del blocks
    elif action == "signal-parent" and _first_time(text):
        os.kill(os.getppid(), signal.SIGINT)  # as if the user pressed Ctrl-C now
    elif action == "wait-for-file":
        release = Path(os.environ["TEXTFIX_TEST_DIR"]) / "release"
        (Path(os.environ["TEXTFIX_TEST_DIR"]) / "holder.pid").write_text(str(os.getpid()), encoding="utf-8")
        while not release.exists():
            time.sleep(0.02)


def _processor(inner: Processor) -> Processor:
    def process(decoded: Decoded) -> Result:
        _misbehave(decoded)
        return inner(decoded)

    return process


def marker_setup(options: Options) -> Processor:
    """The default setup, with the test markers above."""
    return _processor(default_setup(options))


def failing_setup(options: Options) -> Processor:
    """A setup that cannot build its processor (as a translation setup without its models)."""
    raise ModelError("no ru→de translation model installed")


def cli_options() -> Options:
    """What ``textfix fix --no-translate`` cleans with: the defaults and the built-in glossary."""
    return Options(glossary=builtin_glossary())


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("kind", choices=["files", "jsonl"])
    parser.add_argument("source", type=Path)
    parser.add_argument("output", type=Path)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--timeout", type=float)
    parser.add_argument("--max-mb", type=int)
    parser.add_argument("--setup", choices=["marker", "failing"], default="marker")
    args = parser.parse_args()
    config = BatchConfig(
        options=cli_options(), workers=args.workers, setup=marker_setup if args.setup == "marker" else failing_setup,
        timeout_per_file=args.timeout, max_worker_mb=args.max_mb,
    )
    progress = Progress(sys.stderr, interactive=False)
    try:
        if args.kind == "files":
            summary = run_files([str(args.source)], args.output, config, progress)
        else:
            summary = run_jsonl(args.source, args.output, "text", config, progress)
    except TextfixError as error:
        print(json.dumps({"error": str(error), "type": type(error).__name__}))
        return 0
    payload = {
        "cleaned": summary.cleaned,
        "written": summary.written,
        "skipped": summary.skipped,
        "found": summary.found,
        "interrupted": summary.interrupted,
        "resumed": summary.resumed,
        "failures": [f.to_json() for f in summary.failures],
    }
    print(json.dumps(payload))
    return 0


if __name__ == "__main__":
    sys.exit(main())
