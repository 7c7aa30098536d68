"""Review decisions: which changes a reviewer rejected, saved as JSON and applied to a result.

A review page (:mod:`textfix.render.html`) lets a reviewer accept or reject each marked
change and exports the decisions as a file::

    {"textfix_decisions": 1, "document": "<sha256 of the original text>",
     "options": "<fingerprint of the options>", "option_values": {...},
     "name": "a.txt", "rejected": ["debris-224-236-5e1f0c9a", ...], "accepted": [...]}

Edits are named by :attr:`textfix.Edit.id` (kind, offsets, and a digest of their text), so a
decision means the same change whenever the same text is cleaned with the same options.
:func:`apply_decisions` leaves the rejected edits out and composes the log again: a removal
rejected keeps its text (with the repairs made inside it) and the whitespace around it
reads as if it had never been removed; a translation rejected keeps its span as it was.
Applying the new log to the original still yields the output exactly. Decisions made for
another text or with other options are refused, as are decisions naming an edit the result
does not have (the models or textfix changed since the review).

A bundle holds several documents' decisions (the review index exports one):
``{"textfix_decisions": 1, "documents": [{"document": ..., "rejected": [...]}, ...]}``.

>>> from textfix import clean
>>> result = clean("Die NATO ist besorgt .\\n\\nLeave a Reply\\n\\nEnde.\\n")
>>> removal = next(e for e in result.edits if e.kind == "debris")
>>> apply_decisions(result, Decisions.for_result(result, rejected=[removal.id])).output
'Die NATO ist besorgt.\\n\\nLeave a Reply\\n\\nEnde.\\n'
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ._version import __version__
from .errors import DecisionsError
from .model import Edit, EditKind, Result, edit_ids
from .options import Options
from .pipeline import Overrides, Stages, finish, stage_edits, stage_log, stage_problems

if TYPE_CHECKING:
    from .read import Decoded

__all__ = [
    "DECISIONS_VERSION",
    "DecisionBook",
    "Decisions",
    "DecisionsSetup",
    "apply_decisions",
    "document_hash",
    "options_fingerprint",
    "options_values",
    "read_decisions",
]

#: Bumped when a key of the decisions file changes meaning (new keys may be added without it).
DECISIONS_VERSION = 1

#: Options that change what is done with a missing model but not which edits a text gets.
_NOT_IN_FINGERPRINT = frozenset({"keep_untranslated"})


def document_hash(text: str) -> str:
    """The sha256 of a text (UTF-8), as the decisions file names its document.

    >>> document_hash("Ja.")[:12]
    '918c02e9102c'
    """
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def options_values(options: Options) -> dict[str, object]:
    """The options that decide a text's edits, as JSON values; a glossary by a digest of its entries.

    >>> options_values(Options())["languages"], options_values(Options())["glossary"]
    (['de', 'en', 'ru', 'uk'], None)
    """
    values: dict[str, object] = {}
    for item in dataclasses.fields(options):
        if item.name in _NOT_IN_FINGERPRINT:
            continue
        value = getattr(options, item.name)
        if item.name == "glossary" and value is not None:
            value = hashlib.sha256(repr(value.entries).encode("utf-8")).hexdigest()[:16]
        if item.name == "recurring" and value is not None:
            value = value.digest  # the set of lines (and threshold) a corpus run found, not the lines
        values[item.name] = list(value) if isinstance(value, tuple) else value
    return values


@functools.lru_cache(maxsize=32)
def options_fingerprint(options: Options) -> str:
    """A short digest of :func:`options_values`: equal options, equal fingerprints.

    >>> options_fingerprint(Options()) == options_fingerprint(Options(languages=("de", "en", "ru", "uk")))
    True
    >>> options_fingerprint(Options()) == options_fingerprint(Options(translate=True))
    False
    """
    canonical = json.dumps(options_values(options), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Decisions:
    """A reviewer's decisions on one document's changes.

    ``rejected`` edits are left out; every other edit stands (``accepted`` only records what
    the reviewer looked at and approved). ``source`` is the file the decisions were read from.
    """

    document: str
    rejected: tuple[str, ...] = ()
    accepted: tuple[str, ...] = ()
    #: :func:`options_fingerprint` of the options the reviewed text was cleaned with.
    options: str | None = None
    #: :func:`options_values` of those options (to say what differs when they do not match).
    option_values: Mapping[str, object] | None = field(default=None, compare=False, hash=False)
    name: str | None = None
    source: str | None = field(default=None, compare=False, repr=False)

    @classmethod
    def for_result(
        cls, result: Result, *, rejected: Iterable[str] = (), accepted: Iterable[str] = (), name: str | None = None
    ) -> Decisions:
        """Decisions on ``result``'s edits (by :attr:`textfix.Edit.id`), for its text and options."""
        options = result.options
        return cls(
            document_hash(result.original), tuple(rejected), tuple(accepted),
            options_fingerprint(options) if options is not None else None,
            options_values(options) if options is not None else None, name,
        )

    def to_json(self) -> dict[str, object]:
        """The decisions file's object (see the module's documentation)."""
        payload: dict[str, object] = {"textfix_decisions": DECISIONS_VERSION, "document": self.document}
        if self.name is not None:
            payload["name"] = self.name
        if self.options is not None:
            payload["options"] = self.options
        if self.option_values is not None:
            payload["option_values"] = dict(self.option_values)
        payload.update(rejected=list(self.rejected), accepted=list(self.accepted), textfix=__version__)
        return payload

    @classmethod
    def from_json(cls, payload: object, source: str | None = None) -> Decisions:
        """Decisions from one document's object of a decisions file; :class:`DecisionsError` if it is not one."""
        if not isinstance(payload, dict):
            raise DecisionsError("not a textfix decisions file (expected a JSON object)", path=source)
        document = payload.get("document")
        if not isinstance(document, str) or len(document) != 64:
            raise DecisionsError("not a textfix decisions file (no 'document' sha256)", path=source)
        lists = {key: payload.get(key, []) for key in ("rejected", "accepted")}
        for key, value in lists.items():
            if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
                raise DecisionsError(f"'{key}' must be a list of edit ids", path=source)
        options, values, name = payload.get("options"), payload.get("option_values"), payload.get("name")
        return cls(
            document, tuple(lists["rejected"]), tuple(lists["accepted"]),
            options if isinstance(options, str) else None, values if isinstance(values, dict) else None,
            name if isinstance(name, str) else None, source,
        )

    @property
    def where(self) -> str:
        """Where these decisions came from, for messages: the file, and the document's name."""
        parts = [part for part in (self.source, f"decisions on {self.name}" if self.name else None) if part]
        return ": ".join(parts) or "decisions"


