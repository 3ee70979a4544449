"""Merging by id: newest wins, tombstones hold, and the order copies meet never matters."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.notes.merge import merge_annotations, merge_documents, newer
from reader.core.notes.records import Annotation, NotesDocument, Target, delete, edit

T0 = datetime(2026, 11, 29, 22, 0, tzinfo=UTC)


def _a(
    ident: str = "x",
    minutes: int = 0,
    note: str = "",
    color: str = "yellow",
    deleted: datetime | None = None,
) -> Annotation:
    stamp = T0 + timedelta(minutes=minutes)
    return Annotation(
        id=ident,
        created=T0,
        modified=stamp,
        target=Target("q"),
        note=note,
        color=color,
        deleted=deleted,
    )


def test_newest_modified_wins() -> None:
    old, new = _a(note="old"), _a(minutes=5, note="new")
    assert merge_annotations([old], [new]) == (new,)
    assert merge_annotations([new], [old]) == (new,)


def test_tombstone_wins_over_edits_not_newer_than_the_deletion() -> None:
    live = _a(note="edit")
    gone = delete(live, now=T0 + timedelta(minutes=1))
    same_time = edit(live, note="same time", now=gone.deleted)
    assert same_time.modified == gone.deleted
    assert newer(gone, same_time) is gone and newer(same_time, gone) is gone
    assert newer(live, gone) is gone


def test_edit_made_after_the_deletion_wins() -> None:
    gone = delete(_a(), now=T0 + timedelta(minutes=1))
    revived = edit(_a(), note="later", now=T0 + timedelta(minutes=2))
    assert newer(gone, revived) is revived


def test_tombstone_counts_from_its_deletion_time() -> None:
    odd = _a(minutes=0, deleted=T0 + timedelta(minutes=10))  # hand-edited file
    assert newer(odd, _a(minutes=5, note="edit")) is odd


def test_tie_is_broken_by_content_whatever_the_order() -> None:
    a, b = _a(note="alpha"), _a(note="beta")
    assert newer(a, b) == newer(b, a)
    c, d = _a(note="n", color="green"), _a(note="n", color="blue")
    assert newer(c, d) == newer(d, c)


def test_same_instant_in_different_zones_still_merges_symmetrically() -> None:
    a = _a(note="n")
    b = Annotation(
        id="x",
        created=T0,
        target=Target("q"),
        note="n",
        modified=T0.astimezone(timezone(timedelta(hours=2))),
    )
    assert merge_annotations([a], [b]) == merge_annotations([b], [a])
    assert str(merge_annotations([a], [b])[0].modified) == str(
        merge_annotations([b], [a])[0].modified
    )


def test_merge_keeps_every_id_in_document_order() -> None:
    a = Annotation(id="a", created=T0, modified=T0, target=Target("q", start=50, end=51))
    b = Annotation(id="b", created=T0, modified=T0, target=Target("q", start=5, end=6))
    assert [x.id for x in merge_annotations([a], [b])] == ["b", "a"]


def test_merge_documents_takes_our_header_and_keeps_their_unknown_keys() -> None:
    ours = NotesDocument(
        article="p.md", title="Ours", sides=("A", "B"), annotations=(_a("1"),), extra={"k": 1}
    )
    theirs = NotesDocument(
        article="p.md",
        title="Theirs",
        sides=("C", "D"),
        annotations=(_a("2"),),
        extra={"k": 2, "other": True},
    )
    merged = merge_documents(ours, theirs)
    assert (merged.title, merged.sides) == ("Ours", ("A", "B"))
    assert merged.extra == {"k": 1, "other": True}
    assert {a.id for a in merged.annotations} == {"1", "2"}
    no_sides = NotesDocument(article="p.md")
    assert merge_documents(no_sides, theirs).sides == ("C", "D")


# --- properties ---------------------------------------------------------------------------

_versions = st.builds(
    _a,
    ident=st.sampled_from(["a", "b", "c"]),
    minutes=st.integers(0, 3),
    note=st.sampled_from(["", "x", "y"]),
    color=st.sampled_from(["yellow", "green"]),
    deleted=st.none() | st.sampled_from([T0 + timedelta(minutes=m) for m in range(4)]),
)
_copies = st.lists(_versions, max_size=6)


@settings(max_examples=300)
@given(_copies, _copies)
def test_merge_is_commutative(x: list[Annotation], y: list[Annotation]) -> None:
    assert merge_annotations(x, y) == merge_annotations(y, x)


@settings(max_examples=300)
@given(_copies, _copies, _copies)
def test_merge_is_associative(
    x: list[Annotation], y: list[Annotation], z: list[Annotation]
) -> None:
    left = merge_annotations(merge_annotations(x, y), z)
    right = merge_annotations(x, merge_annotations(y, z))
    assert left == right == merge_annotations(x, y, z)


@settings(max_examples=300)
@given(_copies)
def test_merge_is_idempotent(x: list[Annotation]) -> None:
    once = merge_annotations(x)
    assert merge_annotations(once, once) == once == merge_annotations(x, x)


@settings(max_examples=300)
@given(_copies, _copies)
def test_nothing_is_lost_and_the_newest_is_kept(x: list[Annotation], y: list[Annotation]) -> None:
    merged = merge_annotations(x, y)
    assert {a.id for a in merged} == {a.id for a in x + y}
    for winner in merged:
        for version in x + y:
            if version.id == winner.id:
                assert max(winner.modified, winner.deleted or winner.modified) >= version.modified
