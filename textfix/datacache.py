"""Tables textfix derives from its libraries' data, kept on disk so a run loads them, not rebuilds them.

A one-file run spends most of its time before it reads the file: HanTa unpickles a 40 MB
tagger to answer a few hundred word-class questions, wordfreq decodes its packed word
lists. The tables textfix actually asks (word → classes, word → Zipf frequency) are
built once from those libraries and written as :mod:`marshal` files (the format Python
itself uses for ``.pyc`` files: fast to load, plain data only) under the user's cache
folder, keyed by what they were built from (the data file's size and modification time,
and the builder's own version), so an upgraded library or builder writes a new one.

Tables too large to read whole on every run (the word-frequency lists) are kept as SQLite
files instead and asked word by word (:func:`cached_lookup`).

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
import pkgutil
import re
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

if TYPE_CHECKING:
    import sqlite3

__all__ = [
    "Lookup", "Memo", "cache_dir", "cached_lookup", "cached_regex", "cached_table", "code_key", "file_key",
    "package_folder", "shipped_data", "warm_regex_cache",
]  # fmt: skip

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


def shipped_data(name: str) -> bytes:
    """A file textfix ships in ``textfix/data`` (``"glossary.tsv"``), read through textfix's own loader.

    As ``importlib.resources`` reads it (from a folder or a zip file alike), without the
    10 ms of imports ``importlib.resources.files`` costs a one-file run.
    """
    data = pkgutil.get_data("textfix", f"data/{name}")
    if data is None:  # a loader that cannot read files
        raise FileNotFoundError(f"textfix/data/{name}")
    return data


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
    with contextlib.suppress(OSError), _replacing(path) as temporary:
        Path(temporary).write_bytes(data)


@contextlib.contextmanager
def _replacing(path: Path) -> Iterator[str]:
    """A temporary file beside ``path`` to build, put in its place once the block ends without error.

    A reader sees the old file or the whole new one; a failed build leaves no temporary behind.
    """
    import tempfile  # only where a table is written: a run that finds its tables cached writes none

    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(handle)
    try:
        yield temporary
        os.replace(temporary, path)
    finally:
        with contextlib.suppress(OSError):  # gone already once it is in place
            os.unlink(temporary)


#: A looked-up table of at most this many rows is read whole when opened (it costs less than a few queries).
SMALL_TABLE = 256
#: After this many queries a process reads the rest of the table whole (a corpus run asks for most of it).
QUERIES_BEFORE_LOADING = 4_096
_PREFETCH = 500  # words asked in one query (SQLite allows 32,766 parameters; a statement this long is quick)


class Lookup(Generic[T]):
    """A large table (word → value) answered from an SQLite file, row by row, without loading it.

    A one-file run asks a word-frequency list of 60,000 words about a few hundred of them:
    reading the whole list costs 30 ms, asking SQLite (the standard library's on-disk
    table, indexed by word) costs microseconds a word. Answers are remembered; a process
    that keeps asking (a corpus run) reads the whole table once :data:`QUERIES_BEFORE_LOADING`
    have been asked. Built by :func:`cached_lookup`, which falls back on a plain dict.
    """

    def __init__(self, path: Path, rows: int, connection: sqlite3.Connection | None = None) -> None:
        self._path = path
        self._known: dict[str, T | None] = {}
        self._whole = False  # all rows are in _known: a word it lacks is not in the table
        self._queries = 0
        self._connection = connection
        self._pid = -1 if connection is None else os.getpid()
        self._lock = threading.Lock()  # one connection, asked from any thread (the web service's workers)
        if rows <= SMALL_TABLE:
            self._load_all()

    @overload
    def get(self, word: str) -> T | None: ...
    @overload
    def get(self, word: str, default: T) -> T: ...

    def get(self, word: str, default: T | None = None) -> T | None:
        """The value of ``word``, or ``default`` if the table has none."""
        found = self._known.get(word) if word in self._known or self._whole else self._query(word)
        return default if found is None else found

    def prefetch(self, words: Iterable[str]) -> None:
        """Ask for ``words`` at once, a few hundred to a query (their answers then cost a dict look-up)."""
        if self._whole:
            return
        with self._lock:
            wanted = [word for word in dict.fromkeys(words) if word not in self._known]
            self._queries += len(wanted)
            if self._queries > QUERIES_BEFORE_LOADING:
                self._load_all()
                return
            connection = self._connect()
            for start in range(0, len(wanted), _PREFETCH):
                chunk = wanted[start : start + _PREFETCH]
                marks = ",".join("?" * len(chunk))
                found = dict(connection.execute(f"SELECT word, value FROM rows WHERE word IN ({marks})", chunk))
                self._known.update({word: _value(found[word]) if word in found else None for word in chunk})

    def _query(self, word: str) -> T | None:
        with self._lock:
            self._queries += 1
            if self._queries > QUERIES_BEFORE_LOADING and not self._whole:
                self._load_all()
            if self._whole:
                return self._known.get(word)
            row = self._connect().execute("SELECT value FROM rows WHERE word = ?", (word,)).fetchone()
            found: T | None = _value(row[0]) if row is not None else None
            self._known[word] = found
            return found

    def _connect(self) -> sqlite3.Connection:
        """The connection of this process (a forked worker opens its own, as SQLite requires)."""
        if self._connection is None or self._pid != os.getpid():
            self._connection, self._pid = _open_rows(self._path), os.getpid()
        return self._connection

    def _load_all(self) -> None:
        connection = self._connect()
        rows = connection.execute("SELECT word, value FROM rows").fetchall()
        connection.close()
        self._known = {word: _value(value) for word, value in rows}
        self._whole, self._connection = True, None


def cached_lookup(name: str, key: str, build: Callable[[], dict[str, T]]) -> Lookup[T] | dict[str, T]:
    """The table ``build()`` returns, to be asked word by word: from an SQLite file in the cache.

    Like :func:`cached_table` (``name``, ``key``, values of plain data), for tables too
    large to read whole on every run. The file is built on the first run; without a
    cache folder, or where SQLite fails, the table is built and kept in memory.
    """
    path = _cache_path(name, key, "sqlite")
    if path is None:
        return build()
    try:
        import sqlite3  # 3 ms to import: only where a table is looked up
    except ImportError:  # a Python built without it
        return build()
    with contextlib.suppress(OSError, sqlite3.Error):
        opened = _open_for(path, key)
        if opened is not None:
            return Lookup(path, opened[1], opened[0])
    table = build()
    with contextlib.suppress(OSError, sqlite3.Error):
        _write_rows(path, key, table)
    return table


def _stored(value: object) -> float | str | bytes:
    """A value as SQLite keeps it: floats and strings as they are (exactly), anything else marshalled."""
    return value if type(value) in (float, str) else marshal.dumps(value)  # type: ignore[arg-type,return-value]


def _rows(table: dict[str, T]) -> Iterable[tuple[str, Any]]:
    """The table's rows as :func:`_stored` keeps them; the word lists' (floats only) as they are,
    read by SQLite in C: a first run writes 200,000 of them, and a generator per row cost a fifth."""
    if set(map(type, table.values())) <= {float, str}:
        return table.items()
    return ((word, _stored(value)) for word, value in table.items())


def _value(stored: float | str | bytes) -> Any:
    """The value :func:`_stored` kept."""
    return marshal.loads(stored) if isinstance(stored, bytes) else stored


def _open_rows(path: Path) -> sqlite3.Connection:
    import sqlite3

    # Read-only and immutable (no locking): files are only ever replaced whole, never changed.
    return sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True, check_same_thread=False)


def _open_for(path: Path, key: str) -> tuple[sqlite3.Connection, int] | None:
    """The file at ``path`` opened, and how many rows it holds; ``None`` if absent or another key's."""
    if not path.exists():
        return None
    connection = _open_rows(path)
    try:
        found = connection.execute("SELECT key, rows FROM meta").fetchone()
    except BaseException:
        connection.close()
        raise
    if found is None or found[0] != key:
        connection.close()
        return None
    return connection, int(found[1])


