"""The tags pane's model: All posts, Untagged, then each tag with its count."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from reader.core.library.tags import TagIndex

ModelIndex = QModelIndex | QPersistentModelIndex

ALL_POSTS = "all"
UNTAGGED = "untagged"
TAG = "tag"

FILTER_ROLE = Qt.ItemDataRole.UserRole + 1  # (kind, tag key) of the row


@dataclass(frozen=True, slots=True)
class TagRow:
    """One row: its kind (all, untagged, tag), the text shown, the count, the match key."""

    kind: str
    label: str
    count: int
    key: str = ""


class TagListModel(QAbstractListModel):
    """Rows for the tags pane; `set_index` replaces them when the library changes."""

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[TagRow] = []

    def set_index(self, index: TagIndex, total: int) -> None:
        """Show the tags of `index`; `total` is the number of visible posts."""
        self.beginResetModel()
        self._rows = [
            TagRow(ALL_POSTS, "All posts", total),
            TagRow(UNTAGGED, "Untagged", index.untagged),
        ]
        self._rows += [TagRow(TAG, tag.name, tag.count, tag.key) for tag in index.tags]
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{row.label}  ({row.count})"
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{row.count} post(s)"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{row.label}, {row.count} posts"
        if role == FILTER_ROLE:
            return (row.kind, row.key)
        return None

    def row_of_tag(self, tag: str) -> int:
        """The row showing `tag` (case-insensitively), or -1."""
        key = tag.casefold()
        for number, row in enumerate(self._rows):
            if row.kind == TAG and row.key == key:
                return number
        return -1