def read_decisions(path: str | Path) -> list[Decisions]:
    """Every document's decisions in a decisions file (one document or a bundle), or in every
    ``*.json`` file of a folder (sorted by name). Raises :class:`DecisionsError` for a file that
    cannot be read or is not a decisions file."""
    folder = Path(path)
    if folder.is_dir():
        return [d for file in sorted(folder.glob("*.json")) for d in read_decisions(file)]
    source = str(path)
    try:
        payload = json.loads(folder.read_text(encoding="utf-8"))
    except OSError as error:
        raise DecisionsError(f"cannot read: {error.strerror or error}", path=source) from error
    except (ValueError, UnicodeDecodeError) as error:
        raise DecisionsError(f"not a textfix decisions file (not JSON: {error})", path=source) from error
    if not isinstance(payload, dict) or "textfix_decisions" not in payload:
        raise DecisionsError("not a textfix decisions file (no 'textfix_decisions' key)", path=source)
    version = payload["textfix_decisions"]
    if not isinstance(version, int) or version > DECISIONS_VERSION:
        raise DecisionsError(f"decisions format {version!r} is newer than this textfix reads "
                             f"({DECISIONS_VERSION}): update textfix", path=source)
    if "documents" in payload:
        documents = payload["documents"]
        if not isinstance(documents, list):
            raise DecisionsError("'documents' must be a list", path=source)
        return [Decisions.from_json(item, source) for item in documents]
    return [Decisions.from_json(payload, source)]


