"""The posts pane's model (one row per entry: a post and its translations), and the proxy
that filters it by tag, category and text. Which posts are in it at all (drafts, language) is
decided in core, by the one rule every count uses."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from reader.core.library.entries import Entry
from reader.core.library.names import printable
from reader.core.library.post import Post
from reader.ui.common.tooltips import plain_tooltip
from reader.ui.library.tag_model import ALL_POSTS, CATEGORY, UNCATEGORIZED, UNTAGGED

ModelIndex = QModelIndex | QPersistentModelIndex

POST_ROLE = Qt.ItemDataRole.UserRole + 1  # the Post shown for the row
PATH_ROLE = Qt.ItemDataRole.UserRole + 2  # its library-relative path
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 3  # the Entry (the post and its translations)
HIDDEN_ROLE = Qt.ItemDataRole.UserRole + 4  # why it is not published ("" when it is)


def date_text(post: Post) -> str:
    """The date as shown in lists: the day only."""
    iso = post.date_iso()
    return iso[:10] if iso else ""


class PostListModel(QAbstractListModel):
    """The entries shown, newest first (the order core gives them)."""

    def __init__(self) -> None:
        super().__init__()
        self._entries: list[Entry] = []
        self._hidden: dict[str, str] = {}

    def set_entries(self, entries: Sequence[Entry], hidden: dict[str, str] | None = None) -> None:
        """Replace the rows; `hidden` maps paths of hidden posts shown anyway to the reason
        (a post built by hand with `draft=True` is marked a draft without it)."""
        self.beginResetModel()
        self._entries = list(entries)
        self._hidden = dict(hidden or {})
        if hidden is None:
            self._hidden = {e.post.path: "draft" for e in self._entries if e.post.draft}
        self.endResetModel()

    def set_posts(self, posts: Sequence[Post]) -> None:
        """One row per post (a library without translations)."""
        self.set_entries([Entry(post, (), (post,)) for post in posts])

    def entries(self) -> list[Entry]:
        """The rows, in order."""
        return list(self._entries)

    def posts(self) -> list[Post]:
        """The posts shown, in order."""
        return [entry.post for entry in self._entries]

    def hidden_reason(self, post: Post) -> str:
        """Why a post shown with "Show drafts" is not published ("" when it is)."""
        return self._hidden.get(post.path, "")

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        post = entry.post
        if role == Qt.ItemDataRole.DisplayRole:
            return post.title
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [post.title, printable(post.path)]  # Qt would drop undecodable bytes
            if entry.translations:
                also = ", ".join(t.lang or printable(t.path) for t in entry.translations)
                lines.append("Also in: " + also)
            lines += [f"⚠ {problem}" for problem in post.problems]
            return plain_tooltip("\n".join(lines))
        if role == POST_ROLE:
            return post
        if role == PATH_ROLE:
            return post.path
        if role == ENTRY_ROLE:
            return entry
        if role == HIDDEN_ROLE:
            return self._hidden.get(post.path, "")
        return None


class PostFilterProxy(QSortFilterProxyModel):
    """Shows the entries of the chosen tag or category (or all, untagged, uncategorized), and
    those whose title, description, tags or categories contain every word of the filter."""

    def __init__(self) -> None:
        super().__init__()
        self._kind = ALL_POSTS
        self._key = ""
        self._words: list[str] = []

    def set_tag_filter(self, kind: str, key: str = "") -> None:
        """All posts, untagged or uncategorized ones, or those carrying the tag or category
        with match key `key`."""
        self.beginFilterChange()
        self._kind, self._key = kind, key
        self.endFilterChange()

    def set_text_filter(self, text: str) -> None:
        """Every word must appear in the title, description, tags or categories."""
        self.beginFilterChange()
        self._words = text.casefold().split()
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: ModelIndex) -> bool:
        entry = self.sourceModel().index(source_row, 0, source_parent).data(ENTRY_ROLE)
        if not isinstance(entry, Entry):
            return False
        post = entry.post
        kind = self._kind
        if kind == UNTAGGED and post.tags:
            return False
        if kind == UNCATEGORIZED and post.categories:
            return False
        if kind == CATEGORY and not entry.has_category(self._key):
            return False
        if kind not in (ALL_POSTS, UNTAGGED, UNCATEGORIZED, CATEGORY) and not entry.has_tag(
            self._key
        ):
            return False
        if self._words:
            text = (post.title, post.description, *post.tags, *post.categories)
            haystack = " ".join(text).casefold()
            return all(word in haystack for word in self._words)
        return True
