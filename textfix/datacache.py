"""Tables textfix derives from its libraries' data, kept on disk so a run loads them, not rebuilds them.

A one-file run spends most of its time before it reads the file: HanTa unpickles a 40 MB
tagger to answer a few hundred word-class questions, wordfreq decodes its packed word
lists. The tables textfix actually asks (word → classes, word → Zipf frequency) are
built once from those libraries and written as :mod:`marshal` files (the format Python
itself uses for ``.pyc`` files: fast to load, plain data only) under the user's cache
folder, keyed by what they were built from (the data file's size and modification time,
and the builder's own version), so an upgraded library or builder writes a new one.

Where: ``$TEXTFIX_CACHE_DIR``, else ``$XDG_CACHE_HOME/textfix``, else ``~/.cache/textfix``.
``TEXTFIX_CACHE_DIR=off`` keeps nothing on disk. A folder that cannot be written, or a
damaged file, only costs the rebuild: the cache never changes a result.

>>> import tempfile, os
>>> saved = os.environ.get("TEXTFIX_CACHE_DIR", "off")
>>> os.environ["TEXTFIX_CACHE_DIR"] = tempfile.mkdtemp()
>>> cached_table("demo", "v1", lambda: {"a": 1})
{'a': 1}
>>> cached_table("demo", "v1", lambda: {"a": 2})  # read from disk, not rebuilt
{'a': 1}
>>> os.environ["TEXTFIX_CACHE_DIR"] = saved
"""

from __future__ import annotations

import _sre  # type: ignore[import-not-found]  # CPython's regular-expression engine (cached_regex)
import atexit
import contextlib
import hashlib
import importlib.util
import marshal
import os
import re
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import TypeVar

__all__ = ["Memo", "cache_dir", "cached_regex", "cached_table", "code_key", "file_key", "package_folder"]

T = TypeVar("T")

#: Bump when a cached table's layout changes.
_FORMAT = "1"


def cache_dir() -> Path | None:
    """The folder the tables live in, or ``None`` when caching is off."""
    chosen = os.environ.get("TEXTFIX_CACHE_DIR")
    if chosen is not None:
        return None if chosen.strip().lower() in ("", "off", "0", "none") else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "textfix"


def file_key(path: Path) -> str:
    """What a table built from ``path`` depends on: its name, size and modification time."""
    info = path.stat()
    return f"{path.name}:{info.st_size}:{info.st_mtime_ns}"


def code_key(*modules: ModuleType) -> str:
    """What a table built by the code of ``modules`` depends on: the Python build and each module file.

    A table derived by textfix's own code (the glossary's compiled matcher) is stale once
    that code changes; keying it by the files' size and modification time rebuilds it then.
    """
    files = [file_key(Path(module.__file__)) if module.__file__ else module.__name__ for module in modules]
    return "\0".join([sys.version, *files])


def cached_table(name: str, key: str, build: Callable[[], T]) -> T:
    """The table ``build()`` returns, read from the cache when one with this ``key`` is there.

    ``name`` says what the table is (``"hanta-de"``); ``key`` everything it was built from.
    The result must be plain data (dicts, lists, str, int, float, tuples) of the type
    ``build`` returns; a cached file of another type is rebuilt.
    """
    path = _cache_path(name, key, "marshal")
    loaded = _load(path, key)
    if loaded is not _MISSING:
        return loaded  # type: ignore[return-value]
    table = build()
    if path is not None:
        _write(path, marshal.dumps((key, table)))  # type: ignore[arg-type]  # plain data, as documented
    return table


