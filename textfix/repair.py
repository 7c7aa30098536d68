"""Repair: encoding and character damage, HTML entities, spacing and punctuation.

Each pass is a small function ``str -> list[Edit]``; :func:`repair_edits` runs them in
order and composes their logs, so every change keeps the reason of the pass that made it.

>>> from textfix.edits import apply_edits
>>> text = "Die NATO-Mitglieder befÃ¼rchten&nbsp; es , sagte Biden ."
>>> apply_edits(text, repair_edits(text))
'Die NATO-Mitglieder befürchten es, sagte Biden.'
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from difflib import SequenceMatcher
from functools import cache, lru_cache, partial
from typing import TYPE_CHECKING

from .edits import OffsetMap, apply_edits, compose
from .model import Edit, EditKind, Reason

__all__ = [
    "PASSES",
    "fix_characters",
    "fix_unveiled_mojibake",
    "join_hard_wrapped_lines",
    "normalise_line_ends",
    "repair_edits",
    "repair_text",
]

_ENTITY = re.compile(r"&(?:amp;)*(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# A line made only of these characters cannot hold mojibake or other damage ftfy repairs.
_CLEAN_CHARS = (
    r"\t\x20-\x7eäöüÄÖÜßА-яЁёІіЇїЄєҐґ\u2013\u2014\u201e\u201c\u201d\u201a\u2018\u2019\u00ab\u00bb\u2026\u00a7\u00b0\u00a0\u20ac"
)
# One character outside that set (a line end is no character of a line): found by one scan of the whole text.
_UNCLEAN = re.compile(f"[^\n{_CLEAN_CHARS}]")
# ...unless a UTF-8 lead byte read as Latin-1 stands before a continuation byte read the same way ("Ä°", "Ã¼"),
# or Cyrillic UTF-8 was read as windows-1251: its lead bytes D0/D1 are "Р"/"С" there, and every continuation
# byte (80-BF) is a character of the clean set or beside it ("РєР°Рє" for "как"). Real Ukrainian can pair them
# too ("Рівне"): such a line only costs an ftfy call, which leaves it as it is.
_CP1251_CONTINUATIONS = bytes(range(0x80, 0xC0)).decode("cp1251", errors="ignore")
_LATIN1_CONTINUATIONS = (
    r"\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122"
)
# Of the Latin-1 lead bytes (Â Ã Ä Å Ð Ñ â) only "Ä" is in the clean set: a line with another one is found
# by _UNCLEAN already. One pattern per lead, each starting with its letter: the scan looks for that
# letter alone (a quick search), not for a character class at every position.
_MOJIBAKE_PAIRS = tuple(
    re.compile(f"{lead}[{continuations}]")
    for lead, continuations in (
        ("Ä", _LATIN1_CONTINUATIONS), ("Р", re.escape(_CP1251_CONTINUATIONS)), ("С", re.escape(_CP1251_CONTINUATIONS))
    )
)
if TYPE_CHECKING:
    from ftfy import ExplanationStep, TextFixerConfig


@cache
def _ftfy_config() -> TextFixerConfig:
    import ftfy

    return ftfy.TextFixerConfig(
        unescape_html=False,  # done by fix_entities, which also handles pages with tags in them
        uncurl_quotes=False,  # „German“ and «Russian» quotes are right as they are
        fix_line_breaks=False,  # line ends are the reader's business
        explain=True,
    )


def _fix_and_explain(line: str) -> tuple[str, list[ExplanationStep] | None]:
    """ftfy on one line. ftfy is imported here, on first use: importing it is a third of a
    one-file run's start-up, and the clean-line checks keep most texts from needing it."""
    import ftfy

    return ftfy.fix_and_explain(line, config=_ftfy_config())


def _is_bad(line: str) -> bool:
    """ftfy's badness measure (imported on first use, as in :func:`_fix_and_explain`)."""
    from ftfy.badness import is_bad

    return bool(is_bad(line))
