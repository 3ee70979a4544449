"""Sharing the window: the article is what the person came for, so it gets the room.

Qt gives a shrinking main window's lost width to the central widget alone, and a splitter to
its stretching pane: left alone, the docks and the lists keep their widths and the article is
squeezed to a strip. After every resize the panes around the article give back width (down to
a usable minimum each), and a dock below it height, until the article has its share again.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Sequence
from typing import Final

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QMainWindow,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

ARTICLE_SHARE: Final = 0.45  # of the window's width (and height), at least
ARTICLE_MIN_PX: Final = 420
DOCK_MIN_PX: Final = 200
BOTTOM_DOCK_MIN_PX: Final = 140
TAGS_MIN_PX: Final = 110
TAGS_MAX_PX: Final = 170  # longer tags are elided rather than squeeze the article
POSTS_MIN_PX: Final = 190


def article_target(window_width: int) -> int:
    """The width the article should have at least in a window this wide."""
    return min(max(ARTICLE_MIN_PX, int(window_width * ARTICLE_SHARE)), window_width)


def side_docks(window: QMainWindow, docks: list[QDockWidget]) -> list[QDockWidget]:
    """The docks sharing the window's width with the article: shown, docked left or right."""
    sides = (Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea)
    return [
        dock
        for dock in docks
        if dock.isVisible() and not dock.isFloating() and window.dockWidgetArea(dock) in sides
    ]


def default_layout(window: QMainWindow, splitter: QSplitter, docks: list[QDockWidget]) -> None:
    """First run: the article gets the room, the side panes a modest share."""
    shown = side_docks(window, docks)
    if shown:
        width = max(DOCK_MIN_PX, window.width() // 5)
        window.resizeDocks(shown, [width] * len(shown), Qt.Orientation.Horizontal)
    rest = splitter.width()
    splitter.setSizes([rest // 7, rest // 4, rest - rest // 7 - rest // 4])


def tags_minimum(view: QAbstractItemView) -> int:
    """The tags pane's narrowest: its longest row ("management  (5)") whole, within bounds."""
    frame = 2 * view.frameWidth() + view.verticalScrollBar().sizeHint().width() + 6
    return max(TAGS_MIN_PX, min(TAGS_MAX_PX, widest_row(view) + frame))


def widest_row(view: QAbstractItemView, candidates: int = 24) -> int:
    """About `sizeHintForColumn(0)` (never less), measuring only the longest texts: asking
    the delegate for every row's size took 0.1 s with 3,000 tags, at each resize."""
    model = view.model()
    if model is None or not model.rowCount():
        return 0
    texts = [str(model.index(row, 0).data() or "") for row in range(model.rowCount())]
    bold = QFont(view.font())
    bold.setBold(True)  # section rows are bold; measuring all in bold keeps them whole
    metrics = QFontMetrics(bold)
    longest = heapq.nlargest(candidates, texts, key=len)
    return max(metrics.horizontalAdvance(text) for text in longest) + _ITEM_PADDING_PX


_ITEM_PADDING_PX: Final = 10  # the item delegate's margins and focus frame, both sides


def give_article_room(
    window: QMainWindow,
    splitter: QSplitter,
    docks: list[QDockWidget],
    tags_min: int = TAGS_MIN_PX,
    article_index: int = 2,
) -> None:
    """Shrink the docks, then the posts and tags panes, until the article has its share."""
    sizes = splitter.sizes()
    if len(sizes) <= article_index or not splitter.isVisible():
        return
    deficit = article_target(window.width()) - sizes[article_index]
    if deficit <= 0:
        return
    shown = side_docks(window, docks)
    if shown:
        widest = max(dock.width() for dock in shown)
        narrower = max(DOCK_MIN_PX, widest - deficit)
        if narrower < widest:
            window.resizeDocks(shown, [narrower] * len(shown), Qt.Orientation.Horizontal)
            deficit -= widest - narrower
            sizes = splitter.sizes()
    minimums = {0: tags_min, 1: POSTS_MIN_PX}
    for index in (1, 0):  # the posts list first: it shows titles that fit in less
        if deficit <= 0 or index >= len(sizes):
            break
        spare = max(0, sizes[index] - minimums[index])
        taken = min(spare, deficit)
        sizes[index] -= taken
        sizes[article_index] += taken
        deficit -= taken
    splitter.setSizes(sizes)


def give_article_height(window: QMainWindow, article: QWidget, docks: list[QDockWidget]) -> None:
    """A dock below the article (the comparison table) gives back height down to a usable
    minimum until the article has its share of the window's height."""
    below = [
        dock
        for dock in docks
        if dock.isVisible()
        and not dock.isFloating()
        and window.dockWidgetArea(dock) == Qt.DockWidgetArea.BottomDockWidgetArea
    ]
    deficit = int(window.height() * ARTICLE_SHARE) - article.height()
    if not below or deficit <= 0:
        return
    tallest = max(dock.height() for dock in below)
    lower = max(BOTTOM_DOCK_MIN_PX, tallest - deficit)
    if lower < tallest:
        window.resizeDocks(below, [lower] * len(below), Qt.Orientation.Vertical)


def column(widgets: Sequence[QWidget], stretch: int) -> QWidget:
    """Stack widgets vertically without margins (one pane of the splitter); the widget at
    index `stretch` takes the height left."""
    holder = QWidget()
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    for number, widget in enumerate(widgets):
        layout.addWidget(widget, 1 if number == stretch else 0)
    return holder


def article_splitter(
    tags: Sequence[QWidget], posts: Sequence[QWidget], article: Sequence[QWidget]
) -> QSplitter:
    """Tags, posts and the article side by side; the article takes what is left. Each list's
    first widget is the one that stretches, except the posts' (after the filter box and its
    message)."""
    splitter = QSplitter()
    splitter.setChildrenCollapsible(False)
    splitter.addWidget(column(tags, 0))
    splitter.addWidget(column(posts, len(posts) - 1))
    splitter.addWidget(column(article, 0))
    splitter.setStretchFactor(2, 1)
    splitter.setSizes([180, 320, 700])
    return splitter


class RoomKeeper(QObject):
    """Watches the window: a first-run layout the first time it is shown without a saved
    state, and the article's share after every resize (once the layout has settled)."""

    def __init__(
        self,
        window: QMainWindow,
        splitter: QSplitter,
        article: QWidget,
        tags: QAbstractItemView,
        docks: Callable[[], list[QDockWidget]],
        first_run: Callable[[], bool],
    ) -> None:
        super().__init__(window)
        self._window, self._splitter, self._article, self._tags = window, splitter, article, tags
        self._docks = docks
        self._first_run = first_run
        self._shown = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.share)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Show and not self._shown:
            self._shown = True
            if self._first_run():
                QTimer.singleShot(0, self._default_layout)
        if watched is self._window and event.type() == QEvent.Type.Resize:
            self.timer.start(0)
        return False

    def pending(self) -> bool:
        """True while a re-share is waiting for the layout to settle."""
        return self.timer.isActive()

    def _default_layout(self) -> None:
        default_layout(self._window, self._splitter, self._docks())
        self.timer.start(0)

    def share(self) -> None:
        """Give the article its share of the width and the height now."""
        docks = self._docks()
        give_article_room(self._window, self._splitter, docks, tags_minimum(self._tags))
        give_article_height(self._window, self._article, docks)
