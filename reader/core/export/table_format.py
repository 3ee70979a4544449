"""The comparison table as a Markdown table, for a README, a notes app or a chat message.

Each cell is one line: quotes are separated by `<br>`, `|` and Markdown are escaped, and an
empty cell shows a dash, so gaps in the comparison are as visible as the filled cells.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from reader.core.anchoring.targets import AnchorStatus
from reader.core.export.comparison import (
    CellEntry,
    ComparisonTable,
    aspect_label,
    build_comparison,
    side_label,
)
from reader.core.export.markdown_escape import escape_inline, table_cell
from reader.core.export.model import ExportedPost

GAP: Final = "—"


def _entry(entry: CellEntry, *, with_post: bool) -> str:
    item = entry.item
    text = f"“{table_cell(item.quote)}”"
    if item.annotation.note.strip():
        text += f" — {table_cell(item.annotation.note)}"
    if item.status is not AnchorStatus.ANCHORED:
        text += f" _({item.status.value})_"
    if with_post:
        text += f" ({table_cell(entry.post_title)})"
    return text


def _cell(table: ComparisonTable, aspect: str | None, side: str | None) -> str:
    entries = table.cell(aspect, side)
    if not entries:
        return GAP
    with_post = table.post_count > 1
    listed = "<br>".join(f"• {_entry(entry, with_post=with_post)}" for entry in entries)
    return f"**{len(entries)}** {listed}"


def comparison_markdown(table: ComparisonTable) -> str:
    """A built comparison table as Markdown; rows and columns carry their counts."""
    if not table.sides or not table.aspects:
        return "No labelled notes to compare.\n"
    head = ["Aspect"] + [
        f"{escape_inline(side_label(side))} ({table.column_count(side)})" for side in table.sides
    ]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for aspect in table.aspects:
        label = f"**{escape_inline(aspect_label(aspect))}** ({table.row_count(aspect)})"
        cells = [label] + [_cell(table, aspect, side) for side in table.sides]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def to_table(posts: Sequence[ExportedPost]) -> str:
    """The comparison table of the posts in scope as Markdown."""
    return comparison_markdown(build_comparison(posts))
