"""Scans a library off the GUI thread and reports progress, so the window never freezes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot

from reader.core.library import Library, scan_library


class _ScanWorker(QObject):
    progress = Signal(int, int)
    finished = Signal(object)  # Library
    failed = Signal(str)

    def __init__(self, root: Path) -> None:
        super().__init__()
        self._root = root

    @Slot()
    def run(self) -> None:
        try:
            library = scan_library(self._root, progress=self.progress.emit)
        except OSError as error:
            self.failed.emit(f"Cannot read {self._root}: {error}")
            return
        self.finished.emit(library)


class LibraryLoader(QObject):
    """Starts scans in a worker thread; a newer scan supersedes an older one's result."""

    progress = Signal(int, int)
    loaded = Signal(object)  # Library
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._generation = 0
        self._threads: list[QThread] = []

    def load(self, root: Path) -> None:
        """Scan `root` in the background; `loaded` or `failed` follows."""
        self._generation += 1
        generation = self._generation
        thread = QThread()
        worker = _ScanWorker(root)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.progress.connect(lambda done, total: self._relay_progress(generation, done, total))
        worker.finished.connect(lambda library: self._finish(generation, library))
        worker.failed.connect(lambda message: self._fail(generation, message))
        worker.finished.connect(thread.quit)
        worker.failed.connect(thread.quit)
        thread.finished.connect(lambda: self._forget(thread, worker))
        thread.worker = worker  # type: ignore[attr-defined]  # keep the worker alive
        self._threads.append(thread)
        thread.start()

    def is_busy(self) -> bool:
        """True while a scan runs."""
        return any(thread.isRunning() for thread in self._threads)

    def wait(self) -> None:
        """Block until every scan has ended (for closing the window and for tests)."""
        for thread in list(self._threads):
            thread.wait()

    def _relay_progress(self, generation: int, done: int, total: int) -> None:
        if generation == self._generation:
            self.progress.emit(done, total)

    def _finish(self, generation: int, library: Library) -> None:
        if generation == self._generation:
            self.loaded.emit(library)

    def _fail(self, generation: int, message: str) -> None:
        if generation == self._generation:
            self.failed.emit(message)

    def _forget(self, thread: QThread, worker: QObject) -> None:
        if thread in self._threads:
            self._threads.remove(thread)
        worker.deleteLater()
        thread.deleteLater()
