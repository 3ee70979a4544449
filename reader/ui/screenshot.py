"""Render the window off-screen to a PNG (for the README, tests and UI checks)."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QEventLoop, QMessageLogContext, QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from reader.ui.main_window import MainWindow

SCAN_TIMEOUT_MS = 120_000


def wait_for_library(app: QApplication, window: MainWindow) -> bool:
    """Let the background scan finish and the window fill in; False on time-out."""
    if window.library is not None and not window.loader.is_busy():
        return True
    loop = QEventLoop()
    window.loader.loaded.connect(loop.quit)
    window.loader.failed.connect(loop.quit)
    QTimer.singleShot(SCAN_TIMEOUT_MS, loop.quit)
    if window.loader.is_busy():
        loop.exec()
    app.processEvents()
    return window.library is not None


def _quiet_offscreen_noise(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """The offscreen platform warns about window-manager hints it cannot honour: harmless."""
    if "propagateSizeHints" not in message:
        sys.stderr.write(message + "\n")


def take_screenshot(app: QApplication, window: MainWindow, target: Path) -> int:
    """Show the window off-screen, wait for the library, grab it and save `target`."""
    qInstallMessageHandler(_quiet_offscreen_noise)
    window.show()
    if not wait_for_library(app, window):
        sys.stderr.write("reader: error: the library could not be read in time\n")
        return 1
    for _ in range(3):
        app.processEvents()
    image = window.grab()
    target.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(target)):
        sys.stderr.write(f"reader: error: cannot write {target}\n")
        return 1
    window.close()
    return 0
