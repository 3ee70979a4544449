"""Anchoring for export, and the filters by colour, side, aspect, tag and status."""

from __future__ import annotations

from datetime import UTC, datetime

from reader.core.anchoring.targets import AnchorStatus, make_target
from reader.core.export.model import (
    ExportFilter,
    anchor_annotations,
    annotated,
    annotation_count,
    apply_filter,
)
from reader.core.notes.records import Annotation, Target
from tests.core.export.export_records import item, post

TEXT = "alpha beta gamma. alpha beta gamma. delta epsilon."
WHEN = datetime(2026, 1, 1, tzinfo=UTC)


def _note(ident: str, target: Target, *, deleted: bool = False) -> Annotation:
    return Annotation(
        id=ident,
        created=WHEN,
        modified=WHEN,
        target=target,
        deleted=WHEN if deleted else None,
    )


def test_statuses_positions_and_document_order() -> None:
    here = make_target(TEXT, 36, 41)  # "delta"
    stale = Target(exact="beta", prefix="", suffix="", start=1, end=5)  # wrong hint
    lost = Target(exact="omega", start=2, end=7)
    gone = make_target(TEXT, 0, 5)
    found = anchor_annotations(
        TEXT,
        [
            _note("a", here),
            _note("b", stale),
            _note("c", lost),
            _note("d", gone, deleted=True),
        ],
    )
    assert [(f.annotation.id, f.status, f.start) for f in found] == [
        ("b", AnchorStatus.MOVED, 6),
        ("a", AnchorStatus.ANCHORED, 36),
        ("c", AnchorStatus.ORPHANED, 2),  # orphans last, keeping their stored hint
    ]
    assert found[0].quote == "beta"


def test_filter_each_field_ignores_case_and_spacing() -> None:
    one = item("q1", side="Program  Manager", aspect="Scope", color="blue", tags=["Careers"])
    two = item("q2", side="Project Manager", aspect="Focus", status=AnchorStatus.ORPHANED)
    assert ExportFilter().matches(one) and ExportFilter().matches(two)
    assert ExportFilter.of(sides=["program manager"]).matches(one)
    assert not ExportFilter.of(sides=["program manager"]).matches(two)
    assert ExportFilter.of(aspects=["SCOPE", "nothing"]).matches(one)
    assert not ExportFilter.of(aspects=["scope"]).matches(two)
    assert ExportFilter.of(colors=["blue"]).matches(one)
    assert not ExportFilter.of(colors=["blue"]).matches(two)
    assert ExportFilter.of(tags=["careers"]).matches(one)
    assert not ExportFilter.of(tags=["careers"]).matches(two)
    assert ExportFilter.of(statuses=[AnchorStatus.ORPHANED]).matches(two)
    assert not ExportFilter.of(statuses=[AnchorStatus.ORPHANED]).matches(one)


def test_filter_with_unset_label_never_matches_a_wanted_value() -> None:
    assert not ExportFilter.of(sides=["A"]).matches(item("q"))


def test_apply_filter_keeps_posts_and_matching_sides() -> None:
    posts = [
        post(item("q1", side="A"), item("q2", side="B"), path="one.md"),
        post(item("q3", side="B"), path="two.md"),
    ]
    kept = apply_filter(posts, ExportFilter.of(sides=["a"]))
    assert [p.path for p in kept] == ["one.md", "two.md"]
    assert [[i.quote for i in p.annotations] for p in kept] == [["q1"], []]
    assert kept[0].sides == ("A",)
    assert [p.path for p in annotated(kept)] == ["one.md"]
    assert annotation_count(kept) == 1 and annotation_count(posts) == 3
