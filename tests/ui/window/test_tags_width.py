"""The tags pane's minimum width keeps every tag whole without asking every row its size."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel
from PySide6.QtWidgets import QListView
from pytestqt.qtbot import QtBot

from reader.ui.window.space import widest_row

TAGS = ["agile  (2)", "a-very-long-tag-name-indeed  (12)", "x  (1)", "Categories", "WWWWWW  (3)"]


def test_the_estimate_is_never_narrower_than_what_the_view_asks(qtbot: QtBot) -> None:
    view = QListView()
    qtbot.addWidget(view)
    model = QStringListModel(TAGS + [f"topic-{n}  ({n})" for n in range(3000)])
    view.setModel(model)
    needed = view.sizeHintForColumn(0)
    estimate = widest_row(view)
    assert needed <= estimate <= needed * 1.25 + 10


def test_an_empty_pane_needs_nothing(qtbot: QtBot) -> None:
    view = QListView()
    qtbot.addWidget(view)
    view.setModel(QStringListModel([]))
    assert widest_row(view) == 0
