"""The annotations panel, driven as a person does: click, type, press keys."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QComboBox, QPlainTextEdit
from pytestqt.qtbot import QtBot

from reader.ui.annotating.list_model import ID_ROLE
from reader.ui.annotating.list_view import AnnotationListView
from reader.ui.annotating.panel import AnnotationsPanel
from tests.ui.annotation_helpers import ARTICLE, ORPHAN_FILE, ORPHAN_ID, POST, Notes, open_notes


def _panel(qtbot: QtBot, notes: Notes) -> AnnotationsPanel:
    panel = AnnotationsPanel(notes.session)
    qtbot.addWidget(panel)
    panel.resize(420, 700)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def _shown(view: AnnotationListView) -> list[str]:
    model = view.model()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def _ids(view: AnnotationListView) -> list[str]:
    model = view.model()
    return [model.index(row, 0).data(ID_ROLE) for row in range(model.rowCount())]


def _row_point(view: AnnotationListView, annotation_id: str) -> QPoint:
    index = view.index_of(annotation_id)
    assert index.isValid(), f"{annotation_id} is not shown"
    return view.visualRect(index).center()


def _click(qtbot: QtBot, view: AnnotationListView, annotation_id: str) -> None:
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=_row_point(view, annotation_id)
    )


def _choose(qtbot: QtBot, combo: QComboBox, text: str) -> None:
    """Pick an entry with the keyboard, as a person tabbing through the filters would."""
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentText() == text:
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentText() == text, [combo.itemText(i) for i in range(combo.count())]


def _saved(notes: Notes) -> list[dict[str, object]]:
    assert notes.session.flush()
    data = yaml.safe_load(notes.notes_file.read_text(encoding="utf-8"))
    entries: list[dict[str, object]] = data["annotations"]
    return entries


@pytest.fixture
def three(tmp_path: Path) -> tuple[Notes, list[str]]:
    """A session with three annotations, made out of document order."""
    notes = open_notes(tmp_path)
    c = notes.create("clear communication", note="Both roles", tags=("skills",))
    a = notes.create("large program", side="Program Manager", aspect="Scope", color="green")
    b = notes.create("on budget", side="Project Manager", note="Money", tags=("Skills", "cost"))
    return notes, [a, b, c]


def test_shows_annotations_in_document_order_with_counts(
    qtbot: QtBot, three: tuple[Notes, list[str]]
) -> None:
    notes, ids = three
    panel = _panel(qtbot, notes)
    assert panel.objectName() == "annotations"
    assert panel.windowTitle() == "Annotations"
    assert _ids(panel.list) == ids
    assert _shown(panel.list)[0] == "“large program”\ngreen · Program Manager · Scope"
    assert _shown(panel.list)[1] == "“on budget”\nMoney\nyellow · Project Manager · #Skills · #cost"
    assert panel.counts.text() == "Program Manager 1 · Project Manager 1 · no side 1"
    assert not panel.orphans.isVisible()
    assert not panel.empty.isVisible()


def test_empty_post_says_how_to_start(qtbot: QtBot, tmp_path: Path) -> None:
    notes = open_notes(tmp_path)
    panel = _panel(qtbot, notes)
    assert panel.empty.isVisible()
    assert "press H" in panel.empty.text()
    made = notes.create("large program", side="Project Manager")
    assert _ids(panel.list) == [made]
    assert not panel.empty.isVisible()
    assert panel.counts.text() == "Program Manager 0 · Project Manager 1"


def test_filters_narrow_the_list(qtbot: QtBot, three: tuple[Notes, list[str]]) -> None:
    notes, (a, b, c) = three
    panel = _panel(qtbot, notes)
    qtbot.keyClicks(panel.filter_text, "money")
    assert _ids(panel.list) == [b]
    panel.filter_text.clear()
    assert _ids(panel.list) == [a, b, c]
    _choose(qtbot, panel.color_filter, "Green")
    assert _ids(panel.list) == [a]
    _choose(qtbot, panel.color_filter, "All colours")
    _choose(qtbot, panel.side_filter, "No side")
    assert _ids(panel.list) == [c]
    _choose(qtbot, panel.side_filter, "Project Manager")
    assert _ids(panel.list) == [b]
    _choose(qtbot, panel.side_filter, "All sides")
    assert [panel.tag_filter.itemText(i) for i in range(panel.tag_filter.count())] == [
        "All tags",
        "#cost",
        "#skills",
    ]
    _choose(qtbot, panel.tag_filter, "#skills")
    assert _ids(panel.list) == [b, c]
    qtbot.keyClicks(panel.filter_text, "zzz")
    assert _ids(panel.list) == []
    assert panel.empty.isVisible()
    assert panel.empty.text() == "No annotations match the filter."


def test_click_and_enter_activate_the_annotation(
    qtbot: QtBot, three: tuple[Notes, list[str]]
) -> None:
    notes, (a, b, _c) = three
    panel = _panel(qtbot, notes)
    with qtbot.waitSignal(panel.activated) as clicked:
        _click(qtbot, panel.list, b)
    assert clicked.args == [b]
    assert panel.selected_id() == b
    qtbot.keyClick(panel.list, Qt.Key.Key_Up)
    with qtbot.waitSignal(panel.activated) as entered:
        qtbot.keyClick(panel.list, Qt.Key.Key_Return)
    assert entered.args == [a]


def test_note_edited_in_place_is_saved(qtbot: QtBot, three: tuple[Notes, list[str]]) -> None:
    notes, (a, b, _c) = three
    panel = _panel(qtbot, notes)
    point = _row_point(panel.list, b)
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.mouseDClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=point)
    editor = panel.list.findChild(QPlainTextEdit, "noteEditor")
    assert editor is not None and editor.isVisible()
    assert editor.toPlainText() == "Money"
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, "Owns the budget")
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(editor, "and the dates")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not editor.isVisible())
    edited = notes.session.get(b)
    assert edited is not None and edited.note == "Owns the budget\nand the dates"
    assert "Owns the budget and the dates" in _shown(panel.list)[1]  # one line in the list
    assert panel.selected_id() == b
    by_id = {entry["id"]: entry for entry in _saved(notes)}
    assert by_id[b]["note"] == "Owns the budget\nand the dates"
    assert "note" not in by_id[a]
    notes.undo.undo()
    assert _shown(panel.list)[1].splitlines()[1] == "Money"


def test_f2_edits_and_escape_cancels(qtbot: QtBot, three: tuple[Notes, list[str]]) -> None:
    notes, (a, _b, _c) = three
    panel = _panel(qtbot, notes)
    _click(qtbot, panel.list, a)
    qtbot.keyClick(panel.list, Qt.Key.Key_F2)
    editor = panel.list.findChild(QPlainTextEdit, "noteEditor")
    assert editor is not None and editor.isVisible()
    qtbot.keyClicks(editor, "never kept")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not editor.isVisible())
    kept = notes.session.get(a)
    assert kept is not None and kept.note == ""
    assert notes.undo.count() == 3  # only the three highlights


def test_delete_key_and_button_remove_and_undo_restores(
    qtbot: QtBot, three: tuple[Notes, list[str]]
) -> None:
    notes, (a, b, c) = three
    panel = _panel(qtbot, notes)
    assert not panel.delete_button.isEnabled()
    _click(qtbot, panel.list, b)
    qtbot.keyClick(panel.list, Qt.Key.Key_Delete)
    assert _ids(panel.list) == [a, c]
    assert notes.session.get(b) is None
    assert panel.counts.text() == "Program Manager 1 · Project Manager 0 · no side 1"
    deleted = {entry["id"]: entry for entry in _saved(notes)}[b]
    assert "deleted" in deleted  # kept as a tombstone so merges do not bring it back
    notes.undo.undo()
    assert _ids(panel.list) == [a, b, c]
    assert "deleted" not in {entry["id"]: entry for entry in _saved(notes)}[b]
    _click(qtbot, panel.list, c)
    assert panel.delete_button.isEnabled()
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert _ids(panel.list) == [a, b]


def test_selection_is_kept_when_the_list_changes(
    qtbot: QtBot, three: tuple[Notes, list[str]]
) -> None:
    notes, (a, b, c) = three
    panel = _panel(qtbot, notes)
    _click(qtbot, panel.list, c)
    made = notes.create("A project manager")  # a new row above the selected one
    assert _ids(panel.list) == [a, made, b, c]
    assert panel.selected_id() == c
    notes.session.update(c, "Change colour", color="blue")
    assert panel.selected_id() == c
    assert panel.select(a)
    assert panel.list.current_id() == a


def test_orphans_listed_apart_with_reattach_and_delete(qtbot: QtBot, tmp_path: Path) -> None:
    notes = open_notes(tmp_path, ORPHAN_FILE)
    found = notes.create("large program", side="Program Manager")
    panel = _panel(qtbot, notes)
    assert _ids(panel.list) == [found]
    assert panel.orphans.isVisible()
    assert panel.orphans_title.text() == "Orphaned — passage not found (1)"
    assert _shown(panel.orphan_list) == [
        "“a sentence the author has since removed”\nWas about budgets.\npink · no side · orphaned"
    ]
    assert panel.counts.text() == "Program Manager 1 · Project Manager 0 · no side 1"
    assert not panel.reattach_button.isEnabled()
    _click(qtbot, panel.orphan_list, ORPHAN_ID)
    assert panel.reattach_button.isEnabled()
    with qtbot.waitSignal(panel.reattachRequested) as asked:
        qtbot.mouseClick(panel.reattach_button, Qt.MouseButton.LeftButton)
    assert asked.args == [ORPHAN_ID]
    qtbot.mouseClick(panel.delete_orphan_button, Qt.MouseButton.LeftButton)
    assert not panel.orphans.isVisible()
    assert notes.session.get(ORPHAN_ID) is None
    notes.undo.undo()
    assert panel.orphans.isVisible()
    assert _ids(panel.orphan_list) == [ORPHAN_ID]


def test_reattached_orphan_joins_the_list(qtbot: QtBot, tmp_path: Path) -> None:
    notes = open_notes(tmp_path, ORPHAN_FILE)
    panel = _panel(qtbot, notes)

    def reattach(annotation_id: str) -> None:
        # What the window does: take the person's selection as the orphan's new target.
        from reader.core.anchoring.targets import make_target

        start, end = notes.span("one project")
        target = make_target(ARTICLE, start, end)
        notes.session.update(annotation_id, "Re-attach", target=target)

    panel.reattachRequested.connect(reattach)
    _click(qtbot, panel.orphan_list, ORPHAN_ID)
    qtbot.mouseClick(panel.reattach_button, Qt.MouseButton.LeftButton)
    assert _ids(panel.list) == [ORPHAN_ID]
    assert not panel.orphans.isVisible()
    assert panel.selected_id() is None or panel.selected_id() == ORPHAN_ID
    entry = _saved(notes)[0]
    assert entry["target"] == {
        "exact": "one project",
        "prefix": ARTICLE[ARTICLE.index("one project") - 32 : ARTICLE.index("one project")],
        "suffix": ARTICLE[ARTICLE.index("one project") + 11 :][:32],
        "start": ARTICLE.index("one project"),
        "end": ARTICLE.index("one project") + 11,
    }


def test_moved_status_is_shown(qtbot: QtBot, tmp_path: Path) -> None:
    notes = open_notes(tmp_path)
    made = notes.create("large program")
    assert notes.session.flush()
    panel = _panel(qtbot, notes)
    notes.session.open_post(POST, "A new opening paragraph.\n" + ARTICLE)
    assert _shown(panel.list) == ["“large program”\nyellow · no side · moved"]
    assert _ids(panel.list) == [made]


def test_edit_note_opens_the_editor_and_orphans_can_be_deleted_by_key(
    qtbot: QtBot, tmp_path: Path
) -> None:
    notes = open_notes(tmp_path, ORPHAN_FILE)
    panel = _panel(qtbot, notes)
    assert panel.edit_note(ORPHAN_ID)
    editor = panel.orphan_list.findChild(QPlainTextEdit, "noteEditor")
    assert editor is not None and editor.isVisible()
    qtbot.keyClicks(editor, " Still true.")
    qtbot.keyClick(editor, Qt.Key.Key_Enter)
    qtbot.waitUntil(lambda: not editor.isVisible())
    assert _saved(notes)[0]["note"] == "Was about budgets. Still true."
    qtbot.keyClick(panel.orphan_list, Qt.Key.Key_Delete)
    assert notes.session.live() == ()
    assert not panel.orphans.isVisible()
    assert panel.empty.isVisible()


def test_read_only_notes_disable_changes(qtbot: QtBot, tmp_path: Path) -> None:
    notes = open_notes(tmp_path, ORPHAN_FILE)
    notes.session.read_only = True  # as when the notes file on disk cannot be read
    panel = _panel(qtbot, notes)
    _click(qtbot, panel.orphan_list, ORPHAN_ID)
    assert not panel.reattach_button.isEnabled()
    assert not panel.delete_orphan_button.isEnabled()
    assert not panel.edit_note(ORPHAN_ID)


NO_SIDE = "yellow · no side"
FUZZY_ROW = "“delivers one project on time and on budget”\n" + NO_SIDE + " · fuzzy"


def test_a_fuzzy_match_is_confirmed_by_button_or_key_and_undone(
    qtbot: QtBot, tmp_path: Path
) -> None:
    notes = open_notes(tmp_path)
    made = notes.create("delivers one project on time and on budget")
    assert notes.session.flush()
    panel = _panel(qtbot, notes)
    edited = ARTICLE.replace("delivers one project", "delivers a single project")
    notes.session.open_post(POST, edited)
    assert _shown(panel.list) == [FUZZY_ROW]
    assert not panel.confirm_button.isVisible()
    _click(qtbot, panel.list, made)
    assert panel.confirm_button.isVisible() and panel.confirm_button.isEnabled()
    panel.list.setFocus()
    qtbot.keyClick(panel.list, Qt.Key.Key_C)
    assert _shown(panel.list) == ["“delivers a single project on time and on budget”\n" + NO_SIDE]
    assert not panel.confirm_button.isVisible()
    assert _saved(notes)[0]["target"]["exact"] == "delivers a single project on time and on budget"  # type: ignore[index]
    notes.undo.undo()
    assert _shown(panel.list) == [FUZZY_ROW]
    _click(qtbot, panel.list, made)
    qtbot.mouseClick(panel.confirm_button, Qt.MouseButton.LeftButton)
    assert _saved(notes)[0]["target"]["exact"] == "delivers a single project on time and on budget"  # type: ignore[index]


def test_the_confirm_key_is_on_the_list_only_and_clashes_with_nothing(
    qtbot: QtBot, tmp_path: Path
) -> None:
    notes = open_notes(tmp_path)
    made = notes.create("delivers one project on time and on budget")
    assert notes.session.flush()
    panel = _panel(qtbot, notes)
    notes.session.open_post(POST, ARTICLE.replace("one project", "a single project"))
    _click(qtbot, panel.list, made)
    panel.filter_text.setFocus()
    qtbot.keyClicks(panel.filter_text, "c")
    assert panel.filter_text.text() == "c"  # typed into the filter, nothing confirmed
    assert notes.session.status(made).value == "fuzzy"
    assert "(C;" in panel.confirm_button.toolTip()


def test_an_orphan_offers_the_passage_most_like_its_quote(qtbot: QtBot, tmp_path: Path) -> None:
    orphan = ORPHAN_FILE.replace(
        "a sentence the author has since removed", "Both roles need clear and open communication"
    )
    notes = open_notes(tmp_path, orphan)
    panel = _panel(qtbot, notes)
    assert not panel.suggest_button.isVisible()
    _click(qtbot, panel.orphan_list, ORPHAN_ID)
    assert panel.suggest_button.isVisible()
    assert panel.suggestion_label.text().startswith("Perhaps: “Both roles need clear communication")
    qtbot.mouseClick(panel.suggest_button, Qt.MouseButton.LeftButton)
    assert _ids(panel.list) == [ORPHAN_ID]
    assert not panel.orphans.isVisible()
    assert _saved(notes)[0]["target"]["exact"].startswith("Both roles need clear communication")  # type: ignore[index]
    notes.undo.undo()
    assert _ids(panel.orphan_list) == [ORPHAN_ID]


def test_an_orphan_with_nothing_alike_gets_no_suggestion(qtbot: QtBot, tmp_path: Path) -> None:
    notes = open_notes(tmp_path, ORPHAN_FILE)
    panel = _panel(qtbot, notes)
    _click(qtbot, panel.orphan_list, ORPHAN_ID)
    assert not panel.suggest_button.isVisible()
    assert not panel.suggestion_label.isVisible()
