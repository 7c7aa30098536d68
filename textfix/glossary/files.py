"""Glossary files: TSV and CSV (the built-in glossary's format), loading and merging."""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import cache
from pathlib import Path

from textfix.datacache import cached_table, code_key, shipped_data
from textfix.errors import GlossaryError

from .entry import Fields, GlossaryEntry, is_language_column
from .terms import Glossary

__all__ = ["builtin_glossary", "load_glossaries", "load_glossary", "parse_csv", "parse_tsv", "to_tsv"]

_OPTIONAL_COLUMNS = ("type", "variants", "source")

def _rows_to_glossary(rows: Iterable[tuple[int, list[str]]], name: str) -> Glossary:
    """Entries from (line number, fields) rows whose first row is the header."""
    header: list[str] | None = None
    entries: list[GlossaryEntry] = []
    first_line: dict[str, int] = {}
    owner: dict[str, tuple[str, int]] = {}
    for line, fields in rows:
        if header is None:
            header = [f.strip().lower() for f in fields]
            _check_header(header, name, line)
            continue
        if len(fields) > len(header):
            raise GlossaryError(f"expected {len(header)} fields, found {len(fields)} (a stray tab or comma?)",
                                path=name, line=line)
        values = dict(zip(header, [f.strip() for f in fields] + [""] * (len(header) - len(fields)), strict=True))
        entry = _row_entry(values, header, name, line)
        if entry.id in first_line:
            problem = f"duplicate id {entry.id!r} (first on line {first_line[entry.id]})"
            raise GlossaryError(problem, path=name, line=line)
        first_line[entry.id] = line
        for form in entry.all_forms():
            if form in owner:
                other, other_line = owner[form]
                problem = f"{form!r} is already a form of {other!r} (line {other_line})"
                raise GlossaryError(problem, path=name, line=line)
            owner[form] = (entry.id, line)
        entries.append(entry)
    if header is None:
        raise GlossaryError("no header line (id, type, de, en, variants, source)", path=name, line=1)
    return Glossary(tuple(entries))


def _check_header(header: list[str], name: str, line: int) -> None:
    for column in header:
        if column != "id" and column not in _OPTIONAL_COLUMNS and not is_language_column(column):
            raise GlossaryError(
                f"unknown column {column!r}: columns are id, type, variants, source and two-letter language codes",
                path=name, line=line,
            )
    if len(set(header)) != len(header):
        raise GlossaryError("a column is named twice in the header", path=name, line=line)
    if "id" not in header or not any(is_language_column(c) for c in header):
        raise GlossaryError("the header needs an 'id' column and at least one language column (de, en)",
                            path=name, line=line)


def _split(value: str, column: str, name: str, line: int) -> tuple[str, ...]:
    if not value:
        return ()
    forms = tuple(part.strip() for part in value.split("|"))
    if any(not form for form in forms):
        raise GlossaryError(f"empty form in column {column!r} (two '|' in a row?)", path=name, line=line)
    return forms


def _row_entry(values: Mapping[str, str], header: Sequence[str], name: str, line: int) -> GlossaryEntry:
    languages = [c for c in header if is_language_column(c)]
    names = tuple((c, _split(values[c], c, name, line)) for c in languages)
    names = tuple((c, forms) for c, forms in names if forms)
    if not values["id"]:
        raise GlossaryError("empty id", path=name, line=line)
    if not names:
        problem = f"entry {values['id']!r} has no form in any of {', '.join(languages)}"
        raise GlossaryError(problem, path=name, line=line)
    try:
        return GlossaryEntry(
            values["id"],
            names,
            _split(values.get("variants", ""), "variants", name, line),
            values.get("type", "") or "term",
            values.get("source", ""),
        )
    except ValueError as error:
        raise GlossaryError(str(error), path=name, line=line) from error


