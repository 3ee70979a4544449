"""What the main window keeps between runs: geometry, docks, splitter, recent libraries."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow, QSplitter

from reader.ui.common import settings_keys as keys

DEFAULT_SIZE = (1280, 820)


def restore_window(settings: QSettings, window: QMainWindow, splitter: QSplitter) -> None:
    """Put the window, its docks and its splitter back as they were."""
    geometry = settings.value(keys.GEOMETRY)
    if isinstance(geometry, QByteArray):
        window.restoreGeometry(geometry)
    else:
        window.resize(*DEFAULT_SIZE)
    state = settings.value(keys.WINDOW_STATE)
    if isinstance(state, QByteArray):
        window.restoreState(state)
    sizes = settings.value(keys.SPLITTER)
    if isinstance(sizes, QByteArray):
        splitter.restoreState(sizes)


def save_window(settings: QSettings, window: QMainWindow, splitter: QSplitter) -> None:
    """Remember the window, its docks and its splitter."""
    settings.setValue(keys.GEOMETRY, window.saveGeometry())
    settings.setValue(keys.WINDOW_STATE, window.saveState())
    settings.setValue(keys.SPLITTER, splitter.saveState())
    settings.sync()


def remember_library(settings: QSettings, root: Path) -> list[str]:
    """Put `root` first in the recent libraries; returns the new list."""
    resolved = str(root.resolve())
    recent = [resolved] + [
        item for item in keys.read_list(settings, keys.RECENT) if item != resolved
    ]
    settings.setValue(keys.RECENT, recent[: keys.MAX_RECENT])
    settings.setValue(keys.LAST_LIBRARY, resolved)
    return recent[: keys.MAX_RECENT]
