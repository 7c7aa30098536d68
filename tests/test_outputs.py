"""Outputs: a full disk, standard output that cannot be written, and where -o puts things."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from textfix.cli import app

SEED = Path(__file__).resolve().parents[1] / "corpus" / "seeds" / "000_4af742517c27e9f8.txt"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def one_line(stderr: str, *fragments: str) -> None:
    assert stderr.count("\n") == 1 and stderr.startswith("textfix: "), stderr
    for fragment in fragments:
        assert fragment in stderr, stderr


@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[Path]:
    """A 16 KiB file system (tmpfs), as a user with a nearly full disk has; needs root to mount."""
    folder = tmp_path / "full"
    folder.mkdir()
    mount = ["mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", str(folder)]
    done = subprocess.run(mount, capture_output=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=False)


@pytest.fixture
def big_article(tmp_path: Path) -> Path:
    """An article of about 70 KB (the gold corpus in one): more than the full disk holds."""
    from textfix.evaluate import load_gold

    path = tmp_path / "big.txt"
    text = "\n\n".join(d.text for d in load_gold(SEED.parents[1] / "gold"))
    path.write_text(text, encoding="utf-8")
    return path


def test_a_full_disk_is_one_line_and_leaves_no_partial_file(full_disk: Path, big_article: Path) -> None:
    code, out, err = run("fix", "--no-translate", str(big_article), "-o", str(full_disk / "x.txt"))
    assert (code, out) == (1, "")
    one_line(err, f"{full_disk / 'x.txt'}: cannot write: no space left on device")
    assert list(full_disk.iterdir()) == []


def test_a_report_on_a_full_disk_is_one_line_and_the_text_still_goes_out(full_disk: Path, big_article: Path) -> None:
    code, out, err = run("fix", "--no-translate", str(big_article), "--report", str(full_disk / "r.json"))
    assert code == 1 and out.startswith("Nordkorea liefert weitere Raketen")
    one_line(err, "r.json: cannot write: no space left on device")
    assert list(full_disk.iterdir()) == []


def test_a_review_page_on_a_full_disk_is_one_line(full_disk: Path, big_article: Path) -> None:
    code, _, err = run("diff", str(big_article), "--html", str(full_disk / "review.html"))
    assert code == 1
    one_line(err, "review.html: cannot write: no space left on device")
    assert list(full_disk.iterdir()) == []


@pytest.mark.parametrize("command", [["fix", "--no-translate"], ["segment"], ["diff"]])
def test_standard_output_that_cannot_be_written_is_one_line_exit_1(command: list[str]) -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "textfix.cli", *command, str(SEED)], stdout=full,
                              stderr=subprocess.PIPE, text=True, timeout=120, check=False)
    assert done.returncode == 1
    assert done.stderr == "textfix: standard output: cannot write: no space left on device\n"


def test_a_trailing_slash_makes_the_output_a_folder(tmp_path: Path) -> None:
    code, _, err = run("fix", "--no-translate", str(SEED), "-o", f"{tmp_path / 'newdir'}/")
    assert code == 0, err
    assert (tmp_path / "newdir").is_dir()
    assert (tmp_path / "newdir" / SEED.name).read_text(encoding="utf-8").startswith("Tausende Container")


def test_several_inputs_and_a_file_name_are_refused_without_creating_anything(tmp_path: Path) -> None:
    other = tmp_path / "b.txt"
    other.write_text("Die NATO ist besorgt .\n", encoding="utf-8")
    code, _, err = run("fix", "--no-translate", str(SEED), str(other), "-o", str(tmp_path / "single.txt"))
    assert code == 1
    one_line(err, "single.txt: several inputs need a folder for --output")
    assert not (tmp_path / "single.txt").exists()


def test_a_name_collision_leaves_no_empty_folder_behind(tmp_path: Path) -> None:
    first, second = tmp_path / "a" / "x.txt", tmp_path / "b" / "x.txt"
    for path in (first, second):
        path.parent.mkdir()
        path.write_text("Die NATO ist besorgt .\n", encoding="utf-8")
    code, _, err = run("fix", "--no-translate", str(first), str(second), "-o", str(tmp_path / "out"))
    assert code == 1
    one_line(err, "would both be written to")
    assert not (tmp_path / "out").exists()


def test_in_place_on_a_symlink_writes_through_to_its_target(tmp_path: Path) -> None:
    target = tmp_path / "article.txt"
    target.write_text("Die NATO ist besorgt .\n", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    code, _, err = run("fix", "--no-translate", "--in-place", str(link))
    assert code == 0, err
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8") == "Die NATO ist besorgt.\n"
