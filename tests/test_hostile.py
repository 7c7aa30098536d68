"""Hostile and broken input: each gets a clear one-line message and the right exit code,
with work linear in its size.

Work is counted, never timed: :func:`work` counts the Python function calls (and calls
into C) a stage makes, which is the same on every run and on any machine, however
loaded. That catches the quadratic loops textfix once had (a list copied per word, an
edit log composed pair by pair). Time spent inside one C call (a regular expression)
is not counted; ``bench/bench_hostile.py`` times the same inputs as ratios.
"""

from __future__ import annotations

import json
import os
import pickle
import sys
import tempfile
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest
from typer.testing import CliRunner

import textfix
from textfix.batch import DEFAULT_MAX_BYTES
from textfix.cli import app
from textfix.glossary import load_glossary
from textfix.read import html_to_text
from textfix.repair import repair_edits

T = TypeVar("T")
ROOT = Path(__file__).resolve().parents[1]
NOBODY = 65534


def run(*args: str, stdin: str | bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def one_line_error(stderr: str, *fragments: str) -> None:
    """stderr is exactly one line, from textfix, containing every fragment."""
    assert stderr.endswith("\n") and stderr.count("\n") == 1, stderr
    assert stderr.startswith("textfix: "), stderr
    for fragment in fragments:
        assert fragment in stderr, (fragment, stderr)


def work(function: Callable[[T], object], argument: T) -> int:
    """How many function calls (Python and C) ``function(argument)`` makes: a count, not a time."""
    calls = 0

    def count(frame: object, event: str, arg: object) -> None:
        nonlocal calls
        if event in ("call", "c_call"):
            calls += 1

    sys.setprofile(count)
    try:
        function(argument)
    finally:
        sys.setprofile(None)
    return calls


#: Four times the input may cost at most this many times the work (linear: about 4).
LINEAR = 6


def as_unprivileged(function: Callable[[], T]) -> T:
    """``function()`` without root's power to ignore file permissions.

    Not root: just call it. Root (as in CI): call it in a forked child that has switched to
    the user ``nobody``, and bring back its result (or its exception) through a pipe.
    """
    if os.geteuid() != 0:
        return function()
    read_end, write_end = os.pipe()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # fork with threads: the child only runs `function`
        pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        try:
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            payload = pickle.dumps((True, function()))
        except BaseException as error:
            payload = pickle.dumps((False, repr(error)))
        with os.fdopen(write_end, "wb") as stream:
            stream.write(payload)
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as stream:
        ok, value = pickle.loads(stream.read())
    os.waitpid(pid, 0)
    assert ok, value
    return value  # type: ignore[no-any-return]


@pytest.fixture
def open_tmp() -> Path:
    """A temporary folder the unprivileged user may enter (pytest's own are private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="textfix-hostile-"))
    folder.chmod(0o755)
    yield folder  # type: ignore[misc]
    for path in sorted(folder.rglob("*"), reverse=True):
        path.chmod(0o755) if path.is_dir() else path.unlink()
        if path.is_dir():
            path.rmdir()
    folder.rmdir()


# --- empty and blank input -------------------------------------------------------------


@pytest.mark.parametrize(
    "content", [pytest.param(b"", id="empty"), pytest.param(" \n\t\r\n\u00a0\n".encode(), id="whitespace-only")]
)
def test_empty_or_blank_input_gives_empty_output_and_exit_0(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "blank.txt"
    path.write_bytes(content)
    code, out, err = run("fix", "--no-translate", str(path))
    assert (code, out, err) == (0, "", "")
    code, out, err = run("segment", "--json", str(path))
    assert code == 0, err
    assert json.loads(out)["segments"] == []


# --- size ------------------------------------------------------------------------------


def test_a_50_mb_single_line_is_refused_at_once_with_the_limit_and_the_remedy(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as stream:
        stream.write(b"Die NATO ist besorgt " * (50 * 1024 * 1024 // 21 + 1))
    for command in (["fix", "--no-translate"], ["segment"], ["diff"]):
        code, out, err = run(*command, str(path))
        assert (code, out) == (1, ""), command
        one_line_error(err, str(path), f"larger than the limit of {DEFAULT_MAX_BYTES} bytes", "--max-bytes")


def test_the_size_limit_applies_to_standard_input_and_can_be_raised(tmp_path: Path) -> None:
    code, _, err = run("fix", "--no-translate", "--max-bytes", "10", "-", stdin="Die NATO ist besorgt.\n")
    assert code == 1
    one_line_error(err, "-: larger than the limit of 10 bytes")
    code, out, err = run("fix", "--no-translate", "--max-bytes", "100", "-", stdin="Die NATO ist besorgt .\n")
    assert (code, out, err) == (0, "Die NATO ist besorgt.\n", "")


def test_a_zero_size_limit_is_a_usage_error() -> None:
    code, _, _ = run("fix", "--no-translate", "--max-bytes", "0", "-", stdin="x")
    assert code == 2


def test_read_path_never_reads_more_than_the_limit_from_an_endless_file() -> None:
    with pytest.raises(textfix.InputTooLargeError, match="larger than the limit of 1000 bytes"):
        textfix.read_path("/dev/zero", max_bytes=1000)


# --- bytes that are not clean UTF-8 text -----------------------------------------------


def test_a_nul_byte_makes_a_binary_file_one_line_exit_1(tmp_path: Path) -> None:
    path = tmp_path / "nul.txt"
    path.write_bytes(b"Die NATO ist besorgt.\x00 Er sagte es.\n")
    code, out, err = run("fix", "--no-translate", str(path))
    assert (code, out) == (1, "")
    one_line_error(err, str(path), "binary")


def test_truncated_utf8_keeps_all_text_and_marks_the_cut_character(tmp_path: Path) -> None:
    data = "Die Führung der NATO ist besorgt. Er sagte: Größe".encode()
    path = tmp_path / "cut.txt"
    path.write_bytes(data[: data.rindex("ö".encode()) + 1])  # "Gr" and the first of the two bytes of "ö"
    decoded = textfix.read_path(path)
    assert decoded.text == "Die Führung der NATO ist besorgt. Er sagte: Gr\ufffd"
    assert decoded.encoding.startswith("utf-8")
    code, out, err = run("fix", "--no-translate", str(path))
    assert (code, err) == (0, "")
    assert out == "Die Führung der NATO ist besorgt. Er sagte: Gr\ufffd\n"


def test_utf8_with_a_cp1251_paragraph_reads_both(tmp_path: Path) -> None:
    data = (
        "Die Führung der NATO ist besorgt.\n\n".encode()
        + "Столтенберг заявил, что мир будет реагировать.\n\n".encode("cp1251")
        + "Der Generalsekretär sagte es.\n".encode()
    )
    path = tmp_path / "mixed.txt"
    path.write_bytes(data)
    decoded = textfix.read_path(path)
    assert decoded.encoding == "utf-8 with cp1251 lines"
    result = textfix.clean_decoded(decoded)
    assert result.output == (
        "Die Führung der NATO ist besorgt.\n\nСтолтенберг заявил, что мир будет реагировать.\n\n"
        "Der Generalsekretär sagte es.\n"
    )
    assert [(s.kind, s.lang) for s in result.segments] == [("text", "de"), ("foreign", "ru"), ("text", "de")]


def test_right_to_left_and_zero_width_characters(tmp_path: Path) -> None:
    text = "Die NATO\u200b ist besorgt.\n\nمرحبا بالعالم\u200f \u202eevil\u202c und\u2060 שלום.\n"
    path = tmp_path / "rtl.txt"
    path.write_text(text, encoding="utf-8")
    code, out, err = run("fix", "--no-translate", str(path))
    assert (code, err) == (0, "")
    assert "\u200b" not in out and "\u2060" not in out
    for kept in ("Die NATO ist besorgt.", "مرحبا بالعالم", "שלום", "evil"):
        assert kept in out
    result = textfix.clean(text)
    removed = [e for e in result.edits if "\u200b" in e.before]
    assert removed and all(e.reason for e in removed)


# --- many paragraphs, linear time ------------------------------------------------------


def test_many_tiny_paragraphs_take_linear_time_and_lose_nothing() -> None:
    def article(n: int) -> str:
        return "".join(f"Absatz {i}.\n\n" for i in range(n))

    small, large = article(2_500), article(10_000)
    textfix.clean(article(100))  # load the language models first
    ratio = work(textfix.clean, large) / work(textfix.clean, small)
    assert ratio < LINEAR, ratio
    result = textfix.clean(large)
    assert result.output == large.rstrip("\n") + "\n"
    assert textfix.apply_edits(large, result.edits) == result.output


# --- HTML ------------------------------------------------------------------------------


def test_10000_nested_divs_and_unclosed_tags(tmp_path: Path) -> None:
    page = tmp_path / "deep.html"
    page.write_text(
        "<html><body>"
        + "<div>" * 10_000
        + "<p>Die NATO ist besorgt."
        + "</div>" * 10_000
        + "<p>Unclosed <b>bold <i>italic<p>Zweiter Absatz<div <div <a href='x",
        encoding="utf-8",
    )
    code, out, err = run("fix", "--no-translate", str(page))
    assert (code, err) == (0, "")
    assert out.startswith("Die NATO ist besorgt.\n\nUnclosed bold italic\n\nZweiter Absatz")
    assert "<div" in out or "<" not in out  # an unterminated tag is text, never a crash or a hang


@pytest.mark.parametrize("suffix", [".html", ".txt"])
def test_script_content_never_reaches_the_output(tmp_path: Path, suffix: str) -> None:
    page = tmp_path / f"page{suffix}"
    page.write_text(
        "<html><head><script>var secret = 'ALERT1';</script></head><body><p>Die NATO ist besorgt.</p>\n"
        "<SCRIPT type='text/javascript'>if (a < b) { document.write('<p>ALERT2</p>'); }</SCRIPT>\n"
        "<p>Er sagte es.</p><script>unclosed('ALERT3')\n",
        encoding="utf-8",
    )
    code, out, err = run("fix", "--no-translate", str(page))
    assert (code, err) == (0, "")
    assert "ALERT" not in out and "secret" not in out
    assert "Die NATO ist besorgt." in out and "Er sagte es." in out


# --- paths -----------------------------------------------------------------------------


def test_a_directory_and_a_missing_path_are_one_line_each_exit_1(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    code, out, err = run("segment", str(tmp_path))
    assert (code, out) == (1, "")
    one_line_error(err, str(tmp_path), "is a directory")
    code, out, err = run("fix", "--no-translate", str(missing))
    assert (code, out) == (1, "")
    one_line_error(err, str(missing), "no such file")


def test_a_file_without_read_permission_is_one_line_exit_1(open_tmp: Path) -> None:
    secret = open_tmp / "secret.txt"
    secret.write_text("Die NATO ist besorgt.\n", encoding="utf-8")
    secret.chmod(0o000)
    code, out, err = as_unprivileged(lambda: run("fix", "--no-translate", str(secret)))
    assert (code, out) == (1, "")
    one_line_error(err, str(secret), "permission denied")


def test_an_output_in_a_missing_folder_is_one_line_exit_1_and_writes_nothing(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("Die NATO ist besorgt.\n", encoding="utf-8")
    target = tmp_path / "missing" / "out.txt"
    code, out, err = run("fix", "--no-translate", str(source), "-o", str(target))
    assert (code, out) == (1, "")
    one_line_error(err, str(target), "does not exist")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_an_output_in_a_read_only_folder_is_one_line_exit_1_and_leaves_no_temporary(open_tmp: Path) -> None:
    source = open_tmp / "a.txt"
    source.write_text("Die NATO ist besorgt.\n", encoding="utf-8")
    source.chmod(0o644)
    locked = open_tmp / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    code, out, err = as_unprivileged(lambda: run("fix", "--no-translate", str(source), "-o", str(locked / "a.txt")))
    assert (code, out) == (1, "")
    one_line_error(err, str(locked / "a.txt"), "permission denied")
    assert list(locked.iterdir()) == []


def test_a_symlink_loop_in_a_corpus_tree_is_walked_once(tmp_path: Path) -> None:
    tree = tmp_path / "scrape"
    (tree / "a").mkdir(parents=True)
    (tree / "a" / "one.txt").write_text("Die NATO ist besorgt .\n", encoding="utf-8")
    (tree / "a" / "loop").symlink_to(tree, target_is_directory=True)
    (tree / "broken.txt").symlink_to(tmp_path / "gone.txt")
    out = tmp_path / "out"
    code, _, err = run("fix", "--no-translate", str(tree), "-o", str(out), "-j", "1")
    assert code == 1, err  # the broken link failed; the loop did not
    assert (out / "a" / "one.txt").read_text(encoding="utf-8") == "Die NATO ist besorgt.\n"
    failures = [json.loads(line) for line in (out / "failures.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [Path(f["input"]).name for f in failures] == ["broken.txt"]


# --- glossaries ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        pytest.param("id\tde\ten\nkyiv\tKiew\tKyiv\textra\n", ":2: expected 3 fields, found 4", id="malformed"),
        pytest.param("id\tde\tfoo\n", ":1: unknown column 'foo'", id="bad-header"),
        pytest.param("id\tde\tfr\nkyiv\tKiew\tKiev\nkyiv\tKyjiw\tKyïv\n", ":3: duplicate id 'kyiv'", id="duplicate-id"),
        pytest.param("id\tde\nkyiv\tKiew\nkiew\tKiew\n", ":3: 'Kiew' is already a form of 'kyiv'", id="duplicate-form"),
        pytest.param("\x00\x01binary", ":1: unknown column", id="binary"),
    ],
)
def test_a_bad_glossary_is_one_line_exit_1(tmp_path: Path, content: str, fragment: str) -> None:
    glossary = tmp_path / "mine.tsv"
    glossary.write_text(content, encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("Die NATO ist besorgt.\n", encoding="utf-8")
    code, out, err = run("fix", "--no-translate", "--glossary", str(glossary), str(article))
    assert (code, out) == (1, "")
    one_line_error(err, f"{glossary}{fragment}")


def test_a_huge_glossary_loads_with_linear_work(tmp_path: Path) -> None:
    def write(n: int) -> Path:
        path = tmp_path / f"g{n}.tsv"
        rows = "".join(f"term{i}\tBegriff{i}\tTerm{i}\tVariante{i}\n" for i in range(n))
        path.write_text("id\tde\ten\tvariants\n" + rows, encoding="utf-8")
        return path

    small, large = write(2_500), write(10_000)
    load_glossary(small)  # one-time costs (imports, compiled patterns) are not part of the measure
    ratio = work(load_glossary, large) / work(load_glossary, small)
    assert ratio < LINEAR, ratio
    assert load_glossary(large).get("term9999") is not None


# --- translation packages --------------------------------------------------------------


@pytest.mark.parametrize("damage", ["truncated", "not-a-zip", "no-model"])
def test_installing_a_corrupt_package_is_one_line_exit_1(tmp_path: Path, damage: str) -> None:
    package = next((ROOT / "models").glob("*ru_en*.argosmodel"))
    broken = tmp_path / "broken.argosmodel"
    if damage == "truncated":
        broken.write_bytes(package.read_bytes()[:5000])
    elif damage == "not-a-zip":
        broken.write_bytes(b"PK\x03\x04 nothing more")
    else:
        with zipfile.ZipFile(package) as source, zipfile.ZipFile(broken, "w") as target:
            for item in source.infolist():
                if "/model/" not in item.filename:
                    target.writestr(item, source.read(item))
    store = tmp_path / "store"
    store.mkdir()
    code, _, err = run("models", "install", "--models-dir", str(store), "--file", str(broken))
    assert code == 1
    one_line_error(err, "broken.argosmodel")
    code, out, _ = run("models", "list", "--models-dir", str(store))
    assert (code, out.splitlines()[1:]) == (0, ["  (none)"])


# --- adversarial lines: every regex-heavy stage in linear time --------------------------

ADVERSARIAL = {
    "lt": "<",
    "amp": "&",
    "entity-chain": "&amp;",
    "a-dot": "a.",
    "cyrillic-words": "абвгд ",
    "div-open": "<div ",
    "quoted-attribute": "<a b='c' ",
    "comment-open": "<!-- x>",
    "digits": "1",
    "one-word": "a",
    "mojibake": "Ã¼",
    "space-dot": "a .",
}


def adversarial_line(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


@pytest.mark.parametrize("unit", list(ADVERSARIAL.values()), ids=list(ADVERSARIAL))
def test_an_adversarial_line_is_processed_with_linear_work(unit: str) -> None:
    small, large = adversarial_line(unit, 50_000), adversarial_line(unit, 200_000)
    textfix.clean(adversarial_line(unit, 1000))  # first use of the language models is not part of the measure
    for stage in (textfix.decode_bytes, html_to_text, repair_edits, textfix.clean):
        argument: str | bytes = large.encode() if stage is textfix.decode_bytes else large
        small_argument: str | bytes = small.encode() if stage is textfix.decode_bytes else small
        ratio = work(stage, argument) / max(work(stage, small_argument), 1)  # type: ignore[arg-type]
        assert ratio < LINEAR, (stage.__name__, ratio)


@pytest.mark.parametrize("unit", list(ADVERSARIAL.values()), ids=list(ADVERSARIAL))
def test_a_1_mb_adversarial_line_is_cleaned_and_replays(unit: str) -> None:
    large = adversarial_line(unit, 1_000_000)
    result = textfix.clean(large)
    assert textfix.apply_edits(large, result.edits) == result.output
