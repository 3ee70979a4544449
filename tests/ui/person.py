"""A person at the keyboard and the mouse: keys go to the focused widget, clicks land on what
is shown, and what they check is what the screen shows."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QApplication, QTextEdit, QWidget
from pytestqt.qtbot import QtBot

from reader.ui.window.main_window import MainWindow

Mods = Qt.KeyboardModifier
NO_MODS = Qt.KeyboardModifier.NoModifier


@dataclass
class Person:
    """Drives one window the way a person does."""

    qtbot: QtBot
    window: MainWindow

    def focused(self) -> QWidget:
        """The widget the keyboard goes to now."""
        widget = QApplication.focusWidget()
        assert widget is not None, "nothing has the keyboard focus"
        return widget

    def press(self, key: Qt.Key, modifiers: Qt.KeyboardModifier = NO_MODS, times: int = 1) -> None:
        """Press a key (with modifiers) `times` times on whatever has the focus."""
        for _ in range(times):
            QTest.keyClick(self.focused(), key, modifiers)

    def type(self, text: str) -> None:
        """Type text into whatever has the focus."""
        QTest.keyClicks(self.focused(), text)

    def click(self, widget: QWidget, pos: QPoint | None = None) -> None:
        """A left click on `widget` (its middle unless `pos` says where)."""
        where = pos if pos is not None else widget.rect().center()
        QTest.mouseClick(widget, Qt.MouseButton.LeftButton, NO_MODS, where)

    def click_row(self, view: QAbstractItemView, row: int) -> None:
        """Click the row `row` of a list as it is shown."""
        index = view.model().index(row, 0)
        assert index.isValid(), f"no row {row}"
        self.click(view.viewport(), view.visualRect(index).center())

    def drag(self, widget: QWidget, start: QPoint, end: QPoint) -> None:
        """Press at `start`, move to `end` in steps, release (a mouse selection)."""
        QTest.mousePress(widget, Qt.MouseButton.LeftButton, NO_MODS, start)
        steps = 8
        for step in range(1, steps + 1):
            point = start + (end - start) * (step / steps)
            QTest.mouseMove(widget, point)
        QTest.mouseRelease(widget, Qt.MouseButton.LeftButton, NO_MODS, end)


def text_point(view: QTextEdit, text: str, occurrence: int = 0, after: bool = False) -> QPoint:
    """Where `text` is drawn in a text view (its first character, or just past its last)."""
    plain = view.document().toPlainText()
    at = -1
    for _ in range(occurrence + 1):
        at = plain.index(text, at + 1)
    cursor = QTextCursor(view.document())
    cursor.setPosition(at + len(text) if after else at)
    rect = view.cursorRect(cursor)
    return QPoint(rect.left() + 1, rect.center().y())


def visible_text(view: QTextEdit) -> str:
    """The text drawn in the view's visible part (from its first to its last visible line)."""
    top = view.cursorForPosition(QPoint(0, 0)).position()
    bottom = view.cursorForPosition(view.viewport().rect().bottomRight()).position()
    return view.document().toPlainText()[top:bottom]


def top_lines(view: QTextEdit, count: int = 2) -> str:
    """The first `count` lines in view, joined by spaces (the words a reader sees first)."""
    line = first_visible_line(view)
    plain = view.document().toPlainText()
    at = plain.find(line) if line else -1
    if at < 0:
        return line
    cursor = QTextCursor(view.document())
    cursor.setPosition(at)
    lines = []
    for _ in range(count):
        cursor.movePosition(QTextCursor.MoveOperation.StartOfLine)
        cursor.movePosition(QTextCursor.MoveOperation.EndOfLine, QTextCursor.MoveMode.KeepAnchor)
        lines.append(cursor.selectedText())
        cursor.clearSelection()
        if not cursor.movePosition(QTextCursor.MoveOperation.Down):
            break
    return " ".join(lines)


def first_visible_line(view: QTextEdit) -> str:
    """The first line of text whose upper half is in view, as a reader sees it."""
    left = int(view.document().rootFrame().frameFormat().leftMargin()) + 2
    cursor = view.cursorForPosition(QPoint(left, 1))
    for y in range(1, view.viewport().height(), 2):
        cursor = view.cursorForPosition(QPoint(left, y))
        rect = view.cursorRect(cursor)
        if rect.top() + rect.height() // 2 >= 0:
            break
    cursor.movePosition(QTextCursor.MoveOperation.StartOfLine)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfLine, QTextCursor.MoveMode.KeepAnchor)
    return cursor.selectedText()
