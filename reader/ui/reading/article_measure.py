"""The article's measure and selections: line length kept comfortable whatever the pane's
width, and what a selection across table cells really covers."""

from __future__ import annotations

from typing import cast

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QTextEdit

from reader.core.render.theme_css import SUGGESTED_MAX_WIDTH_EM
from reader.ui.reading.highlights import MARKER_GUTTER


def apply_measure(view: QTextEdit) -> None:
    """Side margins that keep lines at a comfortable length, whatever the pane's width (and
    always room for the side markers in the left margin)."""
    font = view.document().defaultFont()
    em = max(8.0, font.pointSizeF() * view.logicalDpiX() / 72.0)
    measure = SUGGESTED_MAX_WIDTH_EM * em
    width = view.viewport().width()
    side = max(float(MARKER_GUTTER), (width - measure) / 2.0)
    frame = view.document().rootFrame()
    fmt = frame.frameFormat()
    if abs(fmt.leftMargin() - side) < 1 and abs(fmt.rightMargin() - side) < 1:
        return
    fmt.setLeftMargin(side)
    fmt.setRightMargin(side)
    fmt.setTopMargin(16)
    fmt.setBottomMargin(32)
    frame.setFrameFormat(fmt)


def text_width(view: QTextEdit) -> float:
    """The width lines of text get between the margins."""
    fmt = view.document().rootFrame().frameFormat()
    return max(64.0, view.viewport().width() - fmt.leftMargin() - fmt.rightMargin() - 8)


def selected_span(cursor: QTextCursor) -> tuple[int, int]:
    """Document positions of what is shown selected: across table cells, Qt selects whole
    cells (a block of them), so the span runs from the first cell's start to the last's end."""
    table = cursor.currentTable()
    if cursor.hasComplexSelection() and table is not None:
        cells = cast(tuple[int, int, int, int], cursor.selectedTableCells())
        row, rows, column, columns = cells
        if rows > 0 and columns > 0:
            first = table.cellAt(row, column).firstCursorPosition().position()
            last = table.cellAt(row + rows - 1, column + columns - 1).lastCursorPosition()
            return first, last.position()
    return cursor.selectionStart(), cursor.selectionEnd()
