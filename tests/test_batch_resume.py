"""Corpus runs keep their promises: damaged outputs are redone, one run at a time per output,
JSON Lines runs resume, every output line is valid JSON, counts match what was written, and
folder, glob and JSON Lines runs write one report and one review index."""

from __future__ import annotations

import hashlib
import json
import os
import re
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from batch_helpers import finish, gold_texts, make_corpus, start, wait_for
from batch_setups import MARKER, cli_options
from typer.testing import CliRunner

import textfix
from textfix.batch import LOCK_NAME, BatchConfig, RunLockedError, run_files, run_jsonl
from textfix.cli import app

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def strict_json(line: str) -> Any:
    """Parse like a strict JSON reader: no NaN or Infinity."""

    def refuse(name: str) -> Any:
        raise ValueError(f"{name} is not JSON")

    return json.loads(line, parse_constant=refuse)


# ---------------------------------------------------------------------------- hashes in the journal


def test_an_output_damaged_after_it_was_written_is_redone(tmp_path: Path) -> None:
    src, out = tmp_path / "src", tmp_path / "out"
    inputs = make_corpus(src, 4, {})
    config = BatchConfig(workers=1, options=cli_options())
    assert run_files([str(src)], out, config).cleaned == 4
    damaged = out / inputs[2].relative_to(src)
    good = damaged.read_bytes()
    damaged.write_bytes(good.replace(b"e", b"a", 1))  # same size, newer than its input
    summary = run_files([str(src)], out, config)
    assert (summary.cleaned, summary.skipped) == (1, 3)
    assert damaged.read_bytes() == good
    journal = [json.loads(line) for line in (out / ".textfix-journal.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {entry["sha256"] for entry in journal if entry["output"] == damaged.relative_to(out).as_posix()} == {
        hashlib.sha256(good).hexdigest()
    }


def test_a_jsonl_output_damaged_after_it_was_written_is_redone(tmp_path: Path) -> None:
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    rows = "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(gold_texts()[:3]))
    source.write_text(rows, encoding="utf-8")
    config = BatchConfig(workers=1, options=cli_options())
    run_jsonl(source, target, "text", config)
    good = target.read_bytes()
    target.write_bytes(good[:-40] + b"x" * 40)
    again = run_jsonl(source, target, "text", config)
    assert (again.cleaned, again.skipped) == (3, 0)
    assert target.read_bytes() == good


# ---------------------------------------------------------------------------- one run at a time


@pytest.mark.slow
def test_a_second_run_into_the_same_folder_says_which_run_holds_it_and_exits_1(tmp_path: Path) -> None:
    src, out = tmp_path / "src", tmp_path / "out"
    make_corpus(src, 6, {3: "wait-for-file"})
    first = start(tmp_path, "files", str(src), str(out), "--workers", "1")
    wait_for(tmp_path / "flags" / "holder.pid", first)  # the first run is in the middle of its work

    code, _, err = run("fix", "--no-translate", str(src), "-o", str(out), "-j", "1")
    assert code == 1
    assert f"another textfix run is writing here (pid {first.pid} on {socket.gethostname()}, started 20" in err
    assert str(out / LOCK_NAME) in err

    (tmp_path / "flags" / "release").touch()
    summary, _ = finish(first)
    assert summary["cleaned"] == 6
    journal = (out / ".textfix-journal.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(journal) == 6  # each output recorded once
    assert not (out / LOCK_NAME).exists()


def test_the_lock_of_a_run_that_died_is_taken_over(tmp_path: Path) -> None:
    src, out = tmp_path / "src", tmp_path / "out"
    make_corpus(src, 2, {})
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True,
                          check=True)
    out.mkdir()
    holder = {"pid": int(dead.stdout), "host": socket.gethostname(), "started": "2026-01-01T00:00:00+00:00"}
    (out / LOCK_NAME).write_text(json.dumps(holder), encoding="utf-8")  # left by a run killed outright
    assert run_files([str(src)], out, BatchConfig(workers=1)).cleaned == 2


def test_the_lock_error_carries_the_holder(tmp_path: Path) -> None:
    from textfix.batch._lock import RunLock

    with RunLock(tmp_path / "lock", tmp_path), pytest.raises(RunLockedError) as raised:
        RunLock(tmp_path / "lock", tmp_path).acquire()
    assert (raised.value.pid, raised.value.host) == (os.getpid(), socket.gethostname())
    assert isinstance(raised.value, textfix.TextfixError)


# ---------------------------------------------------------------------------- resumable JSON Lines


@pytest.mark.slow
def test_an_interrupted_jsonl_run_keeps_its_work_and_the_rerun_goes_on_from_there(tmp_path: Path) -> None:
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    texts = gold_texts()
    rows = [{"id": i, "text": f"Meldung {i}\n\n{texts[i % len(texts)]}"} for i in range(400)]
    rows[300]["text"] = f"{MARKER}signal-parent\n\n{rows[300]['text']}"  # Ctrl-C when it is reached
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    log = tmp_path / "cleaned.log"
    first, _ = finish(start(tmp_path, "jsonl", str(source), str(target), "--workers", "2", log=log))
    assert first["interrupted"] and not target.exists()
    assert (tmp_path / ".out.jsonl.textfix-partial" / "checkpoint.json").exists()
    log.unlink()
    second, _ = finish(start(tmp_path, "jsonl", str(source), str(target), "--workers", "2", log=log))

    assert not second["interrupted"] and second["resumed"] > 0
    redone = {int(line.split()[1]) for line in log.read_text(encoding="utf-8").splitlines() if line.startswith("Mel")}
    assert min(redone) >= second["resumed"]  # nothing the first run kept was cleaned again
    lines = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in lines] == list(range(400))
    for row, line in zip(rows[::37], lines[::37], strict=True):
        assert line["text_clean"] == textfix.clean(str(row["text"]), cli_options()).output
    assert (second["cleaned"], second["written"], second["failures"]) == (400, 400, [])
    assert not (tmp_path / ".out.jsonl.textfix-partial").exists()


