"""The tags pane's model: All posts, Untagged, each tag with its count, then a Categories
section with each category and the uncategorized posts (when the library has categories)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from reader.core.library.tags import TagIndex

ModelIndex = QModelIndex | QPersistentModelIndex

ALL_POSTS = "all"
UNTAGGED = "untagged"
TAG = "tag"
HEADER = "header"
CATEGORY = "category"
UNCATEGORIZED = "uncategorized"

FILTER_ROLE = Qt.ItemDataRole.UserRole + 1  # (kind, match key) of the row


@dataclass(frozen=True, slots=True)
class TagRow:
    """One row: its kind, the text shown, the count, the match key."""

    kind: str
    label: str
    count: int
    key: str = ""


class TagListModel(QAbstractListModel):
    """Rows for the tags pane; `set_index` replaces them when the library changes."""

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[TagRow] = []

    def set_index(self, index: TagIndex, total: int, categories: TagIndex | None = None) -> None:
        """Show the tags of `index` and the categories of `categories`; `total` is the number
        of posts shown."""
        self.beginResetModel()
        self._rows = [
            TagRow(ALL_POSTS, "All posts", total),
            TagRow(UNTAGGED, "Untagged", index.untagged),
        ]
        self._rows += [TagRow(TAG, tag.name, tag.count, tag.key) for tag in index.tags]
        if categories is not None and categories.tags:
            self._rows.append(TagRow(HEADER, "Categories", len(categories.tags)))
            self._rows += [
                TagRow(CATEGORY, category.name, category.count, category.key)
                for category in categories.tags
            ]
            if categories.untagged:
                self._rows.append(TagRow(UNCATEGORIZED, "Uncategorized", categories.untagged))
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if index.isValid() and self._rows[index.row()].kind == HEADER:
            return Qt.ItemFlag.NoItemFlags
        return super().flags(index)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.label if row.kind == HEADER else f"{row.label}  ({row.count})"
        if role == Qt.ItemDataRole.FontRole and row.kind == HEADER:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            if row.kind == HEADER:
                return f"{row.count} categor{'y' if row.count == 1 else 'ies'}"
            return f"{row.count} post(s)"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            if row.kind == HEADER:
                return f"Categories, {row.count}"
            what = "category " if row.kind == CATEGORY else ""
            return f"{what}{row.label}, {row.count} posts"
        if role == FILTER_ROLE:
            return (row.kind, row.key)
        return None

    def row_of_tag(self, tag: str) -> int:
        """The row showing `tag` (case-insensitively), or -1."""
        return self._row_of(TAG, tag)

    def row_of_category(self, category: str) -> int:
        """The row showing `category` (case-insensitively), or -1."""
        return self._row_of(CATEGORY, category)

    def _row_of(self, kind: str, name: str) -> int:
        key = name.casefold()
        for number, row in enumerate(self._rows):
            if row.kind == kind and row.key == key:
                return number
        return -1

    def names(self, kind: str) -> list[str]:
        """The names of the tag (TAG) or category (CATEGORY) rows, in order."""
        return [row.label for row in self._rows if row.kind == kind]
