"""The article gets the room: in a small window the side panes give way, not the article."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from reader.ui.window.main_window import MainWindow
from reader.ui.window.space import ARTICLE_SHARE
from tests.ui.conftest import WindowFactory

SEED = "program-manager-vs-project-manager.md"


def article_share(window: MainWindow) -> float:
    return window.article.width() / window.width()


def settle(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: not window.room.pending())
    qtbot.wait(20)


def test_shrinking_the_window_shrinks_the_side_panes_first(
    qtbot: QtBot, make_window: WindowFactory, library: Path
) -> None:
    window = make_window(library, open_post=SEED)
    window.resize(1600, 1000)
    settle(qtbot, window)
    docks = [window.outline_dock, window.annotations_panel]
    window.resizeDocks(docks, [420, 420], Qt.Orientation.Horizontal)  # wide, as a person left them
    window.splitter.setSizes([260, 420, 900])
    settle(qtbot, window)
    window.resize(1000, 650)
    settle(qtbot, window)
    assert article_share(window) >= ARTICLE_SHARE - 0.02
    assert window.article.width() >= 420
    assert window.annotations_panel.width() >= 190  # still usable
    assert window.post_view.width() >= 180


def test_a_small_window_restored_from_a_large_one_gives_the_article_room(
    qtbot: QtBot, make_window: WindowFactory, library: Path
) -> None:
    window = make_window(library, open_post=SEED)
    window.resize(1600, 1000)
    settle(qtbot, window)
    window.resizeDocks([window.annotations_panel], [450], Qt.Orientation.Horizontal)
    settle(qtbot, window)
    window.close()
    again = make_window(library, open_post=SEED)  # restores the wide docks
    again.resize(1000, 650)
    settle(qtbot, again)
    assert article_share(again) >= ARTICLE_SHARE - 0.02


def test_a_large_window_leaves_the_panes_alone(
    qtbot: QtBot, make_window: WindowFactory, library: Path
) -> None:
    window = make_window(library, open_post=SEED)
    window.resize(1600, 1000)
    settle(qtbot, window)
    sizes = window.splitter.sizes()
    window.resize(1650, 1000)
    settle(qtbot, window)
    assert window.splitter.sizes()[:2] == sizes[:2]


def test_the_comparison_table_below_gives_the_article_height(
    qtbot: QtBot, make_window: WindowFactory, library: Path
) -> None:
    window = make_window(library, open_post=SEED)
    window.resize(1000, 650)
    window.menu_actions.comparison.trigger()
    settle(qtbot, window)
    window.resizeDocks([window.comparison], [420], Qt.Orientation.Vertical)  # dragged tall
    window.resize(1000, 640)
    settle(qtbot, window)
    assert window.article.height() >= window.height() * ARTICLE_SHARE - 10
    assert window.comparison.height() >= 130  # still shows a few rows
