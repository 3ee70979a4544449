"""Re-anchoring a post's notes: statuses, proposals, confirmation, the fast path, properties."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from reader.core.anchoring import reanchor as reanchor_module
from reader.core.anchoring.reanchor import (
    ReanchorResult,
    confirm_target,
    reanchor_annotations,
    reanchor_document,
    reanchor_target,
)
from reader.core.anchoring.targets import (
    Anchor,
    AnchorStatus,
    exact_or_grown,
    find_anchor,
    make_target,
)
from reader.core.notes.records import Annotation, NotesDocument, Target, delete, new_annotation
from tests.text_helpers import occurrences

WHEN = datetime(2026, 1, 2, tzinfo=UTC)
TEXT = (
    "Programs and projects.\n"
    "A program manager oversees several projects at once. "
    "A project manager leads one project to its end. "
    "Both report to a sponsor who funds the work.\n"
    "Risks are tracked in a shared register."
)


def _note(quote: str, text: str = TEXT) -> Annotation:
    start = text.index(quote)
    return new_annotation(make_target(text, start, start + len(quote)), now=WHEN)


def test_each_note_gets_its_status_and_only_fuzzy_ones_a_proposal() -> None:
    notes = [
        _note("Programs and projects."),  # before the edit: stays put
        _note("A project manager leads one project"),  # after the edit: moved
        _note("Both report to a sponsor who funds the work."),  # typo fixed: fuzzy
        _note("Risks are tracked in a shared register."),  # deleted: orphaned
    ]
    edited = (
        TEXT.replace("several projects", "many projects")
        .replace("who funds the work", "who funds the wrok")
        .replace("\nRisks are tracked in a shared register.", "")
    )
    results = reanchor_annotations(edited, notes)
    assert [r.annotation_id for r in results] == [n.id for n in notes]
    assert [r.status for r in results] == [
        AnchorStatus.ANCHORED,
        AnchorStatus.MOVED,
        AnchorStatus.FUZZY,
        AnchorStatus.ORPHANED,
    ]
    assert [r.proposed_target is not None for r in results] == [False, False, True, False]
    fuzzy = results[2]
    assert fuzzy.anchor is not None and fuzzy.proposed_target is not None
    assert (
        edited[fuzzy.anchor.start : fuzzy.anchor.end]
        == "Both report to a sponsor who funds the wrok."
    )
    assert fuzzy.proposed_target == make_target(edited, fuzzy.anchor.start, fuzzy.anchor.end)
    assert results[3] == ReanchorResult(notes[3].id, None, AnchorStatus.ORPHANED)


def test_document_order_and_tombstones_are_left_out() -> None:
    later, earlier = _note("Risks are tracked"), _note("A program manager")
    gone = delete(_note("Both report"), now=WHEN)
    document = NotesDocument(article="post.md", annotations=(later, gone, earlier))
    results = reanchor_document(TEXT, document)
    assert [r.annotation_id for r in results] == [earlier.id, later.id]
    assert all(r.status is AnchorStatus.ANCHORED for r in results)


def test_confirm_target_stores_the_new_quote_and_context_and_keeps_the_rest() -> None:
    note = _note("Both report to a sponsor who funds the work.")
    note = dataclasses.replace(
        note, target=dataclasses.replace(note.target, extra={"selector": "kept"}), note="mine"
    )
    edited = TEXT.replace("who funds the work", "who pays for the work")
    result = reanchor_target(edited, note.target)
    assert result.status is AnchorStatus.FUZZY and result.anchor is not None
    confirmed = confirm_target(note, result.anchor, edited)
    target = confirmed.target
    assert target.start is not None
    assert target.exact == "Both report to a sponsor who pays for the work."
    assert (target.start, target.end) == (result.anchor.start, result.anchor.end)
    assert target.prefix == edited[target.start - 32 : target.start]
    assert target.extra == {"selector": "kept"}
    assert confirmed.note == "mine" and confirmed.id == note.id
    assert confirmed.modified > note.modified
    assert reanchor_target(edited, target).status is AnchorStatus.ANCHORED


def test_shifted_notes_skip_the_whole_text_search(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[Target] = []
    real = exact_or_grown

    def counting(text: str, target: Target) -> Anchor | None:
        calls.append(target)
        return real(text, target)

    monkeypatch.setattr(reanchor_module, "exact_or_grown", counting)
    sentences = [f"Sentence number {n} says something about item {n * 7}." for n in range(200)]
    text = " ".join(sentences)
    notes = [_note(s, text) for s in sentences[::4]]
    edited = "A new first paragraph.\n" + text
    results = reanchor_annotations(edited, notes)
    assert all(r.status is AnchorStatus.MOVED for r in results)
    assert len(calls) == 1  # only the first note searches; the rest follow its shift


REPEATED = "a block of words long enough to hold a quote with all of its context on either side"
BLOCKS = f"Head words here. {REPEATED}. Some middle part. {REPEATED}. Tail."


@given(st.integers(-200, 200))
def test_a_guessed_shift_never_overrides_the_nearest_full_context(shift: int) -> None:
    start = BLOCKS.index("hold a quote with")
    target = make_target(BLOCKS, start, start + len("hold a quote with"))
    edited = "Inserted. " + BLOCKS
    result = reanchor_target(edited, target, shift)
    assert result.anchor == find_anchor(edited, target)
    assert result.anchor is not None and result.anchor.start == start + len("Inserted. ")


def test_the_shortcut_never_disagrees_with_find_anchor_on_repeats() -> None:
    text = "aa same words here bb. cc same words here dd. ee same words here ff."
    first, second = text.index("same"), text.index("same", text.index("same") + 1)
    notes = [
        new_annotation(Target("same words here", start=first, end=first + 15), now=WHEN),
        new_annotation(make_target(text, second, second + 15), now=WHEN),
    ]
    edited = "zz. " + text.replace("bb.", "bb. same words here")
    results = reanchor_annotations(edited, notes)
    assert [r.anchor for r in results] == [find_anchor(edited, n.target) for n in notes]


# --- properties -----------------------------------------------------------------------------

WORDS = (
    "program project manager scope budget risk team sponsor plan the a of to and owns leads "
    "reports weekly monthly board value backlog sprint roadmap delivery quality review status "
    "outcome benefit portfolio agile scrum owner product release date change order"
).split()
SEPARATORS = (" ", " ", " ", " ", ". ", ", ", "\n")

words = st.lists(st.sampled_from(WORDS), min_size=1, max_size=6)


@st.composite
def documents(draw: st.DrawFn) -> tuple[list[str], list[str]]:
    """A text as words and the separators after each word."""
    count = draw(st.integers(8, 80))
    items = draw(st.lists(st.sampled_from(WORDS), min_size=count, max_size=count))
    seps = draw(st.lists(st.sampled_from(SEPARATORS), min_size=count, max_size=count))
    return items, seps


def _join(items: list[str], seps: list[str]) -> tuple[str, list[int]]:
    """The text, and where each word starts."""
    starts, parts, at = [], [], 0
    for word, sep in zip(items, seps, strict=True):
        starts.append(at)
        parts.append(word + sep)
        at += len(word) + len(sep)
    return "".join(parts), starts


@settings(max_examples=300, deadline=None)
@given(documents(), st.data())
def test_edits_outside_the_quote_always_find_it_exactly(
    doc: tuple[list[str], list[str]], data: st.DataObject
) -> None:
    items, seps = doc
    text, starts = _join(items, seps)
    i = data.draw(st.integers(0, len(items) - 2), label="first quoted word")
    j = data.draw(st.integers(i + 2, min(len(items), i + 12)), label="end of quote")
    q_start, q_end = starts[i], starts[j - 1] + len(items[j - 1])
    quote = text[q_start:q_end]
    assume(occurrences(text, quote) == 1)
    target = make_target(text, q_start, q_end)
    # Replace words [a, b) on one side of the quote by new words (an insert when a == b).
    before = data.draw(st.booleans(), label="edit before the quote")
    lo, hi = (0, i) if before else (j, len(items))
    a = data.draw(st.integers(lo, hi), label="edit start")
    b = data.draw(st.integers(a, min(hi, a + 6)), label="edit end")
    new_words = data.draw(words, label="new words")
    new_seps = [data.draw(st.sampled_from(SEPARATORS)) for _ in new_words]
    if b == len(items) and not new_words and a > 0:
        new_seps = []  # deleting the tail: keep the separator after the last kept word
    edited, _ = _join(items[:a] + new_words + items[b:], seps[:a] + new_seps + seps[b:])
    shift = len(_join(new_words, new_seps)[0]) - sum(
        len(w) + len(s) for w, s in zip(items[a:b], seps[a:b], strict=True)
    )
    assume(occurrences(edited, quote) == 1)
    new_start = q_start + shift if before else q_start
    result = reanchor_target(edited, target)
    status = AnchorStatus.ANCHORED if new_start == q_start else AnchorStatus.MOVED
    assert result.anchor == Anchor(new_start, new_start + len(quote), status)
    assert find_anchor(edited, target) == result.anchor


@settings(max_examples=200, deadline=None)
@given(
    documents(),
    st.lists(st.tuples(st.integers(0, 79), st.integers(2, 8)), min_size=1, max_size=8),
    words,
    st.integers(0, 80),
)
def test_many_notes_agree_with_find_anchor_one_by_one(
    doc: tuple[list[str], list[str]],
    spans: list[tuple[int, int]],
    inserted: list[str],
    where: int,
) -> None:
    items, seps = doc
    text, starts = _join(items, seps)
    notes = []
    for first, size in spans:
        first = first % len(items)
        last = min(len(items), first + size) - 1
        end = starts[last] + len(items[last])
        if end > starts[first]:
            notes.append(new_annotation(make_target(text, starts[first], end), now=WHEN))
    at = starts[where % len(items)]
    edited = text[:at] + " ".join(inserted) + " " + text[at:]
    ordered = sorted(notes, key=lambda n: n.target.start or 0)
    results = reanchor_annotations(edited, ordered)
    assert [r.anchor for r in results] == [find_anchor(edited, n.target) for n in ordered]


@settings(max_examples=200, deadline=None)
@given(documents(), st.data())
def test_a_one_letter_typo_fix_inside_a_unique_quote_is_found_in_place(
    doc: tuple[list[str], list[str]], data: st.DataObject
) -> None:
    items, seps = doc
    text, starts = _join(items, seps)
    i = data.draw(st.integers(0, len(items) - 4), label="first quoted word")
    j = data.draw(st.integers(i + 4, min(len(items), i + 12)), label="end of quote")
    q_start, q_end = starts[i], starts[j - 1] + len(items[j - 1])
    quote = text[q_start:q_end]
    assume(occurrences(text, quote) == 1)
    target = make_target(text, q_start, q_end)
    k = data.draw(st.integers(i, j - 1), label="word with the typo")
    assume(len(items[k]) >= 3)
    at = starts[k] + data.draw(st.integers(1, len(items[k]) - 1))
    edited = text[:at] + "#" + text[at + 1 :]
    result = reanchor_target(edited, target)
    assert result.status is AnchorStatus.FUZZY
    assert result.anchor == Anchor(q_start, q_end, AnchorStatus.FUZZY)


def test_found_by_the_randomised_run_a_typo_in_the_last_word_of_repetitive_text() -> None:
    # test_a_one_letter_typo_fix_inside_a_unique_quote_is_found_in_place, randomised, found
    # this (it draws with st.data(), so it is pinned here rather than as an @example).
    text = "program " * 24 + "project "
    target = make_target(text, 13 * 8, len(text) - 1)
    edited = text[: 24 * 8 + 6] + "#" + text[24 * 8 + 7 :]
    result = reanchor_target(edited, target)
    assert result.anchor == Anchor(13 * 8, len(text) - 1, AnchorStatus.FUZZY)
    # and the same with the typo in the first quoted word: the old place wins, not one before
    edited = text[: 13 * 8 + 1] + "#" + text[13 * 8 + 2 :]
    assert reanchor_target(edited, target).anchor == Anchor(
        13 * 8, len(text) - 1, AnchorStatus.FUZZY
    )


def test_found_by_the_property_repetitive_text_closed_up_by_chance_keeps_an_exact_hit() -> None:
    """test_edits_outside_the_quote_always_find_it_exactly, randomised (st.data() cannot be
    pinned as an @example): in repetitive text the stored contexts meet by chance, which must
    not make the quote's own, unique exact hit at its place "another passage"."""
    text = " ".join(["program"] * 17 + ["project", "program"]) + " "
    q_start = 6 * len("program ")
    q_end = text.index("project") + len("project")
    target = make_target(text, q_start, q_end)
    edited = text[:q_end] + " program. program "
    assert occurrences(edited, target.exact) == 1
    assert reanchor_target(edited, target).anchor == Anchor(q_start, q_end, AnchorStatus.ANCHORED)
