"""Search (Ctrl+K): type, see results with snippets, open the post at the match."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from reader.ui.window.main_window import MainWindow
from tests.ui.annotating.test_annotating import open_editor, select_text
from tests.ui.conftest import WindowFactory

SEED = "program-manager-vs-project-manager.md"


@pytest.fixture
def window(qtbot: QtBot, make_window: WindowFactory, library: Path) -> MainWindow:
    window = make_window(library)
    qtbot.waitUntil(lambda: window.search.is_ready, timeout=20_000)
    return window


def search_for(qtbot: QtBot, window: MainWindow, text: str) -> list[str]:
    qtbot.keyClick(window.post_view, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    dialog = window.search_dialog
    assert dialog.isVisible()
    dialog.field.clear()
    qtbot.keyClicks(dialog.field, text)
    dialog.run_query()
    return shown_results(qtbot, window)


def shown_results(qtbot: QtBot, window: MainWindow) -> list[str]:
    """The list once the hits of what is typed have come (queries run in the background)."""
    dialog = window.search_dialog
    if dialog.field.text().strip():
        qtbot.waitUntil(lambda: "result" in dialog.status.text(), timeout=10_000)
    model = dialog.model
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_body_match_opens_the_post_at_the_words(qtbot: QtBot, window: MainWindow) -> None:
    results = search_for(qtbot, window, "saves friction")
    assert results and "Scrum Master vs Project Manager" in results[0]
    qtbot.keyClick(window.search_dialog.field, Qt.Key.Key_Return)
    assert not window.search_dialog.isVisible()
    post = window.article.current_post()
    assert post is not None and post.path == "scrum-master-vs-project-manager.md"
    assert window.article.textCursor().selectedText().lower() == "saves"


def test_notes_are_searchable(qtbot: QtBot, window: MainWindow) -> None:
    window.open_post(SEED)
    select_text(window, "oversees and manages a large program")
    editor = open_editor(qtbot, window, Qt.Key.Key_N)
    qtbot.keyClicks(editor.note, "umbrella of initiatives")
    editor.accept()
    window.session.flush()
    window.open_post("scrum-master-vs-project-manager.md")
    results = search_for(qtbot, window, "umbrella")
    assert any(
        result.startswith("note in Program Manager vs. Project Manager") for result in results
    )
    qtbot.keyClick(window.search_dialog.field, Qt.Key.Key_Return)
    assert window.article.current_post().path == SEED  # type: ignore[union-attr]
    assert window.article.flashing() is not None


def test_odd_queries_do_not_break(qtbot: QtBot, window: MainWindow) -> None:
    for text in ['"unclosed', "AND OR NOT", "(*)", "-", "col:x", "   "]:
        search_for(qtbot, window, text)
    assert "result" in window.search_dialog.status.text() or window.search_dialog.field.text()
