"""The comparison table: aspects by sides, gaps kept, labels merged only when the same."""

from __future__ import annotations

from reader.core.export.comparison import (
    NO_ASPECT,
    NO_SIDE,
    aspect_label,
    build_comparison,
    side_label,
)
from tests.core.export.export_records import item, post


def test_rows_are_aspects_columns_are_sides_cells_hold_entries() -> None:
    table = build_comparison(
        [
            post(
                item("q1", side="A", aspect="Scope"),
                item("q2", side="B", aspect="Scope"),
                item("q3", side="A", aspect="Focus"),
                item("q4", side="A", aspect="scope "),  # same row as "Scope"
            )
        ]
    )
    assert table.sides == ("A", "B")
    assert table.aspects == ("Scope", "Focus")
    assert [e.item.quote for e in table.cell("Scope", "A")] == ["q1", "q4"]
    assert table.count("SCOPE", "a") == 2
    assert table.cell("Focus", "B") == ()  # a gap, present rather than hidden
    assert ("Focus", "B") in table.cells
    assert table.row_count("Scope") == 3 and table.column_count("A") == 3
    assert table.cell("Scope", "A")[0].post_path == "a.md"
    assert not table.is_empty


def test_no_aspect_and_no_side_come_last_only_when_used() -> None:
    table = build_comparison([post(item("q1", side="A", aspect="X"))])
    assert table.aspects == ("X",) and table.sides == ("A", "B")
    table = build_comparison([post(item("q1"), item("q2", side="A", aspect="X"))])
    assert table.aspects == ("X", None) and table.sides == ("A", "B", None)
    assert [e.item.quote for e in table.cell(None, None)] == ["q1"]
    assert aspect_label(None) == NO_ASPECT and side_label(None) == NO_SIDE
    assert aspect_label("X") == "X" and side_label("A") == "A"


def test_sides_across_posts_merge_only_when_the_name_is_the_same() -> None:
    table = build_comparison(
        [
            post(
                item("q1", side="Program Manager", aspect="Scope"),
                sides=("Program Manager", "Project Manager"),
                path="one.md",
            ),
            post(
                item("q2", side="Project manager", aspect="Scope"),
                sides=("Product Manager", "Project manager"),
                path="two.md",
            ),
        ]
    )
    assert table.sides == ("Program Manager", "Project Manager", "Product Manager")
    assert [e.post_path for e in table.cell("Scope", "Project Manager")] == ["two.md"]
    assert table.post_count == 2


def test_side_used_by_a_note_but_not_declared_gets_a_column() -> None:
    table = build_comparison([post(item("q1", side="C", aspect="X"))])
    assert table.sides == ("A", "B", "C")


def test_no_annotations_is_empty_but_keeps_the_sides() -> None:
    table = build_comparison([post()])
    assert table.is_empty and table.aspects == () and table.sides == ("A", "B")
