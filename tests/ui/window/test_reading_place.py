"""Where the reader was: the post last read reopens, and the passage at the top stays at the
top through a theme switch, a zoom, a restart and an edit of the post above it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from reader.cli.gui_command import BUNDLED_HOME_POST
from reader.ui.common import settings_keys as keys
from reader.ui.window.main_window import MainWindow
from tests.ui.conftest import WindowFactory
from tests.ui.person import Mods, Person, first_visible_line, top_lines

CTRL_SHIFT = Mods.ControlModifier | Mods.ShiftModifier


def long_post(folder: Path) -> Path:
    paragraphs = [f"Paragraph number {n} about programs and projects. " * 4 for n in range(60)]
    (folder / "long.md").write_text("# Long\n\n" + "\n\n".join(paragraphs), encoding="utf-8")
    (folder / "newest.md").write_text(
        "---\ntitle: Newest\ndate: 2030-01-01\n---\nThe newest post.\n", encoding="utf-8"
    )
    return folder


def same_place(line: str, window: MainWindow) -> bool:
    """The words that began the top line are at the top again (lines may wrap differently)."""
    return " ".join(line.split()[:4]) in " ".join(top_lines(window.article).split())


def read_down(qtbot: QtBot, window: MainWindow, pages: int = 4) -> str:
    """Scroll with the keyboard and return the line at the top."""
    person = Person(qtbot, window)
    window.article.setFocus()
    person.press(Qt.Key.Key_PageDown, times=pages)
    person.press(Qt.Key.Key_Down, times=2)
    line = first_visible_line(window.article)
    assert "Paragraph number" in line
    return line


def test_first_launch_opens_the_bundled_article(make_window: WindowFactory, articles: Path) -> None:
    window = make_window(articles)
    assert window.article.current_post().path == BUNDLED_HOME_POST  # type: ignore[union-attr]
    assert window.windowTitle().startswith("Program Manager vs. Project Manager")


def test_first_launch_elsewhere_opens_the_newest_post(
    make_window: WindowFactory, tmp_path: Path
) -> None:
    window = make_window(long_post(tmp_path))
    assert window.windowTitle() == "Newest — reader"


def test_the_post_last_read_is_reopened_where_it_was_left(
    qtbot: QtBot, make_window: WindowFactory, tmp_path: Path
) -> None:
    window = make_window(long_post(tmp_path))
    person = Person(qtbot, window)
    person.click_row(window.post_view, 1)  # the long post
    assert window.windowTitle() == "Long — reader"
    line = read_down(qtbot, window)
    window.close()
    again = make_window(tmp_path)
    assert again.windowTitle() == "Long — reader"
    assert same_place(line, again)


def test_switching_theme_keeps_the_passage_at_the_top(
    qtbot: QtBot, make_window: WindowFactory, tmp_path: Path
) -> None:
    window = make_window(long_post(tmp_path), open_post="long.md")
    line = read_down(qtbot, window)
    person = Person(qtbot, window)
    person.press(Qt.Key.Key_D, CTRL_SHIFT)
    assert window.themes.effective() == "dark"
    assert same_place(line, window)
    person.press(Qt.Key.Key_L, CTRL_SHIFT)
    assert same_place(line, window)


def test_a_paragraph_added_above_does_not_move_the_passage(
    qtbot: QtBot, make_window: WindowFactory, tmp_path: Path
) -> None:
    window = make_window(long_post(tmp_path), open_post="long.md")
    line = read_down(qtbot, window)
    window.close()
    post = tmp_path / "long.md"
    text = post.read_text(encoding="utf-8")
    inserted = "An inserted paragraph, long enough to push everything down a few lines. " * 6
    post.write_text(text.replace("# Long\n\n", f"# Long\n\n{inserted}\n\n", 1), "utf-8")
    again = make_window(tmp_path, open_post="long.md")
    assert same_place(line, again)


def test_an_edit_on_disk_while_reading_keeps_the_passage(
    qtbot: QtBot, make_window: WindowFactory, tmp_path: Path
) -> None:
    window = make_window(long_post(tmp_path), open_post="long.md")
    line = read_down(qtbot, window)
    post = tmp_path / "long.md"
    text = post.read_text(encoding="utf-8")
    post.write_text(text.replace("# Long\n\n", "# Long\n\nA new first paragraph.\n\n", 1), "utf-8")
    qtbot.waitUntil(lambda: "A new first paragraph." in window.article.toPlainText(), timeout=5000)
    assert same_place(line, window)


def test_unreadable_positions_fall_back_to_the_top(
    make_window: WindowFactory, tmp_path: Path, settings_path: Path
) -> None:
    long_post(tmp_path)
    settings = QSettings(str(settings_path), QSettings.Format.IniFormat)
    for value in ("{not json", "[1, 2]", '{"offset": "x", "exact": 3}', "-5", "1e99"):
        settings.setValue(keys.position_key(tmp_path, "long.md"), value)
        settings.setValue(keys.last_post_key(tmp_path), "../../etc/passwd")
        settings.sync()
        window = make_window(tmp_path, open_post="long.md")
        assert window.article.current_post().path == "long.md"  # type: ignore[union-attr]
        assert window.article.verticalScrollBar().value() == 0
        window.close()
        settings.setValue(keys.position_key(tmp_path, "long.md"), value)
        settings.sync()


def test_an_older_pixel_era_offset_is_still_honoured(
    make_window: WindowFactory, tmp_path: Path, settings_path: Path
) -> None:
    long_post(tmp_path)
    settings = QSettings(str(settings_path), QSettings.Format.IniFormat)
    settings.setValue(keys.position_key(tmp_path, "long.md"), 2000)
    settings.sync()
    window = make_window(tmp_path, open_post="long.md")
    assert abs(window.article.top_article_offset() - 2000) < 300
