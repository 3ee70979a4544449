"""Scans a library off the GUI thread and reports progress, so the window never freezes.

With the scan cache, the list the cache stored is shown first, before any file is checked
(`core.library.stored_first`): at 100,000 posts the stat of every file would hold the first
window half a second. The check follows in the same thread; what changed while the window
was closed then arrives as `revised`, to be applied as the watcher's changes are.
"""

from __future__ import annotations

import multiprocessing
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Final

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from reader.core.library.post import Post
from reader.core.library.scan import Library, scan_library
from reader.core.library.scan_cache import ScanCache, scan_with_cache
from reader.core.library.stored_first import Unchecked, check_stored, stored_library
from reader.ui.common.background import WorkerThreads

FILL_WAIT_S: Final = 1.0  # the check waits at most this long for the window to fill in
CHECK_AFTER_MS: Final = 50  # the window's first paint beside no busy worker


class _ScanWorker(QObject):
    """Runs in the scan thread; every signal carries its scan's generation."""

    progress = Signal(int, int, int)  # generation, done, total
    finished = Signal(int, object)  # generation, Library
    revised = Signal(int, object, object, object)  # generation, shown, Library, changes
    failed = Signal(int, str)

    def __init__(
        self,
        root: Path,
        generation: int,
        use_cache: bool,
        cancelled: threading.Event,
        prepare: Callable[[Library], None] | None = None,
        filled: threading.Event | None = None,
    ) -> None:
        super().__init__()
        self._filled = filled or threading.Event()  # set once the window shows the library
        self._root = root
        self._prepare = prepare
        self._generation = generation
        self._use_cache = use_cache
        self._cancelled = cancelled

    def fail(self, reason: str) -> None:
        """Tell the window the scan failed (any thread)."""
        self.failed.emit(self._generation, f"The scan of {self._root} failed: {reason}")

    @Slot()
    def run(self) -> None:
        def report(done: int, total: int) -> None:
            if not self._cancelled.is_set():
                self.progress.emit(self._generation, done, total)

        try:
            unchecked = stored_library(self._root) if self._use_cache else None
            if unchecked is not None:
                self._show_then_check(unchecked)
                return
            if self._use_cache:
                library = scan_with_cache(self._root, progress=report, save=False)
            else:
                library = scan_library(self._root, progress=report)
        except OSError as error:
            self.failed.emit(self._generation, f"Cannot read {self._root}: {error}")
            return
        except Exception as error:  # a bug or an unforeseen file: a message, never a hang
            self.fail(f"{type(error).__name__}: {error}")
            return
        posts = list(library.posts)  # the window may change its list from now on
        if self._show(library):
            self._save(library, posts)

    def _show(self, library: Library) -> bool:
        """Prepare the window's first lists here, not on its thread; then hand it over.
        False when cancelled meanwhile."""
        self._prepare_lists(library)
        if self._cancelled.is_set():
            return False
        self.finished.emit(self._generation, library)
        return True

    def _prepare_lists(self, library: Library) -> None:
        if self._prepare is not None and not self._cancelled.is_set():
            try:
                self._prepare(library)
            except Exception:
                traceback.print_exc(file=sys.stderr)

    def _save(self, library: Library, posts: list[Post]) -> None:
        if library.cache_stale and not self._cancelled.is_set():
            ScanCache(self._root).save(posts, library.context.fingerprint(), library.listing)

    def _show_then_check(self, unchecked: Unchecked) -> None:
        """The stored list first; then the files checked, and what changed sent on."""
        shown = unchecked.library
        if not self._show(shown):
            return
        # The window fills its lists now: a check under way would slow it (one interpreter).
        self._filled.wait(FILL_WAIT_S)
        checked = check_stored(unchecked)
        if self._cancelled.is_set():
            return
        if checked.library is not shown:
            posts = list(checked.library.posts)
            if checked.changes is None or checked.changes:
                self._prepare_lists(checked.library)  # the window shows it next
                self.revised.emit(self._generation, shown, checked.library, checked.changes)
            self._save(checked.library, posts)


class LibraryLoader(QObject):
    """Starts scans in a worker thread; a newer scan supersedes an older one's result."""

    progress = Signal(int, int)
    loaded = Signal(object)  # Library
    # (the library shown, the library as the files are now, its PostChanges or None: more
    # than posts changed, show it afresh)
    revised = Signal(object, object, object)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None, use_cache: bool = True) -> None:
        super().__init__(parent)
        self._generation = 0
        self._use_cache = use_cache
        self._workers = WorkerThreads()
        self._filled: dict[int, threading.Event] = {}

    def load(self, root: Path, prepare: Callable[[Library], None] | None = None) -> None:
        """Scan `root` in the background; `loaded` or `failed` follows, and `revised` when
        the cached list shown was out of date. `prepare(library)` runs in the scan thread
        before `loaded` (what the window will compute first)."""
        self._generation += 1
        generation = self._generation
        cancelled = threading.Event()
        filled = self._filled[generation] = threading.Event()
        worker = _ScanWorker(root, generation, self._use_cache, cancelled, prepare, filled)
        # Slots of this object (living in the GUI thread): delivered there, in order.
        worker.progress.connect(self._relay_progress)
        worker.finished.connect(self._finish)
        worker.revised.connect(self._revise)
        worker.failed.connect(self._fail)
        self._workers.start(worker, worker.run, worker.fail, cancelled)

    def cancel(self) -> None:
        """Closing: drop the scans under way and stop their worker processes; returns at once.

        A large library is read by a pool of processes (the only child processes reader
        starts); Python's exit would wait for each to finish its share, so they are ended
        now. The scan's own thread then reads what is left by itself, and ends with the
        process; its result goes to no one.
        """
        self._generation += 1  # whatever they still send is for no one
        self._workers.cancel()
        for filled in self._filled.values():
            filled.set()
        self._filled.clear()
        for child in multiprocessing.active_children():
            child.terminate()

    def wait(self) -> None:
        """Block until every scan has ended (tests)."""
        self._workers.wait()

    @Slot(int, int, int)
    def _relay_progress(self, generation: int, done: int, total: int) -> None:
        if generation == self._generation:
            self.progress.emit(done, total)

    @Slot(int, object)
    def _finish(self, generation: int, library: Library) -> None:
        try:
            if generation == self._generation:
                self.loaded.emit(library)
        finally:
            filled = self._filled.pop(generation, None)
            if filled is not None:  # once the window has painted what it shows
                QTimer.singleShot(CHECK_AFTER_MS, filled.set)

    @Slot(int, object, object, object)
    def _revise(self, generation: int, shown: Library, library: Library, changes: object) -> None:
        if generation == self._generation:
            self.revised.emit(shown, library, changes)

    @Slot(int, str)
    def _fail(self, generation: int, message: str) -> None:
        self._filled.pop(generation, None)
        if generation == self._generation:
            self.failed.emit(message)
