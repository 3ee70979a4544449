"""File → Open in Editor, Show in Folder, Print, Export as PDF, Import Notes; Help → About."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import cast

import pytest
from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit
from pytestqt.qtbot import QtBot

from reader.ui.export.print_dialogs import PrintNotesTab
from reader.ui.importing.preview import ImportPreview
from reader.ui.window.about import AboutDialog
from reader.ui.window.main_window import MainWindow
from tests.conftest import FIXTURES
from tests.ui.conftest import WindowFactory

SEED = "program-manager-vs-project-manager.md"
SAMPLE = FIXTURES / "import" / "hypothesis-search.json"
pypdf = pytest.importorskip("pypdf")


@pytest.fixture
def annotated(library: Path) -> Path:
    notes = library / ".annotations"
    notes.mkdir()
    shutil.copy(FIXTURES / "export" / "notes" / f"{SEED}.yaml", notes)
    return library


class Recorder:
    def __init__(self, answer: bool = True) -> None:
        self.calls: list[object] = []
        self.answer = answer

    def __call__(self, value: object) -> bool:
        self.calls.append(value)
        return self.answer


def press(qtbot: QtBot, window: MainWindow, keys: str) -> None:
    sequence = QKeySequence(keys)[0]  # type: ignore[index]  # the stub lacks __getitem__
    window.article.setFocus()
    qtbot.keyClick(window.article, sequence.key(), sequence.keyboardModifiers())


def when_modal(kind: type, act: Callable[[QDialog], None]) -> QTimer:
    """Act on the next modal dialog of `kind` as soon as it shows (polling, as it may open late)."""
    timer = QTimer()
    timer.setInterval(30)

    def check() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind):
            timer.stop()
            act(cast(QDialog, dialog))

    timer.timeout.connect(check)
    timer.start()
    return timer


def pdf_text(path: Path) -> str:
    text = "".join(page.extract_text() or "" for page in pypdf.PdfReader(str(path)).pages)
    return "".join(text.split())


def test_open_in_editor_opens_the_post_file(
    qtbot: QtBot, make_window: WindowFactory, library: Path
) -> None:
    window = make_window(library, open_post=SEED)
    opened = Recorder()
    window.desktop.open_url = opened
    press(qtbot, window, "Ctrl+Shift+E")
    assert opened.calls == [QUrl.fromLocalFile(str(library / SEED))]
    assert "in your editor" in window.notice.text()


def test_show_in_folder_selects_the_post_or_opens_its_folder(
    qtbot: QtBot, make_window: WindowFactory, library: Path
) -> None:
    window = make_window(library, open_post="portfolio-vs-program-management/index.md")
    shown, opened = Recorder(answer=False), Recorder()
    window.desktop.show_item, window.desktop.open_url = shown, opened
    press(qtbot, window, "Ctrl+Shift+R")
    post = library / "portfolio-vs-program-management" / "index.md"
    assert shown.calls == [post]
    assert opened.calls == [QUrl.fromLocalFile(str(post.parent))]  # no file manager answered


def test_without_a_post_nothing_is_opened(make_window: WindowFactory, library: Path) -> None:
    window = make_window(library)
    opened = Recorder()
    window.desktop.open_url = opened
    window.menu_actions.open_in_editor.trigger()
    assert opened.calls == [] and window.notice.text() == "Open a post first."


def test_export_post_as_pdf_in_dark_theme_prints_light(
    qtbot: QtBot, make_window: WindowFactory, annotated: Path, tmp_path: Path
) -> None:
    window = make_window(annotated, open_post=SEED, theme="dark")
    target = tmp_path / "out" / "post.pdf"
    target.parent.mkdir()

    def fill(dialog: QDialog) -> None:
        field = dialog.findChild(QLineEdit)
        assert field is not None
        field.selectAll()
        qtbot.keyClicks(field, str(target.with_suffix("")))  # ".pdf" is added
        qtbot.keyClick(field, Qt.Key.Key_Return)

    timer = when_modal(QDialog, fill)
    press(qtbot, window, "Ctrl+Shift+P")
    timer.stop()
    assert target.is_file(), window.notice.text()
    assert "Saved" in window.notice.text() and str(target) in window.notice.text()
    text = pdf_text(target)
    assert "Manyprojectsunderoneumbrella." in text and "Execution." in text
    assert window.themes.effective() == "dark"
    if shutil.which("pdftoppm"):  # the paper is white although the screen is dark
        import subprocess

        from PySide6.QtGui import QImage

        args = ["pdftoppm", "-r", "30", "-png", "-f", "2", "-l", "2", str(target)]
        subprocess.run([*args, str(tmp_path / "page")], check=True, timeout=120)
        (png,) = tmp_path.glob("page*.png")
        image = QImage(str(png))
        middle = image.pixelColor(image.width() // 2, image.height() // 2)
        assert image.pixelColor(3, 3).lightness() > 245 and middle.lightness() > 200


def test_print_goes_through_the_print_dialog(
    qtbot: QtBot,
    make_window: WindowFactory,
    annotated: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = make_window(annotated, open_post=SEED)
    target = tmp_path / "printed.pdf"
    seen: list[list[str]] = []

    def accept(dialog: QPrintDialog) -> int:
        seen.append([tab.windowTitle() for tab in dialog.findChildren(PrintNotesTab)])
        printer = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    press(qtbot, window, "Ctrl+P")
    assert target.is_file()
    assert "Manyprojectsunderoneumbrella." in pdf_text(target)
    assert window.notice.text().startswith("Sent “Program Manager vs. Project Manager")
    assert seen == [["Notes"]]  # where notes go is chosen on the print dialog's own tab


def test_import_notes_previews_then_writes(
    qtbot: QtBot, make_window: WindowFactory, library: Path
) -> None:
    window = make_window(library, open_post=SEED)
    assert window.session.live() == ()
    reports: list[str] = []

    def confirm(dialog: QDialog) -> None:
        assert isinstance(dialog, ImportPreview)
        reports.append(dialog.report.toPlainText())
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)

    timer = when_modal(ImportPreview, confirm)
    window.desktop.import_notes(SAMPLE)
    qtbot.waitUntil(lambda: window.notice.text().startswith("Imported"), timeout=20_000)
    timer.stop()
    assert "Would import 6 notes into 3 posts" in reports[0]
    assert window.notice.text().startswith("Imported 6 notes into 3 posts")
    assert (library / ".annotations" / "scrum-master-vs-project-manager.md.yaml").is_file()
    assert len(window.session.live()) == 4  # the open post shows its imported notes
    assert len(window.article.highlights()) == 3  # one of them is not in the post


def test_cancelling_an_import_writes_nothing(
    qtbot: QtBot, make_window: WindowFactory, library: Path
) -> None:
    window = make_window(library, open_post=SEED)
    timer = when_modal(ImportPreview, lambda dialog: dialog.reject())
    window.desktop.import_notes(SAMPLE)
    qtbot.waitUntil(lambda: window.notice.text().startswith("Nothing was imported"), timeout=20_000)
    timer.stop()
    assert not (library / ".annotations").exists()


def test_a_bad_import_file_is_a_message(
    qtbot: QtBot, make_window: WindowFactory, library: Path, tmp_path: Path
) -> None:
    window = make_window(library)
    bad = tmp_path / "bad.json"
    bad.write_text('{"rows": 7}', encoding="utf-8")
    window.desktop.import_notes(bad)
    qtbot.waitUntil(lambda: "not an annotation export" in window.notice.text(), timeout=20_000)
    assert "nothing was imported" in window.notice.text()


def test_about_shows_the_versions(qtbot: QtBot, make_window: WindowFactory, library: Path) -> None:
    window = make_window(library)
    texts: list[str] = []

    def read(dialog: QDialog) -> None:
        assert isinstance(dialog, AboutDialog)
        texts.append(dialog.label.text())
        dialog.accept()

    timer = when_modal(AboutDialog, read)
    window.menu_actions.about.trigger()
    timer.stop()
    import PySide6
    from PySide6.QtCore import qVersion

    from reader import __version__

    assert f"reader {__version__}" in texts[0]
    assert qVersion() in texts[0] and PySide6.__version__ in texts[0]
    assert "Python-Markdown" in texts[0] or "markdown-it-py" in texts[0]


def test_the_file_menu_and_no_shortcut_is_taken_twice(
    make_window: WindowFactory, library: Path
) -> None:
    window = make_window(library)
    labels = [a.text() for a in window.menu_actions.file_menu.actions() if not a.isSeparator()]
    at = labels.index("&Export Notes…")
    assert labels[at:] == [
        "&Export Notes…",
        "&Import Notes…",
        "Open in E&ditor",
        "Show in &Folder",
        "&Print…",
        "Export Post &as PDF…",
        "&Quit",
    ]
    mnemonics = [label[label.index("&") + 1].lower() for label in labels if "&" in label]
    assert len(mnemonics) == len(set(mnemonics)) == len(labels)  # each its own letter
    help_menu = window.menu_actions.help_menu
    assert [a.text() for a in help_menu.actions()] == ["&About reader"]
    owners: dict[str, str] = {}
    clashes = []
    for action in window.findChildren(QAction):
        for shortcut in action.shortcuts():
            key = shortcut.toString()
            if key in owners and owners[key] != action.text():
                clashes.append((key, owners[key], action.text()))
            owners[key] = action.text()
    assert clashes == []
    for key in ("Ctrl+I", "Ctrl+Shift+E", "Ctrl+Shift+R", "Ctrl+P", "Ctrl+Shift+P"):
        assert key in owners
