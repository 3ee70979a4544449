"""The comparison view: aspects × sides for this post, a tag, a category, or the whole library.

The table follows the notes: every save and every reload of a notes file from disk rebuilds
it (once, soon after a burst of them); a quote whose passage is gone is shown as such."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QObject, QTimer, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reader.core.export.comparison import CellEntry, ComparisonTable
from reader.core.export.run import CATEGORY, LIBRARY, TAG, THIS_POST, Progress
from reader.ui.common.background import WorkerThreads
from reader.ui.common.wording import counted
from reader.ui.comparison.model import ENTRIES_ROLE, MAX_SHOWN, ComparisonModel, entry_orphaned

TAG_PREFIX = TAG + ":"
CATEGORY_PREFIX = CATEGORY + ":"
FOLLOW_DELAY_MS = 300

TableJob = Callable[[Progress | None], ComparisonTable]  # builds a table; any thread
TableSource = Callable[[str], TableJob]  # scope → a job over a snapshot of the library


class _TableWorker(QObject):
    """Builds one table in a worker thread; every signal carries its request's generation."""

    progress = Signal(int, int, int)  # generation, done, total
    done = Signal(int, object)  # generation, ComparisonTable or a failure message

    def __init__(self, job: TableJob, generation: int) -> None:
        super().__init__()
        self._job = job
        self._generation = generation

    @Slot()
    def run(self) -> None:
        def report(done: int, total: int) -> None:
            self.progress.emit(self._generation, done, total)

        self.done.emit(self._generation, self._job(report))

    def fail(self, reason: str) -> None:
        """Say the table could not be built (any thread)."""
        self.done.emit(self._generation, f"The comparison table could not be built: {reason}")


