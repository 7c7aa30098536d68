"""Helpers of the corpus-run tests: a corpus with marker documents, and runs in their own process."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from batch_setups import MARKER, cli_options

import textfix
from textfix.evaluate import load_gold

ROOT = Path(__file__).resolve().parents[1]
RUNNER = Path(__file__).resolve().parent / "batch_setups.py"
#: Longest a test run may take before the test fails (a hung pool).
BOUND = 300


def gold_texts() -> list[str]:
    return [doc.text for doc in load_gold(ROOT / "corpus" / "gold") if doc.text]


def make_corpus(folder: Path, count: int, markers: dict[int, str]) -> list[Path]:
    """``count`` articles in 5 subfolders; article ``i`` starts with the marker ``markers[i]``."""
    texts = gold_texts()
    paths = []
    for i in range(count):
        sub = folder / f"part{i % 5}"
        sub.mkdir(parents=True, exist_ok=True)
        head = f"{MARKER}{markers[i]}\n\n" if i in markers else ""
        path = sub / f"article{i:04d}.txt"
        path.write_text(f"{head}Meldung {i} aus dem Archiv\n\n{texts[i % len(texts)]}", encoding="utf-8")
        paths.append(path)
    return paths


def expected(path: Path) -> str:
    return textfix.clean_decoded(textfix.read_path(path), cli_options()).output


def start(tmp_path: Path, *args: str, log: Path | None = None) -> subprocess.Popen[str]:
    """A run of ``tests/batch_setups.py`` with its flags in ``tmp_path/flags`` (``log``: what it cleaned)."""
    flags = tmp_path / "flags"
    flags.mkdir(exist_ok=True)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TEXTFIX_TEST_DIR": str(flags)}
    if log is not None:
        env["TEXTFIX_TEST_LOG"] = str(log)
    return subprocess.Popen(
        [sys.executable, str(RUNNER), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        start_new_session=True,
    )


def finish(process: subprocess.Popen[str]) -> tuple[dict[str, Any], str]:
    """The run's summary and stderr; fails (and kills the run) if it does not end in time."""
    try:
        out, err = process.communicate(timeout=BOUND)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        pytest.fail("the corpus run did not end by itself")
    assert process.returncode == 0, err
    return json.loads(out), err


def wait_for(path: Path, process: subprocess.Popen[str]) -> None:
    """Wait until ``path`` exists (the event a marker document announces)."""
    deadline = time.monotonic() + BOUND
    while not path.exists():
        if process.poll() is not None or time.monotonic() > deadline:
            pytest.fail(f"{path.name} never appeared: {process.communicate()[1]}")
        time.sleep(0.02)


def written(out: Path) -> dict[str, str]:
    return {p.relative_to(out).as_posix(): p.read_text(encoding="utf-8") for p in out.rglob("article*.txt")}
