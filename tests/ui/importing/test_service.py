"""Planning an import off the GUI thread: a plan or a message, and the preview of it."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from reader.core.library.scan import scan_library
from reader.core.notes.store import NotesStore
from reader.ui.importing.preview import ImportPreview
from reader.ui.importing.service import ImportService
from tests.conftest import FIXTURES

SAMPLE = FIXTURES / "import" / "hypothesis-search.json"


def test_a_plan_comes_back_and_is_previewed(qtbot: QtBot, library: Path) -> None:
    service = ImportService()
    lib = scan_library(library)
    with qtbot.waitSignal(service.planned, timeout=20_000) as blocker:
        assert service.plan(lib, NotesStore(library), SAMPLE)
    plan = blocker.args[0]
    assert plan.to_write == 6
    preview = ImportPreview(plan)
    qtbot.addWidget(preview)
    assert preview.import_button.text() == "&Import 6 Notes" and preview.import_button.isEnabled()
    assert "Would import 6 notes into 3 posts" in preview.report.toPlainText()
    assert not (library / ".annotations").exists()  # planning writes nothing


def test_a_bad_file_comes_back_as_a_message(qtbot: QtBot, library: Path, tmp_path: Path) -> None:
    service = ImportService()
    missing = tmp_path / "absent.json"
    with qtbot.waitSignal(service.failed, timeout=20_000) as blocker:
        service.plan(scan_library(library), NotesStore(library), missing)
    assert blocker.args[0].startswith("no such file") and "nothing was imported" in blocker.args[0]


def test_nothing_new_disables_import(qtbot: QtBot, library: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.json"
    empty.write_text("[]", encoding="utf-8")
    service = ImportService()
    with qtbot.waitSignal(service.planned, timeout=20_000) as blocker:
        service.plan(scan_library(library), NotesStore(library), empty)
    preview = ImportPreview(blocker.args[0])
    qtbot.addWidget(preview)
    assert not preview.import_button.isEnabled()
    assert preview.summary.text().startswith("Nothing new to import")


def test_enter_imports_and_escape_cancels(qtbot: QtBot, library: Path) -> None:
    from PySide6.QtCore import Qt

    service = ImportService()
    with qtbot.waitSignal(service.planned, timeout=20_000) as blocker:
        service.plan(scan_library(library), NotesStore(library), SAMPLE)
    for key, accepted in ((Qt.Key.Key_Return, True), (Qt.Key.Key_Escape, False)):
        preview = ImportPreview(blocker.args[0])
        qtbot.addWidget(preview)
        preview.show()
        qtbot.waitExposed(preview)
        focused = preview.focusWidget()
        assert focused is preview.import_button
        with qtbot.waitSignal(preview.finished) as done:
            qtbot.keyClick(focused, key)
        assert done.args[0] == (1 if accepted else 0)
