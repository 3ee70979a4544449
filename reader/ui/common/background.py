"""Background work on plain Python threads, reporting back through Qt signals.

Two hazards shape this module:

- A QThread collected while it still runs aborts the process, and a window (with its workers)
  can be deleted while a scan or an index update is still going. Python threads cannot be
  destroyed that way: the work finishes, and its signal goes to the GUI thread or to no one.
- A worker's QObject can be deleted while its thread still runs (the app quitting takes the
  window's objects with it); its result then has no one to go to, which is not an error.
- Python's cycle collector runs in whichever thread happens to allocate. If it runs in a worker
  thread and finds a dead window's QObjects in a reference cycle, Qt objects get destroyed
  outside the GUI thread, which corrupts memory. So while any worker runs, automatic collection
  is paused, and the GUI thread collects the young generations when the last one has ended.
"""

from __future__ import annotations

import contextlib
import gc
import sys
import threading
import traceback
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot

_GUARD_ATTRIBUTE = "_reader_gc_guard"


class _CollectorPause(QObject):
    """Counts running workers (one per process, owned by the application object)."""

    ended = Signal()

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._active = 0
        self._was_enabled = True
        self.ended.connect(self._on_ended)  # queued: emitted from worker threads

    def begin(self) -> None:
        """A worker starts (called in the GUI thread)."""
        if self._active == 0:
            self._was_enabled = gc.isenabled()
            gc.disable()
        self._active += 1

    @Slot()
    def _on_ended(self) -> None:
        self._active -= 1
        if self._active == 0 and self._was_enabled:
            gc.enable()
            gc.collect(1)  # the young: what the work left. A full collection with 100,000
            # posts held takes 150 ms of the GUI thread, after every search query; the old
            # generation is collected at Python's own pace, in this thread too (collection
            # is enabled only while no worker runs).


def _collector_pause() -> _CollectorPause | None:
    app = QCoreApplication.instance()
    if app is None:
        return None
    guard = getattr(app, _GUARD_ATTRIBUTE, None)
    if guard is None:
        guard = _CollectorPause(app)
        setattr(app, _GUARD_ATTRIBUTE, guard)
    return guard if isinstance(guard, _CollectorPause) else None


class WorkerThreads:
    """Runs `worker.run` on a daemon thread; keeps the worker referenced until it ends, and lets
    go of it only from the GUI thread (here, in `start` and `wait`).

    Closing the window never waits for a worker: `cancel` sets each running job's event (a
    job that checks it stops early), and a daemon thread still running when the process ends
    simply ends with it.
    """

    def __init__(self) -> None:
        self._running: list[tuple[threading.Thread, QObject, threading.Event]] = []

    def start(
        self,
        worker: QObject,
        run: Callable[[], None],
        failed: Callable[[str], None],
        cancelled: threading.Event | None = None,
    ) -> None:
        """Call `run` (a method of `worker`, which emits the results) on a new thread.

        Whatever `run` raises reaches `failed` as a message (called in the worker thread, so
        it should only emit a signal): no exception can leave the window waiting. `cancelled`
        is set by `cancel`; `run` may check it to stop early.
        """
        self._prune()
        pause = _collector_pause()

        def work() -> None:
            try:
                run()
            except Exception as error:  # a bug or an input nobody foresaw: say so, never hang
                if not shiboken6.isValid(worker):
                    return  # its window went away (the app is quitting): nobody to tell
                traceback.print_exc(file=sys.stderr)
                with contextlib.suppress(RuntimeError):  # deleted meanwhile: as above
                    failed(f"{type(error).__name__}: {error}")
            finally:
                if pause is not None:
                    pause.ended.emit()

        if pause is not None:
            pause.begin()
        thread = threading.Thread(target=work, name="reader-worker", daemon=True)
        self._running.append((thread, worker, cancelled or threading.Event()))
        thread.start()

    def busy(self) -> bool:
        """True while any worker runs."""
        return any(thread.is_alive() for thread, _worker, _event in self._running)

    def cancel(self) -> None:
        """Ask every running worker to stop (returns at once; nothing is waited for)."""
        for _thread, _worker, event in self._running:
            event.set()

    def wait(self) -> None:
        """Block until every worker has ended (tests; the window never waits)."""
        for thread, _worker, _event in list(self._running):
            thread.join()
        self._prune()

    def _prune(self) -> None:
        self._running = [pair for pair in self._running if pair[0].is_alive()]
