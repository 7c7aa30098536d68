"""Edit logs: applying them, checking them, composing two stages, mapping offsets back."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from textfix.edits import OffsetMap, apply_edits, check_edits, compose
from textfix.errors import EditLogError, TextfixError
from textfix.model import Edit, EditKind, Reason

ENTITY = Reason(EditKind.REPAIR, "html entity")
DEBRIS = Reason(EditKind.DEBRIS, "markup")
R = Reason(EditKind.REPAIR, "test")

# Few distinct characters, so that edits of the two stages touch and overlap often.
_ALPHABET = "ab &;.\nЖ"


@st.composite
def _edit_lists(draw: st.DrawFn, text: str) -> list[Edit]:
    """Sorted, non-overlapping edits over ``text``: replacements, deletions and insertions."""
    count = draw(st.integers(min_value=0, max_value=5))
    positions = sorted(
        draw(st.lists(st.integers(min_value=0, max_value=len(text)), min_size=2 * count, max_size=2 * count))
    )
    edits = []
    for start, end in zip(positions[::2], positions[1::2], strict=True):
        after = draw(st.text(alphabet=_ALPHABET, max_size=4))
        reason = draw(st.sampled_from([Reason(EditKind.REPAIR, "whitespace"), DEBRIS, Reason(EditKind.DUPLICATE)]))
        edits.append(Edit(start, end, text[start:end], after, reason))
    return edits


@st.composite
def _two_stages(draw: st.DrawFn) -> tuple[str, list[Edit], list[Edit]]:
    original = draw(st.text(alphabet=_ALPHABET, max_size=30))
    first = draw(_edit_lists(original))
    second = draw(_edit_lists(apply_edits(original, first)))
    return original, first, second


@settings(max_examples=400, deadline=None, database=None)
@given(_two_stages())
def test_compose_equals_applying_both_stages_in_turn(case: tuple[str, list[Edit], list[Edit]]) -> None:
    original, first, second = case
    combined = compose(original, first, second)
    assert apply_edits(original, combined) == apply_edits(apply_edits(original, first), second)


@settings(max_examples=400, deadline=None, database=None)
@given(_two_stages())
def test_composed_edits_are_sorted_disjoint_and_match_the_original(
    case: tuple[str, list[Edit], list[Edit]],
) -> None:
    original, first, second = case
    combined = compose(original, first, second)
    position = 0
    for edit in combined:
        assert position <= edit.start <= edit.end <= len(original)
        assert original[edit.start : edit.end] == edit.before
        position = edit.end


@settings(max_examples=200, deadline=None, database=None)
@given(_two_stages())
def test_composed_edits_keep_a_reason(case: tuple[str, list[Edit], list[Edit]]) -> None:
    original, first, second = case
    assert all(edit.reason for edit in compose(original, first, second))


def test_a_composed_edit_keeps_every_stage_reason_the_deciding_one_first() -> None:
    original = "x &amp; y"
    first = [Edit(2, 7, "&amp;", "&", ENTITY)]
    second = [Edit(2, 5, "& y", "", DEBRIS)]
    [edit] = compose(original, first, second)
    assert (edit.before, edit.after, edit.reasons, edit.kind) == ("&amp; y", "", (DEBRIS,), EditKind.DEBRIS)
    second = [Edit(0, 3, "x &", "X und", Reason(EditKind.GLOSSARY, "x → X"))]
    [edit] = compose(original, first, second)
    assert edit.reasons == (Reason(EditKind.GLOSSARY, "x → X"), ENTITY)
    assert edit.reason == "glossary: x → X; repair: html entity"


def test_an_edit_without_a_typed_reason_is_refused() -> None:
    with pytest.raises(TypeError, match="Reason"):
        Edit(0, 1, "a", "", "debris: markup")  # type: ignore[arg-type]


def test_compose_maps_a_deletion_back_over_a_repaired_entity() -> None:
    original = "a &amp; b"
    first = [Edit(2, 7, "&amp;", "&", ENTITY)]
    second = [Edit(0, 2, "a ", "", DEBRIS)]
    assert compose(original, first, second) == [
        Edit(0, 2, "a ", "", DEBRIS),
        Edit(2, 7, "&amp;", "&", ENTITY),
    ]


def test_compose_deleting_a_repaired_span_deletes_the_original_characters() -> None:
    original = "Kopf &amp; Fuß"
    first = [Edit(5, 10, "&amp;", "&", ENTITY)]
    second = [Edit(4, 6, " &", "", DEBRIS)]
    combined = compose(original, first, second)
    assert apply_edits(original, combined) == "Kopf Fuß"
    assert [(e.before, e.after) for e in combined] == [(" &amp;", "")]


def test_apply_edits_replaces_deletes_and_inserts() -> None:
    text = "sagte Biden ."
    edits = [Edit(0, 0, "", "Er ", R), Edit(11, 12, " ", "", R)]
    assert apply_edits(text, edits) == "Er sagte Biden."


def test_apply_no_edits_returns_the_text_unchanged() -> None:
    assert apply_edits("Die NATO ist besorgt", []) == "Die NATO ist besorgt"


@pytest.mark.parametrize(
    "edits",
    [
        pytest.param([Edit(0, 4, "sagt", "x", R), Edit(2, 6, "gte ", "y", R)], id="overlapping"),
        pytest.param([Edit(6, 11, "Biden", "x", R), Edit(0, 5, "sagte", "y", R)], id="unsorted"),
        pytest.param([Edit(0, 5, "Sagte", "x", R)], id="before-does-not-match"),
        pytest.param([Edit(11, 20, " .", "", R)], id="beyond-the-end"),
        pytest.param([Edit(5, 3, "", "", R)], id="end-before-start"),
    ],
)
def test_check_edits_rejects_inconsistent_edits(edits: list[Edit]) -> None:
    with pytest.raises(EditLogError, match="edit") as raised:
        check_edits("sagte Biden .", edits)
    assert isinstance(raised.value, TextfixError)


def test_apply_edits_rejects_an_edit_that_does_not_match() -> None:
    with pytest.raises(EditLogError, match="does not match"):
        apply_edits("sagte Biden .", [Edit(0, 5, "sagt!", "", R)])


def test_check_edits_accepts_touching_edits_and_insertions_at_one_offset() -> None:
    edits = [Edit(0, 0, "", "A", R), Edit(0, 0, "", "B", R), Edit(0, 2, "ab", "", R), Edit(2, 3, "c", "", R)]
    check_edits("abc", edits)
    assert apply_edits("abc", edits) == "AB"


def test_offset_map_leaves_positions_before_the_first_edit_alone() -> None:
    mapping = OffsetMap([Edit(2, 7, "&amp;", "&", ENTITY)])
    assert (mapping.start(0), mapping.end(2)) == (0, 2)


def test_offset_map_shifts_positions_after_an_edit_by_its_length_change() -> None:
    mapping = OffsetMap([Edit(2, 7, "&amp;", "&", ENTITY)])
    assert (mapping.start(4), mapping.end(5)) == (8, 9)


def test_offset_map_spans_a_whole_replacement_in_the_original() -> None:
    mapping = OffsetMap([Edit(2, 7, "&amp;", "&", ENTITY)])
    assert (mapping.start(2), mapping.end(3)) == (2, 7)


def test_offset_map_maps_a_span_inside_a_replacement_to_the_whole_original_span() -> None:
    mapping = OffsetMap([Edit(0, 6, "FÃ¼hr", "Führ", R)])
    assert (mapping.start(1), mapping.end(2)) == (0, 6)


def test_offset_map_keeps_a_removed_character_out_of_a_span_that_ends_there() -> None:
    # "Biden ." → "Biden.": the span "Biden" ends before the removed space.
    mapping = OffsetMap([Edit(5, 6, " ", "", R)])
    assert (mapping.start(0), mapping.end(5), mapping.start(5)) == (0, 5, 6)


def test_offset_map_new_range_locates_a_replacement_in_the_edited_text() -> None:
    mapping = OffsetMap([Edit(0, 2, "ab", "", R), Edit(4, 5, "e", "XYZ", R)])
    assert mapping.new_range(1) == (2, 5)