def package_folder(package: str) -> Path | None:
    """Where an installed package's files are, found without importing it (``None``: not installed)."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


_MISSING = object()


def _cache_path(name: str, key: str, suffix: str) -> Path | None:
    """The file of the table ``name`` built from ``key``, or ``None`` when caching is off."""
    folder = cache_dir()
    digest = hashlib.sha256(f"{_FORMAT}\0{name}\0{key}".encode()).hexdigest()[:16]
    return folder / f"{name}-{digest}.{suffix}" if folder is not None else None


def _load(path: Path | None, key: str) -> object:
    """What the file at ``path`` holds for ``key``; :data:`_MISSING` if it is absent, damaged or another key's."""
    if path is not None:
        with contextlib.suppress(OSError, EOFError, ValueError, TypeError):
            loaded = marshal.loads(path.read_bytes())
            if isinstance(loaded, tuple) and len(loaded) == 2 and loaded[0] == key:
                return loaded[1]
    return _MISSING


def _write(path: Path, data: bytes) -> None:
    """Write atomically (a reader sees the old file or the whole new one); give up quietly."""
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, path)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise


#: A memo holds at most this many answers; past it, new ones are not kept on disk.
MEMO_LIMIT = 100_000


class Memo:
    """Answers of a slow pure function (word → int), kept across runs.

    Loaded from the cache on first use; answers found in this process are merged into
    the file when the process ends (whoever writes last keeps the union of what it read
    and found). Only for functions whose answer depends on nothing but the argument and
    ``key``: a memo makes a run faster, never different.
    """

    def __init__(self, name: str, key: str) -> None:
        self.name, self.key = name, key
        self._known: dict[str, int] | None = None
        self._new: dict[str, int] = {}

    def get(self, word: str) -> int | None:
        if self._known is None:
            self._known = self._read()
        found = self._known.get(word)
        return found if found is not None else self._new.get(word)

    def put(self, word: str, value: int) -> None:
        if not self._new:
            atexit.register(self.save)
        self._new[word] = value

    def save(self) -> None:
        """Merge this process's answers into the file (called at exit)."""
        if not self._new:
            return
        merged = {**self._read(), **self._new}
        self._new = {}
        path = self._path()
        if path is not None and len(merged) <= MEMO_LIMIT:
            _write(path, marshal.dumps((self.key, merged)))

    def _path(self) -> Path | None:
        return _cache_path(self.name, self.key, "memo")

    def _read(self) -> dict[str, int]:
        loaded = _load(self._path(), self.key)
        return dict(loaded) if isinstance(loaded, dict) else {}


def cached_regex(name: str, source: str) -> re.Pattern[str]:
    """``re.compile(source)``, with the compiled program kept in the cache.

    For the few very large patterns textfix builds from data (the glossary's ~30,000
    characters take 0.1 s to compile, as long as the rest of a one-file run): ``re``
    compiles in Python and keeps its cache in memory only, and a pickled pattern is
    compiled again when loaded. The cache keeps the program ``re`` made (the list of
    opcodes its C engine runs) and hands it back to that engine, keyed by the exact
    Python build and the source, so a program is only reused where ``re`` itself would
    make the same one. Anything unexpected falls back to ``re.compile``.

    >>> cached_regex("demo", r"Kyjiw|Kiew").findall("Kiew oder Kyjiw")
    ['Kiew', 'Kyjiw']
    """
    source_key = hashlib.sha256(source.encode("utf-8", "surrogatepass")).hexdigest()
    key = f"{sys.version}\0{getattr(_sre, 'MAGIC', '')}\0{source_key}"
    try:
        flags, code, groups, groupindex = cached_table(f"regex-{name}", key, lambda: _program(source))
        indexgroup: list[str | None] = [None] * (groups + 1)
        for group, index in groupindex.items():
            indexgroup[index] = group
        compiled = _sre.compile(source, flags, code, groups, groupindex, tuple(indexgroup))
    except Exception:  # an engine that changed its ways: compile as usual
        return re.compile(source)
    if not isinstance(compiled, re.Pattern):
        return re.compile(source)
    return compiled


def _program(source: str) -> tuple[int, list[int], int, dict[str, int]]:
    """What ``re`` compiles ``source`` to: flags, opcodes, group count, group names."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    parsed = _parser.parse(source, 0)
    code = _compiler._code(parsed, 0)
    return parsed.state.flags, [int(op) for op in code], parsed.state.groups - 1, dict(parsed.state.groupdict)
