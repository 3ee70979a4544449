"""Qt tests run without a display."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import gc
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reader.cli.gui_command import BUNDLED_HOME_POST
from reader.paths import bundled_articles
from reader.ui.library.loader import LibraryLoader
from reader.ui.window.main_window import MainWindow
from reader.ui.window.theme import ThemeController

WindowFactory = Callable[..., MainWindow]


@pytest.fixture(autouse=True)
def collect_each_tests_garbage() -> Iterator[None]:
    """Collect the cycles a test leaves (closed windows and their Qt objects) right after it.

    Left to pile up over many tests, they were collected at random later moments, and the
    collector then sometimes crashed the run (seen on main too, in `pytest tests/ui`); one
    collection per test, while that test's objects are freshly dead, never has.
    """
    yield
    gc.collect()


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """A private copy of the bundled articles, so notes can be written."""
    target = tmp_path / "articles"
    shutil.copytree(bundled_articles(), target)
    return target


@pytest.fixture
def settings_path(tmp_path: Path) -> Path:
    """An ini file standing in for the person's settings (kept between reopenings)."""
    return tmp_path / "settings" / "reader.ini"


@pytest.fixture
def make_window(qtbot: QtBot, qapp: QApplication, settings_path: Path) -> Iterator[WindowFactory]:
    """Open a main window on a library and wait until the scan has filled it in."""
    windows: list[MainWindow] = []

    def factory(root: Path, open_post: str | None = None, theme: str = "light") -> MainWindow:
        settings = QSettings(str(settings_path), QSettings.Format.IniFormat)
        window = MainWindow(
            settings,
            LibraryLoader(),
            ThemeController(qapp, theme),
            home_posts={bundled_articles(): BUNDLED_HOME_POST},  # as the launcher does
        )
        qtbot.addWidget(window)
        window.resize(1200, 800)
        window.show()
        with qtbot.waitSignal(window.loader.loaded, timeout=20_000):
            window.open_library(root, open_post)
        windows.append(window)
        wait_for_counts(qtbot, window)
        return window

    yield factory
    for window in windows:
        window.loader.wait()
        window.counts.counter.wait()


def wait_for_counts(qtbot: QtBot, window: MainWindow) -> None:
    """Until the status bar's counts are final (images and notes checked in the background)."""
    qtbot.waitUntil(lambda: not window.counts.counter.busy(), timeout=20_000)
