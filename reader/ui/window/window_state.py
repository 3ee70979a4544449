"""What the main window keeps between runs: geometry, docks, splitter, recent libraries."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QRect, QSettings
from PySide6.QtGui import QGuiApplication
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


def fitted(window: QRect, area: QRect) -> QRect:
    """`window` moved (and shrunk if it must) to lie inside `area`, the screen's free space."""
    width, height = min(window.width(), area.width()), min(window.height(), area.height())
    x = max(area.left(), min(window.left(), area.left() + area.width() - width))
    y = max(area.top(), min(window.top(), area.top() + area.height() - height))
    return QRect(x, y, width, height)


def fit_on_screen(window: QMainWindow) -> None:
    """Keep the window on its screen before it is shown: a remembered place from a larger
    screen, or `--size` larger than the place allows, must not put it partly out of reach."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None or window.isMaximized() or window.isFullScreen():
        return
    frame = window.frameGeometry()
    place = fitted(frame, screen.availableGeometry())
    if place.size() != frame.size():
        window.resize(
            window.width() - (frame.width() - place.width()),
            window.height() - (frame.height() - place.height()),
        )
    if place.topLeft() != frame.topLeft():
        window.move(place.topLeft())


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
