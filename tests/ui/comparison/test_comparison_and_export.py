"""The comparison view and File → Export Notes…, driven from the window."""

from __future__ import annotations

import csv
import io
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from reader.core.export import run as export_run
from reader.ui.export.dialog import ExportDialog
from reader.ui.window import notes_jobs as notes_jobs_module
from reader.ui.window.main_window import MainWindow
from tests.ui.annotating.test_annotating import open_editor, press, select_text
from tests.ui.conftest import WindowFactory

SEED = "program-manager-vs-project-manager.md"


def label(qtbot: QtBot, window: MainWindow, text: str, side_key: Qt.Key, aspect: str) -> None:
    select_text(window, text)
    press(qtbot, window, side_key)
    editor = open_editor(qtbot, window, Qt.Key.Key_A)
    editor.aspect.setCurrentText(aspect)
    editor.accept()


@pytest.fixture
def labelled(qtbot: QtBot, make_window: WindowFactory, library: Path) -> MainWindow:
    window = make_window(library, open_post=SEED)
    label(qtbot, window, "oversees and manages a large program", Qt.Key.Key_1, "Scope")
    label(qtbot, window, "acts as the “owner” of a specific project", Qt.Key.Key_2, "Scope")
    label(qtbot, window, "big-picture goals and strategy", Qt.Key.Key_1, "Focus")
    window.session.flush()
    return window


def test_comparison_table_of_the_bundled_article(
    qtbot: QtBot, labelled: MainWindow, qtmodeltester: ModelTester
) -> None:
    window = labelled
    window.menu_actions.comparison.trigger()
    assert window.comparison.isVisible()
    model = window.comparison.model
    qtmodeltester.check(model)
    columns = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    rows = [model.headerData(r, Qt.Orientation.Vertical) for r in range(model.rowCount())]
    assert columns == ["Program Manager (2)", "Project Manager (1)"]
    assert rows == ["Scope (2)", "Focus (1)"]
    assert "oversees and manages a large program" in model.index(0, 0).data()
    assert "owner" in model.index(0, 1).data()
    assert model.index(1, 1).data() == "— gap —"  # Focus has no Project Manager quote yet


def test_clicking_a_cell_opens_the_passage(qtbot: QtBot, labelled: MainWindow) -> None:
    window = labelled
    window.menu_actions.comparison.trigger()
    window.open_post("product-manager-vs-project-manager.md")
    assert window.article.current_post().path != SEED  # type: ignore[union-attr]
    view = window.comparison.view
    window.comparison.scope.setCurrentIndex(window.comparison.scope.count() - 1)  # library
    qtbot.waitUntil(lambda: not window.comparison.building, timeout=10_000)
    index = window.comparison.model.index(0, 0)
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
    )
    assert window.article.current_post().path == SEED  # type: ignore[union-attr]
    flashed = window.article.flashing()
    assert flashed is not None
    (spec,) = [s for s in window.article.highlights() if s.annotation_id == flashed]
    cursor = window.article.textCursor()
    cursor.setPosition(spec.start)
    cursor.setPosition(spec.end, cursor.MoveMode.KeepAnchor)
    assert cursor.selectedText() == "oversees and manages a large program"
    assert window.annotations_panel.selected_id() == flashed


def test_export_dialog_writes_csv_and_remembers_choices(
    qtbot: QtBot, labelled: MainWindow, tmp_path: Path, settings_path: Path
) -> None:
    window = labelled
    destination = tmp_path / "out" / "notes.csv"
    destination.parent.mkdir()

    def fill_and_accept() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ExportDialog)
        dialog.format.setCurrentText("csv")
        dialog.scope.setCurrentIndex(dialog.scope.findData("post"))
        dialog.side.setText("Program Manager")
        dialog.destination.setText(str(destination))
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    QTimer.singleShot(0, fill_and_accept)
    window.menu_actions.export.trigger()
    qtbot.waitUntil(lambda: "Exported" in window.notice.text())  # written in the background
    rows = list(csv.DictReader(io.StringIO(destination.read_text(encoding="utf-8-sig"))))
    assert [row["quote"] for row in rows] == [
        "oversees and manages a large program",
        "big-picture goals and strategy",
    ]
    assert {row["side"] for row in rows} == {"Program Manager"}
    assert "Exported 2 notes" in window.notice.text()
    settings = QSettings(str(settings_path), QSettings.Format.IniFormat)
    again = ExportDialog(settings, [], tmp_path, True)
    assert again.format.currentText() == "csv"
    assert again.side.text() == "Program Manager"


def test_export_to_an_impossible_place_says_so(
    qtbot: QtBot, labelled: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    warnings: list[str] = []
    monkeypatch.setattr(
        "reader.ui.export.dialog.QMessageBox.warning",
        lambda _parent, _title, text: warnings.append(text),
    )
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")

    def fill_and_accept() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ExportDialog)
        dialog.destination.setText(str(blocker / "notes.md"))
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    QTimer.singleShot(0, fill_and_accept)
    labelled.menu_actions.export.trigger()
    qtbot.waitUntil(lambda: bool(warnings))
    assert warnings[0].startswith("Nothing was written")
    assert "Export failed" in labelled.notice.text()


def test_this_post_scope_follows_the_open_post(labelled: MainWindow) -> None:
    window = labelled
    window.menu_actions.comparison.trigger()
    assert window.comparison.model.rowCount() == 2
    window.open_post("product-manager-vs-project-manager.md")
    assert window.comparison.model.rowCount() == 0  # that post has no labelled passages
    window.open_post(SEED)
    assert window.comparison.model.rowCount() == 2


def test_the_library_table_is_built_in_the_background(
    qtbot: QtBot, labelled: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = labelled
    window.menu_actions.comparison.trigger()
    gate = threading.Event()
    original = export_run.comparison_for_scope

    def slow(*args: Any, **kwargs: Any) -> Any:
        assert threading.current_thread() is not threading.main_thread()
        gate.wait(10)
        return original(*args, **kwargs)

    monkeypatch.setattr(notes_jobs_module, "comparison_for_scope", slow)
    window.comparison.scope.setCurrentIndex(window.comparison.scope.count() - 1)  # library
    assert window.comparison.building  # the window did not wait
    assert window.comparison.summary.text().startswith("Building the comparison table")
    gate.set()
    qtbot.waitUntil(lambda: not window.comparison.building, timeout=10_000)
    assert "labelled passages in 1 post;" in window.comparison.summary.text()
    assert window.comparison.model.rowCount() == 2


def test_a_failed_library_table_says_why(
    qtbot: QtBot, labelled: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = labelled
    window.menu_actions.comparison.trigger()

    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise RuntimeError("notes folder vanished")

    monkeypatch.setattr(notes_jobs_module, "comparison_for_scope", broken)
    window.comparison.scope.setCurrentIndex(window.comparison.scope.count() - 1)
    qtbot.waitUntil(lambda: not window.comparison.building, timeout=10_000)
    assert "could not be built: RuntimeError: notes folder vanished" in (
        window.comparison.summary.text()
    )
    assert window.comparison.model.rowCount() == 0
