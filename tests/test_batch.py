"""Corpus runs: trees mirrored, reruns resumable, interruptions clean, bad inputs reported, JSONL, Dask."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import textfix
from textfix.batch import (
    FAILURES_NAME,
    BatchConfig,
    Processor,
    default_setup,
    find_inputs,
    run_files,
    run_jsonl,
)
from textfix.cli import app
from textfix.cli._progress import Progress
from textfix.evaluate import load_gold
from textfix.glossary import builtin_glossary
from textfix.options import Options

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
BINARY = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))


def gold_texts() -> list[str]:
    return [doc.text for doc in load_gold(CORPUS / "gold")]


def cli_options() -> Options:
    """What ``textfix fix --no-translate`` cleans with: the defaults and the built-in glossary."""
    return Options(glossary=builtin_glossary())


def expected(path: Path) -> str:
    """What a fresh, single-process clean of ``path`` with the CLI's options gives."""
    return textfix.clean_decoded(textfix.read_path(path), cli_options()).output


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def outputs(folder: Path) -> set[str]:
    """Every file under ``folder`` (hidden ones too), relative, with ``/``."""
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A small scrape: nested folders, .txt/.md/.html, files to ignore, a symlink loop."""
    texts = gold_texts()
    root = tmp_path / "scrape"
    (root / "2024" / "05").mkdir(parents=True)
    (root / ".cache").mkdir()
    (root / "a.txt").write_text(texts[0], encoding="utf-8")
    (root / "2024" / "b.md").write_text(texts[1], encoding="utf-8")
    (root / "2024" / "05" / "c.html").write_text(
        "<html><body><h1>Titel hier</h1><p>Ein Satz &amp; noch einer .</p></body></html>", encoding="utf-8"
    )
    (root / "2024" / "05" / "d.txt").write_text(texts[2], encoding="utf-8")
    (root / "2024" / "notes.csv").write_text("a,b\n", encoding="utf-8")
    (root / ".cache" / "e.txt").write_text(texts[3], encoding="utf-8")
    (root / "2024" / "05" / "loop").symlink_to(root / "2024")
    return root


MIRRORED = {"a.txt", "2024/b.md", "2024/05/c.txt", "2024/05/d.txt"}


def test_folder_tree_is_mirrored_with_each_output_cleaned(tree: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, _, err = run("fix", "--no-translate", str(tree), "-o", str(out), "--workers", "2")
    assert code == 0, err
    assert outputs(out) == MIRRORED | {".textfix-journal.jsonl"}
    assert (out / "a.txt").read_text(encoding="utf-8") == expected(tree / "a.txt")
    assert (out / "2024/05/c.txt").read_text(encoding="utf-8") == "Titel hier\n\nEin Satz & noch einer.\n"
    assert "4 files: 4 cleaned, 0 skipped (up to date), 0 failed" in err


def test_glob_mirrors_the_tree_below_its_fixed_folders(tree: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, _, err = run("fix", "--no-translate", f"{tree}/**/*.txt", "-o", str(out), "-j", "2")
    assert code == 0, err
    assert outputs(out) - {".textfix-journal.jsonl"} == {"a.txt", "2024/05/d.txt"}


def test_symlink_loop_is_walked_once_and_the_output_folder_is_never_read(tree: Path) -> None:
    out = tree / "cleaned"
    out.mkdir()
    (out / "old.txt").write_text("an earlier output", encoding="utf-8")
    found, failures = find_inputs([str(tree)], exclude=out)
    assert failures == []
    assert sorted(f.relative.as_posix() for f in found) == sorted(MIRRORED - {"2024/05/c.txt"} | {"2024/05/c.html"})


def test_second_run_skips_what_is_up_to_date_and_redoes_a_touched_input(tree: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    config = BatchConfig(workers=2)
    first = run_files([str(tree)], out, config)
    assert (first.cleaned, first.skipped, first.failed) == (4, 0, 0)
    second = run_files([str(tree)], out, config)
    assert (second.cleaned, second.skipped) == (0, 4)
    later = time.time() + 5
    os.utime(tree / "2024" / "b.md", (later, later))
    third = run_files([str(tree)], out, config)
    assert (third.cleaned, third.skipped) == (1, 3)
    assert (out / "2024" / "b.md").read_text(encoding="utf-8") == expected(tree / "2024" / "b.md")


def test_other_options_redo_every_output(tree: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_files([str(tree)], out, BatchConfig(workers=2))
    again = run_files([str(tree)], out, BatchConfig(workers=2, options=Options(remove_duplicates=False)))
    assert (again.cleaned, again.skipped) == (4, 0)


def test_an_output_without_a_journal_line_is_redone(tree: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_files([str(tree)], out, BatchConfig(workers=1))
    (out / ".textfix-journal.jsonl").write_text("", encoding="utf-8")  # as if killed before journaling
    again = run_files([str(tree)], out, BatchConfig(workers=1))
    assert (again.cleaned, again.skipped) == (4, 0)


def test_a_binary_file_in_the_middle_is_reported_and_the_others_written(tmp_path: Path) -> None:
    texts = gold_texts()[:6]
    src = tmp_path / "src"
    src.mkdir()
    for i, text in enumerate(texts):
        (src / f"{i:02d}.txt").write_text(text, encoding="utf-8")
    (src / "03b.txt").write_bytes(BINARY)
    out = tmp_path / "out"
    code, _, err = run("fix", "--no-translate", str(src), "-o", str(out), "--workers", "2")
    assert code == 1
    assert f"textfix: {src / '03b.txt'}: looks like a binary file, not text\n" in err
    assert "7 files: 6 cleaned, 0 skipped (up to date), 1 failed" in err
    assert f"failures listed in {out / FAILURES_NAME}" in err
    failures = [json.loads(line) for line in (out / FAILURES_NAME).read_text(encoding="utf-8").splitlines()]
    bad = src / "03b.txt"
    assert failures == [{"input": str(bad), "error": f"{bad}: looks like a binary file, not text"}]
    for i in range(6):
        assert (out / f"{i:02d}.txt").read_text(encoding="utf-8") == expected(src / f"{i:02d}.txt")
    assert not (out / "03b.txt").exists()


def test_a_file_over_the_size_limit_is_reported_not_read(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "small.txt").write_text("Die NATO hat reagiert .\n", encoding="utf-8")
    (src / "huge.txt").write_text("Wort " * 1000, encoding="utf-8")
    summary = run_files([str(src)], tmp_path / "out", BatchConfig(workers=1, max_bytes=1000))
    assert [(f.input, f.error) for f in summary.failures] == [
        (str(src / "huge.txt"), f"{src / 'huge.txt'}: larger than the limit of 1000 bytes")
    ]
    assert (tmp_path / "out" / "small.txt").read_text(encoding="utf-8") == "Die NATO hat reagiert.\n"


def test_a_rerun_without_failures_removes_the_old_failures_list(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "bad.txt").write_bytes(BINARY)
    out = tmp_path / "out"
    assert run_files([str(src)], out, BatchConfig(workers=1)).failures_path == out / FAILURES_NAME
    (src / "bad.txt").write_text("Die NATO hat reagiert .\n", encoding="utf-8")
    summary = run_files([str(src)], out, BatchConfig(workers=1))
    assert (summary.cleaned, summary.failed, summary.failures_path) == (1, 0, None)
    assert not (out / FAILURES_NAME).exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(["{src}"], "folders and globs need --output DIR", id="no-output"),
        pytest.param(["--in-place", "{src}"], "--in-place works on files, not on folders", id="in-place"),
    ],
)
def test_corpus_usage_errors_exit_2(tree: Path, args: list[str], message: str) -> None:
    code, _, err = run("fix", "--no-translate", *[a.format(src=tree) for a in args])
    assert code == 2
    assert message in err


# ---------------------------------------------------------------------------- interruption


def _make_corpus(folder: Path, count: int) -> list[Path]:
    texts = gold_texts()
    paths = []
    for i in range(count):
        sub = folder / f"part{i % 7}"
        sub.mkdir(parents=True, exist_ok=True)
        body = "\n\n".join(texts[(i + k * 11) % len(texts)] for k in range(2))
        path = sub / f"article{i:04d}.txt"
        path.write_text(f"Meldung {i} aus dem Archiv\n\n{body}", encoding="utf-8")
        paths.append(path)
    return paths


@pytest.mark.slow
@pytest.mark.parametrize(
    ("signum", "group"),
    [pytest.param(signal.SIGINT, True, id="ctrl-c-to-group"), pytest.param(signal.SIGTERM, False, id="sigterm")],
)
def test_interrupted_run_leaves_only_complete_outputs_and_resumes(
    tmp_path: Path, signum: signal.Signals, group: bool
) -> None:
    src, out = tmp_path / "src", tmp_path / "out"
    inputs = _make_corpus(src, 200)
    command = [sys.executable, "-m", "textfix.cli", "fix", "--no-translate", str(src), "-o", str(out), "-j", "2"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, start_new_session=True
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if out.is_dir() and sum(1 for _ in out.rglob("article*.txt")) >= 10:
            break
        time.sleep(0.05)
    if group:
        os.killpg(process.pid, signum)
    else:
        os.kill(process.pid, signum)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 128 + signum, err.decode()
    assert "interrupted after" in err.decode()

    written = sorted(out.rglob("article*.txt"))
    assert 10 <= len(written) < len(inputs)
    leftovers = [p for p in out.rglob("*") if p.name.endswith(".tmp")]
    assert leftovers == []
    for path in written:
        source = src / path.relative_to(out)
        assert path.read_text(encoding="utf-8") == expected(source), path

    resumed = subprocess.run(command, capture_output=True, env=env, check=False, timeout=300)
    assert resumed.returncode == 0, resumed.stderr.decode()
    assert f"{len(written)} skipped (up to date)" in resumed.stderr.decode()
    assert len(list(out.rglob("article*.txt"))) == len(inputs)
    for source in inputs[::25]:
        assert (out / source.relative_to(src)).read_text(encoding="utf-8") == expected(source)


# ---------------------------------------------------------------------------- JSON Lines


@pytest.fixture
def records(tmp_path: Path) -> tuple[Path, list[dict[str, object]]]:
    texts = gold_texts()[:12]
    rows: list[dict[str, object]] = [
        {"id": i, "url": f"https://example.org/{i}", "text": text, "meta": {"source": "scrape", "n": i}}
        for i, text in enumerate(texts)
    ]
    path = tmp_path / "corpus.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path, rows


def test_jsonl_round_trip_keeps_every_field_and_the_order(
    tmp_path: Path, records: tuple[Path, list[dict[str, object]]]
) -> None:
    source, rows = records
    target = tmp_path / "out.jsonl"
    code, _, err = run("fix", "--no-translate", str(source), "--jsonl-field", "text", "-o", str(target), "-j", "2")
    assert code == 0, err
    cleaned = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in cleaned] == [r["id"] for r in rows]
    for row, out in zip(rows, cleaned, strict=True):
        assert list(out) == [*row, "text_clean", "textfix"]
        assert out["textfix"]["translated"] == 0
        assert {k: out[k] for k in row} == row
        assert out["text_clean"] == textfix.clean(str(row["text"]), cli_options()).output
        assert out["textfix"]["characters"] == len(str(row["text"]))
    assert "12 records: 12 cleaned" in err
    again = run_jsonl(source, target, "text", BatchConfig(workers=1, options=cli_options()))
    assert (again.cleaned, again.skipped) == (0, 1)


def test_jsonl_bad_lines_are_reported_with_line_numbers_and_the_rest_kept(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    lines = [
        json.dumps({"id": 1, "body": "Die NATO hat reagiert ."}),
        "{not json",
        "",
        json.dumps({"id": 3, "title": "no body"}),
        json.dumps({"id": 4, "body": "Wort " * 400}),
        json.dumps({"id": 5, "body": "Leave a Reply"}),
    ]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    target = tmp_path / "out.jsonl"
    summary = run_jsonl(source, target, "body", BatchConfig(workers=2, max_bytes=1000))
    assert [(f.line, f.error.split(" (")[0]) for f in summary.failures] == [
        (2, "not valid JSON"),
        (4, "no field 'body' in the record"),
        (5, "record larger than the limit of 1000 bytes; left out"),
    ]
    cleaned = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in cleaned] == [1, 3, 5]
    assert cleaned[0]["body_clean"] == "Die NATO hat reagiert.\n"
    assert cleaned[1]["textfix"] == {"error": "no field 'body' in the record"}
    failures_file = tmp_path / "out.failures.jsonl"
    assert [json.loads(x)["line"] for x in failures_file.read_text(encoding="utf-8").splitlines()] == [2, 4, 5]


def test_jsonl_streams_to_standard_output_without_output_option(
    records: tuple[Path, list[dict[str, object]]],
) -> None:
    source, rows = records
    code, out, _ = run("fix", "--no-translate", str(source), "-j", "1")
    assert code == 0
    assert [json.loads(line)["id"] for line in out.splitlines()] == [r["id"] for r in rows]


# ---------------------------------------------------------------------------- workers and progress


def counting_setup(options: Options) -> Processor:
    """A worker setup that records each call (pid) in the file named by TEXTFIX_SETUP_LOG."""
    with open(os.environ["TEXTFIX_SETUP_LOG"], "a", encoding="utf-8") as log:
        log.write(f"{os.getpid()}\n")
    return default_setup(options)


def test_worker_setup_runs_once_per_worker_not_per_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = tmp_path / "setup.log"
    monkeypatch.setenv("TEXTFIX_SETUP_LOG", str(log))
    _make_corpus(tmp_path / "src", 40)
    summary = run_files([str(tmp_path / "src")], tmp_path / "out", BatchConfig(workers=2, setup=counting_setup))
    assert summary.cleaned == 40
    calls = log.read_text(encoding="utf-8").split()
    assert len(calls) == len(set(calls)) <= 2
    assert set(summary.worker_setup_seconds) <= {int(pid) for pid in calls}


def test_progress_draws_a_bar_on_a_terminal_and_plain_lines_otherwise() -> None:
    terminal, plain = io.StringIO(), io.StringIO()
    for stream, interactive in ((terminal, True), (plain, False)):
        progress = Progress(stream, interactive=interactive, interval=0)
        progress.start(10, "files")
        progress.update(4, None, 1)
        progress.message("a.txt: looks like a binary file, not text")
        progress.finish()
    assert terminal.getvalue().startswith("\r\x1b[K[#########---------------] 4/10 files, ")
    assert "ETA" in terminal.getvalue() and "1 failed" in terminal.getvalue()
    lines = plain.getvalue().splitlines()
    assert lines[0].startswith("textfix: 4/10 files, ") and "\r" not in plain.getvalue()
    assert lines[1] == "textfix: a.txt: looks like a binary file, not text"


def test_import_textfix_does_not_load_dask_or_multiprocessing() -> None:
    probe = "import sys, textfix\nprint(' '.join(sorted(sys.modules)))"
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.split()
    assert {"dask", "distributed", "multiprocessing.pool"} & set(loaded) == set()


# ---------------------------------------------------------------------------- Dask


@pytest.mark.slow
def test_dask_bag_on_a_local_cluster_of_processes(
    tmp_path: Path, records: tuple[Path, list[dict[str, object]]]
) -> None:
    db = pytest.importorskip("dask.bag")
    distributed = pytest.importorskip("distributed")
    from textfix.dask import clean_bag, failed

    source, rows = records
    with open(source, "a", encoding="utf-8") as stream:
        stream.write(json.dumps({"id": 99, "title": "no text"}) + "\n")
    files = _make_corpus(tmp_path / "files", 6)
    with (
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster,
        distributed.Client(cluster),
    ):
        bag = db.read_text(str(source), blocksize=4096).map(json.loads)
        cleaned = clean_bag(bag, field="text").compute()
        by_function = bag.map(textfix.clean_record, field="text").compute()
        from_files = clean_bag(db.from_sequence([str(p) for p in files], npartitions=3)).compute()
        worker_pids = set(distributed.get_client().run(os.getpid).values())
    assert os.getpid() not in worker_pids and len(worker_pids) == 2
    assert cleaned == by_function
    assert [r["id"] for r in cleaned] == [*(r["id"] for r in rows), 99]
    assert [failed(r) for r in cleaned] == [False] * len(rows) + [True]
    assert cleaned[0]["text_clean"] == textfix.clean(str(rows[0]["text"])).output
    assert [r["path"] for r in from_files] == [str(p) for p in files]
    assert from_files[2]["text"] == expected(files[2])