_WHITESPACE_SPLIT = re.compile(r"(\s+)")
_ENTITY_REASON = Reason(EditKind.REPAIR, "html entity")
_INVISIBLE = re.compile(r"[\u200b\u2060\ufeff\u00ad]+")
# Each pattern starts with its rarest character (a space, a sentence mark) and checks what stands
# before it with a look-behind: the scan tries a match there only, not at every letter (the
# positions and spans are those of "letters, then the mark"). The group "edit" is what changes.
_SPACE_BEFORE_PUNCT = re.compile(
    r"(?P<edit>[ \t\u00a0](?<=[\w\"”“»)][ \t\u00a0])[ \t\u00a0]*)(?=[.,;:!?](?:[\s\"”“«»)]|$))"
)
_RUN_TOGETHER = re.compile(r"[.!?](?<=[a-zäöüßа-яёіїєґ]{3}[.!?])(?P<edit>)(?=[A-ZÄÖÜА-ЯЁІЇЄҐ][a-zäöüßа-яёіїєґ]{2})")
_SPACES = re.compile(r"[ \t\u00a0]{2,}|\t")
_LINE_EDGE_SPACES = re.compile(r"^[ \t\u00a0]+|[ \t\u00a0]+$", re.M)


def _decode_entity(entity: str) -> str:
    """An entity, unescaped until it stops changing (``&amp;nbsp;`` is doubly escaped).

    >>> _decode_entity("&amp;nbsp;")
    ' '
    """
    import html  # its entity table costs 3 ms to import: only for a text that holds an entity

    text = entity
    for _ in range(8):
        decoded = html.unescape(text)
        if decoded == text:
            break
        text = decoded
    return text.replace("\u00a0", " ")


_LINE_END = re.compile(r"\r\n?|[\u2028\u2029]")
_LINE_END_REASON = Reason(EditKind.WHITESPACE, "line end")


def normalise_line_ends(text: str) -> list[Edit]:
    """Every line end as ``\\n``: CRLF, a lone CR, and the Unicode line and paragraph separators
    (not U+0085: in scraped text that is far more often a broken "…", which ftfy repairs).

    The reader keeps line ends as the file has them, so that offsets are into the file's text
    (``open(path, newline="").read()``); this pass normalises them, an edit like any other.

    >>> from textfix.edits import apply_edits
    >>> apply_edits("a\\r\\nb\\rc\\u2028d", normalise_line_ends("a\\r\\nb\\rc\\u2028d"))
    'a\\nb\\nc\\nd'
    """
    if "\r" not in text and "\u2028" not in text and "\u2029" not in text:
        return []  # most texts: a few str scans in C instead of the pattern's scan
    return [Edit(m.start(), m.end(), m.group(), "\n", _LINE_END_REASON) for m in _LINE_END.finditer(text)]


def fix_entities(text: str) -> list[Edit]:
    """HTML entities such as ``&nbsp;``, ``&amp;``, ``&#8222;`` become the characters they stand for.

    Escaped markup stays escaped: ``&lt;script&gt;`` in an article is text about a tag,
    and decoding it would make it a tag that segmentation removes as markup (and that a
    second cleaning would remove if the first did not). So ``&lt;`` and ``&gt;`` are
    decoded only where the brackets they give form no tag.

    >>> from textfix.edits import apply_edits
    >>> text = "Preise &lt; 5&nbsp;Euro, Code: &lt;script&gt;alert(1)&lt;/script&gt;"
    >>> apply_edits(text, fix_entities(text))
    'Preise < 5 Euro, Code: &lt;script&gt;alert(1)&lt;/script&gt;'
    """
    edits = []
    for match in _ENTITY.finditer(text):
        after = _decode_entity(match.group())
        if after != match.group():
            edits.append(Edit(match.start(), match.end(), match.group(), after, _ENTITY_REASON))
    if not any(edit.after in ("<", ">") for edit in edits):
        return edits
    from .debris import MARKUP  # the definition of markup that segmentation applies

    mapping = OffsetMap(edits)
    kept: set[int] = set()
    for markup in MARKUP.finditer(apply_edits(text, edits)):
        kept.update(i for i in mapping.touching(markup.start(), markup.end()) if edits[i].after in ("<", ">"))
    return [edit for i, edit in enumerate(edits) if i not in kept]


def _line_starts(text: str, pattern: re.Pattern[str]) -> frozenset[int]:
    """Where each line starts in which ``pattern`` (which never matches a line end) finds something.

    Scans of the whole text in C instead of a pattern or two per line: most lines hold nothing
    for ftfy, and most texts have no line that does.
    """
    starts: set[int] = set()
    position = 0
    while (found := pattern.search(text, position)) is not None:
        starts.add(text.rfind("\n", 0, found.start()) + 1)
        position = text.find("\n", found.end())
        if position < 0:
            break
    return frozenset(starts)


