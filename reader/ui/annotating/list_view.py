"""A list of annotations that a person drives with clicks and keys, with the note edited in place.

Click or Enter chooses a row, Delete asks to delete it, double-click or F2 opens a note editor
(Enter or Ctrl+Enter saves, Shift+Enter starts a new line, Esc cancels: the same keys as the
note dialog). Rows are identified by annotation id so callers never hold indexes across the
model's refreshes.
"""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QResizeEvent, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QListView,
    QPlainTextEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from reader.ui.annotating.editor import NOTE_KEYS_HINT, tidy_note
from reader.ui.annotating.list_model import ID_ROLE

ModelIndex = QModelIndex | QPersistentModelIndex
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_DELETE_KEYS = (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)


class NoteDelegate(QStyledItemDelegate):
    """Edits a row's note (its EditRole) in a multi-line editor."""

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: ModelIndex
    ) -> QWidget:
        editor = QPlainTextEdit(parent)
        editor.setObjectName("noteEditor")
        editor.setTabChangesFocus(True)
        editor.setPlaceholderText(NOTE_KEYS_HINT)
        editor.setToolTip(NOTE_KEYS_HINT)
        editor.setAccessibleName("Note")
        editor.setAccessibleDescription(NOTE_KEYS_HINT)
        return editor

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: ModelIndex
    ) -> None:
        """The row's width, and tall enough for the hint (wrapped) and a few lines of note."""
        rect = option.rect
        if isinstance(editor, QPlainTextEdit):
            metrics = editor.fontMetrics()
            inner = max(40, rect.width() - 12)
            hint = metrics.boundingRect(
                0, 0, inner, 10_000, int(Qt.TextFlag.TextWordWrap), NOTE_KEYS_HINT
            )
            wanted = max(hint.height(), 3 * metrics.lineSpacing()) + 14
            rect = rect.adjusted(0, 0, 0, max(0, wanted - rect.height()))
            holder = editor.parentWidget()
            if holder is not None and rect.bottom() >= holder.height():
                rect.moveBottom(holder.height() - 1)  # near the list's end: grow upwards
                rect.moveTop(max(0, rect.top()))
        editor.setGeometry(rect)

    def setEditorData(self, editor: QWidget, index: ModelIndex) -> None:
        if isinstance(editor, QPlainTextEdit):
            editor.setPlainText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
            editor.moveCursor(QTextCursor.MoveOperation.End)
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: ModelIndex) -> None:
        if isinstance(editor, QPlainTextEdit):
            model.setData(index, tidy_note(editor.toPlainText()), Qt.ItemDataRole.EditRole)
            return
        super().setModelData(editor, model, index)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter saves the note (the default would insert a line break in a text editor)."""
        if isinstance(watched, QPlainTextEdit) and event.type() == QEvent.Type.KeyPress:
            key_event = cast(QKeyEvent, event)
            shift = key_event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            if key_event.key() in _ENTER_KEYS and not shift:
                self.commitData.emit(watched)
                self.closeEditor.emit(watched, QAbstractItemDelegate.EndEditHint.NoHint)
                return True
        return super().eventFilter(watched, event)


class AnnotationListView(QListView):
    """Rows of annotations; reports choices and delete requests by annotation id."""

    chosen = Signal(str)  # clicked, or Enter pressed on it
    deleteRequested = Signal(str)  # Delete (or Backspace) pressed on it

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setUniformItemSizes(False)
        self.setSpacing(3)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setItemDelegate(NoteDelegate(self))
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.clicked.connect(self._on_clicked)

    def _on_clicked(self, index: QModelIndex) -> None:
        annotation_id = index.data(ID_ROLE)
        if isinstance(annotation_id, str):
            self.chosen.emit(annotation_id)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.state() != QAbstractItemView.State.EditingState:
            annotation_id = self.current_id()
            if annotation_id is not None and event.key() in _ENTER_KEYS:
                self.chosen.emit(annotation_id)
                return
            if annotation_id is not None and event.key() in _DELETE_KEYS:
                self.deleteRequested.emit(annotation_id)
                return
        super().keyPressEvent(event)

    def keep_rows_visible(self, rows: int) -> None:
        """Stay tall enough for `rows` whole rows, as the rows (and the width) change."""
        self._rows_visible = rows
        self._fit_rows()
        QTimer.singleShot(0, self._fit_rows)  # again once the rows are laid out

    def _fit_rows(self) -> None:
        rows = getattr(self, "_rows_visible", 0)
        if rows:
            self.setMinimumHeight(self.height_for_rows(rows))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            QTimer.singleShot(0, self._fit_rows)  # rows re-wrap to the new width

    def height_for_rows(self, rows: int) -> int:
        """The height that shows the first `rows` rows whole (at least one row's worth)."""
        model = self.model()
        count = min(rows, model.rowCount()) if model is not None else 0
        spacing = self.spacing()
        heights = []
        for row in range(count):
            laid_out = self.visualRect(model.index(row, 0)).height()  # wrapped at this width
            heights.append(max(laid_out, self.sizeHintForRow(row)) + 2 * spacing)
        if not heights:
            heights = [2 * self.fontMetrics().lineSpacing() + 2 * spacing]
        return sum(heights) + 2 * self.frameWidth() + 2

    def current_id(self) -> str | None:
        """The id of the selected (current) row, if any."""
        index = self.currentIndex()
        selection = self.selectionModel()
        if not index.isValid() or selection is None or not selection.isSelected(index):
            return None
        value = index.data(ID_ROLE)
        return value if isinstance(value, str) else None

    def index_of(self, annotation_id: str) -> QModelIndex:
        """The index of the row showing `annotation_id` (invalid when it is not shown)."""
        model = self.model()
        if model is None:
            return QModelIndex()
        for row in range(model.rowCount()):
            index = model.index(row, 0)
            if index.data(ID_ROLE) == annotation_id:
                return index
        return QModelIndex()

    def select_id(self, annotation_id: str) -> bool:
        """Make `annotation_id`'s row current, selected and visible; False if not shown."""
        index = self.index_of(annotation_id)
        selection = self.selectionModel()
        if not index.isValid() or selection is None:
            return False
        selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.scrollTo(index)
        return True

    def edit_id(self, annotation_id: str) -> bool:
        """Open the note editor on `annotation_id`'s row; False if not shown or read-only."""
        if not self.select_id(annotation_id):
            return False
        if not self.currentIndex().flags() & Qt.ItemFlag.ItemIsEditable:
            return False
        self.edit(self.currentIndex())
        return self.state() == QAbstractItemView.State.EditingState
