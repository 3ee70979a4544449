"""The annotations panel's model and its filters."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from reader.core.anchoring.targets import Anchor, AnchorStatus
from reader.ui.annotating.list_model import (
    ID_ROLE,
    NO_SIDE,
    ORPHAN_ROLE,
    STATUS_ROLE,
    AnnotationFilter,
    AnnotationListModel,
    excerpt,
    status_of,
)
from reader.ui.annotating.panel import side_counts
from tests.ui.annotation_helpers import ARTICLE, ORPHAN_FILE, ORPHAN_ID, POST, open_notes

pytestmark = pytest.mark.usefixtures("qapp")  # the session holds timers and a file watcher


def _ids(model: AnnotationListModel | AnnotationFilter) -> list[str]:
    return [model.index(row, 0).data(ID_ROLE) for row in range(model.rowCount())]


def test_rows_in_document_order_orphans_last(tmp_path: Path, qtmodeltester: ModelTester) -> None:
    notes = open_notes(tmp_path, ORPHAN_FILE)
    model = AnnotationListModel(notes.session)
    later = notes.create("clear communication", note="Both", tags=("skills",))
    earlier = notes.create("large program", side="Program Manager", aspect="Scope")
    qtmodeltester.check(model)
    assert _ids(model) == [earlier, later, ORPHAN_ID]
    first = model.index(0, 0)
    assert first.data() == "“large program”\nyellow · Program Manager · Scope"
    assert model.index(1, 0).data() == "“clear communication”\nBoth\nyellow · no side · #skills"
    assert first.data(Qt.ItemDataRole.EditRole) == ""
    assert first.data(STATUS_ROLE) == "anchored"
    orphan = model.index(2, 0)
    assert orphan.data(ORPHAN_ROLE) is True
    assert orphan.data() == (
        "“a sentence the author has since removed”\nWas about budgets.\npink · no side · orphaned"
    )
    assert "Re-attach" in orphan.data(Qt.ItemDataRole.ToolTipRole)


def test_moved_status_and_order_follow_the_current_text(
    tmp_path: Path, qtmodeltester: ModelTester
) -> None:
    notes = open_notes(tmp_path)
    first = notes.create("large program")
    second = notes.create("on budget")
    assert notes.session.flush()
    # The author swaps the two sentences: both quotes are found, elsewhere.
    lines = ARTICLE.splitlines(keepends=True)
    notes.session.open_post(POST, lines[0] + lines[2] + lines[1] + lines[3])
    model = AnnotationListModel(notes.session)
    qtmodeltester.check(model)
    assert _ids(model) == [second, first]
    assert [model.index(r, 0).data(STATUS_ROLE) for r in range(2)] == ["moved", "moved"]
    assert model.index(0, 0).data().endswith("yellow · no side · moved")


def test_editing_a_row_edits_the_note_undoably(tmp_path: Path) -> None:
    notes = open_notes(tmp_path)
    made = notes.create("large program", note="old")
    model = AnnotationListModel(notes.session)
    assert model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
    assert model.setData(model.index(0, 0), "new note")
    note = notes.session.get(made)
    assert note is not None and note.note == "new note"
    assert model.index(0, 0).data(Qt.ItemDataRole.EditRole) == "new note"
    notes.undo.undo()
    assert model.index(0, 0).data(Qt.ItemDataRole.EditRole) == "old"
    assert not model.setData(model.index(0, 0), 3)


def test_read_only_notes_are_not_editable(tmp_path: Path) -> None:
    notes = open_notes(tmp_path, "annotations: [unclosed\n")
    assert notes.session.read_only
    model = AnnotationListModel(notes.session)
    assert model.rowCount() == 0
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable


def test_filters_narrow_by_text_colour_side_tag(tmp_path: Path, qtmodeltester: ModelTester) -> None:
    notes = open_notes(tmp_path, ORPHAN_FILE)
    a = notes.create("large program", side="Program Manager", color="green", tags=("Scope",))
    b = notes.create("on budget", side="Project Manager", aspect="Money")
    c = notes.create("stakeholders", note="talk to everyone", tags=("scope", "people"))
    model = AnnotationListModel(notes.session)
    found = AnnotationFilter(orphans=False)
    found.setSourceModel(model)
    lost = AnnotationFilter(orphans=True)
    lost.setSourceModel(model)
    qtmodeltester.check(found)
    assert _ids(found) == [a, b, c]
    assert _ids(lost) == [ORPHAN_ID]
    found.set_text("EVERYONE")  # the note
    assert _ids(found) == [c]
    found.set_text("money")  # the aspect
    assert _ids(found) == [b]
    found.set_text("people")  # a tag
    assert _ids(found) == [c]
    found.set_text("")
    found.set_color("green")
    assert _ids(found) == [a]
    found.set_color(None)
    found.set_side(NO_SIDE)
    assert _ids(found) == [c]
    found.set_side("Project Manager")
    assert _ids(found) == [b]
    found.set_side(None)
    found.set_tag("SCOPE")
    assert _ids(found) == [a, c]
    lost.set_text("budgets")
    assert _ids(lost) == [ORPHAN_ID]
    lost.set_text("program")
    assert _ids(lost) == []


def test_helpers() -> None:
    assert status_of(None) == "orphaned"
    assert status_of(Anchor(1, 2, AnchorStatus.FUZZY)) == "fuzzy"
    assert excerpt("a\n  b", 10) == "a b"
    assert excerpt("abcdefghij", 5) == "abcd…"
    sides = ("Program Manager", "Project Manager")
    used = ["Project Manager", NO_SIDE, "Other", "Project Manager"]
    assert side_counts(sides, used) == [
        ("Program Manager", 0),
        ("Project Manager", 2),
        ("Other", 1),
        ("no side", 1),
    ]
