"""Annotation records: creation, edits that always move time forward, tombstones."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from reader.core.notes.records import (
    COLORS,
    Annotation,
    NotesDocument,
    Target,
    delete,
    edit,
    new_annotation,
    restore,
)

T0 = datetime(2026, 11, 29, 22, 0, tzinfo=UTC)


def test_new_annotation_has_uuid4_and_aware_times() -> None:
    a = new_annotation(Target("quote"), note="n", side="Program Manager", tags=["x"])
    assert uuid.UUID(a.id).version == 4
    assert a.created.tzinfo is not None and a.created == a.modified
    assert a.tags == ("x",) and a.deleted is None and a.color == "yellow"


def test_six_named_colours_only() -> None:
    assert COLORS == ("yellow", "green", "blue", "pink", "purple", "orange")
    with pytest.raises(ValueError, match="colour"):
        new_annotation(Target("q"), color="red")


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        Annotation(id="a", created=datetime(2026, 1, 1), modified=T0, target=Target("q"))


def test_target_checks() -> None:
    with pytest.raises(ValueError):
        Target("")
    with pytest.raises(ValueError):
        Target("q", start=5, end=2)
    with pytest.raises(ValueError):
        Target("q", start=-1)


def test_edit_bumps_modified_even_with_a_stale_clock() -> None:
    a = new_annotation(Target("q"), now=T0)
    b = edit(a, note="changed", now=T0 - timedelta(hours=1))
    assert b.modified > a.modified and b.note == "changed" and b.created == a.created
    c = edit(b, side=None, aspect="Scope", color="green", tags=("t",), now=T0 + timedelta(1))
    assert c.modified == T0 + timedelta(1)
    assert (c.aspect, c.color, c.tags, c.note) == ("Scope", "green", ("t",), "changed")
    assert a.note == ""  # the original is untouched


def test_delete_makes_a_tombstone_and_restore_undoes_it() -> None:
    a = new_annotation(Target("q"), now=T0)
    gone = delete(a, now=T0)
    assert gone.is_deleted and gone.deleted == gone.modified and gone.modified > a.modified
    back = restore(gone)
    assert not back.is_deleted and back.modified > gone.modified


def test_document_live_hides_tombstones_in_document_order() -> None:
    late = new_annotation(Target("b", start=50, end=51), now=T0)
    early = new_annotation(Target("a", start=10, end=11), now=T0 + timedelta(1))
    unplaced = new_annotation(Target("c"), now=T0)
    doc = NotesDocument(article="p.md", annotations=(late, unplaced, early))
    assert doc.live() == (early, late, unplaced)
    doc = doc.with_annotation(delete(late))
    assert doc.live() == (early, unplaced)
    assert doc.get(late.id) is not None and doc.get("nope") is None
    assert len(doc.annotations) == 3
    assert doc.with_sides(["A", "B"]).sides == ("A", "B")
