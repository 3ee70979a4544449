"""The status bar's progress reads as numbers are written, at any library size."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from reader.ui.window.status_area import StatusArea


def test_scan_progress_groups_thousands(qtbot: QtBot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    status = StatusArea(window.statusBar(), window)
    status.scanning("a large library")
    status.scan_progress(80_250, 100_000)
    assert status.notice.text() == "Reading posts … 80,250 of 100,000"
    assert status.progress.value() == 80_250 and status.progress.maximum() == 100_000
