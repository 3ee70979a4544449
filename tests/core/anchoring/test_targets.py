"""Targets: made from a selection, found again, the right one among repeated quotes."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from reader.core.anchoring.targets import (
    CONTEXT_CHARS,
    Anchor,
    AnchorStatus,
    find_anchor,
    locate,
    make_target,
)
from reader.core.notes.records import Target
from tests.text_helpers import occurrences

TEXT = (
    "A program manager is a person who oversees and manages a large program, often with "
    "several projects. A project manager leads one project. The manager reports weekly. "
    "Later, the manager reports monthly, and the manager reports to the board."
)


def test_make_target_takes_quote_and_32_characters_of_context() -> None:
    start = TEXT.index("oversees")
    end = start + len("oversees and manages a large program")
    target = make_target(TEXT, start, end)
    assert target.exact == "oversees and manages a large program"
    assert target.prefix == TEXT[start - CONTEXT_CHARS : start] and len(target.prefix) == 32
    assert target.suffix == TEXT[end : end + 32]
    assert (target.start, target.end) == (start, end)


def test_make_target_near_the_edges_and_bad_selections() -> None:
    target = make_target(TEXT, 0, 9)
    assert target.prefix == "" and target.exact == "A program"
    assert make_target(TEXT, len(TEXT) - 6, len(TEXT)).suffix == ""
    for start, end in [(5, 5), (9, 3), (-1, 2), (0, len(TEXT) + 1)]:
        with pytest.raises(ValueError):
            make_target(TEXT, start, end)


def test_repeated_quote_anchors_to_the_right_one() -> None:
    starts = [i for i in range(len(TEXT)) if TEXT.startswith("the manager reports", i)]
    assert len(starts) == 2
    for start in starts:
        target = make_target(TEXT, start, start + len("the manager reports"))
        assert locate(TEXT, target) == (start, start + len("the manager reports"))
        # Offsets lost (hand-copied quote with context): the context alone decides.
        no_offsets = Target(target.exact, target.prefix, target.suffix)
        assert locate(TEXT, no_offsets) == (start, start + len("the manager reports"))


def test_context_beats_a_stale_position() -> None:
    second = TEXT.rindex("the manager reports")
    target = make_target(TEXT, second, second + 19)
    edited = "NEW INTRO. " * 3 + TEXT
    shifted = second + len("NEW INTRO. " * 3)
    anchor = find_anchor(edited, target)
    assert anchor == Anchor(shifted, shifted + 19, AnchorStatus.MOVED)


def test_position_picks_among_equal_contexts() -> None:
    text = "x. same words here. y. same words here. z."
    first, second = text.index("same"), text.rindex("same")
    bare = Target("same words", start=second, end=second + 10)
    assert locate(text, bare) == (second, second + 10)
    assert locate(text, Target("same words", start=first + 2)) == (first, first + 10)


def test_exact_at_position_is_anchored() -> None:
    start = TEXT.index("leads")
    anchor = find_anchor(TEXT, make_target(TEXT, start, start + 5))
    assert anchor == Anchor(start, start + 5, AnchorStatus.ANCHORED)


def test_entry_with_only_exact_anchors_to_first_occurrence() -> None:
    anchor = find_anchor(TEXT, Target("manager"))
    assert anchor == Anchor(TEXT.index("manager"), TEXT.index("manager") + 7, AnchorStatus.ANCHORED)


def test_missing_quote_is_none() -> None:
    assert locate(TEXT, Target("not in the text", start=3, end=18)) is None
    assert find_anchor(TEXT, Target("x"), stages=()) is None


def test_stages_can_be_extended() -> None:
    def always_first(text: str, target: Target) -> Anchor | None:
        return Anchor(0, 1, AnchorStatus.FUZZY)

    assert find_anchor(TEXT, Target("absent"), stages=(always_first,)) == Anchor(
        0, 1, AnchorStatus.FUZZY
    )


_alphabet = st.sampled_from("ab ")


@given(st.text(_alphabet, min_size=1, max_size=200), st.data())
def test_a_fresh_target_is_found_where_it_was_made(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    target = make_target(text, start, end)
    assert find_anchor(text, target) == Anchor(start, end, AnchorStatus.ANCHORED)


@given(
    st.text(_alphabet, max_size=100),
    st.text(_alphabet, max_size=100),
    st.text(min_size=1, max_size=20),
)
def test_an_insertion_before_a_unique_quote_is_followed(
    before: str, after: str, inserted: str
) -> None:
    quote = "QUOTE-ONE"
    text = before + quote + after
    target = make_target(text, len(before), len(before) + len(quote))
    new_text = inserted + text
    assume(occurrences(new_text, quote) == 1)
    assert locate(new_text, target) == (
        len(inserted) + len(before),
        len(inserted) + len(before) + len(quote),
    )


def test_hand_written_entry_from_a_file_anchors() -> None:
    from reader.core.notes.yaml_load import load_document

    doc = load_document("annotations:\n  - target:\n      exact: leads one project\n")
    start = TEXT.index("leads one project")
    assert locate(TEXT, doc.annotations[0].target) == (start, start + len("leads one project"))


def test_a_copy_pasted_right_after_the_quote_does_not_take_the_note() -> None:
    # The copy inherits the quote's suffix; the original keeps its place and its prefix.
    text = "Sync, surprises.\nEscalate together, always.\nA note on titles and other things."
    start = text.index("Escalate")
    target = make_target(text, start, start + len("Escalate together, always."))
    edited = text.replace("always.\n", "always.\nEscalate together, always.\n")
    anchor = find_anchor(edited, target)
    assert anchor is not None and (anchor.start, anchor.status) == (start, AnchorStatus.ANCHORED)


def test_an_empty_prefix_means_the_start_of_the_text() -> None:
    text = "Draft. Still missing an ending.\nMost comparisons are unfair."
    target = make_target(text, 0, len("Draft. Still missing an ending."))
    assert target.prefix == ""
    edited = text.replace("ending.\n", "ending.\nDraft. Still missing an ending.\n")
    assert locate(edited, target) == (0, len(target.exact))
