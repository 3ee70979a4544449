"""Browsing as a person does: choosing a tag or typing a filter narrows the list, and never
opens a post nobody picked."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from reader.ui.library.post_model import PATH_ROLE
from reader.ui.window.main_window import MainWindow
from tests.ui.conftest import WindowFactory
from tests.ui.person import Mods, Person

PROGRAM = "program-manager-vs-project-manager.md"
SCRUM = "scrum-master-vs-project-manager.md"


def listed(window: MainWindow) -> list[str]:
    proxy = window.post_proxy
    return [proxy.index(row, 0).data(PATH_ROLE) for row in range(proxy.rowCount())]


def selected(window: MainWindow) -> list[str]:
    """The rows drawn selected in the posts list."""
    return [index.data(PATH_ROLE) for index in window.post_view.selectionModel().selectedRows()]


def test_clicking_a_tag_keeps_the_open_post_and_its_undo_history(
    qtbot: QtBot, make_window: WindowFactory, library: Path
) -> None:
    window = make_window(library, open_post=PROGRAM)
    person = Person(qtbot, window)
    title = window.windowTitle()
    assert title.startswith("Program Manager vs. Project Manager")
    person.click(window.article.viewport())
    person.press(Qt.Key.Key_Right, Mods.ShiftModifier, times=12)
    person.press(Qt.Key.Key_H)
    assert window.menu_actions.undo.isEnabled()
    person.click_row(window.tag_view, window.tag_model.row_of_tag("agile"))
    assert SCRUM in listed(window) and PROGRAM not in listed(window)
    assert window.windowTitle() == title  # still reading the same post
    assert window.article.current_post().path == PROGRAM  # type: ignore[union-attr]
    assert selected(window) == []  # the open post is not listed, so nothing is selected
    assert window.menu_actions.undo.isEnabled()  # its history stayed
    person.click_row(window.tag_view, 1)  # Untagged: the open post is listed, and selected
    assert selected(window) == [PROGRAM]
    assert window.windowTitle() == title


def test_typing_a_filter_opens_nothing_and_clearing_it_keeps_the_selection(
    qtbot: QtBot, make_window: WindowFactory, library: Path
) -> None:
    window = make_window(library, open_post=PROGRAM)
    person = Person(qtbot, window)
    title = window.windowTitle()
    person.press(Qt.Key.Key_L, Mods.ControlModifier)
    assert person.focused() is window.filter_box
    person.type("scrum")
    assert listed(window) == [SCRUM]
    assert window.windowTitle() == title  # typing does not open the match
    assert selected(window) == []
    person.press(Qt.Key.Key_Escape)  # Esc clears the filter
    assert window.filter_box.text() == ""
    assert len(listed(window)) == 7
    assert selected(window) == [PROGRAM]  # the open post is highlighted again
    current = window.post_view.currentIndex()
    assert current.data(PATH_ROLE) == PROGRAM
    person.press(Qt.Key.Key_Escape)  # Esc again: to the list
    assert person.focused() is window.post_view


def test_no_match_says_so_and_enter_opens_the_first_match(
    qtbot: QtBot, make_window: WindowFactory, library: Path
) -> None:
    window = make_window(library, open_post=PROGRAM)
    person = Person(qtbot, window)
    empty = window.browser.empty_label
    assert not empty.isVisible()
    person.press(Qt.Key.Key_L, Mods.ControlModifier)
    person.type("zebra")
    assert listed(window) == []
    assert empty.isVisible() and "No posts match “zebra”" in empty.text()
    assert window.post_view.accessibleName() == "Posts list, 0 posts"
    person.press(Qt.Key.Key_Backspace, times=5)
    assert not empty.isVisible()
    assert window.post_view.accessibleName() == "Posts list, 7 posts"
    person.type("coordinator")
    person.press(Qt.Key.Key_Return)
    assert window.windowTitle().startswith("Project Manager vs. Project Coordinator")
    assert person.focused() is window.post_view


def test_down_from_the_filter_goes_to_the_list_and_the_arrows_open_posts(
    qtbot: QtBot, make_window: WindowFactory, library: Path
) -> None:
    window = make_window(library, open_post=PROGRAM)
    person = Person(qtbot, window)
    person.press(Qt.Key.Key_L, Mods.ControlModifier)
    person.press(Qt.Key.Key_Down)
    assert person.focused() is window.post_view
    rows = listed(window)
    person.press(Qt.Key.Key_Down)  # picking in the list opens, as a person expects
    assert window.article.current_post().path == rows[rows.index(PROGRAM) + 1]  # type: ignore[union-attr]


def test_down_then_enter_from_a_filter_that_hid_the_open_post_opens_the_first_match(
    qtbot: QtBot, make_window: WindowFactory, library: Path
) -> None:
    window = make_window(library, open_post=PROGRAM)
    person = Person(qtbot, window)
    person.press(Qt.Key.Key_L, Mods.ControlModifier)
    person.type("coordinator")
    assert PROGRAM not in listed(window)
    person.press(Qt.Key.Key_Down)  # onto the first match, not onto nothing
    assert person.focused() is window.post_view
    person.press(Qt.Key.Key_Return)
    assert window.windowTitle().startswith("Project Manager vs. Project Coordinator")


def test_showing_drafts_keeps_the_open_post(
    qtbot: QtBot, make_window: WindowFactory, library: Path
) -> None:
    window = make_window(library, open_post=PROGRAM)
    person = Person(qtbot, window)
    title = window.windowTitle()
    person.click(window.drafts_box)
    assert "agile-vs-waterfall-delivery.md" in listed(window)
    assert window.windowTitle() == title
    assert selected(window) == [PROGRAM]
