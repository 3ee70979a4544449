"""Background work on plain Python threads, reporting back through Qt signals.

A QThread collected while it still runs aborts the whole process, and a window (with its
workers) can be deleted while a scan or an index update is still going. Python threads cannot
be destroyed that way: the work finishes, and its signal is delivered to the GUI thread (queued)
or, if the receiver is gone, to no one.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject


class WorkerThreads:
    """Runs `worker.run` on a daemon thread; keeps the worker referenced until it ends, and lets
    go of it only from the GUI thread (here, in `start` and `wait`)."""

    def __init__(self) -> None:
        self._running: list[tuple[threading.Thread, QObject]] = []

    def start(self, worker: QObject, run: Callable[[], None]) -> None:
        """Call `run` (a method of `worker`, which emits the results) on a new thread."""
        self._prune()
        thread = threading.Thread(target=run, name="reader-worker", daemon=True)
        self._running.append((thread, worker))
        thread.start()

    def busy(self) -> bool:
        """True while any worker runs."""
        return any(thread.is_alive() for thread, _worker in self._running)

    def wait(self) -> None:
        """Block until every worker has ended (closing the window, tests)."""
        for thread, _worker in list(self._running):
            thread.join()
        self._prune()

    def _prune(self) -> None:
        self._running = [pair for pair in self._running if pair[0].is_alive()]
