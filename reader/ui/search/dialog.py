"""Search (Ctrl+K): full text across titles, bodies, tags and notes, from an SQLite index.

Results come as the user types: each keystroke starts a query in the background (the service
drops the one before it) and the list shows the latest query's hits when they arrive. Enter
opens the first hit of what is typed, as soon as there is one.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QListView, QVBoxLayout, QWidget

from reader.core.search.index import SearchHit
from reader.ui.common.tooltips import plain_tooltip
from reader.ui.common.wording import counted
from reader.ui.search.service import SearchService

__all__ = ["SearchDialog", "SearchHitModel", "SearchService"]

ModelIndex = QModelIndex | QPersistentModelIndex
HIT_ROLE = Qt.ItemDataRole.UserRole + 1
TYPING_MS = 30


class SearchHitModel(QAbstractListModel):
    """Results: the post's title and a snippet (notes are marked as such)."""

    def __init__(self) -> None:
        super().__init__()
        self._hits: list[SearchHit] = []

    def set_hits(self, hits: list[SearchHit]) -> None:
        """Replace the results."""
        self.beginResetModel()
        self._hits = list(hits)
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            kind = "note in " if hit.kind == "note" else ""
            return f"{kind}{hit.title}\n    {' '.join(hit.snippet.split())}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(hit.path)
        if role == HIT_ROLE:
            return hit
        return None


class SearchDialog(QDialog):
    """Type to search; Enter or a click opens the post at the match (`chosen`)."""

    chosen = Signal(object)  # SearchHit

    def __init__(self, service: SearchService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Search")
        self.resize(640, 420)
        self._service = service
        self.field = QLineEdit()
        self.field.setPlaceholderText("Search titles, text, tags and notes")
        self.status = QLabel()
        self.model = SearchHitModel()
        self.results = QListView()
        self.results.setModel(self.model)
        self.results.setWordWrap(True)
        self._timer = QTimer(self)  # a burst of keys (or a paste) is one query
        self._timer.setSingleShot(True)
        self._generation = -1
        self._shown: str | None = None  # the text the list shows hits of
        self._open_when_found = False
        layout = QVBoxLayout(self)
        layout.addWidget(self.field)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.status)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.field.textChanged.connect(lambda _text: self._timer.start(TYPING_MS))
        self._timer.timeout.connect(self.run_query)
        self._service.found.connect(self._on_found)
        self._service.progress.connect(self._on_progress)
        self._service.updated.connect(self._on_updated)
        self.field.returnPressed.connect(self._open_first)
        self.results.activated.connect(self._open)
        self.results.clicked.connect(self._open)

    def run_query(self) -> None:
        """Search for what is typed now (the hits arrive in `_on_found`)."""
        self._timer.stop()
        text = self.field.text()
        self._generation = self._service.query(text)
        if self._generation < 0:
            self.status.setText("The search index is still being built …")
        elif not text.strip():
            self._shown = text
            self.model.set_hits([])
            self.status.setText("")
        else:
            self.status.setText("Searching …")

    def _on_found(self, generation: int, text: str, hits: list[SearchHit]) -> None:
        if generation != self._generation:
            return  # an older query, or one of another window's dialog
        self._shown = text
        self.model.set_hits(hits)
        self.status.setText(self._describe(len(hits)) if text.strip() else "")
        if self._open_when_found and text == self.field.text():
            self._open_when_found = False
            if self.model.rowCount():
                self._open(self.model.index(0, 0))

    def _describe(self, count: int) -> str:
        building = self._service.building
        found = counted(count, "result")
        if building is None:
            return found
        return f"{found} (the index is being built: {building[0]:,} of {building[1]:,} posts)"

    def _on_progress(self, done: int, total: int) -> None:
        if self.isVisible() and self.field.text().strip() and self._shown == self.field.text():
            self.run_query()  # more of the library is searchable now

    def _on_updated(self) -> None:
        if self.isVisible() and self.field.text().strip():
            self.run_query()  # the index changed under the shown hits (a build, the watcher)

    def _open_first(self) -> None:
        if self._shown == self.field.text() and not self._timer.isActive():
            if self.model.rowCount():
                self._open(self.model.index(0, 0))
            return
        self._open_when_found = True  # Enter before the hits came: open the first one then
        self.run_query()

    def _open(self, index: QModelIndex) -> None:
        hit = index.data(HIT_ROLE)
        if isinstance(hit, SearchHit):
            self.chosen.emit(hit)
            self.hide()