@dataclass(frozen=True)
class DecisionBook:
    """Decisions for many documents, found by the sha256 of each document's text.

    Two different sets of decisions for one document are refused: say which to use.
    """

    entries: tuple[Decisions, ...] = ()
    _by_document: dict[str, Decisions] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for decisions in self.entries:
            earlier = self._by_document.get(decisions.document)
            if earlier is not None and earlier != decisions:
                raise DecisionsError(f"two different sets of decisions for one document: {earlier.where} "
                                     f"and {decisions.where}; keep one of them")
            self._by_document[decisions.document] = decisions

    @classmethod
    def load(cls, path: str | Path) -> DecisionBook:
        """The decisions in a file (one document or a bundle) or a folder of files."""
        return cls(tuple(read_decisions(path)))

    def __len__(self) -> int:
        return len(self._by_document)

    def get(self, text: str) -> Decisions | None:
        """The decisions on the document whose original text is ``text``, if any."""
        return self._by_document.get(document_hash(text))

    def find(self, text: str, name: str | None = None) -> Decisions | None:
        """The decisions on ``text``; else those made on a document of the same ``name`` (whose text
        has changed since: :func:`apply_decisions` refuses them, which is what the user must hear)."""
        found = self.get(text)
        if found is not None or name is None:
            return found
        wanted = {name, Path(name).name}
        return next((d for d in self.entries if d.name in wanted or (d.name and Path(d.name).name in wanted)), None)

    def unused(self, texts: Iterable[str]) -> list[Decisions]:
        """The decisions that are for none of ``texts``."""
        hashes = {document_hash(text) for text in texts}
        return [d for document, d in self._by_document.items() if document not in hashes]

    def apply(self, result: Result, name: str | None = None) -> Result:
        """``result`` with its decisions applied (unchanged when the book has none for it; see :meth:`find`)."""
        decisions = self.find(result.original, name)
        return result if decisions is None else apply_decisions(result, decisions)


def _differences(decisions: Decisions, options: Options) -> str:
    """What differs between the options of the review and these ones, with the flag that matches."""
    if decisions.option_values is None:
        return "the options differ"
    current = options_values(options)
    changes = []
    for key in sorted(set(current) | set(decisions.option_values)):
        then, now = decisions.option_values.get(key), current.get(key)
        if then != now:
            changes.append(f"{key} {json.dumps(then, ensure_ascii=False)} in the review, "
                           f"{json.dumps(now, ensure_ascii=False)} here")
    return "; ".join(changes) or "the options differ"


def check_decisions(result: Result, decisions: Decisions) -> None:
    """Raise :class:`DecisionsError` unless ``decisions`` were made on this text with these options."""
    here = document_hash(result.original)
    if decisions.document != here:
        named = f" ({decisions.name})" if decisions.name else ""
        raise DecisionsError(
            f"these decisions are for another text{named}: its sha256 is {decisions.document[:12]}…, "
            f"this text's is {here[:12]}…", path=decisions.source,
        )
    if result.options is None or result.stages is None:
        raise DecisionsError("decisions apply to a result of textfix.clean (this one records no options or stages)")
    if decisions.options is not None and decisions.options != options_fingerprint(result.options):
        differences = _differences(decisions, result.options)
        raise DecisionsError(
            f"these decisions were made on this text cleaned with other options ({differences}): "
            "clean it with the options of the review", path=decisions.source,
        )


