"""The tags pane's model: All posts, Untagged, each tag with its count, then a Categories
section with each category and the uncategorized posts (when the library has categories).

Hundreds of tags stay usable: they are sorted naturally ("topic-2" before "topic-10") or most
used first, and a filter keeps the tags and categories whose names hold every word typed
(All posts and Untagged always stay)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from reader.core.library.tags import TagCount, TagIndex, natural_key

ModelIndex = QModelIndex | QPersistentModelIndex

ALL_POSTS = "all"
UNTAGGED = "untagged"
TAG = "tag"
HEADER = "header"
CATEGORY = "category"
UNCATEGORIZED = "uncategorized"

FILTER_ROLE = Qt.ItemDataRole.UserRole + 1  # (kind, match key) of the row
BY_NAME = "name"
BY_COUNT = "count"


@dataclass(frozen=True, slots=True)
class TagRow:
    """One row: its kind, the text shown, the count, the match key."""

    kind: str
    label: str
    count: int
    key: str = ""


class TagListModel(QAbstractListModel):
    """Rows for the tags pane; `set_index` replaces them when the library changes,
    `set_order` and `set_filter` rearrange them."""

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[TagRow] = []
        self._index = TagIndex((), 0)
        self._categories: TagIndex | None = None
        self._total = 0
        self._order = BY_NAME
        self._words: list[str] = []

    def set_index(self, index: TagIndex, total: int, categories: TagIndex | None = None) -> None:
        """Show the tags of `index` and the categories of `categories`; `total` is the number
        of posts shown."""
        self._index, self._total, self._categories = index, total, categories
        self._rebuild()

    def set_order(self, order: str) -> None:
        """BY_NAME (natural order) or BY_COUNT (most used first, then by name)."""
        if order != self._order:
            self._order = order
            self._rebuild()

    def order(self) -> str:
        """The order the tags are listed in."""
        return self._order

    def set_filter(self, text: str) -> None:
        """Keep the tags and categories whose names hold every word of `text`."""
        words = text.casefold().split()
        if words != self._words:
            self._words = words
            self._rebuild()

    def _chosen(self, terms: tuple[TagCount, ...]) -> list[TagCount]:
        words = self._words
        kept = [t for t in terms if all(w in t.key for w in words)] if words else list(terms)
        if self._order == BY_COUNT:
            kept.sort(key=lambda term: (-term.count, natural_key(term.name)))
        else:
            kept.sort(key=lambda term: natural_key(term.name))
        return kept

    def _rebuild(self) -> None:
        index, categories = self._index, self._categories
        self.beginResetModel()
        self._rows = [
            TagRow(ALL_POSTS, "All posts", self._total),
            TagRow(UNTAGGED, "Untagged", index.untagged),
        ]
        self._rows += [
            TagRow(TAG, tag.name, tag.count, tag.key) for tag in self._chosen(index.tags)
        ]
        if categories is not None and categories.tags:
            shown = self._chosen(categories.tags)
            if shown or not self._words:
                self._rows.append(TagRow(HEADER, "Categories", len(categories.tags)))
                self._rows += [
                    TagRow(CATEGORY, category.name, category.count, category.key)
                    for category in shown
                ]
            if categories.untagged and not self._words:
                self._rows.append(TagRow(UNCATEGORIZED, "Uncategorized", categories.untagged))
        self.endResetModel()

    def row_of(self, kind: str, key: str) -> int:
        """The row of (kind, match key), or -1."""
        for number, row in enumerate(self._rows):
            if row.kind == kind and row.key == key:
                return number
        return -1

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
        return self.row_of(TAG, tag.casefold())

    def row_of_category(self, category: str) -> int:
        """The row showing `category` (case-insensitively), or -1."""
        return self.row_of(CATEGORY, category.casefold())

    def names(self, kind: str) -> list[str]:
        """Every tag (TAG) or category (CATEGORY) name, in natural order, whatever the filter."""
        terms = self._index.tags if kind == TAG else ()
        if kind == CATEGORY and self._categories is not None:
            terms = self._categories.tags
        return [term.name for term in sorted(terms, key=lambda term: natural_key(term.name))]