# fix_characters and fix_unveiled_mojibake ask for the unclean lines of the same text whenever no
# pass between them changed it (most texts): the second asks the cache, not the text (which it keeps
# alive until the next text, no longer).
_unclean_line_starts = lru_cache(maxsize=1)(partial(_line_starts, pattern=_UNCLEAN))


def _suspect_lines(text: str, pairs: Sequence[re.Pattern[str]]) -> Iterator[tuple[int, str]]:
    """``(start, line)`` of each line, in order, with an unclean character or a match of one of ``pairs``."""
    starts = _unclean_line_starts(text).union(*(_line_starts(text, pattern) for pattern in pairs))
    for start in sorted(starts):
        end = text.find("\n", start)
        yield start, text[start : end if end >= 0 else len(text)]


def _explain(steps: Sequence[tuple[str, str]]) -> Reason:
    """A reason from ftfy's explanation of what it did.

    >>> str(_explain([("encode", "sloppy-windows-1252"), ("decode", "utf-8")]))
    'repair: mojibake (text was UTF-8 read as sloppy-windows-1252)'
    """
    encodings = [name for action, name in steps if action == "encode"]
    if encodings:
        return Reason(EditKind.REPAIR, f"mojibake (text was UTF-8 read as {encodings[0]})")
    names = sorted({name.replace("_", " ") for action, name in steps if action in ("apply", "normalize")})
    return Reason(EditKind.REPAIR, ", ".join(names) or "character repair")


def _diff_edits(offset: int, before: str, after: str, reason: Reason) -> list[Edit]:
    """Edits turning ``before`` into ``after``: word by word when the spacing is unchanged."""
    old_words, new_words = _WHITESPACE_SPLIT.split(before), _WHITESPACE_SPLIT.split(after)
    if len(old_words) == len(new_words) and old_words[1::2] == new_words[1::2]:
        edits, position = [], offset
        for old, new in zip(old_words, new_words, strict=True):
            if old != new:
                head, tail = _common_affixes(old, new)
                edits.append(Edit(position + head, position + len(old) - tail, old[head : len(old) - tail],
                                  new[head : len(new) - tail], reason))
            position += len(old)
        return edits
    return _sequence_edits(offset, before, after, reason)


def _common_affixes(old: str, new: str) -> tuple[int, int]:
    """Lengths of the common prefix and suffix: "<b>FÃ¼hrung" vs "<b>Führung" → (4, 5)."""
    head = 0
    limit = min(len(old), len(new))
    while head < limit and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < limit - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    return head, tail


