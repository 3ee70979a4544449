"""The comparison table follows the notes: a file changed on disk shows at once, and a quote
whose passage is gone says so (also after Refresh)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from pytestqt.qtbot import QtBot

from reader.ui.comparison.model import ORPHAN_MARK
from reader.ui.window.main_window import MainWindow
from tests.ui.conftest import WindowFactory
from tests.ui.person import Mods, Person

SEED = "program-manager-vs-project-manager.md"


def notes_file(exact: str, aspect: str = "Scope") -> str:
    return (
        "format: reader-annotations\nversion: 1\n"
        f"article: {SEED}\nannotations:\n"
        "  - id: 11111111-2222-4333-8444-555555555555\n"
        "    created: 2026-01-02T10:00:00+00:00\n"
        "    modified: 2026-01-02T10:00:00+00:00\n"
        "    color: yellow\n"
        "    side: Program Manager\n"
        f"    aspect: {aspect}\n"
        f"    target:\n      exact: {exact}\n"
    )


def cells(window: MainWindow) -> list[str]:
    model = window.comparison.model
    return [
        str(model.index(row, column).data())
        for row in range(model.rowCount())
        for column in range(model.columnCount())
    ]


def test_a_notes_file_changed_on_disk_updates_the_table(
    qtbot: QtBot, make_window: WindowFactory, library: Path
) -> None:
    window = make_window(library, open_post=SEED)
    person = Person(qtbot, window)
    person.press(Qt.Key.Key_T, Mods.ControlModifier | Mods.ShiftModifier)
    assert window.comparison.isVisible() and window.comparison.model.rowCount() == 0
    folder = library / ".annotations"
    folder.mkdir()
    (folder / f"{SEED}.yaml").write_text(notes_file("oversees and manages"), "utf-8")
    qtbot.waitUntil(
        lambda: any("oversees and manages" in cell for cell in cells(window)), timeout=8000
    )
    assert window.annotations_panel.model.rowCount() == 1  # the panel followed too

    # A hand edit leaves a quote that is no longer in the post: marked, not a normal cell.
    (folder / f"{SEED}.yaml").write_text(notes_file("words the author deleted", "Budget"), "utf-8")
    qtbot.waitUntil(lambda: any(ORPHAN_MARK in cell for cell in cells(window)), timeout=8000)
    assert_orphan_shown(window)
    person.click(window.comparison.refresh_button)
    assert_orphan_shown(window)


def assert_orphan_shown(window: MainWindow) -> None:
    model = window.comparison.model
    (index,) = [
        model.index(row, column)
        for row in range(model.rowCount())
        for column in range(model.columnCount())
        if "words the author deleted" in str(model.index(row, column).data())
    ]
    assert str(index.data()).startswith(ORPHAN_MARK)
    font = index.data(Qt.ItemDataRole.FontRole)
    assert isinstance(font, QFont) and font.italic()
    assert "no longer in the post" in index.data(Qt.ItemDataRole.ToolTipRole)


def test_clicking_an_orphaned_quote_shows_the_note_in_the_panel(
    qtbot: QtBot, make_window: WindowFactory, library: Path
) -> None:
    folder = library / ".annotations"
    folder.mkdir()
    (folder / f"{SEED}.yaml").write_text(notes_file("words the author deleted"), "utf-8")
    window = make_window(library, open_post="two-hats-on-one-roadmap.md")
    person = Person(qtbot, window)
    person.press(Qt.Key.Key_T, Mods.ControlModifier | Mods.ShiftModifier)
    dock = window.comparison
    dock.scope.setCurrentIndex(dock.scope.findData("library"))
    qtbot.waitUntil(lambda: not dock.building, timeout=10_000)  # built in the background
    index = dock.model.index(0, 0)
    person.click(dock.view.viewport(), dock.view.visualRect(index).center())
    assert window.article.current_post().path == SEED  # type: ignore[union-attr]
    assert window.annotations_panel.selected_id() == "11111111-2222-4333-8444-555555555555"
