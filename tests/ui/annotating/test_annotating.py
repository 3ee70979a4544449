"""Annotating as a person does: select, press H, N, 1, A; the YAML on disk follows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from reader.core.notes.store import NotesStore
from reader.ui.annotating.editor import AnnotationEditor
from reader.ui.window.main_window import MainWindow
from tests.ui.conftest import WindowFactory

SEED = "program-manager-vs-project-manager.md"
QUOTE = "oversees and manages a large program"


def notes_file(library: Path) -> Path:
    return library / ".annotations" / f"{SEED}.yaml"


def select_text(window: MainWindow, text: str, occurrence: int = 0) -> None:
    """Select `text` in the view the way shift+arrow keys would."""
    view = window.article
    plain = view.document().toPlainText()
    start = -1
    for _ in range(occurrence + 1):
        start = plain.index(text, start + 1)
    cursor = QTextCursor(view.document())
    cursor.setPosition(start)
    view.setTextCursor(cursor)
    view.setFocus()
    for _ in text:
        cursor.movePosition(QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    assert cursor.selectedText() == text


def press(qtbot: QtBot, window: MainWindow, key: Qt.Key) -> None:
    qtbot.keyClick(window.article, key)


def open_editor(qtbot: QtBot, window: MainWindow, key: Qt.Key) -> AnnotationEditor:
    press(qtbot, window, key)
    editor = window.annotation_actions.editor
    assert editor is not None and editor.isVisible()
    return editor


def highlighted_and_saved(qtbot: QtBot, make_window: WindowFactory, library: Path) -> MainWindow:
    """The bundled article open with QUOTE highlighted and the notes file written."""
    window = make_window(library, open_post=SEED)
    select_text(window, QUOTE)
    press(qtbot, window, Qt.Key.Key_H)
    window.session.flush()
    return window


def saved(window: MainWindow, library: Path) -> Any:
    window.session.flush()
    data = yaml.safe_load(notes_file(library).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_highlight_note_side_aspect_land_in_the_yaml(
    qtbot: QtBot, make_window: WindowFactory, library: Path
) -> None:
    window = make_window(library, open_post=SEED)
    assert window.session.sides() == ("Program Manager", "Project Manager")
    select_text(window, QUOTE)
    press(qtbot, window, Qt.Key.Key_H)
    assert len(window.article.highlights()) == 1
    # The cursor now sits in the new highlight: N, 1 and A act on it.
    editor = open_editor(qtbot, window, Qt.Key.Key_N)
    qtbot.keyClicks(editor.note, "Many projects under one umbrella.")
    editor.accept()
    press(qtbot, window, Qt.Key.Key_1)
    editor = open_editor(qtbot, window, Qt.Key.Key_A)
    editor.aspect.setCurrentText("Scope")
    editor.accept()

    data = saved(window, library)
    assert list(data) == ["format", "version", "article", "title", "annotations"]
    assert data["format"] == "reader-annotations" and data["version"] == 1
    assert data["article"] == SEED
    assert data["title"] == "Program Manager vs. Project Manager - What you need to know"
    (entry,) = data["annotations"]
    assert list(entry) == ["id", "created", "modified", "color", "note", "side", "aspect", "target"]
    assert entry["color"] == "yellow"
    assert entry["note"] == "Many projects under one umbrella."
    assert entry["side"] == "Program Manager"
    assert entry["aspect"] == "Scope"
    target = entry["target"]
    text = window.session.article_text
    assert target["exact"] == QUOTE
    assert text[target["start"] : target["end"]] == QUOTE
    assert target["prefix"] == text[target["start"] - 32 : target["start"]]
    assert target["suffix"] == text[target["end"] : target["end"] + 32]
    assert target["prefix"].endswith("program manager is a person who ")


def test_reopening_shows_the_highlight_on_the_same_words(
    qtbot: QtBot, make_window: WindowFactory, library: Path
) -> None:
    window = make_window(library, open_post=SEED)
    select_text(window, QUOTE)
    editor = open_editor(qtbot, window, Qt.Key.Key_N)
    qtbot.keyClicks(editor.note, "A note")
    editor.accept()
    window.close()

    again = make_window(library, open_post=SEED)
    (spec,) = again.article.highlights()
    cursor = QTextCursor(again.article.document())
    cursor.setPosition(spec.start)
    cursor.setPosition(spec.end, QTextCursor.MoveMode.KeepAnchor)
    assert cursor.selectedText() == QUOTE
    assert spec.note == "A note"
    assert len(again.article.extraSelections()) == 1


def test_undo_removes_the_highlight_and_the_file_follows(
    qtbot: QtBot, make_window: WindowFactory, library: Path
) -> None:
    window = make_window(library, open_post=SEED)
    select_text(window, QUOTE)
    press(qtbot, window, Qt.Key.Key_H)
    assert len(saved(window, library)["annotations"]) == 1
    qtbot.keyClick(window.article, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.article.highlights() == []
    (entry,) = saved(window, library)["annotations"]
    assert "deleted" in entry  # a tombstone, so a merge cannot bring it back
    qtbot.keyClick(
        window.article,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert len(window.article.highlights()) == 1
    (entry,) = saved(window, library)["annotations"]
    assert "deleted" not in entry


def test_side_keys_toggle_and_second_side(
    qtbot: QtBot, make_window: WindowFactory, library: Path
) -> None:
    window = make_window(library, open_post=SEED)
    select_text(window, "keeping team members on task")
    press(qtbot, window, Qt.Key.Key_2)
    (item,) = window.session.live()
    assert item.side == "Project Manager"
    spec = window.article.highlights()[0]
    assert spec.side_index == 1
    press(qtbot, window, Qt.Key.Key_2)  # again: the label comes off
    assert window.session.live()[0].side is None


def test_delete_key_and_context_menu(
    qtbot: QtBot, make_window: WindowFactory, library: Path
) -> None:
    window = make_window(library, open_post=SEED)
    select_text(window, QUOTE)
    press(qtbot, window, Qt.Key.Key_H)
    spec = window.article.highlights()[0]
    menu = window.annotation_actions.build_menu(spec.start + 2)
    texts = [action.text() for action in menu.actions()]
    assert "&Delete Highlight" in texts
    window.annotation_actions.color_actions["green"].trigger()
    assert window.session.live()[0].color == "green"
    window.annotation_actions.delete.trigger()
    assert window.session.live() == ()


def test_a_repeated_quote_anchors_to_the_occurrence_selected(
    qtbot: QtBot, make_window: WindowFactory, library: Path
) -> None:
    window = make_window(library, open_post=SEED)
    select_text(window, "program manager", occurrence=2)
    press(qtbot, window, Qt.Key.Key_H)
    view_start = window.article.highlights()[0].start
    window.close()
    again = make_window(library, open_post=SEED)
    assert again.article.highlights()[0].start == view_start


def test_nothing_selected_says_so(qtbot: QtBot, make_window: WindowFactory, library: Path) -> None:
    window = make_window(library, open_post=SEED)
    window.article.setFocus()
    press(qtbot, window, Qt.Key.Key_H)
    assert "Select a passage" in window.notice.text()
    assert window.session.live() == ()


def test_corrupt_notes_file_is_kept_and_read_only(
    qtbot: QtBot, make_window: WindowFactory, library: Path
) -> None:
    path = notes_file(library)
    path.parent.mkdir(parents=True)
    path.write_text("format: reader-annotations\nannotations: [unclosed\n", encoding="utf-8")
    window = make_window(library, open_post=SEED)
    assert window.session.read_only
    assert "read-only" in window.notice.text()
    select_text(window, QUOTE)
    press(qtbot, window, Qt.Key.Key_H)
    assert window.session.live() == ()
    assert path.read_text(encoding="utf-8").endswith("[unclosed\n")
    assert list(path.parent.glob(f"{SEED}.yaml.corrupt-*"))


def test_unwritable_notes_folder_keeps_changes_and_retries(
    qtbot: QtBot, make_window: WindowFactory, library: Path, tmp_path: Path
) -> None:
    blocker = tmp_path / "notes-blocked"
    blocker.write_text("a file where the notes folder should be", encoding="utf-8")
    settings_window = make_window(library)  # opens with the default store first
    settings_window.close()
    window = make_window(library, open_post=SEED)
    window.session.set_store(NotesStore(library, blocker / "inner"))
    post = window.article.current_post()
    assert post is not None
    window.show_post(post)
    select_text(window, QUOTE)
    press(qtbot, window, Qt.Key.Key_H)
    assert window.session.flush() is False
    assert "kept in memory" in window.notice.text()
    assert len(window.session.live()) == 1  # nothing lost
    blocker.unlink()
    assert window.session.flush() is True
    assert (blocker / "inner" / f"{SEED}.yaml").is_file()


def test_hand_edit_on_disk_is_reloaded(
    qtbot: QtBot, make_window: WindowFactory, library: Path
) -> None:
    window = highlighted_and_saved(qtbot, make_window, library)
    path = notes_file(library)
    text = path.read_text(encoding="utf-8").replace("color: yellow", "color: blue")
    text = text.replace("modified: ", "modified: 2099-01-01T00:00:00+00:00\n    old_modified: ", 1)
    path.write_text(text, encoding="utf-8")
    qtbot.waitUntil(lambda: window.session.live()[0].color == "blue", timeout=5000)


def test_tooltip_shows_the_note(qtbot: QtBot, make_window: WindowFactory, library: Path) -> None:
    window = make_window(library, open_post=SEED)
    select_text(window, QUOTE)
    editor = open_editor(qtbot, window, Qt.Key.Key_N)
    qtbot.keyClicks(editor.note, "See the scope")
    editor.accept()
    spec = window.article.highlights()[0]
    assert spec.note == "See the scope"
    cursor = QTextCursor(window.article.document())
    cursor.setPosition(spec.start + 3)
    rect = window.article.cursorRect(cursor)
    assert (
        window.article.highlight_at(
            window.article.cursorForPosition(QPoint(rect.x(), rect.center().y())).position()
        )
        == spec
    )


def test_fuzzy_passage_is_stored_only_when_the_note_is_edited(
    qtbot: QtBot, make_window: WindowFactory, library: Path
) -> None:
    path = notes_file(library)
    path.parent.mkdir(parents=True)
    path.write_text(
        "format: reader-annotations\nversion: 1\narticle: " + SEED + "\nannotations:\n"
        "  - target:\n      exact: oversees and manages a large programme\n"
        "      prefix: 'program manager is a person who '\n"
        "      suffix: ', often with several projects an'\n",
        encoding="utf-8",
    )
    before = path.read_text(encoding="utf-8")
    window = make_window(library, open_post=SEED)
    (item,) = window.session.live()
    assert window.session.status(item.id).value == "fuzzy"
    assert len(window.article.highlights()) == 1
    window.session.flush()
    assert path.read_text(encoding="utf-8") == before  # found, but nothing rewritten yet
    window.session.update(item.id, note="checked")
    (entry,) = saved(window, library)["annotations"]
    assert entry["target"]["exact"] == QUOTE
    assert entry["note"] == "checked"


def test_sync_conflict_copies_are_merged_and_the_user_told(
    qtbot: QtBot, make_window: WindowFactory, library: Path
) -> None:
    highlighted_and_saved(qtbot, make_window, library).close()
    path = notes_file(library)
    mine = path.read_text(encoding="utf-8")
    theirs = mine.replace("color: yellow", "color: green").replace(
        "id: ", "id: 00000000-0000-4000-8000-00000000000", 1
    )
    conflict = path.with_name(f"{SEED}.sync-conflict-20261129-101010-ABCDEFG.yaml")
    conflict.write_text(theirs, encoding="utf-8")

    again = make_window(library, open_post=SEED)
    assert "Merged sync-conflict copies" in again.notice.text()
    assert sorted(item.color for item in again.session.live()) == ["green", "yellow"]
    assert not conflict.exists()
    assert list((path.parent / ".conflicts-merged").rglob("*.sync-conflict-*"))


def test_selection_across_table_cells_is_highlighted(
    qtbot: QtBot, make_window: WindowFactory, tmp_path: Path
) -> None:
    (tmp_path / "t.md").write_text(
        "# A vs. B\n\nIntro.\n\n| Aspect | A | B |\n|---|---|---|\n"
        "| Scope | wide view | narrow task |\n\nAfter the table.\n",
        encoding="utf-8",
    )
    window = make_window(tmp_path, open_post="t.md")
    view = window.article
    plain = view.document().toPlainText()
    start = plain.index("wide")
    cursor = QTextCursor(view.document())
    cursor.setPosition(start)
    cursor.setPosition(plain.index("narrow") + len("narrow"), QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    view.setFocus()
    press(qtbot, window, Qt.Key.Key_H)
    (item,) = window.session.live()
    text = window.session.article_text
    anchor = window.session.anchors[item.id]
    assert anchor is not None
    assert text[anchor.start : anchor.end] == item.target.exact
    assert item.target.exact == "wide view\nnarrow task"  # the whole cells Qt shows selected


def test_library_that_cannot_hold_notes_falls_back_and_says_so(
    qtbot: QtBot, make_window: WindowFactory, library: Path
) -> None:
    (library / ".annotations").write_text("a file where the notes folder would go", "utf-8")
    window = make_window(library, open_post=SEED)
    assert window.store is not None and window.store.fallback_reason
    label = window.status.notes_label
    assert label.isVisible() and "user folder" in label.text()
    assert str(window.store.notes_root) in label.toolTip()
    select_text(window, QUOTE)
    press(qtbot, window, Qt.Key.Key_H)
    assert window.session.flush()
    saved_file = window.store.notes_root / f"{SEED}.yaml"
    assert saved_file.is_file()
    assert not str(saved_file).startswith(str(library))


def test_reopening_the_same_post_keeps_unsaved_notes(
    qtbot: QtBot, make_window: WindowFactory, library: Path
) -> None:
    window = make_window(library, open_post=SEED)
    select_text(window, QUOTE)
    press(qtbot, window, Qt.Key.Key_H)
    assert window.session.dirty  # not saved yet
    window.menu_actions.theme_actions["dark"].trigger()  # re-renders and reopens the post
    assert len(window.session.live()) == 1
    assert len(saved(window, library)["annotations"]) == 1


def test_sides_from_a_compare_string_work_in_the_window(
    qtbot: QtBot, make_window: WindowFactory, tmp_path: Path
) -> None:
    (tmp_path / "p.md").write_text(
        "---\ntitle: Two roles\ncompare: Agile coach vs Scrum Master\n---\nSome text here.\n",
        encoding="utf-8",
    )
    window = make_window(tmp_path, open_post="p.md")
    assert window.session.sides() == ("Agile coach", "Scrum Master")


def test_a_conflict_copy_arriving_while_the_post_is_open_is_merged_at_the_next_save(
    qtbot: QtBot, make_window: WindowFactory, library: Path
) -> None:
    window = highlighted_and_saved(qtbot, make_window, library)
    path = notes_file(library)
    theirs = path.read_text(encoding="utf-8").replace("color: yellow", "color: green")
    theirs = theirs.replace("id: ", "id: 00000000-0000-4000-8000-00000000000", 1)
    conflict = path.with_name(f"{SEED}.sync-conflict-20261130-101010-ABCDEFG.yaml")
    conflict.write_text(theirs, encoding="utf-8")
    (item,) = window.session.live()
    window.session.update(item.id, note="edited while a copy arrived")
    assert window.session.flush()
    assert "Merged sync-conflict copies" in window.notice.text()
    assert not conflict.exists()
    assert sorted(entry["color"] for entry in saved(window, library)["annotations"]) == [
        "green",
        "yellow",
    ]