def _sequence_edits(offset: int, before: str, after: str, reason: Reason) -> list[Edit]:
    """Minimal edits turning ``before`` into ``after``, merged to whole words where they touch."""
    edits: list[Edit] = []
    matcher = SequenceMatcher(None, before, after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if edits:
            last = edits[-1]
            gap = before[last.end - offset : i1]
            if not any(c.isspace() for c in gap) and len(gap) < 4:
                edits[-1] = Edit(last.start, offset + i2, before[last.start - offset : i2],
                                 last.after + gap + after[j1:j2], reason)
                continue
        edits.append(Edit(offset + i1, offset + i2, before[i1:i2], after[j1:j2], reason))
    return edits


def fix_characters(text: str) -> list[Edit]:
    """Mojibake, ligatures, control and width damage, via ftfy, line by line.

    Lines made only of ASCII, German and Cyrillic letters and common punctuation are
    skipped: they cannot hold what ftfy repairs, and skipping them keeps cleaning fast.
    """
    edits: list[Edit] = []
    for start, line in _suspect_lines(text, _MOJIBAKE_PAIRS):
        fixed, steps = _fix_and_explain(line)
        if fixed != line:
            edits.extend(_diff_edits(start, line, fixed, _explain(steps or [])))
        else:
            _left_alone(line)
    return edits


#: Lines ftfy was given and left as they are: a fact about ftfy, so it holds whenever asked. The
#: unveiled-mojibake pass skips them instead of measuring their badness again. Bounded: at most 512
#: lines of up to 2,000 characters (a longer line is measured again), cleared when full.
_LEFT_ALONE: set[str] = set()
_LEFT_ALONE_LIMIT = 512
_LEFT_ALONE_LONGEST = 2000


def _left_alone(line: str) -> None:
    if len(line) > _LEFT_ALONE_LONGEST:
        return
    if len(_LEFT_ALONE) >= _LEFT_ALONE_LIMIT:
        _LEFT_ALONE.clear()
    _LEFT_ALONE.add(line)


def fix_unveiled_mojibake(text: str) -> list[Edit]:
    """Mojibake that an invisible character hid from ftfy, once that character is gone.

    ftfy runs first on the text as it is (a soft hyphen inside mojibake is part of what it
    decodes: "antÃ\xadgeno" → "antígeno"); a soft hyphen elsewhere can still split a
    mojibake sequence so that ftfy does not see it. After :func:`remove_invisible`, the
    lines ftfy's own badness measure still finds bad get one more ftfy pass, so that a
    second cleaning finds nothing left to do.

    >>> from textfix.edits import apply_edits
    >>> text = "AmĂ©rica"
    >>> apply_edits(text, fix_unveiled_mojibake(text))
    'América'
    """
    edits: list[Edit] = []
    for start, line in _suspect_lines(text, ()):
        if line in _LEFT_ALONE or not _is_bad(line):  # ftfy would leave the first as it is again
            continue
        fixed, steps = _fix_and_explain(line)
        if fixed != line:
            edits.extend(_diff_edits(start, line, fixed, _explain(steps or [])))
    return edits


#: Widest line a hard-wrapped text is written to; scraped news has one paragraph per (long) line.
_MAX_WRAP_WIDTH = 120
_WRAP_EVIDENCE = 4  # fewest line pairs a decision rests on
_SENTENCE_END = (".", "!", "?", ":", '"', "“", "”", "»", "…")
_LIST_ITEM = re.compile(r"\s*(?:[-–•*·]\s|\d{1,3}[.)]\s)")
_SUSPENDED = frozenset({"und", "oder", "bis", "sowie", "and", "or", "to"})


def _wrap_width(lengths: Sequence[int]) -> int:
    """The width a text was wrapped to: the length most full lines reach (the 90th percentile)."""
    ordered = sorted(lengths)
    return ordered[min(len(ordered) - 1, (len(ordered) * 9) // 10)]


def join_hard_wrapped_lines(text: str) -> list[Edit]:
    """Lines of one paragraph joined again in a text wrapped at a fixed width (e-mail, wire copy).

    Decided per document: it is hard-wrapped when its lines are at most about 120
    characters wide, most lines followed by another line of the same block are *full*
    (the next line's first word would not have fitted), and most do not end a sentence.
    Then each full line is joined to the next with a space; short lines (headlines, the
    last line of a paragraph, list items) stay where they are. Text with one paragraph per
    line, as scrapers write it, is never touched.

    >>> from textfix.edits import apply_edits
    >>> text = ("Die Lage an der Front bleibt nach Angaben des Generalstabs\\n"
    ...         "angespannt, während die Verhandlungen in Genf ohne Ergebnis\\n"
    ...         "blieben. Beide Seiten wollen die Gespräche im Herbst wieder\\n"
    ...         "aufnehmen, hieß es am Abend aus diplomatischen Kreisen in\\n"
    ...         "der Schweiz.\\n\\nKurz notiert\\n")
    >>> print(apply_edits(text, join_hard_wrapped_lines(text)))
    Die Lage an der Front bleibt nach Angaben des Generalstabs angespannt, während die Verhandlungen in Genf ohne Ergebnis blieben. Beide Seiten wollen die Gespräche im Herbst wieder aufnehmen, hieß es am Abend aus diplomatischen Kreisen in der Schweiz.
    <BLANKLINE>
    Kurz notiert
    <BLANKLINE>
    """
    lines = text.split("\n")
    lengths = [len(line.rstrip()) for line in lines if line.strip()]
    if len(lengths) <= _WRAP_EVIDENCE:
        return []
    width = _wrap_width(lengths)
    if width > _MAX_WRAP_WIDTH:
        return []
    pairs = [i for i in range(len(lines) - 1) if lines[i].strip() and lines[i + 1].strip()]
    if len(pairs) < _WRAP_EVIDENCE:
        return []
    full = [i for i in pairs if _is_full(lines[i], lines[i + 1], width)]
    open_ended = [i for i in pairs if not lines[i].rstrip().endswith(_SENTENCE_END)]
    if len(full) * 10 < len(pairs) * 6 or len(open_ended) * 2 < len(pairs):
        return []
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    edits = []
    for i in full:
        end = starts[i] + len(lines[i])
        line, following = lines[i].rstrip(), lines[i + 1].lstrip()
        hyphenated = line[-1:] == "-" and line[-2:-1].isalpha() and following.split()[0].lower() not in _SUSPENDED
        edits.append(Edit(end, end + 1, "\n", "" if hyphenated else " ", _HARD_BREAK))
    return edits


def _is_full(line: str, following: str, width: int) -> bool:
    """Whether ``line`` was broken only because the next word did not fit in ``width``."""
    if _LIST_ITEM.match(following):
        return False
    return len(line.rstrip()) + 1 + len(following.split(maxsplit=1)[0]) > width


_HARD_BREAK = Reason(EditKind.REPAIR, "hard line break")


def _regex_edits(
    pattern: re.Pattern[str],
    replacement: str,
    detail: str,
    needles: tuple[str, ...] = (),
    padded: bool = False,
    precheck: re.Pattern[str] | None = None,
) -> Callable[[str], list[Edit]]:
    """A repair pass from ``pattern``; with ``needles``, text that holds none of them (in
    ``"\\n" + text + "\\n"`` when ``padded``) is not scanned: every match must contain one.
    ``precheck`` is a cheaper pattern that finds something (in the same text) wherever
    ``pattern`` would: where it finds nothing, the text is not scanned either."""
    group = "edit" if "edit" in pattern.groupindex else 0
    reason = Reason(EditKind.REPAIR, detail)

    def edits(text: str) -> list[Edit]:
        if needles or precheck is not None:
            haystack = f"\n{text}\n" if padded else text
            if needles and not any(needle in haystack for needle in needles):
                return []
            if precheck is not None and precheck.search(haystack) is None:
                return []
        return [
            Edit(m.start(group), m.end(group), m.group(group), replacement, reason)
            for m in pattern.finditer(text)
            if m.group(group) != replacement
        ]

    edits.__name__ = detail.replace(" ", "_")
    edits.__doc__ = f"{detail.capitalize()}."
    return edits


remove_invisible = _regex_edits(_INVISIBLE, "", "invisible character", ("\u200b", "\u2060", "\ufeff", "\u00ad"))
# Every match ends on a space right before the mark: most texts have none, and finding that
# costs a look-behind at each mark (rarer than spaces) instead of the full pattern at each space.
fix_space_before_punctuation = _regex_edits(
    _SPACE_BEFORE_PUNCT, "", "space before punctuation", precheck=re.compile(r"[.,;:!?](?<=[ \t\u00a0][.,;:!?])")
)
fix_run_together_sentences = _regex_edits(_RUN_TOGETHER, " ", "missing space after sentence")
# These scan every space of the text, and most texts have nothing for them: each match holds
# a tab, a no-break space or two spaces; a line edge is a space next to a line end.
collapse_spaces = _regex_edits(_SPACES, " ", "whitespace", ("  ", "\t", "\u00a0"))
# A space, tab or no-break space before or after a line end (of "\n" + text + "\n"): a pattern that
# starts with the line end, so the scan stops only at line ends (one scan, not one per needle).
trim_line_edges = _regex_edits(
    _LINE_EDGE_SPACES, "", "whitespace", padded=True, precheck=re.compile(r"\n(?:(?<=[ \t\u00a0]\n)|[ \t\u00a0])")
)

#: The repair passes, in the order they run.
PASSES: tuple[Callable[[str], list[Edit]], ...] = (
    normalise_line_ends,  # first: every later pass works line by line on "\n"
    fix_entities,
    fix_characters,  # before removing soft hyphens: ftfy decodes mojibake that holds one ("antÃ\xadgeno")
    remove_invisible,
    fix_unveiled_mojibake,  # what a soft hyphen hid from ftfy, so that a second run changes nothing
    join_hard_wrapped_lines,
    fix_space_before_punctuation,
    fix_run_together_sentences,
    collapse_spaces,
    trim_line_edges,
)


def repair_edits(text: str, passes: Sequence[Callable[[str], list[Edit]]] = PASSES) -> list[Edit]:
    """Every repair of ``text``, as edits over ``text`` itself."""
    edits: list[Edit] = []
    current = text
    for repair_pass in passes:
        step = repair_pass(current)
        if step:
            edits = compose(text, edits, step) if edits else step
            current = apply_edits(current, step)
    return edits


def repair_text(text: str) -> str:
    """``text`` with every repair applied (the edits are discarded).

    >>> repair_text("Er sagte ,  dass ﬁnal")
    'Er sagte, dass final'
    """
    return apply_edits(text, repair_edits(text))
