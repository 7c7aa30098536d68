"""Properties of textfix.clean over arbitrary text and over damaged versions of the gold corpus."""

from __future__ import annotations

import contextlib
import random
from functools import lru_cache
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from invariants import assert_segments_tile

import textfix
from textfix.evaluate import load_gold

GOLD = Path(__file__).resolve().parents[1] / "corpus" / "gold"


@lru_cache(maxsize=1)
def _gold_texts() -> tuple[str, ...]:
    """The gold corpus texts, read on first use (not at import)."""
    return tuple(doc.text for doc in load_gold(GOLD))


# Characters the pipeline treats specially: markup, entities, quotes, spacing, mojibake, Cyrillic.
_TRICKY = st.sampled_from(
    [
        "<",
        ">",
        "/",
        "&",
        ";",
        "&nbsp;",
        "&amp;",
        "< /p>",
        "<br>",
        " ",
        "  ",
        "\n",
        "\n\n",
        "\t",
        "\r",
        ".",
        " .",
        ",",
        "„",
        "“",
        "«",
        "»",
        "–",
        "Ã¼",
        "Ã",
        "\u00a0",
        "\u200b",
        "\u00ad",
        "Ж",
        "я",
        "ї",
        "ﬁ",
        "Leave a Reply",
        "Foto: Reuters",
        "NATO",
        "DVRK",
        "Sofia Rozhik",
    ]
)


@st.composite
def _mutated_gold(draw: st.DrawFn) -> str:
    """A gold text with random slices deleted, duplicated, swapped, or with tricky text inserted."""
    text = draw(st.sampled_from(_gold_texts()))
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        i = draw(st.integers(min_value=0, max_value=len(text)))
        j = draw(st.integers(min_value=i, max_value=min(len(text), i + 200)))
        action = draw(st.sampled_from(["delete", "duplicate", "swap", "insert"]))
        if action == "delete":
            text = text[:i] + text[j:]
        elif action == "duplicate":
            text = text[:j] + text[i:j] + text[j:]
        elif action == "swap":
            k = draw(st.integers(min_value=j, max_value=min(len(text), j + 200)))
            text = text[:i] + text[j:k] + text[i:j] + text[k:]
        else:
            text = text[:i] + draw(_TRICKY) + text[i:]
    return text


_ANY_TEXT = st.one_of(
    st.text(max_size=200),
    st.lists(st.one_of(_TRICKY, st.text(max_size=8)), max_size=30).map("".join),
    _mutated_gold(),
)

_SETTINGS = settings(max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])


@_SETTINGS
@given(_ANY_TEXT)
def test_clean_raises_nothing_but_textfix_errors(text: str) -> None:
    with contextlib.suppress(textfix.TextfixError):
        textfix.clean(text)


@_SETTINGS
@given(_ANY_TEXT)
def test_edits_applied_to_the_original_give_the_output(text: str) -> None:
    result = textfix.clean(text)
    assert result.original == text
    assert textfix.apply_edits(text, result.edits) == result.output


@_SETTINGS
@given(_ANY_TEXT)
def test_every_edit_has_a_reason(text: str) -> None:
    result = textfix.clean(text)
    assert all(edit.reason for edit in result.edits)


@_SETTINGS
@given(_ANY_TEXT)
def test_segments_lie_within_the_text_in_order_of_their_start(text: str) -> None:
    segments = textfix.clean(text).segments
    assert all(0 <= s.start < s.end <= len(text) for s in segments)
    assert [s.start for s in segments] == sorted(s.start for s in segments)


@_SETTINGS
@example("Die <b>FÃ¼hrung</b> der NATO ist besorgt.")
@example("\x1b")
@given(_ANY_TEXT)
def test_segments_are_sorted_disjoint_within_the_text_with_only_whitespace_between(text: str) -> None:
    result = textfix.clean(text)
    assert_segments_tile(text, result.segments)


@_SETTINGS
@example("Er kam.<br>Die NATO ist besorgt.")
@given(_ANY_TEXT)
def test_clean_is_idempotent(text: str) -> None:
    output = textfix.clean(text).output
    assert textfix.clean(output).output == output


@_SETTINGS
@example("Die <b>FÃ¼hrung</b> der NATO ist besorgt.\n\nLeave a Reply&nbsp;\n", random.Random(0))
@given(_ANY_TEXT, st.randoms(use_true_random=False))
def test_rejecting_any_changes_keeps_the_log_consistent(text: str, chance: random.Random) -> None:
    """Decisions leave the rejected edits out, keep every other marked edit, and the log still yields the output."""
    from textfix.decisions import Decisions, apply_decisions

    result = textfix.clean(text)
    marked = [e for e in result.edits if e.kind.marked]
    rejected = [e for e in marked if chance.random() < 0.5]
    decided = apply_decisions(result, Decisions.for_result(result, rejected=[e.id for e in rejected]))
    assert textfix.apply_edits(text, decided.edits) == decided.output
    assert set(decided.rejected) == set(rejected) and not set(rejected) & set(decided.edits)
    assert {e for e in marked if e not in rejected} <= set(decided.edits)
