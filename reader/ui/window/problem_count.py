"""Counts the library's problems as `reader check` does, off the GUI thread.

The scan's problems are known at once; inline images and orphaned notes need the rendered
article, so they are found in a worker thread with the same `LibraryChecker` the command line
uses. Article texts come from the library's shared cache, so checking again after a save or a
change on disk renders only the posts that changed. Only the newest request's result counts.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from reader.core.check.library_check import LibraryChecker
from reader.core.library.entries import Entry, counted_files, counted_problems
from reader.core.library.problems import Problem
from reader.core.library.scan import Library
from reader.ui.common.background import WorkerThreads
from reader.ui.comparison.dock import ComparisonDock
from reader.ui.library.browser import LibraryBrowser
from reader.ui.window.status_area import StatusArea

START_AFTER_MS = 2  # a check starts after what the window does now (the first post opens)


class _CheckWorker(QObject):
    scanned = Signal(int, object)  # generation, list[Problem]: the scan's, known at once
    done = Signal(int, object)  # generation, list[Problem] or None when cancelled

    def __init__(
        self,
        checker: LibraryChecker,
        library: Library,
        shown: list[Entry],
        generation: int,
        cancelled: threading.Event,
    ) -> None:
        super().__init__()
        self._checker = checker
        self._library = library
        self._shown = shown
        self._generation = generation
        self._cancelled = cancelled

    @Slot()
    def run(self) -> None:
        files = counted_files(self._shown)  # here: 100,000 posts cost the GUI thread 30 ms
        self.scanned.emit(self._generation, counted_problems(self._library, self._shown))
        problems: list[Problem] = list(self._library.problems)
        for post in files:
            if self._cancelled.is_set():
                self.done.emit(self._generation, None)
                return
            problems.extend(post.problems)
            problems.extend(self._checker.file_problems(post))
        self._checker.texts.flush()
        self.done.emit(self._generation, problems)

    def fail(self, reason: str) -> None:
        """A checker that broke leaves the scan's count standing (any thread)."""
        self.done.emit(self._generation, None)


class ProblemCounter(QObject):
    """`counted(problems)` after each `count(...)`; runs one check at a time."""

    counted = Signal(list)
    scanned = Signal(list)  # the scan's problems of the posts counted, before the check

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._workers = WorkerThreads()
        self._checker: LibraryChecker | None = None
        self._generation = 0
        self._running = False
        self._pending: tuple[Library, list[Entry]] | None = None
        self._cancelled = threading.Event()

    def use_library(self, root: Path, notes_dir: Path | None) -> None:
        """A new library: forget what was remembered of the last one."""
        self.cancel()
        self._cancelled = threading.Event()
        self._checker = LibraryChecker(root, notes_dir)

    def count(self, library: Library, shown: list[Entry]) -> None:
        """Check the files of the entries `shown` (those the window counts) in the
        background: `scanned` first, then `counted`."""
        self._generation += 1
        self._pending = (library, shown)
        if not self._running:  # once the window has painted what it does now (busy meanwhile)
            QTimer.singleShot(START_AFTER_MS, self._start_pending)

    def _start_pending(self) -> None:
        if self._running or self._pending is None or self._checker is None:
            return
        library, files = self._pending
        self._pending = None
        self._running = True
        worker = _CheckWorker(self._checker, library, files, self._generation, self._cancelled)
        worker.done.connect(self._finish)
        worker.scanned.connect(self._on_scanned)
        self._workers.start(worker, worker.run, worker.fail)

    @Slot(int, object)
    def _on_scanned(self, generation: int, problems: list[Problem]) -> None:
        if generation == self._generation and self._pending is None:
            self.scanned.emit(problems)

    @Slot(int, object)
    def _finish(self, generation: int, problems: list[Problem] | None) -> None:
        self._running = False
        if self._pending is not None:
            self._start_pending()
            return
        if problems is not None and generation == self._generation:
            self.counted.emit(problems)

    def cancel(self) -> None:
        """Stop a running check at its next post (closing the window, another library)."""
        self._pending = None
        self._cancelled.set()

    def wait(self) -> None:
        """Block until the running check has ended (tests)."""
        self._workers.wait()

    def busy(self) -> bool:
        """True while a check runs or waits to run."""
        return self._running or self._pending is not None


class ShownCounts(QObject):
    """Keeps the status bar's counts and the comparison's scopes in step with what the posts
    pane shows: the same entries, the same problems as `reader check` (orphans included)."""

    def __init__(
        self, browser: LibraryBrowser, status: StatusArea, comparison: ComparisonDock
    ) -> None:
        super().__init__(browser)
        self._browser = browser
        self._status = status
        self._comparison = comparison
        self.counter = ProblemCounter(self)
        self._posts = 0
        self.counter.counted.connect(self._on_counted)
        self.counter.scanned.connect(self._on_scanned)

    def use_library(self, root: Path, notes_dir: Path | None) -> None:
        """Another library is being opened."""
        self.counter.use_library(root, notes_dir)

    def refresh(self, library: Library | None) -> None:
        """The posts shown changed (scan, change on disk, drafts, language): count again."""
        if library is None:
            return
        shown = self._browser.shown_entries()
        self._posts = len(shown)
        self._status.show_counts(len(shown), None, checking=True)  # the worker counts
        self.counter.count(library, shown)
        self._comparison.set_scopes(self._browser.tag_names(), self._browser.category_names())
        self._comparison.refresh()  # its scope covers the posts shown (only while visible)

    def recount(self, library: Library | None) -> None:
        """Notes changed: orphans may have come or gone (only changed posts are checked)."""
        if library is not None:
            self.counter.count(library, self._browser.shown_entries())

    def _on_scanned(self, problems: list[Problem]) -> None:
        self._status.show_counts(self._posts, problems, checking=True)

    def _on_counted(self, problems: list[Problem]) -> None:
        self._status.show_counts(self._posts, problems)

    def cancel(self) -> None:
        """Closing: a running count is never waited for."""
        self.counter.cancel()