def parse_tsv(text: str, name: str = "<tsv>") -> Glossary:
    """A glossary from tab-separated text: ``#`` comment lines, then a header, then entries.

    >>> g = parse_tsv("id\\tde\\ten\\tvariants\\nkyiv\\tKiew\\tKyiv\\tКиїв|Kiev\\n")
    >>> g.get("kyiv").variants
    ('Kiev', 'Київ')
    >>> parse_tsv("id\\tde\\ten\\nkyiv\\tKiew\\tKyiv\\textra\\n", "mine.tsv")
    Traceback (most recent call last):
    textfix.errors.GlossaryError: mine.tsv:2: expected 3 fields, found 4 (a stray tab or comma?)
    """

    def rows() -> Iterator[tuple[int, list[str]]]:
        for number, line in enumerate(text.splitlines(), 1):
            if line.strip() and not line.startswith("#"):
                yield number, line.rstrip("\r").split("\t")

    return _rows_to_glossary(rows(), name)


def parse_csv(text: str, name: str = "<csv>") -> Glossary:
    """A glossary from comma-separated text (RFC 4180 quoting), same columns as TSV.

    >>> parse_csv('id,de,en,variants\\nkyiv,Kiew,Kyiv,"Київ|Kiev"\\n').get("kyiv").canonical("en")
    'Kyiv'
    """
    import csv  # only for CSV glossaries: the built-in one is TSV, and a one-file fix reads it from the cache
    import io

    reader = csv.reader(io.StringIO(text, newline=""))

    def rows() -> Iterator[tuple[int, list[str]]]:
        line = 1
        try:
            for fields in reader:
                if any(f.strip() for f in fields) and not fields[0].startswith("#"):
                    yield line, fields
                line = reader.line_num + 1
        except csv.Error as error:
            raise GlossaryError(f"malformed CSV: {error}", path=name, line=reader.line_num) from error

    return _rows_to_glossary(rows(), name)


def to_tsv(glossary: Glossary) -> str:
    """The glossary as TSV with the header ``id type <languages> variants source``."""
    languages = list(dict.fromkeys(lang for entry in glossary for lang in entry.languages))
    lines = ["\t".join(["id", "type", *languages, "variants", "source"])]
    for entry in glossary:
        names = ["|".join(entry.forms(lang)) for lang in languages]
        lines.append("\t".join([entry.id, entry.type, *names, "|".join(entry.variants), entry.source]))
    return "\n".join(lines) + "\n"


# TBX: ISO 30042. Export writes TBX-Basic (2008, <martif>); import reads that and TBX v3
# (2019, <tbx>/<conceptEntry>/<langSec>/<termSec>). Administrative status: preferred →


def load_glossary(path: str | Path) -> Glossary:
    """A glossary file: ``.tsv`` (or ``.tab``, ``.txt``), ``.csv``, or ``.tbx`` (or ``.xml``)."""
    from .tbx import parse_tbx  # XML: only for TBX files

    path = Path(path)
    name = str(path)
    parsers = {".tsv": parse_tsv, ".tab": parse_tsv, ".txt": parse_tsv, ".csv": parse_csv,
               ".tbx": parse_tbx, ".xml": parse_tbx}
    parse = parsers.get(path.suffix.lower())
    if parse is None:
        raise GlossaryError(f"unknown glossary format {path.suffix!r}: use .tsv, .csv or .tbx", path=name)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise GlossaryError(f"cannot read the glossary: {error.strerror or error}", path=name) from error
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise GlossaryError("not UTF-8 text; save the glossary as UTF-8", path=name, line=line) from error
    return parse(text, name)


@cache
def builtin_glossary() -> Glossary:
    """The glossary shipped with textfix (``textfix/data/glossary.tsv``), read once.

    Its checked entries are kept in textfix's cache, keyed by the file's text and the code
    that reads it: parsing and checking them anew would cost a one-file run more than using them.
    """
    text = shipped_data("glossary.tsv").decode("utf-8")
    readers = code_key(*(sys.modules[code.__module__] for code in (parse_tsv, GlossaryEntry, Glossary)))
    key = hashlib.sha256(text.encode("utf-8")).hexdigest() + "\0" + readers

    def build() -> list[Fields]:
        return [entry.fields() for entry in parse_tsv(text, "textfix/data/glossary.tsv")]

    return Glossary(tuple(GlossaryEntry.checked(fields) for fields in cached_table("glossary-builtin", key, build)))


def load_glossaries(paths: Iterable[str | Path] = (), *, builtin: bool = True) -> Glossary:
    """The built-in glossary (unless ``builtin=False``) with each file in ``paths`` laid over it."""
    base = builtin_glossary() if builtin else Glossary()
    return base.merged(*(load_glossary(path) for path in paths))

