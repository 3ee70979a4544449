"""The posts pane's model, and the proxy that filters it by tag, drafts and text."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from reader.core.library.names import printable
from reader.core.library.post import Post
from reader.ui.common.tooltips import plain_tooltip
from reader.ui.library.tag_model import ALL_POSTS, UNTAGGED

ModelIndex = QModelIndex | QPersistentModelIndex

POST_ROLE = Qt.ItemDataRole.UserRole + 1  # the Post record
PATH_ROLE = Qt.ItemDataRole.UserRole + 2  # its library-relative path


def date_text(post: Post) -> str:
    """The date as shown in lists: the day only."""
    iso = post.date_iso()
    return iso[:10] if iso else ""


class PostListModel(QAbstractListModel):
    """All posts of the library, newest first (the scan's order)."""

    def __init__(self) -> None:
        super().__init__()
        self._posts: list[Post] = []

    def set_posts(self, posts: list[Post]) -> None:
        """Replace the posts (after a scan)."""
        self.beginResetModel()
        self._posts = list(posts)
        self.endResetModel()

    def posts(self) -> list[Post]:
        """The posts, in order."""
        return list(self._posts)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._posts)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._posts):
            return None
        post = self._posts[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return post.title
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [post.title, printable(post.path)]  # Qt would drop undecodable bytes
            lines += [f"⚠ {problem}" for problem in post.problems]
            return plain_tooltip("\n".join(lines))
        if role == POST_ROLE:
            return post
        if role == PATH_ROLE:
            return post.path
        return None


class PostFilterProxy(QSortFilterProxyModel):
    """Shows the posts of the chosen tag (or all, or untagged), drafts on demand, and those
    whose title, description or tags contain every word of the filter text."""

    def __init__(self) -> None:
        super().__init__()
        self._kind = ALL_POSTS
        self._tag_key = ""
        self._drafts = False
        self._words: list[str] = []

    def set_tag_filter(self, kind: str, key: str = "") -> None:
        """Show all posts, untagged ones, or those carrying the tag with match key `key`."""
        self.beginFilterChange()
        self._kind, self._tag_key = kind, key
        self.endFilterChange()

    def set_show_drafts(self, show: bool) -> None:
        """Drafts are hidden unless asked for."""
        self.beginFilterChange()
        self._drafts = show
        self.endFilterChange()

    def set_text_filter(self, text: str) -> None:
        """Every word must appear in the title, description or tags (case-insensitive)."""
        self.beginFilterChange()
        self._words = text.casefold().split()
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: ModelIndex) -> bool:
        post = self.sourceModel().index(source_row, 0, source_parent).data(POST_ROLE)
        if not isinstance(post, Post):
            return False
        if post.draft and not self._drafts:
            return False
        if self._kind == UNTAGGED and post.tags:
            return False
        if self._kind not in (ALL_POSTS, UNTAGGED) and not any(
            tag.casefold() == self._tag_key for tag in post.tags
        ):
            return False
        if self._words:
            haystack = " ".join((post.title, post.description, *post.tags)).casefold()
            return all(word in haystack for word in self._words)
        return True
