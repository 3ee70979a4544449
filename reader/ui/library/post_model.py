"""The posts pane's model (one row per entry: a post and its translations), and the proxy
that filters it by tag, category and text. Which posts are in it at all (drafts, language) is
decided in core, by the one rule every count uses."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QStringListModel,
    Qt,
)

from reader.core.library.entries import Entry
from reader.core.library.names import printable
from reader.core.library.post import Post
from reader.ui.common.tooltips import plain_tooltip
from reader.ui.library.entry_rows import EntryRows
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
        self._by_path: EntryRows | None = None

    def set_entries(
        self,
        entries: Sequence[Entry],
        hidden: dict[str, str] | None = None,
        rows: EntryRows | None = None,
    ) -> None:
        """Replace the rows; `hidden` maps paths of hidden posts shown anyway to the reason
        (a post built by hand with `draft=True` is marked a draft without it). `rows`: the
        rows of these very entries, when already made (in the scan thread)."""
        self.beginResetModel()
        self._entries = list(entries)
        self._by_path = rows
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

    def rows_held(self) -> list[Entry]:
        """The rows themselves (not a copy: for the filter, which only reads them)."""
        return self._entries

    def _rows(self) -> EntryRows:
        rows = self._by_path
        if rows is None:
            rows = self._by_path = EntryRows.of(self._entries)
        return rows

    def row_of_path(self, path: str) -> int:
        """The row showing the post at `path`, or -1 (a dict made once per reset)."""
        return self._rows().row_showing(path)

    def row_holding(self, path: str) -> int:
        """The row of the entry showing the file at `path` or holding it as a translation."""
        return self._rows().row_holding(path)

    def entry_of(self, path: str) -> Entry | None:
        """The entry showing or holding the file at `path`, if listed."""
        row = self._rows().row_holding(path)
        return self._entries[row] if row >= 0 else None

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


class PostFilterProxy(QStringListModel):
    """Shows the entries of the chosen tag or category (or all, untagged, uncategorized), and
    those whose title, description, tags or categories contain every word of the filter.

    Neither a QSortFilterProxyModel (it asks Python about every row on each change: seconds
    per keystroke at 100,000 posts) nor any model whose `index` or `rowCount` is Python: the
    list view's layout asks for an index of every row. The rows shown are a C++ string list
    (the titles); a change computes them in one comprehension over texts folded once per
    library. Only the rows painted or asked about reach `data` below.
    """

    def __init__(self) -> None:
        super().__init__()
        self._source: PostListModel | None = None
        self._kind = ALL_POSTS
        self._key = ""
        self._words: list[str] = []
        self._rows: list[int] | None = None  # source rows shown; None: all of them
        self._texts: list[str] | None = None  # each entry's folded text, once per library
        self._tag_keys: dict[tuple[str, ...], frozenset[str]] = {}

    # -- the filter ------------------------------------------------------------------------
    def setSourceModel(self, model: PostListModel) -> None:
        """Filter `model` (and follow its resets)."""
        if self._source is not None:
            self._source.modelReset.disconnect(self._source_reset)
            self._source.dataChanged.disconnect(self._source_data_changed)
        self._source = model
        model.modelReset.connect(self._source_reset)
        model.dataChanged.connect(self._source_data_changed)
        self._source_reset()

    def sourceModel(self) -> PostListModel | None:
        """The model filtered."""
        return self._source

    def set_tag_filter(self, kind: str, key: str = "") -> None:
        """All posts, untagged or uncategorized ones, or those carrying the tag or category
        with match key `key`."""
        self._kind, self._key = kind, key
        self._refilter()

    def set_text_filter(self, text: str) -> None:
        """Every word must appear in the title, description, tags or categories."""
        self._words = text.casefold().split()
        self._refilter()

    def _refilter(self) -> None:
        rows = self._compute()
        if rows != self._rows or self.rowCount() != self._shown_count(rows):
            self._show(rows)

    def _source_reset(self) -> None:
        self._forget()
        self._show(self._compute())

    def _shown_count(self, rows: list[int] | None) -> int:
        return len(self._entries()) if rows is None else len(rows)

    def _show(self, rows: list[int] | None) -> None:
        """Reset to these rows: one C++ list of titles (the view's per-row calls stay in C++)."""
        self._rows = rows
        entries = self._entries()
        shown = entries if rows is None else [entries[row] for row in rows]
        self.setStringList([entry.post.title for entry in shown])

    def _source_data_changed(self, top: QModelIndex, bottom: QModelIndex, roles: Any) -> None:
        first, last = self.row_of_source(top.row()), self.row_of_source(bottom.row())
        if first >= 0 and last >= 0:
            self.dataChanged.emit(self.index(first, 0), self.index(last, 0), roles)

    def _forget(self) -> None:
        self._texts = None
        self._tag_keys = {}

    def _entries(self) -> list[Entry]:
        return self._source.rows_held() if self._source is not None else []

    def _keys_of(self, terms: tuple[str, ...]) -> frozenset[str]:
        """Folded terms, once per distinct tuple (posts share them)."""
        found = self._tag_keys.get(terms)
        if found is None:
            found = self._tag_keys[terms] = frozenset(term.casefold() for term in terms)
        return found

    def _compute(self) -> list[int] | None:
        """The source rows to show, or None for all of them."""
        entries = self._entries()
        kind, key, words = self._kind, self._key, self._words
        if kind == ALL_POSTS and not words:
            return None
        rows: Iterable[int] = range(len(entries))
        if kind == UNTAGGED:
            rows = [row for row in rows if not entries[row].post.tags]
        elif kind == UNCATEGORIZED:
            rows = [row for row in rows if not entries[row].post.categories]
        elif kind == CATEGORY:
            keys = self._keys_of
            rows = [row for row in rows if key in keys(entries[row].post.categories)]
        elif kind != ALL_POSTS:
            keys = self._keys_of
            rows = [row for row in rows if key in keys(entries[row].post.tags)]
        if words:
            texts = self._folded_texts(entries)
            for word in words:
                rows = [row for row in rows if word in texts[row]]
        return list(rows)

    def _folded_texts(self, entries: list[Entry]) -> list[str]:
        texts = self._texts
        if texts is None:
            texts = self._texts = [
                " ".join(
                    (e.post.title, e.post.description, *e.post.tags, *e.post.categories)
                ).casefold()
                for e in entries
            ]
        return texts

    def row_of_source(self, source_row: int) -> int:
        """The shown row of a source row, or -1 when it is filtered out."""
        rows = self._rows
        if rows is None:
            return source_row if 0 <= source_row < len(self._entries()) else -1
        at = bisect.bisect_left(rows, source_row)
        return at if at < len(rows) and rows[at] == source_row else -1

    def source_row(self, row: int) -> int:
        """The source row shown at `row`, or -1."""
        rows = self._rows
        if rows is None:
            return row if 0 <= row < len(self._entries()) else -1
        return rows[row] if 0 <= row < len(rows) else -1

    # -- the model -------------------------------------------------------------------------
    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        source = self._source
        if source is None or not index.isValid():
            return None
        row = self.source_row(index.row())
        return source.data(source.index(row, 0), role) if row >= 0 else None

    def setData(self, _index: ModelIndex, _value: Any, _role: int = 0) -> bool:
        return False  # the titles are not edited here
