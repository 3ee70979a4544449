"""File → Export Notes… as a person sees it: labels with their keys, the Tag choice only when
it applies, and a sensible first place to save."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from reader.ui.export.dialog import ExportDialog
from reader.ui.window.theme import apply_theme
from tests.ui.conftest import WindowFactory
from tests.ui.person import Mods, Person

SEED = "program-manager-vs-project-manager.md"


def open_dialog(qtbot: QtBot, person: Person, check: object) -> None:
    """Ctrl+E, then `check(dialog)` while it is open, then Esc."""
    seen: list[bool] = []

    def inspect() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ExportDialog)
        try:
            check(dialog)  # type: ignore[operator]
            seen.append(True)
        finally:
            dialog.reject()

    QTimer.singleShot(50, inspect)
    person.press(Qt.Key.Key_E, Mods.ControlModifier)
    assert seen == [True]


def test_labels_the_tag_choice_and_the_first_destination(
    qtbot: QtBot,
    make_window: WindowFactory,
    library: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    documents = tmp_path / "Documents"
    documents.mkdir()
    monkeypatch.setattr(
        "reader.ui.export.dialog.QStandardPaths.writableLocation", lambda _kind: str(documents)
    )
    window = make_window(library, open_post=SEED)
    person = Person(qtbot, window)

    def check(dialog: ExportDialog) -> None:
        raw = [
            label.text()
            for label in dialog.findChildren(QLabel)
            if "&" in label.text().replace("&&", "") and label.buddy() is None
        ]
        assert raw == []  # every "&Key" label has its field: no literal "&Save to"
        assert dialog.destination_label.buddy() is dialog.destination
        assert dialog.scope.currentText() == "This post"
        assert not dialog.tag.isVisible() and not dialog.tag.isEnabled()
        assert Path(dialog.destination.text()) == documents / (
            "program-manager-vs-project-manager-notes.md"
        )
        dialog.scope.setCurrentIndex(dialog.scope.findData("tag"))
        assert dialog.tag.isVisible() and dialog.tag.isEnabled()
        assert Path(dialog.destination.text()).name.endswith(
            f"-{dialog.tag.currentText()}-notes.md"
        )
        dialog.scope.setCurrentIndex(dialog.scope.findData("library"))
        assert not dialog.tag.isVisible()
        assert Path(dialog.destination.text()).name == "articles-notes.md"
        dialog.destination.setText(str(documents / "mine.md"))
        dialog.scope.setCurrentIndex(dialog.scope.findData("post"))
        assert Path(dialog.destination.text()).name == "mine.md"  # a typed name is kept

    open_dialog(qtbot, person, check)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_a_disabled_field_looks_disabled(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, theme: str
) -> None:
    apply_theme(qapp, theme)
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    dialog = ExportDialog(settings, ["agile"], tmp_path, True)
    qtbot.addWidget(dialog)
    palette = dialog.tag.palette()
    enabled = palette.color(palette.ColorGroup.Active, palette.ColorRole.ButtonText)
    disabled = palette.color(palette.ColorGroup.Disabled, palette.ColorRole.ButtonText)
    assert enabled != disabled
