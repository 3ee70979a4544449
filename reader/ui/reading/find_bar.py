"""Find in the article: a slim bar with next/previous, like a browser's.

The search starts from what the reader sees (the caret when it is in view, else the first
character in view), a match lands a third of the way down the view, and a search that finds
nothing moves nothing: the reading position is never lost to a typo.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QTextCursor, QTextDocument
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QTextEdit, QToolButton, QWidget

from reader.ui.reading.caret import caret_in_view, first_visible_position
from reader.ui.reading.scrolling import reveal


class FindBar(QWidget):
    """Searches a QTextEdit; Enter finds the next match, Shift+Enter the previous, Esc closes."""

    closed = Signal()

    def __init__(self, view: QTextEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._view = view
        self._origin = 0  # where the search for the text being typed starts
        self._shown: tuple[int, int] | None = None  # the match this bar selected last
        self.field = QLineEdit()
        self.field.setPlaceholderText("Find in article")
        self.field.setClearButtonEnabled(True)
        self.previous_button = QToolButton()
        self.previous_button.setText("▲")
        self.previous_button.setToolTip("Previous match (Shift+Enter, Shift+F3)")
        self.next_button = QToolButton()
        self.next_button.setText("▼")
        self.next_button.setToolTip("Next match (Enter, F3)")
        self.status = QLabel()
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.close_button.setToolTip("Close (Esc)")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        for widget in (self.field, self.previous_button, self.next_button, self.status):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(self.close_button)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.field.installEventFilter(self)
        self.field.textChanged.connect(self._find_from_start)
        self.next_button.clicked.connect(self.find_next)
        self.previous_button.clicked.connect(self.find_previous)
        self.close_button.clicked.connect(self.close_bar)

    def open_bar(self) -> None:
        """Show the bar with the field focused and its text selected."""
        self._origin = self._start_here()
        self.show()
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def close_bar(self) -> None:
        """Hide the bar and give the focus back to the article."""
        self.hide()
        self._view.setFocus()
        self.closed.emit()

    def find_next(self) -> bool:
        """Select the next match, wrapping at the end."""
        return self._find(QTextDocument.FindFlag(0))

    def find_previous(self) -> bool:
        """Select the previous match, wrapping at the start."""
        return self._find(QTextDocument.FindFlag.FindBackward)

    def _start_here(self) -> int:
        """The caret when the reader can see it, else the first character in view."""
        if caret_in_view(self._view):
            return self._view.textCursor().selectionStart()
        return first_visible_position(self._view)

    def _find_from_start(self) -> None:
        self._find(QTextDocument.FindFlag(0), self._origin)

    def _find(self, flags: QTextDocument.FindFlag, origin: int | None = None) -> bool:
        text = self.field.text()
        if not text:
            self.status.setText("")
            return False
        document = self._view.document()
        backward = bool(flags & QTextDocument.FindFlag.FindBackward)
        start = QTextCursor(document)
        if origin is not None:
            start.setPosition(origin)
        else:
            current = self._view.textCursor()
            start.setPosition(current.selectionStart() if backward else current.selectionEnd())
        found = document.find(text, start, flags)
        wrapped = False
        if found.isNull():
            edge = QTextCursor(document)
            edge.movePosition(
                QTextCursor.MoveOperation.End if backward else QTextCursor.MoveOperation.Start
            )
            found = document.find(text, edge, flags)
            wrapped = not found.isNull()
        if found.isNull():
            self.status.setText("not found")
            self._unselect_last_match()
            return False
        self.status.setText("wrapped" if wrapped else "")
        self._show(found)
        return True

    def _show(self, found: QTextCursor) -> None:
        bar = self._view.verticalScrollBar()
        value = bar.value()
        self._view.setTextCursor(found)
        bar.setValue(value)
        reveal(self._view, found.selectionStart(), found.selectionEnd())
        self._shown = (found.selectionStart(), found.selectionEnd())

    def _unselect_last_match(self) -> None:
        """A text that is no longer found leaves no stale match selected ("sta" of "start"
        while the field says "stakeholder"); a selection the reader made stays."""
        cursor = self._view.textCursor()
        if (
            self._shown != (cursor.selectionStart(), cursor.selectionEnd())
            or not cursor.hasSelection()
        ):
            return
        bar = self._view.verticalScrollBar()
        value = bar.value()
        cursor.setPosition(cursor.selectionStart())
        self._view.setTextCursor(cursor)
        bar.setValue(value)
        self._shown = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Shift+Enter in the field goes backwards; Esc closes the bar."""
        if watched is self.field and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Escape:
                self.close_bar()
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                    self.find_previous()
                else:
                    self.find_next()
                return True
        return super().eventFilter(watched, event)