def _write_rows(path: Path, key: str, table: dict[str, T]) -> None:
    """Write the table as an SQLite file, atomically (built aside, then put in place)."""
    import sqlite3

    with _replacing(path) as temporary:
        connection = sqlite3.connect(temporary)
        try:
            connection.execute("PRAGMA journal_mode = OFF")  # a half-built file is never put in place,
            connection.execute("PRAGMA synchronous = OFF")  # so neither a journal nor syncs are needed
            connection.execute("CREATE TABLE meta (key TEXT, rows INTEGER)")
            connection.execute("CREATE TABLE rows (word TEXT PRIMARY KEY, value) WITHOUT ROWID")
            connection.execute("INSERT INTO meta VALUES (?, ?)", (key, len(table)))
            connection.executemany("INSERT INTO rows VALUES (?, ?)", _rows(table))
            connection.commit()
        finally:
            connection.close()


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
    key = f"{_regex_key()}\0{source_key}"
    try:
        return _from_program(source, cached_table(f"regex-{name}", key, lambda: _program(source)))
    except Exception:  # an engine that changed its ways: compile as usual
        return re.compile(source)


def _program(source: str | bytes, flags: int = 0) -> tuple[int, list[int], int, dict[str, int]]:
    """What ``re`` compiles ``source`` to: flags, opcodes, group count, group names."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    parsed = _parser.parse(source, flags)
    code = _compiler._code(parsed, flags)
    return flags | parsed.state.flags, [int(op) for op in code], parsed.state.groups - 1, dict(parsed.state.groupdict)


def _from_program(source: str | bytes, program: tuple[int, list[int], int, dict[str, int]]) -> re.Pattern[Any]:
    """The pattern ``re`` would compile, made by its engine from the program :func:`_program` returned."""
    flags, code, groups, groupindex = program
    indexgroup: list[str | None] = [None] * (groups + 1)
    for group, index in groupindex.items():
        indexgroup[index] = group
    compiled = _sre.compile(source, flags, code, groups, groupindex, tuple(indexgroup))
    if not isinstance(compiled, re.Pattern):
        raise TypeError(f"the engine made a {type(compiled).__name__}")
    return compiled


#: At most this many programs are kept for :func:`warm_regex_cache` (``re`` itself keeps 512).
REGEX_LIMIT = 400
#: Longer patterns are built from data (the glossary's): :func:`cached_regex` keeps those apart.
_REGEX_LONGEST = 5_000
_Programs = dict[tuple[str | bytes, int], tuple[int, list[int], int, dict[str, int]]]
#: The programs :func:`warm_regex_cache` read in this process (empty: not called yet).
_warm: list[_Programs] = []


def warm_regex_cache() -> int:
    """Hand ``re`` the programs of the patterns earlier runs compiled; their number.

    textfix's modules and libraries compile some 160 regular expressions when imported,
    a third of a one-file command's start-up: ``re`` parses and compiles each in Python.
    Called first thing by the command line, this puts the patterns (kept in the cache,
    keyed by the exact Python build, as :func:`cached_regex` does) into ``re``'s own
    in-memory cache, where every later ``re.compile`` of the same source and flags finds
    them. Patterns compiled in this process that the cache lacked are added at exit.
    Where ``re`` keeps its cache otherwise, this does nothing.
    """
    memory = getattr(re, "_cache", None)
    path = _cache_path("regex-programs", _regex_key(), "marshal")
    if _warm or not isinstance(memory, dict) or path is None:
        return 0
    loaded = _load(path, _regex_key())
    programs: _Programs = loaded if isinstance(loaded, dict) else {}
    _warm.append(programs)
    for (source, flags), program in programs.items():
        with contextlib.suppress(Exception):  # a program the engine refuses: re compiles it as usual
            memory[type(source), source, flags] = _from_program(source, program)
    atexit.register(_save_regex_programs, path, programs)
    return len(programs)


def _regex_key() -> str:
    """What a compiled program is valid for: the exact Python build and its engine's version."""
    return f"{sys.version}\0{getattr(_sre, 'MAGIC', '')}"


def _save_regex_programs(path: Path, known: _Programs) -> None:
    """Add the patterns ``re`` compiled in this process to the file, unless it would grow past the limit."""
    memory = getattr(re, "_cache", None)
    if not isinstance(memory, dict):
        return
    keys = [(source, flags) for kind, source, flags in list(memory)
            if kind in (str, bytes) and len(source) <= _REGEX_LONGEST and not flags & re.DEBUG]
    keys = [key for key in keys if key not in known]
    if not keys or len(known) + len(keys) > REGEX_LIMIT:  # nothing new, or more than is worth keeping
        return
    new = {}
    for source, flags in keys:
        with contextlib.suppress(Exception):
            new[source, flags] = _program(source, flags)
    loaded = _load(path, _regex_key())
    merged = {**(loaded if isinstance(loaded, dict) else {}), **new}  # with what other runs wrote meanwhile
    if len(merged) <= REGEX_LIMIT:
        _write(path, marshal.dumps((_regex_key(), merged)))
