"""Corpus runs survive workers that die, hang or run out of memory, and a main process killed outright.

Each run happens in its own process (``tests/batch_setups.py``) with a bounded wait, so that a
pool that hangs fails the test instead of hanging the suite. Workers misbehave on marker
documents (see ``batch_setups.marker_setup``); the tests wait for events (a pid file), never
for a time.
"""

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
from batch_helpers import BOUND, ROOT, expected, finish, gold_texts, make_corpus, start, wait_for, written
from batch_setups import MARKER, cli_options

import textfix
from textfix.batch import FAILURES_NAME


@pytest.mark.slow
def test_a_worker_killed_in_the_middle_is_replaced_and_every_output_is_written(tmp_path: Path) -> None:
    src, out = tmp_path / "src", tmp_path / "out"
    inputs = make_corpus(src, 240, {120: "wait-for-kill"})
    process = start(tmp_path, "files", str(src), str(out), "--workers", "2")
    holder = tmp_path / "flags" / "holder.pid"
    wait_for(holder, process)
    os.kill(int(holder.read_text(encoding="utf-8")), signal.SIGKILL)
    summary, err = finish(process)

    assert summary["failures"] == [], err
    assert (summary["cleaned"], summary["written"]) == (240, 240)
    outputs = written(out)
    assert len(outputs) == len(inputs)
    for source in inputs:
        assert outputs[source.relative_to(src).as_posix()] == expected(source), source
    journal = (out / ".textfix-journal.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(journal) == len({json.loads(line)["output"] for line in journal}) == 240
    assert not [p for p in out.rglob("*.tmp")]


@pytest.mark.slow
def test_a_document_that_kills_its_worker_twice_is_a_failure_and_the_run_goes_on(tmp_path: Path) -> None:
    src, out = tmp_path / "src", tmp_path / "out"
    inputs = make_corpus(src, 30, {7: "kill-always", 19: "kill-once"})
    summary, err = finish(start(tmp_path, "files", str(src), str(out), "--workers", "2"))

    killer = inputs[7]
    message = f"{killer}: worker died (signal 9) twice while cleaning it"
    assert summary["failures"] == [{"input": str(killer), "error": "worker died (signal 9) twice while cleaning it"}]
    assert f"textfix: {message}\n" in err
    listed = [json.loads(line) for line in (out / FAILURES_NAME).read_text(encoding="utf-8").splitlines()]
    assert listed == summary["failures"]
    outputs = written(out)
    assert killer.relative_to(src).as_posix() not in outputs
    for source in inputs[:7] + inputs[8:]:  # the one killed once is retried and written like the rest
        assert outputs[source.relative_to(src).as_posix()] == expected(source), source
    assert summary["cleaned"] == 29


#: The time limit of the tests: the first documents of a worker also load the language models,
#: which takes seconds on a busy machine; a hanging document exceeds any limit.
LIMIT = "15"


@pytest.mark.slow
def test_a_document_over_the_time_limit_is_abandoned_and_the_rest_written(tmp_path: Path) -> None:
    src, out = tmp_path / "src", tmp_path / "out"
    inputs = make_corpus(src, 20, {4: "hang"})
    summary, err = finish(start(tmp_path, "files", str(src), str(out), "--workers", "2", "--timeout", LIMIT))

    slow = inputs[4]
    assert summary["failures"] == [
        {"input": str(slow), "error": f"took longer than {LIMIT} s (--timeout-per-file); abandoned"}
    ], err
    outputs = written(out)
    assert set(outputs) == {p.relative_to(src).as_posix() for p in inputs if p != slow}
    for source in inputs[5:8]:
        assert outputs[source.relative_to(src).as_posix()] == expected(source)


@pytest.mark.slow
def test_a_worker_over_its_memory_limit_fails_that_document_alone(tmp_path: Path) -> None:
    src, out = tmp_path / "src", tmp_path / "out"
    inputs = make_corpus(src, 12, {5: "allocate"})
    summary, err = finish(start(tmp_path, "files", str(src), str(out), "--workers", "2", "--max-mb", "1500"))

    greedy = inputs[5]
    assert [(f["input"], f["error"]) for f in summary["failures"]] == [
        (str(greedy), "ran out of memory (over the worker's limit of --max-worker-mb 1500); left out")
    ], err
    assert summary["cleaned"] == 11
    assert written(out)[inputs[6].relative_to(src).as_posix()] == expected(inputs[6])


def _records(path: Path, count: int, markers: dict[int, str]) -> list[dict[str, Any]]:
    texts = gold_texts()
    rows = []
    for i in range(count):
        head = f"{MARKER}{markers[i]}\n\n" if i in markers else ""
        rows.append({"id": i, "text": f"{head}Meldung {i}\n\n{texts[i % len(texts)]}"})
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return rows


@pytest.mark.slow
@pytest.mark.parametrize(
    ("marker", "args", "error"),
    [
        pytest.param("kill-always", [], "worker died (signal 9) twice while cleaning it", id="killed"),
        pytest.param("hang", ["--timeout", LIMIT], f"took longer than {LIMIT} s (--timeout-per-file); abandoned",
                     id="hung"),
    ],
)
def test_jsonl_a_record_that_kills_or_hangs_keeps_its_place_with_the_error(
    tmp_path: Path, marker: str, args: list[str], error: str
) -> None:
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    rows = _records(source, 150, {70: marker, 100: "kill-once"})
    summary, _ = finish(start(tmp_path, "jsonl", str(source), str(target), "--workers", "2", *args))

    assert summary["failures"] == [{"input": str(source), "error": error, "line": 71}]
    lines = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in lines] == [r["id"] for r in rows]
    assert lines[70]["textfix"] == {"error": error} and "text_clean" not in lines[70]
    for row, line in zip(rows[95:105], lines[95:105], strict=True):
        assert line["text_clean"] == textfix.clean(str(row["text"]), cli_options()).output
    assert (summary["cleaned"], summary["written"]) == (149, 150)