# ---------------------------------------------------------------------------- valid JSON out


@pytest.fixture
def awkward(tmp_path: Path) -> Path:
    """Records a scraper produces: a lone surrogate escape, NaN, Infinity, odd values, earlier output."""
    lines = [
        '{"id": 1, "text": "Die NATO hat reagiert ."}',
        '{"id": 2, "text": "b \\ud800"}',
        '{"id": 3, "text": "Ein Satz .", "score": NaN}',
        '{"id": 4, "text": "Ein Satz .", "title": "x \\udc80 y"}',
        '{"id": 5, "text": "Ein Satz .", "weight": -Infinity}',
        "null",
        "[1, 2]",
        '{"id": 8, "text": null}',
        '{"id": 9, "text": 12}',
        '{"id": 10, "text": "Leave a Reply", "text_clean": "old", "textfix": {"language": "de"}}',
        '{"id": 11, "text": "Noch ein Satz ."}',
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_jsonl_records_that_cannot_be_written_as_json_fail_alone(tmp_path: Path, awkward: Path) -> None:
    target = tmp_path / "out.jsonl"
    summary = run_jsonl(awkward, target, "text", BatchConfig(workers=2))
    data = target.read_bytes()
    data.decode("utf-8")  # valid UTF-8, surrogates and all
    records = [strict_json(line) for line in data.decode("utf-8").splitlines()]
    assert [r["id"] for r in records] == [1, 8, 9, 10, 11]
    assert records[-1]["text_clean"] == "Noch ein Satz.\n"
    failures = {f.line: f.error for f in summary.failures}
    assert failures == {
        2: "field 'text' holds a lone surrogate (\\ud800 at character 2), which is not a character; left out",
        3: "not valid JSON (NaN is not a JSON value); left out",
        4: "the record holds a lone surrogate (\\udc80 at character 0), which is not a character; left out",
        5: "not valid JSON (-Infinity is not a JSON value); left out",
        6: "null, not an object; left out",
        7: "a list, not an object; left out",
        8: "field 'text' is null, not text",
        9: "field 'text' is a number, not text",
        10: "the record already has 'text_clean' and 'textfix'; kept unchanged (--overwrite-fields replaces them)",
    }
    assert not [e for e in failures.values() if re.search(r"\b(NoneType|dict|int|float|str|bool)\b", e)]
    listed = [json.loads(x) for x in (tmp_path / "out.failures.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [x["line"] for x in listed] == sorted(failures)
    assert records[3] == {"id": 10, "text": "Leave a Reply", "text_clean": "old", "textfix": {"language": "de"}}


def test_overwrite_fields_replaces_what_an_earlier_run_added(tmp_path: Path, awkward: Path) -> None:
    target = tmp_path / "out.jsonl"
    run_jsonl(awkward, target, "text", BatchConfig(workers=1, overwrite_fields=True))
    records = {r["id"]: r for r in map(json.loads, target.read_text(encoding="utf-8").splitlines())}
    assert records[10]["text_clean"] == ""  # "Leave a Reply" is boilerplate
    assert records[10]["textfix"]["debris_removed"] == 1
    assert list(records[10]) == ["id", "text", "text_clean", "textfix"]


def test_the_jsonl_summary_counts_what_was_written(tmp_path: Path, awkward: Path) -> None:
    target = tmp_path / "out.jsonl"
    code, _, err = run("fix", "--no-translate", str(awkward), "-o", str(target), "-j", "1")
    assert code == 1
    lines = target.read_text(encoding="utf-8").splitlines()
    assert "11 records: 2 cleaned, 0 skipped (up to date), 9 failed; 5 lines written (3 not cleaned)" in err
    assert len(lines) == 5


# ---------------------------------------------------------------------------- report and review pages


@pytest.mark.parametrize("kind", ["folder", "glob"])
def test_a_folder_or_glob_run_writes_one_report_and_one_review_index(tmp_path: Path, kind: str) -> None:
    src, out = tmp_path / "src", tmp_path / "out"
    inputs = make_corpus(src, 6, {})
    report, pages = tmp_path / "report.json", tmp_path / "review"
    spec = str(src) if kind == "folder" else f"{src}/**/*.txt"
    args = ("fix", "--no-translate", spec, "-o", str(out), "-j", "2", "--report", str(report),
            "--diff-html", str(pages))
    code, _, err = run(*args)
    assert code == 0, err

    documents = json.loads(report.read_text(encoding="utf-8"))
    assert documents["textfix_report"] == 1
    names = [d["file"] for d in documents["documents"]]
    assert sorted(names) == sorted(str(p) for p in inputs)
    first = next(d for d in documents["documents"] if d["file"] == str(inputs[0]))
    result = textfix.clean_decoded(textfix.read_path(inputs[0]), cli_options())
    assert first["summary"]["characters"] == {"original": len(result.original), "output": len(result.output)}
    index = (pages / "index.html").read_text(encoding="utf-8")
    assert "6 documents" in index
    for source in inputs:
        page = pages / f"{source.relative_to(src).as_posix()}.html"
        assert page.exists() and f'href="{source.relative_to(src).as_posix()}.html"' in index

    again = run(*args)  # everything up to date: the report still covers every document
    assert again[0] == 0 and "6 skipped" in again[2]
    assert len(json.loads(report.read_text(encoding="utf-8"))["documents"]) == 6


def test_a_jsonl_run_writes_one_report_and_one_review_index(tmp_path: Path) -> None:
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    texts = gold_texts()[:4]
    source.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(texts)), encoding="utf-8")
    report, pages = tmp_path / "report.json", tmp_path / "review"
    code, _, err = run("fix", "--no-translate", str(source), "-o", str(target), "--report", str(report),
                       "--diff-html", str(pages))
    assert code == 0, err
    documents = json.loads(report.read_text(encoding="utf-8"))["documents"]
    assert [d["file"] for d in documents] == [f"{source}:{n}" for n in range(1, 5)]
    assert documents[2]["summary"]["characters"]["original"] == len(texts[2])
    index = (pages / "index.html").read_text(encoding="utf-8")
    assert [p.name for p in sorted(pages.glob("in-*.html"))] == [f"in-{n}.html" for n in range(1, 5)]
    assert 'href="in-3.html"' in index and "4 documents" in index


def test_a_jsonl_report_needs_an_output_file(tmp_path: Path, awkward: Path) -> None:
    code, _, err = run("fix", "--no-translate", str(awkward), "--report", str(tmp_path / "r.json"))
    assert code == 2
    assert "--report and --diff-html with a .jsonl input need --output FILE.jsonl" in err


# ---------------------------------------------------------------------------- interrupted counts


@pytest.mark.slow
def test_an_interrupted_folder_run_counts_exactly_the_outputs_it_wrote(tmp_path: Path) -> None:
    src, out = tmp_path / "src", tmp_path / "out"
    make_corpus(src, 120, {60: "signal-parent"})
    summary, _ = finish(start(tmp_path, "files", str(src), str(out), "--workers", "2"))
    assert summary["interrupted"]
    on_disk = sorted(p.relative_to(out).as_posix() for p in out.rglob("article*.txt"))
    journal = [json.loads(line)["output"] for line in (out / ".textfix-journal.jsonl").read_text().splitlines()]
    assert summary["cleaned"] == len(on_disk) == len(journal)
    assert sorted(journal) == on_disk


def test_temporaries_left_by_a_killed_run_are_removed(tmp_path: Path) -> None:
    src, out = tmp_path / "src", tmp_path / "out"
    inputs = make_corpus(src, 3, {})
    left = out / inputs[0].relative_to(src).parent / f".{inputs[0].name}.a1B2c3D4.tmp"
    left.parent.mkdir(parents=True)
    left.write_text("half an output", encoding="utf-8")
    os.utime(left, (1_000_000_000, 1_000_000_000))  # written long before this run started
    assert run_files([str(src)], out, BatchConfig(workers=1)).cleaned == 3
    assert not left.exists()
    assert not [p for p in out.rglob("*.tmp")]
