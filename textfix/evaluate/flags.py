"""The MT-damage corpus (``corpus/mtdamage``): its marker format, its checks, and the flags' scores.

A damage document is UTF-8 text with ``\\n`` line ends: the header
``# textfix-damage lang=de`` (or ``en``), one blank line, then paragraphs of one line each,
separated by one blank line (4–9 of them; the first is the headline). Damage is marked
inline and markers never nest::

    … nach Westen gebracht [[run-on|]]Dort erhielten sie …     (empty, before the second sentence)
    … liegen auf dem Tisch[[quote|“]], sagte …                 (exactly one quotation mark)
    [[fragment|Wo das Theater trotz der Angriffe jeden Abend.]]
    dass die Anlage [[word-order|wurde zum dritten Mal … getroffen]]

``clean-*`` files carry no marker. Stripping the markers gives the text a reader sees;
offsets are into that text (the part after the header's blank line).

>>> source = "# textfix-damage lang=de\\n\\nTitel\\n\\nEr kam [[run-on|]]Dann ging er.\\n\\nA.\\n\\nB.\\n"
>>> doc = parse_damage(source, "damaged-de-99.txt")
>>> doc.text[7:27], [(m.kind, m.start, m.end) for m in doc.marks]
('Er kam Dann ging er.', [('run-on', 14, 14)])
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .gold import GoldFormatError

__all__ = [
    "DAMAGE_KINDS",
    "PINNED",
    "DamageDocument",
    "DamageMark",
    "corpus_digest",
    "evaluate_flags",
    "load_damage",
    "parse_damage",
    "part_reports",
]

#: The kinds of damage a marker may name (the values of :class:`textfix.model.FlagKind`).
DAMAGE_KINDS = ("run-on", "quote", "fragment", "word-order")
_MARKER = re.compile(r"\[\[(run-on|quote|fragment|word-order)\|(.*?)\]\]")
_HEADER = re.compile(r"# textfix-damage lang=(de|en)\n\n")
_NAME = re.compile(r"(damaged|clean)-(de|en)-\d\d\.txt")
_QUOTE_MARKS = frozenset("„“”\"«»‚‘’‹›'")


@dataclass(frozen=True)
class DamageMark:
    """One annotated damage: ``kind`` and its span in the unmarked text (empty for a run-on)."""

    kind: str
    start: int
    end: int


@dataclass(frozen=True)
class DamageDocument:
    name: str
    language: str
    text: str
    marks: tuple[DamageMark, ...]
    #: ``False`` for the ``clean-*`` articles (no damage at all).
    damaged: bool


def parse_damage(source: str, name: str) -> DamageDocument:
    """Check one damage document against the format and return its text and marks.

    Raises :class:`~textfix.evaluate.GoldFormatError` naming the file and what is wrong.
    """
    header = _HEADER.match(source)
    if header is None:
        raise GoldFormatError(f"{name}: must start with '# textfix-damage lang=xx' and a blank line")
    named = _NAME.fullmatch(Path(name).name)
    if named is not None and named.group(2) != header.group(1):
        raise GoldFormatError(f"{name}: the header says lang={header.group(1)}, the file name {named.group(2)}")
    body = source[header.end() :]
    if not body.endswith("\n") or body.endswith("\n\n"):
        raise GoldFormatError(f"{name}: must end with exactly one newline")
    paragraphs = body[:-1].split("\n\n")
    for number, paragraph in enumerate(paragraphs, 1):
        if not paragraph or "\n" in paragraph or paragraph != paragraph.strip() or "  " in paragraph:
            raise GoldFormatError(f"{name}: paragraph {number} is empty, spans lines, or has outer or double spaces")
    if not 4 <= len(paragraphs) <= 9:
        raise GoldFormatError(f"{name}: {len(paragraphs)} paragraphs (a document has 4 to 9)")
    pieces: list[str] = []
    marks: list[DamageMark] = []
    length = last = 0
    for marker in _MARKER.finditer(body):
        pieces.append(body[last : marker.start()])
        length += marker.start() - last
        kind, inner = marker.group(1), marker.group(2)
        _check_marker(body, marker, name)
        marks.append(DamageMark(kind, length, length + len(inner)))
        pieces.append(inner)
        length += len(inner)
        last = marker.end()
    pieces.append(body[last:])
    text = "".join(pieces)
    if "[[" in text or "]]" in text:
        raise GoldFormatError(f"{name}: a marker is malformed, nested or names an unknown kind")
    damaged = not Path(name).name.startswith("clean-")
    if not damaged and marks:
        raise GoldFormatError(f"{name}: a clean document carries markers")
    return DamageDocument(name, header.group(1), text, tuple(marks), damaged)


def _check_marker(body: str, marker: re.Match[str], name: str) -> None:
    kind, inner = marker.group(1), marker.group(2)
    where = body[max(0, marker.start() - 20) : marker.end() + 20]
    if kind == "run-on":
        after = body[marker.end() : marker.end() + 1]
        if inner or body[marker.start() - 1 : marker.start()] != " " or not after or after.isspace() or after == "[":
            raise GoldFormatError(f"{name}: a run-on marker is empty, after a space, before a character: {where!r}")
    elif kind == "quote":
        if len(inner) != 1 or inner not in _QUOTE_MARKS:
            raise GoldFormatError(f"{name}: a quote marker holds exactly one quotation mark, not {inner!r}")
    elif not inner or inner != inner.strip():
        raise GoldFormatError(f"{name}: a {kind} marker wraps words without outer spaces: {where!r}")


def load_damage(directory: Path) -> list[DamageDocument]:
    """Every ``*.txt`` damage document under ``directory`` (its ``tune/`` and ``heldout/`` too), by name."""
    paths = sorted(directory.rglob("*.txt"), key=lambda p: (p.parent.name, p.name))
    return [parse_damage(p.read_text(encoding="utf-8"), p.name) for p in paths]


def _matches(mark: DamageMark, start: int, end: int) -> bool:
    if mark.kind == "run-on":
        return start <= mark.start <= end
    if mark.kind == "quote":
        return start <= mark.start < end
    return start < mark.end and mark.start < end


def evaluate_flags(documents: Sequence[DamageDocument], language: str | None = None) -> dict[str, float]:
    """Clean every document; recall of each kind of damage, precision of the flags, false flags on clean text.

    ``false_flags_per_clean`` counts every flag on a ``clean-*`` article, per article;
    ``precision`` counts flags in damaged articles that match a mark of their kind.
    """
    from dataclasses import replace

    from textfix.options import Options
    from textfix.pipeline import clean

    found = {kind: 0 for kind in DAMAGE_KINDS}
    total = {kind: 0 for kind in DAMAGE_KINDS}
    flagged = right = clean_flags = clean_documents = 0
    for document in documents:
        if language is not None and document.language != language:
            continue
        options = replace(Options(), document_language=document.language)
        flags = clean(document.text, options).flags
        if not document.damaged:
            clean_documents += 1
            clean_flags += len(flags)
            continue
        for mark in document.marks:
            total[mark.kind] += 1
            found[mark.kind] += any(f.kind == mark.kind and _matches(mark, f.start, f.end) for f in flags)
        flagged += len(flags)
        right += sum(any(m.kind == f.kind and _matches(m, f.start, f.end) for m in document.marks) for f in flags)
    report: dict[str, float] = {"documents": float(sum(1 for d in documents if language in (None, d.language)))}
    for kind in DAMAGE_KINDS:
        report[f"{kind}_recall"] = found[kind] / total[kind] if total[kind] else 1.0
        report[f"{kind}_marks"] = float(total[kind])
    report["precision"] = right / flagged if flagged else 1.0
    report["flags"] = float(flagged)
    report["clean_documents"] = float(clean_documents)
    report["false_flags_per_clean"] = clean_flags / clean_documents if clean_documents else 0.0
    return report


#: The metrics the test suite pins as floors (recalls and precision may not drop; false flags may not rise).
PINNED = ("run-on_recall", "quote_recall", "fragment_recall", "word-order_recall", "precision")


def part_reports(directory: Path) -> dict[str, dict[str, float]]:
    """Scores of each part (``tune``, ``heldout``) and language: ``{"tune/de": {...}, ...}``."""
    reports = {}
    for part in ("tune", "heldout"):
        documents = load_damage(directory / part)
        for language in ("de", "en"):
            reports[f"{part}/{language}"] = evaluate_flags(documents, language)
    return reports


def corpus_digest(directory: Path) -> str:
    """A digest of every damage file's path and bytes: the baseline is only valid for these."""
    import hashlib

    digest = hashlib.sha256()
    for path in sorted(directory.rglob("*.txt")):
        digest.update(path.relative_to(directory).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m textfix.evaluate.flags [DIR] [--update-baseline FILE]``: the flags' scores per part and language."""
    import argparse
    import json

    parser = argparse.ArgumentParser(prog="python -m textfix.evaluate.flags", description=main.__doc__)
    parser.add_argument("directory", nargs="?", type=Path, default=Path("corpus/mtdamage"))
    parser.add_argument("--update-baseline", type=Path, metavar="FILE", help="pin the current scores as floors")
    parser.add_argument("--gold", type=Path, default=Path("corpus/gold"), metavar="DIR",
                        help="also count the flags on this news corpus (not annotated for damage)")
    args = parser.parse_args(argv)
    reports = part_reports(args.directory)
    names = [k for k in next(iter(reports.values())) if not k.endswith("_marks")]
    print(f"{'':24}" + "".join(f"{part:>12}" for part in reports))
    for name in names:
        print(f"{name:24}" + "".join(f"{report[name]:12.3f}" for report in reports.values()))
    if args.gold.is_dir():
        from textfix.pipeline import clean

        from .gold import load_gold

        documents = load_gold(args.gold)
        flagged = sum(len(clean(d.text).flags) for d in documents)
        print(f"flags on {args.gold} ({len(documents)} news articles, not annotated for damage): {flagged}")
    if args.update_baseline:
        floors = {
            part: {**{k: round(max(r[k] - 0.02, 0.0), 3) for k in PINNED},
                   "false_flags_per_clean": round(r["false_flags_per_clean"] + 0.07, 3)}
            for part, r in reports.items()
        }
        baseline = {"corpus_hash": corpus_digest(args.directory), "measured": reports, "floors": floors}
        args.update_baseline.write_text(json.dumps(baseline, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
