"""Bringing a place of a text view into sight where the eye finds it: a third of the way down.

`ensureCursorVisible` scrolls only as far as needed, so a target below the view lands on the
bottom edge, half cut off; a jump (a find, a search hit, a comparison quote, a note) should
land well inside the view instead.
"""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QTextEdit

FROM_TOP = 1 / 3  # where the target's first line lands, as a fraction of the view's height
COMFORT_TOP = 0.1  # a target already between these fractions of the view stays where it is
COMFORT_BOTTOM = 0.7


def range_rect(view: QTextEdit, start: int, end: int) -> QRect:
    """The viewport rectangle from the line of `start` to the line of `end`."""
    cursor = QTextCursor(view.document())
    cursor.setPosition(max(0, min(start, view.document().characterCount() - 1)))
    top = view.cursorRect(cursor)
    cursor.setPosition(max(0, min(end, view.document().characterCount() - 1)))
    bottom = view.cursorRect(cursor)
    return top.united(bottom)


def reveal(view: QTextEdit, start: int, end: int) -> None:
    """Scroll so that [start, end) sits a third of the way down (unless it is in the upper
    part of the view already); a range taller than the view shows its start."""
    rect = range_rect(view, start, end)
    height = view.viewport().height()
    comfortable = rect.top() >= height * COMFORT_TOP and rect.bottom() <= height * COMFORT_BOTTOM
    if comfortable:
        return
    bar = view.verticalScrollBar()
    if rect.height() >= height * (1 - FROM_TOP):
        wanted = rect.top() - height // 8
    else:
        wanted = rect.top() - int(height * FROM_TOP)
    bar.setValue(bar.value() + wanted)
