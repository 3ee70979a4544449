"""Markdown comparison table: one line per row, escaped cells, visible gaps and counts."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

from reader.core.anchoring.targets import AnchorStatus
from reader.core.export.table_format import GAP, to_table
from tests.core.export.export_records import item, post


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", line)[1:-1]]


def test_grid_with_counts_and_gaps() -> None:
    text = to_table(
        [
            post(
                item("q1", side="A", aspect="Scope", note="n1"),
                item("q2", side="A", aspect="Scope"),
                item("q3", side="B", aspect="Focus", status=AnchorStatus.ORPHANED),
            )
        ]
    )
    lines = text.splitlines()
    assert _cells(lines[0]) == ["Aspect", "A (2)", "B (1)"]
    assert lines[1] == "|---|---|---|"
    assert _cells(lines[2]) == ["**Scope** (2)", "**2** • “q1” — n1<br>• “q2”", GAP]
    assert _cells(lines[3]) == ["**Focus** (1)", GAP, "**1** • “q3” _(orphaned)_"]
    assert len(lines) == 4


def test_hostile_cells_keep_the_table_shape() -> None:
    hostile = "a | b\nc <script>x</script> **d** [e](f)"
    text = to_table([post(item(hostile, side="A|B", aspect="# X", note=hostile))])
    lines = text.splitlines()
    assert all(len(_cells(line)) == 4 for line in lines)  # Aspect, A, B, A|B
    html = MarkdownIt("commonmark").enable("table").render(text)
    assert html.count("<tr>") == 2 and html.count("<td>") == 4
    assert "<script" not in html and "<strong>d" not in html and "<a " not in html


def test_several_posts_name_the_post_in_each_entry() -> None:
    text = to_table(
        [
            post(item("q1", side="A", aspect="X"), path="one.md", title="One"),
            post(item("q2", side="A", aspect="X"), path="two.md", title="Two"),
        ]
    )
    assert "“q1” (One)<br>• “q2” (Two)" in text


def test_nothing_labelled() -> None:
    assert to_table([post(sides=())]) == "No labelled notes to compare.\n"
