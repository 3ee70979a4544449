"""Worker objects on their own threads, kept alive until the GUI thread sees them finished.

A QThread destroyed while still running aborts the process. So a thread is dropped only in a
slot of this object (which lives in the GUI thread) after it reports `finished`, never from a
callback that runs in the worker thread itself.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QThread, SignalInstance, Slot


class WorkerThreads(QObject):
    """Starts workers, each on a fresh thread that quits when one of its end signals fires."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._running: list[tuple[QThread, QObject]] = []

    def start(self, worker: QObject, run: Callable[[], None], *ends: SignalInstance) -> None:
        """Move `worker` to a new thread, call `run` there, quit when any of `ends` fires."""
        thread = QThread()
        worker.moveToThread(thread)
        thread.started.connect(run)
        for end in ends:
            end.connect(thread.quit, Qt.ConnectionType.DirectConnection)
        thread.finished.connect(self._reap)
        self._running.append((thread, worker))
        thread.start()

    def busy(self) -> bool:
        """True while any worker runs."""
        return any(thread.isRunning() for thread, _worker in self._running)

    def wait(self) -> None:
        """Block until every worker has ended (closing the window, tests)."""
        for thread, _worker in list(self._running):
            thread.wait()
        self._reap()

    @Slot()
    def _reap(self) -> None:
        self._running = [pair for pair in self._running if not pair[0].isFinished()]
