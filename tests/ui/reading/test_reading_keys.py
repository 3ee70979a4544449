"""Reading and selecting with the keyboard: scrolling, Shift+arrows, caret browsing (F7), find
that keeps the place, and jumps that land where the eye finds them."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from reader.ui.reading.highlights import side_color
from reader.ui.reading.scrolling import range_rect
from reader.ui.window.main_window import MainWindow
from tests.ui.conftest import WindowFactory
from tests.ui.person import Mods, Person, first_visible_line, text_point, visible_text

SHIFT, CTRL = Mods.ShiftModifier, Mods.ControlModifier
SEED = "program-manager-vs-project-manager.md"


def long_post(folder: Path, name: str = "long.md") -> Path:
    """A post much taller than the window, with unique words to find near its end."""
    paragraphs = [
        f"Paragraph {n} talks about programs, projects and the people who run them. " * 3
        for n in range(60)
    ]
    paragraphs[50] = "The zephyr clause appears only here, deep in the post. " + paragraphs[50]
    (folder / name).write_text("# A long post\n\n" + "\n\n".join(paragraphs), encoding="utf-8")
    return folder


@pytest.fixture
def window(make_window: WindowFactory, tmp_path: Path) -> MainWindow:
    window = make_window(long_post(tmp_path), open_post="long.md")
    window.resize(1000, 650)
    return window


def in_upper_middle(window: MainWindow, start: int, end: int) -> bool:
    """The lines of [start, end) are whole in view, away from the bottom edge."""
    rect = range_rect(window.article, start, end)
    height = window.article.viewport().height()
    return rect.top() >= 0 and rect.bottom() <= height * 0.75


def test_shift_arrows_select_from_the_first_line_in_view(qtbot: QtBot, window: MainWindow) -> None:
    person = Person(qtbot, window)
    assert person.focused() is window.article
    person.press(Qt.Key.Key_PageDown, times=2)
    assert "Paragraph" in first_visible_line(window.article)
    scrolled = window.article.verticalScrollBar().value()
    person.press(Qt.Key.Key_Right, SHIFT | CTRL, times=2)  # two words
    selected = window.article.textCursor().selectedText()
    assert selected and selected.strip() in visible_text(window.article)
    assert abs(window.article.verticalScrollBar().value() - scrolled) < 40  # no jump
    person.press(Qt.Key.Key_Down, SHIFT)  # and a line more
    assert len(window.article.textCursor().selectedText()) > len(selected)
    person.press(Qt.Key.Key_H)
    assert len(window.article.highlights()) == 1


def test_caret_browsing_shows_a_caret_that_the_arrows_move(
    qtbot: QtBot, window: MainWindow
) -> None:
    person = Person(qtbot, window)
    bar = window.article.verticalScrollBar()
    person.press(Qt.Key.Key_Down)
    assert bar.value() > 0  # without the caret, Down scrolls
    person.press(Qt.Key.Key_Home)
    person.press(Qt.Key.Key_F7)
    assert window.article.caret_browsing() and window.menu_actions.caret.isChecked()
    assert window.article.cursorWidth() >= 2
    assert window.article.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByKeyboard
    start = window.article.textCursor().position()
    person.press(Qt.Key.Key_Down, times=3)
    person.press(Qt.Key.Key_Right, times=2)
    moved = window.article.textCursor().position()
    assert moved > start and not window.article.textCursor().hasSelection()
    person.press(Qt.Key.Key_Right, SHIFT | CTRL)
    assert window.article.textCursor().hasSelection()
    person.press(Qt.Key.Key_F7)  # off again: Down scrolls
    assert not window.article.caret_browsing()
    before = bar.value()
    person.press(Qt.Key.Key_Down)
    assert bar.value() > before


def test_caret_browsing_is_remembered(
    qtbot: QtBot, make_window: WindowFactory, tmp_path: Path
) -> None:
    window = make_window(long_post(tmp_path), open_post="long.md")
    Person(qtbot, window).press(Qt.Key.Key_F7)
    window.close()
    again = make_window(tmp_path, open_post="long.md")
    assert again.article.caret_browsing()


def test_a_find_with_no_match_keeps_the_reading_position(qtbot: QtBot, window: MainWindow) -> None:
    person = Person(qtbot, window)
    person.press(Qt.Key.Key_PageDown, times=3)
    bar = window.article.verticalScrollBar()
    place = bar.value()
    line = first_visible_line(window.article)
    assert place > 0
    person.press(Qt.Key.Key_F, CTRL)
    assert person.focused() is window.find_bar.field
    person.type("@@@")
    assert window.find_bar.status.text() == "not found"
    assert bar.value() == place
    person.press(Qt.Key.Key_Escape)
    assert not window.find_bar.isVisible() and person.focused() is window.article
    assert bar.value() == place and first_visible_line(window.article) == line


def test_typing_on_past_a_match_leaves_no_stale_selection(qtbot: QtBot, window: MainWindow) -> None:
    person = Person(qtbot, window)
    person.press(Qt.Key.Key_F, CTRL)
    person.type("zeph")
    assert window.article.textCursor().selectedText() == "zeph"
    person.type("@@")
    assert window.find_bar.status.text() == "not found"
    assert not window.article.textCursor().hasSelection()
    person.press(Qt.Key.Key_Backspace, times=2)  # found again
    assert window.article.textCursor().selectedText() == "zeph"


def test_find_lands_the_match_in_the_upper_part_of_the_view(
    qtbot: QtBot, window: MainWindow
) -> None:
    person = Person(qtbot, window)
    person.press(Qt.Key.Key_F, CTRL)
    person.type("zephyr")
    cursor = window.article.textCursor()
    assert cursor.selectedText() == "zephyr"
    assert in_upper_middle(window, cursor.selectionStart(), cursor.selectionEnd())
    person.press(Qt.Key.Key_Return)  # the only match: wraps onto itself, still in view
    cursor = window.article.textCursor()
    assert in_upper_middle(window, cursor.selectionStart(), cursor.selectionEnd())


def test_a_search_result_lands_in_the_upper_part_of_the_view(
    qtbot: QtBot, make_window: WindowFactory, tmp_path: Path
) -> None:
    (tmp_path / "short.md").write_text("# Short\n\nNothing here.\n", encoding="utf-8")
    window = make_window(long_post(tmp_path), open_post="short.md")
    window.resize(1000, 650)
    qtbot.waitUntil(lambda: window.search.is_ready, timeout=20_000)
    person = Person(qtbot, window)
    person.press(Qt.Key.Key_K, CTRL)
    qtbot.waitUntil(lambda: person.focused() is window.search_dialog.field)
    person.type("zephyr")
    person.press(Qt.Key.Key_Return)  # before the hits came: the first opens when they come
    qtbot.waitUntil(lambda: not window.search_dialog.isVisible(), timeout=10_000)
    assert window.article.current_post().path == "long.md"  # type: ignore[union-attr]
    cursor = window.article.textCursor()
    assert cursor.selectedText().lower() == "zephyr"
    assert in_upper_middle(window, cursor.selectionStart(), cursor.selectionEnd())


def side_pixels(window: MainWindow, area: QRect, colour: QColor) -> int:
    image = window.article.viewport().grab().toImage()
    ratio = image.devicePixelRatio()
    count = 0
    for x in range(max(0, area.left()), min(area.right(), window.article.viewport().width())):
        for y in range(max(0, area.top()), min(area.bottom(), window.article.viewport().height())):
            pixel = image.pixelColor(int(x * ratio), int(y * ratio))
            if abs(pixel.red() - colour.red()) + abs(pixel.green() - colour.green()) < 40:
                count += 1
    return count


@pytest.mark.parametrize("zoom_steps", [0, 2, 5])
def test_side_numbers_and_bars_stay_in_the_margin_when_zoomed(
    qtbot: QtBot, make_window: WindowFactory, library: Path, zoom_steps: int
) -> None:
    window = make_window(library, open_post=SEED)
    window.resize(1000, 650)
    person = Person(qtbot, window)
    view = window.article
    quote = "oversees and manages a large program"
    person.click(view.viewport(), text_point(view, quote))
    person.press(Qt.Key.Key_Right, SHIFT, times=len(quote))
    person.press(Qt.Key.Key_1)
    person.press(Qt.Key.Key_Equal, CTRL, times=zoom_steps)
    person.press(Qt.Key.Key_F, CTRL)  # bring the passage into view as a person would
    person.type("manages a large")
    person.press(Qt.Key.Key_Escape)
    (spec,) = view.highlights()
    rect = range_rect(view, spec.start, spec.end)
    assert 0 <= rect.top() < view.viewport().height()
    margin = int(view.document().rootFrame().frameFormat().leftMargin())
    colour = side_color(0, "light")
    bar_and_number = QRect(0, rect.top(), margin, max(rect.height(), 18))
    assert side_pixels(window, bar_and_number, colour) > 60  # the bar and the "1" are drawn
    number = QRect(0, rect.top(), max(1, margin - 12), 18)  # left of the bar: the digit
    assert side_pixels(window, number, colour) > 4


def test_jump_from_the_comparison_lands_in_view_and_selects_the_note(
    qtbot: QtBot, make_window: WindowFactory, tmp_path: Path
) -> None:
    long_post(tmp_path)
    notes = tmp_path / ".annotations"
    notes.mkdir()
    (notes / "long.md.yaml").write_text(
        yaml.safe_dump(
            {
                "format": "reader-annotations",
                "version": 1,
                "article": "long.md",
                "sides": ["Programs", "Projects"],
                "annotations": [
                    {
                        "id": f"00000000-0000-4000-8000-00000000000{n}",
                        "created": "2026-01-01T10:00:00+00:00",
                        "modified": "2026-01-01T10:00:00+00:00",
                        "color": "yellow",
                        "side": "Programs",
                        "aspect": aspect,
                        "target": {"exact": exact},
                    }
                    for n, (aspect, exact) in enumerate(
                        [("Early", "Paragraph 1 talks"), ("Late", "The zephyr clause")]
                    )
                ],
            }
        ),
        encoding="utf-8",
    )
    (tmp_path / "other.md").write_text("# Other\n\nText.\n", encoding="utf-8")
    window = make_window(tmp_path, open_post="other.md")
    window.resize(1000, 650)
    person = Person(qtbot, window)
    person.press(Qt.Key.Key_T, CTRL | SHIFT)
    dock = window.comparison
    assert dock.isVisible() and person.focused() is dock.view
    dock.scope.setCurrentIndex(dock.scope.findData("library"))
    qtbot.waitUntil(lambda: not dock.building, timeout=10_000)  # built in the background
    late = dock.model.index(
        [
            dock.model.headerData(r, Qt.Orientation.Vertical) for r in range(dock.model.rowCount())
        ].index("Late (1)"),
        0,
    )
    person.click(dock.view.viewport(), dock.view.visualRect(late).center())
    assert window.article.current_post().path == "long.md"  # type: ignore[union-attr]
    late_id = "00000000-0000-4000-8000-000000000001"
    assert window.annotations_panel.selected_id() == late_id
    (spec,) = [s for s in window.article.highlights() if s.annotation_id == late_id]
    assert in_upper_middle(window, spec.start, spec.end)
    assert window.article.flashing() == late_id
