"""Reading and selecting with the keyboard in the article (caret browsing, as in Firefox).

Qt shows a caret exactly when the keyboard may select (`TextSelectableByKeyboard`), so the
view has that flag in caret browsing (F7) and only for the key being handled otherwise:

- caret browsing off: arrows, Page Up/Down, Space, Home and End scroll, as a reader expects;
  Shift+arrows (and Shift+Ctrl+arrows) select, starting from the first character in view
  when the caret is out of sight; Esc drops the selection;
- caret browsing on: a visible caret that the arrows move; Shift selects as in an editor.
"""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import QAbstractSlider, QTextEdit

Action = QAbstractSlider.SliderAction
CARET_WIDTH: Final = 2
READING_FLAGS: Final = Qt.TextInteractionFlag.TextBrowserInteraction
CARET_FLAGS: Final = READING_FLAGS | Qt.TextInteractionFlag.TextSelectableByKeyboard

_MOVES: Final = {
    Qt.Key.Key_Left,
    Qt.Key.Key_Right,
    Qt.Key.Key_Up,
    Qt.Key.Key_Down,
    Qt.Key.Key_Home,
    Qt.Key.Key_End,
    Qt.Key.Key_PageUp,
    Qt.Key.Key_PageDown,
}
_SCROLLS: Final = {
    Qt.Key.Key_Up: Action.SliderSingleStepSub,
    Qt.Key.Key_Down: Action.SliderSingleStepAdd,
    Qt.Key.Key_PageUp: Action.SliderPageStepSub,
    Qt.Key.Key_PageDown: Action.SliderPageStepAdd,
    Qt.Key.Key_Home: Action.SliderToMinimum,
    Qt.Key.Key_End: Action.SliderToMaximum,
}


def first_visible_position(view: QTextEdit) -> int:
    """The document position of the first character at the top of the view."""
    return view.cursorForPosition(view.viewport().rect().topLeft()).position()


def caret_in_view(view: QTextEdit) -> bool:
    """True when the text cursor sits inside the visible part of the view."""
    return view.viewport().rect().intersects(view.cursorRect())


def place_caret_in_view(view: QTextEdit, floor: int = 0) -> None:
    """Put the caret (no selection) at the first character in view, unless it is in view.

    Never before `floor` (the body's start): a selection that begins in the cover or the
    title, which notes cannot hold, would leave the person with nothing to highlight.
    """
    if caret_in_view(view) and view.textCursor().position() >= floor:
        return
    cursor = QTextCursor(view.document())
    cursor.setPosition(min(max(first_visible_position(view), floor), _last(view)))
    scroll = view.verticalScrollBar().value()
    view.setTextCursor(cursor)
    view.verticalScrollBar().setValue(scroll)  # setTextCursor may have nudged the view


def _last(view: QTextEdit) -> int:
    return max(0, view.document().characterCount() - 1)


def selects(event: QKeyEvent) -> bool:
    """True for Shift with a movement key (Shift+Ctrl+arrows too): it extends the selection."""
    shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
    return shift and Qt.Key(event.key()) in _MOVES


def reading_key(view: QTextEdit, event: QKeyEvent, caret_browsing: bool, floor: int = 0) -> bool:
    """Handle a key the way a reader expects; False leaves it to the view (and so to Qt).
    A keyboard selection starts at `floor` at the earliest (see `place_caret_in_view`)."""
    key = Qt.Key(event.key())
    modifiers = event.modifiers()
    shift = bool(modifiers & Qt.KeyboardModifier.ShiftModifier)
    if selects(event):
        if not view.textCursor().hasSelection() or not caret_in_view(view):
            place_caret_in_view(view, floor)  # a selection out of sight is not extended
        return False  # Qt extends the selection from the caret
    if key == Qt.Key.Key_Escape and view.textCursor().hasSelection():
        cursor = view.textCursor()
        cursor.clearSelection()
        scroll = view.verticalScrollBar().value()
        view.setTextCursor(cursor)
        view.verticalScrollBar().setValue(scroll)
        return True
    if caret_browsing:
        return False
    if key == Qt.Key.Key_Space:
        action = Action.SliderPageStepSub if shift else Action.SliderPageStepAdd
        view.verticalScrollBar().triggerAction(action)
        return True
    if key in _SCROLLS:
        view.verticalScrollBar().triggerAction(_SCROLLS[key])
        return True
    return key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and not modifiers
