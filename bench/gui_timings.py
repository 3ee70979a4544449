"""The window's share of the run benchmark, measured off-screen: first window, opening a post,
painting highlights. Imported only after QT_QPA_PLATFORM is set."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEventLoop, QSettings
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QApplication, QTextEdit

from bench.fixtures import NotedPost
from reader.core.anchoring.reanchor import reanchor_document
from reader.core.library.post import Post
from reader.core.notes.store import NotesStore
from reader.ui.library.loader import LibraryLoader
from reader.ui.window.main_window import MainWindow
from reader.ui.window.theme import ThemeController

LOAD_TIMEOUT_S = 120.0


@dataclass(frozen=True, slots=True)
class WindowTimes:
    """Seconds: window shown, window shown with the post list filled."""

    shown_s: float
    filled_s: float


def application() -> QApplication:
    """The one QApplication of the run."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    return QApplication(["reader-bench"])


def open_window(
    app: QApplication, content: Path, settings_file: Path
) -> tuple[MainWindow, WindowTimes]:
    """Construct the window, open the library, show it; time until shown and until filled."""
    settings = QSettings(str(settings_file), QSettings.Format.IniFormat)
    themes = ThemeController(app, "light")
    loader = LibraryLoader()
    started = time.perf_counter()
    window = MainWindow(settings, loader, themes)
    window.open_library(content)
    window.show()
    app.processEvents()
    shown = time.perf_counter() - started
    deadline = started + LOAD_TIMEOUT_S
    while window.library is None and time.perf_counter() < deadline:
        # `loaded` may be emitted from the scan thread; wait for the window's own slot.
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
    app.processEvents()  # let the filled list paint
    filled = time.perf_counter() - started
    if window.post_model.rowCount() == 0:
        raise RuntimeError("the window's post list stayed empty")
    return window, WindowTimes(shown, filled)


def time_open_post(
    app: QApplication, window: MainWindow, post: Post, noted: NotedPost, repeats: int
) -> float:
    """Show the post, load its notes, re-anchor them, paint: what opening a post costs."""
    store = NotesStore(window.library_root or Path())
    best = float("inf")
    for _ in range(repeats):
        window.article.clear_post()
        app.processEvents()
        started = time.perf_counter()
        window.show_post(post)
        if window.article.current_post() != post:
            raise RuntimeError("the post was not shown at once (rendered in the background?)")
        document = store.load(noted.rel).document
        results = reanchor_document(window.article.rendered().text, document)  # type: ignore[union-attr]
        window.article.viewport().repaint()
        best = min(best, time.perf_counter() - started)
        if len(results) != len(noted.annotations):
            raise RuntimeError("notes went missing while opening the post")
    return best


def time_paint(
    app: QApplication, window: MainWindow, post: Post, count: int, repeats: int
) -> float:
    """Build `count` highlight selections on the shown post, set them, repaint the view."""
    window.show_post(post)
    app.processEvents()
    view = window.article
    document = view.document()
    body = view.body_start()
    span = max(1, (document.characterCount() - body - 40) // count)
    colour = QColor(255, 235, 59, 110)
    best = float("inf")
    for _ in range(repeats):
        view.setExtraSelections([])
        app.processEvents()
        started = time.perf_counter()
        selections = []
        for index in range(count):
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(document)
            cursor.setPosition(body + index * span)
            cursor.setPosition(body + index * span + 20, QTextCursor.MoveMode.KeepAnchor)
            fmt = QTextCharFormat()
            fmt.setBackground(colour)
            selection.cursor = cursor
            selection.format = fmt
            selections.append(selection)
        view.setExtraSelections(selections)
        view.viewport().repaint()
        best = min(best, time.perf_counter() - started)
    return best