@pytest.mark.slow
def test_sigkill_of_the_main_process_ends_the_workers_without_a_traceback(tmp_path: Path) -> None:
    src, out = tmp_path / "src", tmp_path / "out"
    make_corpus(src, 200, {})
    command = [sys.executable, "-m", "textfix.cli", "fix", "--no-translate", str(src), "-o", str(out), "-j", "2"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env={**os.environ, "PYTHONPATH": str(ROOT)}, start_new_session=True)
    deadline = time.monotonic() + BOUND
    while sum(1 for _ in out.rglob("article*.txt")) < 10 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    process.kill()
    try:  # stderr closes only when the workers, which share it, have ended too
        _, err = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        pytest.fail("the workers outlived their main process")
    assert b"Traceback" not in err and b"BrokenPipeError" not in err, err.decode()
    assert not [p for p in out.rglob("*.tmp")]


@pytest.mark.parametrize("kind", ["files", "jsonl"])
def test_workers_that_cannot_start_end_the_run_with_the_reason(tmp_path: Path, kind: str) -> None:
    src = tmp_path / "src"
    make_corpus(src, 3, {})
    source = src if kind == "files" else tmp_path / "in.jsonl"
    if kind == "jsonl":
        _records(source, 3, {})
    outcome, _ = finish(start(tmp_path, kind, str(source), str(tmp_path / "out"), "--setup", "failing"))
    assert outcome == {"error": "a worker could not start: no ru→de translation model installed", "type": "WorkerError"}


@pytest.mark.slow
def test_a_worker_stuck_on_a_document_ends_when_its_main_process_is_killed(tmp_path: Path) -> None:
    src = tmp_path / "src"
    make_corpus(src, 8, {2: "wait-for-kill"})
    process = start(tmp_path, "files", str(src), str(tmp_path / "out"), "--workers", "2")
    holder = tmp_path / "flags" / "holder.pid"
    wait_for(holder, process)
    process.kill()  # the main process only: the worker hangs on its document
    try:  # stderr closes only when the workers, which share it, have ended too
        _, err = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        pytest.fail("a worker outlived its main process")
    assert "Traceback" not in err, err
    assert not running(int(holder.read_text(encoding="utf-8")))


def running(pid: int) -> bool:
    """Whether ``pid`` is a live process (not gone, not a zombie waiting for its new parent to reap it)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8").rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"
