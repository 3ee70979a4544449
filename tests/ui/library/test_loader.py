"""A scan that fails for any reason ends in a message in the window, never in waiting."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reader.ui.library import loader as loader_module
from reader.ui.library.loader import LibraryLoader
from reader.ui.window.main_window import MainWindow
from reader.ui.window.theme import ThemeController
from tests.ui.conftest import wait_for_counts


def test_an_unexpected_scan_error_is_shown_and_ends_the_progress(
    qtbot: QtBot,
    qapp: QApplication,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    (tmp_path / "a.md").write_text("# A\n", encoding="utf-8")

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("the disk said something odd")

    monkeypatch.setattr(loader_module, "scan_with_cache", broken)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings, LibraryLoader(), ThemeController(qapp, "light"))
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.loader.failed, timeout=10_000):
        window.open_library(tmp_path)
    window.loader.wait()
    shown = window.article.toPlainText()
    assert "failed: RuntimeError: the disk said something odd" in shown
    assert window.status.progress.isHidden()
    assert "the disk said something odd" in window.notice.text()
    capsys.readouterr()


def test_a_set_used_as_a_key_lists_the_post_with_a_problem(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    (tmp_path / "odd.md").write_text("---\n? !!set {a}\n: b\n---\n# Odd\n", encoding="utf-8")
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings, LibraryLoader(), ThemeController(qapp, "light"))
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.loader.loaded, timeout=10_000):
        window.open_library(tmp_path)
    window.loader.wait()
    wait_for_counts(qtbot, window)
    assert window.post_proxy.rowCount() == 1
    assert window.counts_button.text() == "1 post · 1 problem"


def test_posts_changed_while_closed_replace_the_stored_list_shown_first(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    root = tmp_path / "lib"
    root.mkdir()
    for name, day in (("a", "01"), ("b", "02"), ("c", "03")):
        (root / f"{name}.md").write_text(
            f"---\ntitle: Post {name.upper()}\ndate: 2024-01-{day}\n---\nText.\n", "utf-8"
        )
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)

    def open_window() -> MainWindow:
        window = MainWindow(settings, LibraryLoader(), ThemeController(qapp, "light"))
        qtbot.addWidget(window)
        window.show()
        with qtbot.waitSignal(window.loader.loaded, timeout=10_000):
            window.open_library(root)
        return window

    first = open_window()
    first.loader.wait()  # the cache is written
    first.close()
    (root / "b.md").write_text("---\ntitle: Post B, edited\ndate: 2024-01-02\n---\nMore.\n")
    (root / "c.md").unlink()
    (root / "d.md").write_text("---\ntitle: Post D\ndate: 2024-01-04\n---\nNew.\n", "utf-8")
    window = open_window()
    qtbot.waitUntil(lambda: window.post_proxy.rowCount() == 3, timeout=10_000)
    window.loader.wait()
    qtbot.waitUntil(
        lambda: window.post_proxy.stringList() == ["Post D", "Post B, edited", "Post A"],
        timeout=10_000,
    )
    assert window.library is not None and window.library.find("c.md") is None
