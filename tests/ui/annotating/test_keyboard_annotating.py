"""Annotating for an hour with the keyboard and the mouse: undo that survives switching posts,
the note editors' keys, selections trimmed to their words, and a panel whose controls and
lists are never clipped."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QMenu,
    QPlainTextEdit,
    QStyle,
    QStyleOptionComboBox,
)
from pytestqt.qtbot import QtBot

from reader.ui.annotating.editor import NOTE_KEYS_HINT
from reader.ui.window.main_window import MainWindow
from tests.ui.conftest import WindowFactory
from tests.ui.person import Mods, Person, text_point

SEED = "program-manager-vs-project-manager.md"
OTHER = "product-manager-vs-project-manager.md"
QUOTE = "oversees and manages a large program"
SHIFT, CTRL = Mods.ShiftModifier, Mods.ControlModifier


def entries(library: Path, post: str = SEED) -> list[dict[str, Any]]:
    path = library / ".annotations" / f"{post}.yaml"
    if not path.exists():
        return []
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [entry for entry in data.get("annotations", []) if not entry.get("deleted")]


def select_by_keys(person: Person, text: str) -> None:
    view = person.window.article
    person.click(view.viewport(), text_point(view, text))
    person.press(Qt.Key.Key_Right, SHIFT, times=len(text))
    assert view.textCursor().selectedText() == text


def note_editor(qtbot: QtBot, window: MainWindow) -> QPlainTextEdit:
    editor = window.annotation_actions.editor
    assert editor is not None
    qtbot.waitUntil(lambda: Person(qtbot, window).focused() is editor.note)
    return editor.note


def test_undo_history_survives_switching_posts(
    qtbot: QtBot, make_window: WindowFactory, library: Path
) -> None:
    window = make_window(library, open_post=SEED)
    person = Person(qtbot, window)
    select_by_keys(person, QUOTE)
    person.press(Qt.Key.Key_H)
    person.press(Qt.Key.Key_Down, Mods.AltModifier)  # the next post, from the keyboard
    assert window.article.current_post().path != SEED  # type: ignore[union-attr]
    assert not window.menu_actions.undo.isEnabled()  # this post has no history of its own
    person.press(Qt.Key.Key_Up, Mods.AltModifier)
    assert window.article.current_post().path == SEED  # type: ignore[union-attr]
    assert window.menu_actions.undo.isEnabled()
    person.press(Qt.Key.Key_Z, CTRL)
    assert window.article.highlights() == []
    qtbot.waitUntil(lambda: entries(library) == [], timeout=5000)
    person.press(Qt.Key.Key_Z, CTRL | SHIFT)
    qtbot.waitUntil(lambda: [e["target"]["exact"] for e in entries(library)] == [QUOTE])


def test_note_dialog_enter_saves_shift_enter_breaks_and_the_note_is_trimmed(
    qtbot: QtBot, make_window: WindowFactory, library: Path
) -> None:
    window = make_window(library, open_post=SEED)
    person = Person(qtbot, window)
    select_by_keys(person, QUOTE)
    person.press(Qt.Key.Key_N)
    note = note_editor(qtbot, window)
    editor = window.annotation_actions.editor
    assert editor is not None and editor.note_hint.text() == NOTE_KEYS_HINT
    person.type("  First line")
    person.press(Qt.Key.Key_Return, SHIFT)
    person.type("second line   ")
    assert note.toPlainText() == "  First line\nsecond line   "
    person.press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not editor.isVisible())
    qtbot.waitUntil(
        lambda: [e.get("note") for e in entries(library)] == ["First line\nsecond line"]
    )
    assert person.focused() is window.article
    person.press(Qt.Key.Key_N)  # the cursor is in the highlight: N edits its note
    note = note_editor(qtbot, window)
    person.type(" and more")
    person.press(Qt.Key.Key_Return, CTRL)  # Ctrl+Enter saves too
    qtbot.waitUntil(
        lambda: [e.get("note") for e in entries(library)] == ["First line\nsecond line and more"]
    )


def test_panel_editor_has_the_same_keys_and_its_hint_fits(
    qtbot: QtBot, make_window: WindowFactory, library: Path
) -> None:
    window = make_window(library, open_post=SEED)
    window.resize(1000, 650)
    person = Person(qtbot, window)
    select_by_keys(person, QUOTE)
    person.press(Qt.Key.Key_H)
    person.press(Qt.Key.Key_A, CTRL | SHIFT)
    assert person.focused() is window.annotation_list
    person.press(Qt.Key.Key_Down)
    person.press(Qt.Key.Key_F2)
    editor = person.focused()
    assert isinstance(editor, QPlainTextEdit) and editor.placeholderText() == NOTE_KEYS_HINT
    # The hint, wrapped at the editor's width, fits inside it (nothing cut off).
    inner = editor.viewport().width() - 2 * int(editor.document().documentMargin())
    hint = editor.fontMetrics().boundingRect(
        QRect(0, 0, inner, 10_000), int(Qt.TextFlag.TextWordWrap), NOTE_KEYS_HINT
    )
    assert hint.height() <= editor.viewport().height()
    assert hint.width() <= inner
    person.type("Umbrella")
    person.press(Qt.Key.Key_Return, SHIFT)
    person.type("of projects  ")
    person.press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: [e.get("note") for e in entries(library)] == ["Umbrella\nof projects"])


def test_a_dragged_selection_is_trimmed_to_its_words(
    qtbot: QtBot, make_window: WindowFactory, library: Path
) -> None:
    window = make_window(library, open_post=SEED)
    person = Person(qtbot, window)
    view = window.article
    words = QUOTE  # "… a large program, often with …": the drag ends after "program, "
    start = text_point(view, words)
    end = text_point(view, words + ", ", after=True)
    person.drag(view.viewport(), start, end)
    assert view.textCursor().selectedText().rstrip() != view.textCursor().selectedText()
    person.press(Qt.Key.Key_H)
    qtbot.waitUntil(lambda: len(entries(library)) == 1, timeout=5000)
    (entry,) = entries(library)
    assert entry["target"]["exact"] == words
    (spec,) = view.highlights()
    assert spec.end - spec.start == len(words)  # only the words are painted
    person.press(Qt.Key.Key_N)  # the caret is in the trimmed highlight: N opens its note
    note_editor(qtbot, window)
    person.type("Umbrella")
    person.press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: [e.get("note") for e in entries(library)] == ["Umbrella"])


def test_panel_names_each_colour_and_its_controls_are_not_clipped(
    qtbot: QtBot, make_window: WindowFactory, library: Path
) -> None:
    window = make_window(library, open_post=SEED)
    window.resize(1000, 650)
    person = Person(qtbot, window)
    select_by_keys(person, QUOTE)
    person.press(Qt.Key.Key_2, CTRL)  # green
    person.press(Qt.Key.Key_A, CTRL | SHIFT)
    panel = window.annotations_panel
    row = panel.list.model().index(0, 0).data()
    assert row.splitlines()[-1].startswith("green · ")
    for combo in (panel.color_filter, panel.side_filter, panel.tag_filter):
        assert_not_clipped(combo)


def assert_not_clipped(combo: QComboBox) -> None:
    """The text shown in the combo fits its text area as the style lays it out."""
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
    )
    needed = combo.fontMetrics().horizontalAdvance(combo.currentText())
    if not combo.itemIcon(combo.currentIndex()).isNull():
        needed += combo.iconSize().width() + 4
    assert needed <= field.width(), (combo.currentText(), needed, field.width())


def test_the_orphaned_list_shows_its_notes_whole(
    qtbot: QtBot, make_window: WindowFactory, library: Path
) -> None:
    notes = library / ".annotations"
    notes.mkdir()
    (notes / f"{SEED}.yaml").write_text(
        "format: reader-annotations\nversion: 1\n"
        f"article: {SEED}\nannotations:\n"
        + "".join(
            f"  - id: 0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f{n}\n"
            "    created: 2026-01-02T10:00:00+00:00\n"
            "    modified: 2026-01-02T10:00:00+00:00\n"
            "    color: pink\n"
            f"    note: A note on a passage that was removed, number {n}.\n"
            f"    target:\n      exact: a sentence the author has since removed, {n}\n"
            for n in range(3)
        ),
        encoding="utf-8",
    )
    window = make_window(library, open_post=SEED)
    window.resize(1000, 650)
    person = Person(qtbot, window)
    person.press(Qt.Key.Key_A, CTRL | SHIFT)
    orphans = window.annotations_panel.orphan_list
    assert orphans.isVisible()
    first = orphans.visualRect(orphans.model().index(0, 0))
    assert first.height() > 0 and first.bottom() <= orphans.viewport().height()  # one note whole
    person.click(orphans.viewport(), first.center())
    person.press(Qt.Key.Key_End)  # the others are a scroll away
    last = orphans.visualRect(orphans.model().index(2, 0))
    assert last.top() >= 0 and last.bottom() <= orphans.viewport().height()


def test_h_still_works_after_a_context_menu_without_a_selection(
    qtbot: QtBot, make_window: WindowFactory, library: Path
) -> None:
    window = make_window(library, open_post=SEED)
    person = Person(qtbot, window)
    view = window.article
    where = text_point(view, QUOTE)
    # A right-click, as the window system delivers it (QTest's click makes no menu event).
    QTest.mouseClick(view.viewport(), Qt.MouseButton.RightButton, Mods.NoModifier, where)
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, where, view.viewport().mapToGlobal(where)
    )
    QApplication.sendEvent(view.viewport(), event)
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    assert not window.annotation_actions.highlight.isEnabled()  # nothing selected to highlight
    QTest.keyClick(menu, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)
    window.activateWindow()  # the offscreen platform does not hand activation back by itself
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.wait(20)  # a person's next key comes after the menu's last event
    select_by_keys(person, QUOTE)
    person.press(Qt.Key.Key_H)
    assert len(view.highlights()) == 1


def test_reattaching_an_orphan_takes_the_selection_trimmed(
    qtbot: QtBot, make_window: WindowFactory, library: Path
) -> None:
    notes = library / ".annotations"
    notes.mkdir()
    (notes / f"{SEED}.yaml").write_text(
        "format: reader-annotations\nversion: 1\n"
        f"article: {SEED}\nannotations:\n"
        "  - id: 0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9\n"
        "    created: 2026-01-02T10:00:00+00:00\n"
        "    modified: 2026-01-02T10:00:00+00:00\n"
        "    color: pink\n"
        "    target:\n      exact: a sentence the author has since removed\n",
        encoding="utf-8",
    )
    window = make_window(library, open_post=SEED)
    person = Person(qtbot, window)
    select_by_keys(person, QUOTE + ", ")
    panel = window.annotations_panel
    orphans = panel.orphan_list
    person.click(orphans.viewport(), orphans.visualRect(orphans.model().index(0, 0)).center())
    person.click(panel.reattach_button)
    qtbot.waitUntil(lambda: [e["target"]["exact"] for e in entries(library)] == [QUOTE])


def test_shift_down_at_the_top_of_a_post_selects_its_first_words(
    qtbot: QtBot, make_window: WindowFactory, library: Path
) -> None:
    """At the top of the bundled article the cover and the title are in view; a keyboard
    selection starts at the body, which notes can hold, so H highlights at once."""
    window = make_window(library, open_post=SEED)
    person = Person(qtbot, window)
    window.article.setFocus()
    assert window.article.verticalScrollBar().value() == 0
    person.press(Qt.Key.Key_Down, SHIFT, times=2)
    assert window.article.textCursor().selectedText().startswith("I’m often asked")
    person.press(Qt.Key.Key_H)
    qtbot.waitUntil(lambda: len(entries(library)) == 1, timeout=5000)
    assert entries(library)[0]["target"]["exact"].startswith("I’m often asked")
