"""Render the window off-screen to a PNG (for the README, tests and UI checks)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from PySide6.QtCore import (
    QEventLoop,
    QMessageLogContext,
    QThread,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication

from reader.ui.window.main_window import MainWindow

SCAN_TIMEOUT_S = 120


def wait_for_library(app: QApplication, window: MainWindow) -> bool:
    """Let the background scan finish and the window fill in; False on failure or time-out.

    Polls rather than waiting for a signal: a fast scan may have signalled already.
    """
    deadline = time.monotonic() + SCAN_TIMEOUT_S
    while window.library is None and window.load_error is None:
        if time.monotonic() > deadline:
            return False
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        QThread.msleep(5)
    for _ in range(3):
        app.processEvents()
    return window.library is not None


def _quiet_offscreen_noise(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """The offscreen platform warns about window-manager hints it cannot honour: harmless."""
    if "This plugin does not support" not in message:
        sys.stderr.write(message + "\n")


def _settle_thumbnails(app: QApplication, window: MainWindow, seconds: float = 5.0) -> None:
    """Let the covers the posts list asked for arrive (they are decoded off the GUI thread,
    on demand as rows are painted), so the picture shows what a person sees a moment later."""
    thumbnails = window.browser.thumbnails
    deadline = time.monotonic() + seconds
    for _ in range(2):  # a paint with the first covers may ask for more
        window.grab()  # paints every visible row, so each asks for its cover
        while thumbnails.busy() and time.monotonic() < deadline:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        app.processEvents()


def take_screenshot(app: QApplication, window: MainWindow, target: Path) -> int:
    """Show the window off-screen, wait for the library, grab it and save `target`."""
    qInstallMessageHandler(_quiet_offscreen_noise)
    window.show()
    if not wait_for_library(app, window):
        sys.stderr.write("reader: error: the library could not be read in time\n")
        return 1
    window.renderer.wait()
    for _ in range(3):
        app.processEvents()
    _settle_thumbnails(app, window)
    image = window.grab()
    target.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(target)):
        sys.stderr.write(f"reader: error: cannot write {target}\n")
        return 1
    window.close()
    return 0
