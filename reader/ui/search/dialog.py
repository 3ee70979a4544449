"""Search (Ctrl+K): full text across titles, bodies, tags and notes, from an SQLite index.

The index is built and updated in a worker thread after each scan; queries run in the GUI
thread on their own connection (one SQLite connection per thread).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QListView, QVBoxLayout, QWidget

from reader.core.library.scan import Library
from reader.core.search.index import SearchHit, SearchIndex
from reader.ui.common.background import WorkerThreads
from reader.ui.common.tooltips import plain_tooltip

ModelIndex = QModelIndex | QPersistentModelIndex
HIT_ROLE = Qt.ItemDataRole.UserRole + 1


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


class _IndexWorker(QObject):
    done = Signal(str, str)  # library root, then an empty string or what went wrong

    def __init__(self, library: Library, notes_root: Path | None) -> None:
        super().__init__()
        self._root = library.root
        self._posts = tuple(library.posts)  # a snapshot, taken in the GUI thread
        self._notes_root = notes_root

    @Slot()
    def run(self) -> None:
        try:
            index = SearchIndex(self._root, notes_root=self._notes_root)
            try:
                index.update(self._posts)
            finally:
                index.close()
        except Exception as error:
            self.fail(str(error))
            return
        self.done.emit(str(self._root), "")

    def fail(self, reason: str) -> None:
        """Report that the index was not updated (any thread)."""
        self.done.emit(str(self._root), f"Search index not updated: {reason}")


class SearchService(QObject):
    """Keeps the index current and answers queries."""

    ready = Signal()
    message = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._index: SearchIndex | None = None
        self._root: Path | None = None
        self._notes_root: Path | None = None
        self._workers = WorkerThreads()
        self.is_ready = False

    def index_library(self, library: Library, notes_root: Path | None) -> None:
        """(Re)build the index for `library` in the background."""
        if self._root != library.root:
            if self._index is not None:
                self._index.close()
                self._index = None
            self.is_ready = False  # no queries on a database still being built
        self._root, self._notes_root = library.root, notes_root
        worker = _IndexWorker(library, notes_root)
        worker.done.connect(self._on_done)
        self._workers.start(worker, worker.run, worker.fail)

    @Slot(str, str)
    def _on_done(self, root: str, problem: str) -> None:
        if root != str(self._root):
            return  # a library that is no longer open
        if problem:
            self.message.emit(problem)
            return
        self.is_ready = True
        self.ready.emit()

    def cancel(self) -> None:
        """Closing: stop answering; an index update under way is left to end with the process
        (SQLite keeps the database whole), never waited for."""
        self._root = None
        self.is_ready = False
        if self._index is not None:
            self._index.close()
            self._index = None
        self._workers.cancel()

    def wait(self) -> None:
        """Block until indexing ends (tests)."""
        self._workers.wait()

    def _opened(self) -> SearchIndex | None:
        if self._root is None or not self.is_ready:
            return None
        if self._index is None:
            self._index = SearchIndex(self._root, notes_root=self._notes_root)
        return self._index

    def update_notes(self, rel: str) -> None:
        """A post's notes were saved: make them findable at once."""
        index = self._opened()
        if index is not None:
            index.update_notes(rel)

    def search(self, text: str) -> list[SearchHit]:
        """Results for `text` (empty until the first index is built)."""
        index = self._opened()
        if index is None or not text.strip():
            return []
        return index.search(text)


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
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.field)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.status)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.field.textChanged.connect(lambda _text: self._timer.start(120))
        self._timer.timeout.connect(self.run_query)
        self.field.returnPressed.connect(self._open_first)
        self.results.activated.connect(self._open)
        self.results.clicked.connect(self._open)

    def run_query(self) -> None:
        """Search for what is typed now."""
        if not self._service.is_ready:
            self.status.setText("The search index is still being built …")
        hits = self._service.search(self.field.text())
        self.model.set_hits(hits)
        if self._service.is_ready:
            count = len(hits)
            self.status.setText(f"{count} result(s)" if self.field.text().strip() else "")

    def _open_first(self) -> None:
        self._timer.stop()
        self.run_query()
        if self.model.rowCount():
            self._open(self.model.index(0, 0))

    def _open(self, index: QModelIndex) -> None:
        hit = index.data(HIT_ROLE)
        if isinstance(hit, SearchHit):
            self.chosen.emit(hit)
            self.hide()
