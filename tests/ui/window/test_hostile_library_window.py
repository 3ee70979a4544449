"""The window on a library that attacks it: FIFOs where posts and notes should be, a notes
folder leading out. It opens, stays responsive, says what is wrong and writes nothing out."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from tests.ui.conftest import WindowFactory

SEED = "program-manager-vs-project-manager.md"
QUOTE = "oversees and manages a large program"
DEADLINE_S = 10


class Hung(Exception):
    """The window did not come back in time (a blocking open would hang it for ever)."""


@pytest.fixture(autouse=True)
def deadline() -> Iterator[None]:
    def expire(_signum: int, _frame: FrameType | None) -> None:
        raise Hung(f"the window did not respond within {DEADLINE_S} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, DEADLINE_S)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_fifo_post_and_fifo_notes_file(
    qtbot: QtBot, make_window: WindowFactory, library: Path
) -> None:
    os.mkfifo(library / "x.md")
    notes = library / ".annotations"
    notes.mkdir()
    os.mkfifo(notes / f"{SEED}.yaml")
    window = make_window(library, open_post=SEED)
    assert window.library is not None and window.library.find("x.md") is None
    assert any(p.path == "x.md" for p in window.library.all_problems())
    assert window.session.read_only and "FIFO" in window.notice.text()
    qtbot.keyClick(window.article, Qt.Key.Key_H)  # annotating is refused, not hung
    assert os.path.exists(notes / f"{SEED}.yaml") and not (notes / f"{SEED}.yaml").is_file()


def test_notes_folder_leading_out_goes_to_the_user_folder(
    qtbot: QtBot, make_window: WindowFactory, library: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (library / ".annotations").symlink_to(outside)
    window = make_window(library, open_post=SEED)
    assert window.store is not None and window.store.fallback_reason
    assert "leads outside the library" in window.store.fallback_reason
    assert "user folder" in window.status.notes_label.text()
    plain = window.article.document().toPlainText()
    cursor = QTextCursor(window.article.document())
    cursor.setPosition(plain.index(QUOTE))
    cursor.setPosition(plain.index(QUOTE) + len(QUOTE), QTextCursor.MoveMode.KeepAnchor)
    window.article.setTextCursor(cursor)
    window.article.setFocus()
    qtbot.keyClick(window.article, Qt.Key.Key_H)
    assert window.session.flush() and len(window.session.live()) == 1
    assert list(outside.iterdir()) == []  # neither the notes file nor the lock
    assert (window.store.notes_root / f"{SEED}.yaml").is_file()
