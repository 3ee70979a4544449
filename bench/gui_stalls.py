"""The longest the window's event loop is blocked, measured by a timer's gaps, while the
window opens the library, opens a 1 MB post, builds the library's comparison table and
exports the library's notes; and how long quitting takes. Imported after QT_QPA_PLATFORM."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from reader.core.export.run import LIBRARY, ExportRequest
from reader.core.library.post import Post
from reader.ui.window.main_window import MainWindow

TICK_MS = 5
TIMEOUT_S = 120.0


class StallMeter:
    """A timer ticking every 5 ms; the longest gap between ticks is the longest stall."""

    def __init__(self) -> None:
        self.longest = 0.0
        self._last = time.perf_counter()
        self._timer = QTimer()
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self._last)
        self._last = now

    def stop(self) -> float:
        """The longest gap seen, in seconds (less the tick itself)."""
        self._timer.stop()
        return max(0.0, self.longest - TICK_MS / 1000)


def run_until(app: QApplication, done: Callable[[], bool], what: str) -> None:
    """Let the event loop run until `done()` (the meter's timer keeps ticking)."""
    deadline = time.perf_counter() + TIMEOUT_S
    while not done():
        if time.perf_counter() > deadline:
            raise RuntimeError(f"timed out waiting for {what}")
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 20)


def stall_open_post(app: QApplication, window: MainWindow, post: Post) -> float:
    """Open a large post as a click does (rendered off the GUI thread, then laid out)."""
    meter = StallMeter()
    window.show_post(post)
    run_until(app, lambda: window.article.current_post() == post, "the 1 MB post")
    app.processEvents()
    return meter.stop()


def stall_comparison(app: QApplication, window: MainWindow) -> float:
    """The comparison dock's whole-library table, built as the person asks for it."""
    dock = window.comparison
    dock.show()
    app.processEvents()
    meter = StallMeter()
    dock.scope.setCurrentIndex(dock.scope.findData(LIBRARY))
    dock.refresh()
    run_until(app, lambda: not dock.building, "the comparison table")
    app.processEvents()
    return meter.stop()


def stall_export(app: QApplication, window: MainWindow, destination: Path) -> float:
    """Export the library's notes as Markdown, as the window does once its dialog is
    accepted (in the background, with progress in the status bar)."""
    if window.library is None or window.store is None:
        raise RuntimeError("no library open")
    request = ExportRequest("markdown", LIBRARY, "", "", "", "", "", destination)
    meter = StallMeter()
    window.notes_jobs.start_export(request)
    run_until(app, lambda: "Exported" in window.notice.text(), "the export")
    app.processEvents()
    return meter.stop()


def time_quit(app: QApplication, window: MainWindow) -> float:
    """From asking the window to close to closed (notes written first)."""
    started = time.perf_counter()
    window.close()
    app.processEvents()
    return time.perf_counter() - started
