"""Quitting: the notes a person just made reach the disk first, background work is told to
stop and never waited for, and a save the disk refuses is the person's decision."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
import yaml
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from reader.core.notes.store import NotesSaveError, NotesStore
from reader.ui.library.loader import LibraryLoader
from reader.ui.window.main_window import MainWindow
from reader.ui.window.theme import ThemeController
from tests.ui.conftest import WindowFactory
from tests.ui.person import Mods, Person, text_point

SEED = "program-manager-vs-project-manager.md"
QUOTE = "oversees and manages a large program"


def highlight(person: Person) -> None:
    view = person.window.article
    person.click(view.viewport(), text_point(view, QUOTE))
    person.press(Qt.Key.Key_Right, Mods.ShiftModifier, times=len(QUOTE))
    person.press(Qt.Key.Key_H)


def test_ctrl_q_right_after_a_highlight_saves_it(
    qtbot: QtBot, make_window: WindowFactory, library: Path
) -> None:
    window = make_window(library, open_post=SEED)
    person = Person(qtbot, window)
    highlight(person)
    assert window.session.dirty  # the autosave has not run yet
    person.press(Qt.Key.Key_Q, Mods.ControlModifier)
    assert not window.isVisible()
    data = yaml.safe_load((library / ".annotations" / f"{SEED}.yaml").read_text("utf-8"))
    assert [entry["target"]["exact"] for entry in data["annotations"]] == [QUOTE]


def test_closing_never_waits_for_a_scan(
    qtbot: QtBot,
    qapp: QApplication,
    library: Path,
    settings_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    release = threading.Event()
    started = threading.Event()

    def slow_scan(root: Path, **_: Any) -> Any:
        started.set()
        release.wait(30)  # a scan of a huge library, still going
        raise OSError("gone")

    monkeypatch.setattr("reader.ui.library.loader.scan_with_cache", slow_scan)
    settings = QSettings(str(settings_path), QSettings.Format.IniFormat)
    loader = LibraryLoader()
    window = MainWindow(settings, loader, ThemeController(qapp, "light"))
    qtbot.addWidget(window)
    window.show()
    window.open_library(library)
    assert started.wait(10)
    try:
        assert window.close()  # returns although the scan still runs
        assert loader._workers.busy()
        assert all(event.is_set() for _t, _w, event in loader._workers._running)
    finally:
        release.set()
        loader.wait()


def test_a_refused_save_at_quit_asks_and_cancel_keeps_the_window(
    qtbot: QtBot, make_window: WindowFactory, library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window(library, open_post=SEED)
    person = Person(qtbot, window)

    def refuse(self: NotesStore, *_: Any) -> Any:
        raise NotesSaveError("No space left on device")

    monkeypatch.setattr(NotesStore, "save", refuse)
    highlight(person)
    asked: list[str] = []

    def answer(button: str) -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        asked.append(box.informativeText())
        (chosen,) = [b for b in box.buttons() if b.text().replace("&", "") == button]
        chosen.click()

    QTimer.singleShot(0, lambda: answer("Cancel"))
    person.press(Qt.Key.Key_Q, Mods.ControlModifier)
    assert window.isVisible()  # the person chose to stay: nothing lost
    assert asked == ["No space left on device"]
    assert window.session.dirty

    def retry_then_drop() -> None:
        answer("Retry")  # the disk still refuses: asked again
        QTimer.singleShot(0, lambda: answer("Quit Without Saving"))

    QTimer.singleShot(0, retry_then_drop)
    window.close()
    assert not window.isVisible()
    assert asked == ["No space left on device"] * 3


def test_the_process_ends_at_once_with_its_output_flushed(tmp_path: Path) -> None:
    script = (
        "import sys, threading, time\n"
        "from reader.ui.window.closing import end_process\n"
        "threading.Thread(target=time.sleep, args=(60,)).start()  # work nobody waits for\n"
        "sys.stdout.write('saved')\n"
        "end_process(3)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=30, check=False
    )
    assert done.returncode == 3
    assert done.stdout == "saved" and done.stderr == ""
