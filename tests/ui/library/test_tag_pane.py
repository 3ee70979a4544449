"""The tags pane with many tags: natural order, a filter box, most used first (kept)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from reader.ui.library.post_model import PATH_ROLE
from reader.ui.library.tag_model import FILTER_ROLE, TAG
from reader.ui.window.main_window import MainWindow
from tests.ui.conftest import WindowFactory
from tests.ui.person import Person


def tags_shown(window: MainWindow) -> list[str]:
    model = window.tag_model
    rows = [model.index(row, 0) for row in range(model.rowCount())]
    return [
        str(index.data()).split("  (")[0] for index in rows if index.data(FILTER_ROLE)[0] == TAG
    ]


def listed(window: MainWindow) -> list[str]:
    proxy = window.post_proxy
    return [proxy.index(row, 0).data(PATH_ROLE) for row in range(proxy.rowCount())]


def many_tags(tmp_path: Path) -> Path:
    root = tmp_path / "topics"
    root.mkdir()
    for number in (1, 2, 10, 11, 20):
        tags = ", ".join(f"topic-{n}" for n in (1, 2, 10, 11, 20) if n >= number)
        text = f"---\ntitle: Post {number}\ndate: 2024-01-{number:02d}\ntags: [{tags}]\n---\nx\n"
        (root / f"post-{number}.md").write_text(text, encoding="utf-8")
    return root


def test_tags_are_in_natural_order_and_can_be_filtered(
    qtbot: QtBot, make_window: WindowFactory, tmp_path: Path
) -> None:
    window = make_window(many_tags(tmp_path))
    assert tags_shown(window) == ["topic-1", "topic-2", "topic-10", "topic-11", "topic-20"]
    person = Person(qtbot, window)
    person.click_row(window.tag_view, window.tag_model.row_of_tag("topic-10"))
    chosen = listed(window)
    assert chosen == ["post-10.md", "post-2.md", "post-1.md"]
    person.click(window.tag_filter_box)
    person.type("1")
    assert tags_shown(window) == ["topic-1", "topic-10", "topic-11"]
    person.type("1")
    assert tags_shown(window) == ["topic-11"]
    assert listed(window) == chosen  # filtering tags never changes the posts listed
    person.press(Qt.Key.Key_Escape)
    assert tags_shown(window)[-1] == "topic-20"
    assert window.tag_view.currentIndex().data().startswith("topic-10")


def test_most_used_first_is_a_key_away_and_kept(
    qtbot: QtBot, make_window: WindowFactory, tmp_path: Path
) -> None:
    root = many_tags(tmp_path)
    window = make_window(root)
    person = Person(qtbot, window)
    person.click(window.tag_filter_box)
    person.press(Qt.Key.Key_Tab, times=2)  # the filter, the tags, then the order
    assert person.focused() is window.tag_order_box
    person.press(Qt.Key.Key_Space)
    assert window.tag_order_box.isChecked()
    assert tags_shown(window) == ["topic-20", "topic-11", "topic-10", "topic-2", "topic-1"]
    window.close()
    again = make_window(root)
    assert again.tag_order_box.isChecked()
    assert tags_shown(again)[0] == "topic-20"
