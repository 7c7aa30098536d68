"""The package's layout: no import cycles, nothing imports the package top, modules stay readable."""

from __future__ import annotations

import ast
import importlib
import logging
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "textfix"
#: A module longer than this holds several concerns and should be a package (a little slack for docstrings).
MAX_LINES = 520


def modules() -> dict[str, Path]:
    """Every module of the package by dotted name (``textfix.glossary.terms``)."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _imports(name: str, path: Path) -> Iterator[tuple[str, bool]]:
    """``(imported module, at module level)`` for each import of textfix's own modules.

    Imports under ``if TYPE_CHECKING:`` and inside functions are not module-level: they
    cannot make an import cycle at run time, but they are still reported.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    top_level = {id(node) for node in tree.body}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            if not target.startswith("textfix"):
                continue
            # "from . import clean" names submodules, "from .x import y" a module x.
            names = [f"{target}.{a.name}" for a in node.names] if node.module is None else [target]
            for imported in names:
                yield imported, id(node) in top_level
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("textfix"):
                    yield alias.name, id(node) in top_level


def _graph() -> dict[str, set[str]]:
    known = modules()
    graph: dict[str, set[str]] = {}
    for name, path in known.items():
        graph[name] = set()
        for imported, at_top in _imports(name, path):
            target = imported
            while target not in known and "." in target:
                target = target.rpartition(".")[0]
            if at_top and target != name:
                graph[name].add(target)
    return graph


def test_no_module_imports_itself_in_a_cycle() -> None:
    graph = _graph()
    # A package's __init__ importing its own submodules is how packages work; a cycle is anything else.
    edges = {m: {t for t in ts if not t.startswith(m + ".")} for m, ts in graph.items()}
    seen: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(node: str, path: list[str]) -> None:
        seen[node] = 1
        for target in sorted(edges.get(node, ())):
            if seen.get(target) == 1:
                cycle = [*path[path.index(target) :], target] if target in path else [node, target]
                pytest.fail("import cycle: " + " → ".join(cycle))
            if target not in seen:
                visit(target, [*path, target])
        seen[node] = 2

    for module in sorted(edges):
        if module not in seen:
            visit(module, [module])


@pytest.mark.parametrize("name", sorted(m for m in modules() if m != "textfix"))
def test_no_module_imports_the_package_top(name: str) -> None:
    tops = [imported for imported, _ in _imports(name, modules()[name]) if imported == "textfix"]
    assert not tops, f"{name} imports the package top (import from the module that defines the name)"


@pytest.mark.parametrize("name", sorted(modules()))
def test_modules_stay_short(name: str) -> None:
    lines = modules()[name].read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{name} has {lines} lines: split it by concern"


def test_the_layout_follows_the_pipeline() -> None:
    """The stages of DESIGN.md's pipeline each have a home."""
    names = set(modules())
    for stage in ("read", "repair", "segment", "translate", "glossary", "assemble", "render", "pipeline"):
        assert any(n == f"textfix.{stage}" or n.startswith(f"textfix.{stage}.") for n in names), stage


@pytest.mark.parametrize("package", ["textfix", "textfix.batch"])
def test_every_public_name_is_found_where_the_package_says(package: str) -> None:
    """A lazy package loads its names on first use: each one in ``__all__`` must resolve."""
    module = importlib.import_module(package)

    for name in module.__all__:
        assert getattr(module, name) is not None, name
    assert set(module.__all__) - {"__version__"} == set(module._HOMES)
    with pytest.raises(AttributeError):
        _ = module.no_such_name


def test_importing_the_package_loads_no_stage() -> None:
    probe = "import sys, textfix; print(sorted(m for m in sys.modules if m.startswith('textfix')))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=PACKAGE.parent)
    assert done.stdout.strip() == "['textfix', 'textfix._lazy', 'textfix._version']"


def test_a_one_file_fix_loads_only_what_it_needs(tmp_path: Path) -> None:
    """``textfix fix FILE`` imports its own command, not the corpus runner, the service or translation."""
    article = tmp_path / "article.txt"
    article.write_text("Die NATO ist besorgt, sagte er.\n\nTeilen:\n", encoding="utf-8")
    probe = (
        "import atexit, sys\n"
        "atexit.register(lambda: print(' '.join(sorted(sys.modules)), file=sys.stderr))\n"
        f"sys.argv = ['textfix', 'fix', '--no-translate', {str(article)!r}]\n"
        "from textfix.cli import main\n"
        "main()\n"
    )
    for _ in range(2):  # the first run fills textfix's data cache (word tables) as a user's first run does
        done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True,
                              cwd=PACKAGE.parent)
    assert done.stdout == "Die NATO ist besorgt, sagte er.\n"
    loaded = set(done.stderr.split()[-1000:])
    assert "textfix.cli.clean" in loaded and "textfix.pipeline" in loaded
    # A clean text file needs no encoding repair (ftfy), no HTML reader, no review pages, no CSV reader
    # (the built-in glossary is TSV, read from the cache), nothing is drawn, and nothing written but stdout.
    unused = {"textfix.cli.serve", "textfix.cli.models", "textfix.cli.glossary", "textfix.cli.segments",
              "textfix.cli.diff", "textfix.batch._pool", "textfix.batch.inputs",
              "textfix.batch.jsonl", "textfix.batch.files", "textfix.batch.config", "textfix.batch.summary",
              "textfix.debris.recurring", "textfix.translate", "textfix.server",
              "argostranslate", "ctranslate2", "uvicorn", "wordfreq", "HanTa",
              "textfix.render.html", "textfix.decisions", "textfix.cli._review",
              "textfix.glossary.tbx", "textfix.glossary.placeholders", "xml.etree.ElementTree",
              "ftfy", "wcwidth", "html", "textfix.read.html", "textfix.render.terminal", "csv",
              "tempfile"}
    assert loaded & unused == set()


def test_textfix_logs_only_through_its_null_handler() -> None:
    """Every textfix logger comes from ``textfix._log``, which puts a NullHandler on ``textfix``."""
    from textfix._log import logger

    assert any(isinstance(h, logging.NullHandler) for h in logging.getLogger("textfix").handlers)
    assert logger("textfix.server").name == "textfix.server"
    own = re.compile(r"getLogger\((?!\"trafilatura\")")
    direct = [str(path.relative_to(PACKAGE)) for path in PACKAGE.rglob("*.py")
              if path.name != "_log.py" and own.search(path.read_text(encoding="utf-8"))]
    assert direct == []
