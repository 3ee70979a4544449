"""Edit one annotation: note, side, aspect, tags and colour, in a small dialog.

The note field behaves like the panel's in-place editor: Enter (or Ctrl+Enter) saves,
Shift+Enter starts a new line, Esc cancels; a note is saved without the blank lines and spaces
around it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QPalette, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from reader.core.notes.records import COLORS, Annotation

NOTE = "note"
SIDE = "side"
ASPECT = "aspect"
TAGS = "tags"
COLOR = "color"
NO_SIDE = "(no side)"
NOTE_KEYS_HINT = "Enter saves · Shift+Enter new line · Esc cancels"
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def tidy_note(text: str) -> str:
    """The note as saved: without the blank lines and spaces before and after it."""
    return text.strip()


def parse_tags(text: str) -> tuple[str, ...]:
    """Comma-separated tags, trimmed, without duplicates (case-insensitively)."""
    seen: set[str] = set()
    tags = []
    for part in text.split(","):
        tag = part.strip()
        if tag and tag.casefold() not in seen:
            seen.add(tag.casefold())
            tags.append(tag)
    return tuple(tags)


class AnnotationEditor(QDialog):
    """Opens on one field (the one the shortcut asked for); `changes()` gives what was edited."""

    def __init__(
        self,
        annotation: Annotation,
        sides: tuple[str, ...],
        aspects: list[str],
        focus: str = NOTE,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Annotation")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self._annotation = annotation
        quote = annotation.target.exact
        excerpt = quote if len(quote) <= 160 else quote[:157] + "…"
        self.quote = QLabel(f"“{excerpt}”")
        self.quote.setWordWrap(True)
        self.note = QPlainTextEdit(annotation.note)
        self.note.moveCursor(QTextCursor.MoveOperation.End)  # to go on writing
        self.note.setTabChangesFocus(True)
        self.note.setAccessibleName("Note")
        self.note.setAccessibleDescription(NOTE_KEYS_HINT)
        self.note_hint = QLabel(NOTE_KEYS_HINT)
        self.note_hint.setWordWrap(True)
        self.note_hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)  # muted, readable
        self.side = QComboBox()
        self.side.addItems([NO_SIDE, *sides])
        if annotation.side and annotation.side not in sides:
            self.side.addItem(annotation.side)
        self.side.setCurrentText(annotation.side or NO_SIDE)
        self.aspect = QComboBox()
        self.aspect.setEditable(True)
        self.aspect.addItems(["", *aspects])
        self.aspect.setCurrentText(annotation.aspect or "")
        completer = QCompleter(aspects, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.aspect.setCompleter(completer)
        self.tags = QLineEdit(", ".join(annotation.tags))
        self.tags.setPlaceholderText("comma, separated")
        self.color = QComboBox()
        self.color.addItems(list(COLORS))
        self.color.setCurrentText(annotation.color)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        form = QFormLayout(self)
        form.addRow(self.quote)
        form.addRow("&Note", self.note)
        form.addRow("", self.note_hint)
        form.addRow("&Side", self.side)
        form.addRow("&Aspect", self.aspect)
        form.addRow("&Tags", self.tags)
        form.addRow("&Colour", self.color)
        form.addRow(self.buttons)
        self._connect_signals()
        field = {
            NOTE: self.note,
            SIDE: self.side,
            ASPECT: self.aspect,
            TAGS: self.tags,
            COLOR: self.color,
        }.get(focus, self.note)
        field.setFocus(Qt.FocusReason.OtherFocusReason)
        self.resize(460, 320)

    def _connect_signals(self) -> None:
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.note.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter and Ctrl+Enter save the note; Shift+Enter is a new line."""
        if watched is self.note and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in _ENTER_KEYS:
                if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                    self.note.textCursor().insertText("\n")
                else:
                    self.accept()
                return True
        return super().eventFilter(watched, event)

    def changes(self) -> dict[str, object]:
        """The fields whose value differs from the annotation's."""
        side = self.side.currentText()
        values: dict[str, object] = {
            NOTE: tidy_note(self.note.toPlainText()),
            SIDE: None if side == NO_SIDE else side,
            ASPECT: self.aspect.currentText().strip() or None,
            TAGS: parse_tags(self.tags.text()),
            COLOR: self.color.currentText(),
        }
        current = self._annotation
        before = {
            NOTE: current.note,
            SIDE: current.side,
            ASPECT: current.aspect,
            TAGS: tuple(current.tags),
            COLOR: current.color,
        }
        return {key: value for key, value in values.items() if before[key] != value}