class ComparisonDock(QDockWidget):
    """Builds its table through `source` (the window knows the library and the notes)."""

    openRequested = Signal(str, int, int, str)  # post path, article start, end, note id

    def __init__(self, source: TableSource, parent: QWidget | None = None) -> None:
        super().__init__("Comparison", parent)
        self.setObjectName("comparison")
        self._source = source
        self._generation = 0
        self._workers = WorkerThreads()
        self.building = False
        self._follow = QTimer(self)
        self._follow.setSingleShot(True)
        self.scope = QComboBox()
        self.scope.setAccessibleName("Comparison scope")
        self.scope.setAccessibleDescription("This post, the posts with a tag, or the library")
        self.refresh_button = QPushButton("&Refresh")
        self.refresh_button.setToolTip("Rebuild the table from the notes on disk (Alt+R)")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.model = ComparisonModel()
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setWordWrap(True)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.view.setAccessibleName("Comparison table")
        self.view.setAccessibleDescription(
            "A row per aspect, a column per side. Enter or a click opens the quote's passage."
        )
        holder = QWidget()
        row = QHBoxLayout()
        scope_label = QLabel("&Scope:")
        scope_label.setBuddy(self.scope)
        row.addWidget(scope_label)
        row.addWidget(self.scope, 1)
        row.addWidget(self.refresh_button)
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(row)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        self.setWidget(holder)
        self.set_tags([])
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.scope.currentIndexChanged.connect(self.refresh)
        self.refresh_button.clicked.connect(self.refresh)
        self.view.clicked.connect(self._on_clicked)
        self.view.activated.connect(self._on_clicked)
        self._follow.timeout.connect(self._follow_notes)

    def set_tags(self, tags: list[str]) -> None:
        """Offer this post, each tag and the whole library as scopes."""
        self.set_scopes(tags, [])

    def set_scopes(self, tags: list[str], categories: list[str]) -> None:
        """Offer this post, each tag, each category and the whole library as scopes (the
        tags and categories of the posts the window shows)."""
        current = self.scope.currentData()
        self.scope.blockSignals(True)
        self.scope.clear()
        self.scope.addItem("This post", THIS_POST)
        for tag in tags:
            self.scope.addItem(f"Tag: {tag}", TAG_PREFIX + tag)
        for category in categories:
            self.scope.addItem(f"Category: {category}", CATEGORY_PREFIX + category)
        self.scope.addItem("Whole library", LIBRARY)
        found = self.scope.findData(current)
        self.scope.setCurrentIndex(max(0, found))
        self.scope.blockSignals(False)

    def refresh(self) -> None:
        """Rebuild the table for the chosen scope (only while the dock is shown).

        The open post's table is built at once; a tag's or the library's in the background,
        with progress, so the window never waits for it.
        """
        if not self.isVisible():
            return
        scope = str(self.scope.currentData() or THIS_POST)
        job = self._source(scope)
        self._generation += 1
        if scope == THIS_POST:
            self.building = False
            self._show(job(None))
            return
        self.building = True
        self.summary.setText("Building the comparison table …")
        worker = _TableWorker(job, self._generation)
        worker.progress.connect(self._on_progress)
        worker.done.connect(self._on_built)
        self._workers.start(worker, worker.run, worker.fail)

    @Slot(int, int, int)
    def _on_progress(self, generation: int, done: int, total: int) -> None:
        if generation == self._generation and self.building:
            self.summary.setText(f"Building the comparison table … {done:,} of {total:,} posts")

    @Slot(int, object)
    def _on_built(self, generation: int, result: ComparisonTable | str) -> None:
        if generation != self._generation:
            return  # a newer request supersedes this one
        self.building = False
        if isinstance(result, str):
            self.model.set_table(ComparisonTable((), (), {}))
            self.summary.setText(result)
            return
        self._show(result)

    def cancel(self) -> None:
        """Closing: a build under way is dropped (delivered to no one), never waited for."""
        self._generation += 1
        self._follow.stop()
        self._workers.cancel()

    def wait(self) -> None:
        """Block until background builds end (tests)."""
        self._workers.wait()

    def _show(self, table: ComparisonTable) -> None:
        self.model.set_table(table)
        labelled = sum(len(cell) for cell in table.cells.values())
        gaps = sum(1 for cell in table.cells.values() if not cell)
        self.summary.setText(
            "Label passages with a side (keys 1, 2) and an aspect (key A) to fill this table."
            if table.is_empty
            else f"{counted(labelled, 'labelled passage')} in {counted(table.post_count, 'post')};"
            f" {counted(gaps, 'gap')}."
        )

    def refresh_post_scope(self) -> None:
        """The open post changed: only the "This post" scope needs rebuilding."""
        if self.scope.currentData() == THIS_POST:
            self.refresh()

    def notes_changed(self) -> None:
        """Notes were saved or reloaded from disk: rebuild soon (once for a burst of saves)."""
        self._follow.start(FOLLOW_DELAY_MS)

    def _follow_notes(self) -> None:
        if self.isVisible():
            self.refresh()

    def _on_clicked(self, index: QModelIndex) -> None:
        entries = index.data(ENTRIES_ROLE)
        if not entries:
            return
        if len(entries) == 1:
            self._open(entries[0])
            return
        menu = QMenu(self)
        for entry in entries[:MAX_SHOWN]:  # as many as the cell shows
            quote = " ".join(entry.item.quote.split())
            lost = " (passage not found)" if entry_orphaned(entry) else ""
            action = menu.addAction(f"{entry.post_title}: “{quote[:70]}”{lost}")
            action.triggered.connect(lambda _=False, e=entry: self._open(e))
        menu.popup(self.view.viewport().mapToGlobal(self.view.visualRect(index).center()))

    def _open(self, entry: CellEntry) -> None:
        start = entry.item.start if entry.item.start is not None else 0
        end = entry.item.end if entry.item.end is not None else start
        if entry_orphaned(entry):
            start = end = 0
        self.openRequested.emit(entry.post_path, start, end, entry.item.annotation.id)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()