def apply_decisions(result: Result, decisions: Decisions) -> Result:
    """``result`` without the edits ``decisions`` reject, its log composed again (see the module).

    The result must come from :func:`textfix.clean` (or ``clean_many``, ``clean_decoded``) on the
    text the decisions were made on, with the same options; decisions applied earlier are replaced.
    Raises :class:`DecisionsError` otherwise, or when a rejected id names no edit of the result.
    """
    check_decisions(result, decisions)
    stages, options = result.stages, result.options
    assert stages is not None and options is not None  # checked above
    traced = stage_log(stages, options)
    ids = {edit_id: k for k, edit_id in enumerate(edit_ids([edit for edit, _, _ in traced]))}
    unknown = [edit_id for edit_id in decisions.rejected if edit_id not in ids]
    if unknown:
        shown = ", ".join(unknown[:3]) + (f" and {len(unknown) - 3} more" if len(unknown) > 3 else "")
        raise DecisionsError(
            f"{len(unknown)} rejected edit{'s are' if len(unknown) != 1 else ' is'} not among this text's edits "
            f"({shown}): the installed models or textfix changed since the review; review it again",
            path=decisions.source,
        )
    chosen = sorted({ids[edit_id] for edit_id in decisions.rejected})
    overrides = _overrides(stages, options, [traced[k] for k in chosen])
    decided = finish(stages, options, overrides, [traced[k][0] for k in chosen])
    staged = set(stage_problems(stages))
    problems = [p for p in result.problems if p not in staged] + list(decided.problems)  # those of reading stay
    return dataclasses.replace(
        result, output=decided.output, edits=decided.edits, rejected=decided.rejected,
        problems=tuple(sorted(problems, key=lambda p: (p.start, p.end))),
    )


_REMOVALS = (EditKind.DEBRIS, EditKind.DUPLICATE)


def _overrides(
    stages: Stages, options: Options, rejected: Sequence[tuple[Edit, tuple[int, ...], tuple[int, ...]]]
) -> Overrides:
    """What each rejected edit was made of, turned down stage by stage.

    A composed edit's deciding stage is one of the stages after repair: its removals keep their
    segment, its translations are left out, its other edits dropped; the repairs it absorbed
    stand again, and the whitespace around a kept segment is worked out anew. An edit that is
    a repair alone leaves that repair out.
    """
    second = stage_edits(stages, options)
    segments = {(s.start, s.end): i for i, s in enumerate(stages.segmentation.segments)}
    translations = {(e.start, e.end): i for i, e in enumerate(stages.translation.edits if stages.translation else ())}
    kept: set[int] = set()
    untranslated: set[int] = set()
    dropped: set[Edit] = set()
    repairs: set[int] = set()
    for edit, first_indices, second_indices in rejected:
        if not second_indices:
            repairs.update(first_indices)
            continue
        for index in second_indices:
            member = second[index]
            where = (member.start, member.end)
            if member.kind in _REMOVALS and where in segments:
                kept.add(segments[where])
            elif member.kind is EditKind.TRANSLATION and where in translations:
                untranslated.add(translations[where])
            elif member.kind is not EditKind.WHITESPACE or edit.kind is EditKind.WHITESPACE:
                dropped.add(member)  # whitespace beside a rejected removal is worked out anew
    return Overrides(frozenset(kept), frozenset(untranslated), frozenset(dropped), frozenset(repairs))


def _decided(processor: Callable[[Decoded], Result], book: DecisionBook, decoded: Decoded) -> Result:
    return book.apply(processor(decoded))


@dataclass(frozen=True)
class DecisionsSetup:
    """A corpus run's worker setup (:data:`textfix.batch.WorkerSetup`) that applies review decisions.

    ``base`` builds each worker's pipeline as usual; every document the ``book`` has decisions
    for (found by the sha256 of its text, so folders, globs and JSON Lines records alike) gets
    them applied; a document without decisions is cleaned as it would be without. Decisions
    that do not fit their document fail that document with the reason, like any bad input.
    """

    base: Callable[[Options], Callable[[Decoded], Result]]
    book: DecisionBook

    def __call__(self, options: Options) -> Callable[[Decoded], Result]:
        return functools.partial(_decided, self.base(options), self.book)
