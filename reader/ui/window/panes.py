"""Moving between the window's panes from the keyboard: bring a dock up, cycle with F6, Tab.

A dock's key (Ctrl+Shift+A for the annotations, …) brings the dock up: shown, raised in front
of the docks it is tabbed with, and focused. Only when it already is all of that does the key
put it away again (and the focus goes back to the article), so a key never hides what the
person asked to see.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import QObject, QSignalBlocker, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QCheckBox, QDockWidget, QLineEdit, QWidget


@dataclass(frozen=True, slots=True)
class Pane:
    """A place the focus can go: the widget that takes it, and the dock holding it (if any)."""

    name: str
    focus: QWidget
    dock: QDockWidget | None = None


def _contains(widget: QWidget, focused: QWidget | None) -> bool:
    return focused is not None and (focused is widget or widget.isAncestorOf(focused))


def in_front(dock: QDockWidget) -> bool:
    """True when the dock is shown and not covered by a dock tabbed with it."""
    return dock.isVisible() and not dock.visibleRegion().isEmpty()


class Panes(QObject):
    """The window's panes in reading order; `home` is where the focus goes back to."""

    def __init__(self, panes: Sequence[Pane], home: QWidget, parent: QObject | None = None):
        super().__init__(parent)
        self._panes = list(panes)
        self._home = home

    def panes(self) -> list[Pane]:
        """Every pane, in the order F6 visits them."""
        return list(self._panes)

    def bring_up(self, dock: QDockWidget, focus: QWidget) -> None:
        """Show `dock` in front and focus it; when it already is, put it away."""
        focused = QApplication.focusWidget()
        if in_front(dock) and _contains(dock, focused):
            dock.hide()
            self._home.setFocus(Qt.FocusReason.ShortcutFocusReason)
            return
        dock.show()
        dock.raise_()
        focus.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def cycle(self, step: int) -> None:
        """F6 / Shift+F6: focus the next (or previous) pane that is shown."""
        shown = [
            pane
            for pane in self._panes
            if pane.focus.isVisible() and (pane.dock is None or in_front(pane.dock))
        ]
        if not shown:
            return
        focused = QApplication.focusWidget()
        current = next((n for n, pane in enumerate(shown) if _contains(pane.focus, focused)), -1)
        if current < 0:
            docks = [
                n for n, pane in enumerate(shown) if pane.dock and _contains(pane.dock, focused)
            ]
            current = docks[0] if docks else (-1 if step > 0 else 0)
        target = shown[(current + step) % len(shown)]
        target.focus.setFocus(Qt.FocusReason.ShortcutFocusReason)


def sync_check(action: QAction, dock: QDockWidget) -> None:
    """Keep a checkable pane action's check mark equal to whether its dock is open."""
    action.setCheckable(True)

    def follow(_checked: bool = False) -> None:
        blocker = QSignalBlocker(action)
        action.setChecked(dock.toggleViewAction().isChecked())
        del blocker

    follow()
    dock.toggleViewAction().toggled.connect(follow)
    action.triggered.connect(follow)  # after the slot that brought the dock up or put it away


def chain_tab_order(widgets: Sequence[QWidget]) -> None:
    """Tab visits `widgets` in this order (each one's own children keep theirs)."""
    for first, second in itertools.pairwise(widgets):
        QWidget.setTabOrder(first, second)


class PanesHost(Protocol):
    """The main window's panes, as `window_panes` needs them."""

    @property
    def tag_filter_box(self) -> QLineEdit: ...
    @property
    def tag_view(self) -> QWidget: ...
    @property
    def tag_order_box(self) -> QCheckBox: ...
    @property
    def drafts_box(self) -> QCheckBox: ...
    @property
    def filter_box(self) -> QLineEdit: ...
    @property
    def post_view(self) -> QWidget: ...
    @property
    def article(self) -> QWidget: ...
    @property
    def find_field(self) -> QLineEdit: ...
    @property
    def outline(self) -> QWidget: ...
    @property
    def outline_dock(self) -> QDockWidget: ...
    @property
    def annotation_list(self) -> QWidget: ...
    @property
    def annotation_filter(self) -> QLineEdit: ...
    @property
    def annotations_panel(self) -> QDockWidget: ...
    @property
    def comparison_view(self) -> QWidget: ...
    @property
    def comparison(self) -> QDockWidget: ...


def window_panes(window: PanesHost, parent: QObject) -> Panes:
    """The panes in reading order (F6), with Tab visiting them in the same order."""
    chain_tab_order(
        [
            window.tag_filter_box,
            window.tag_view,
            window.tag_order_box,
            window.drafts_box,
            window.filter_box,
            window.post_view,
            window.article,
            window.find_field,
            window.outline,
            window.annotation_filter,
        ]
    )
    return Panes(
        [
            Pane("tags", window.tag_view),
            Pane("posts", window.post_view),
            Pane("article", window.article),
            Pane("outline", window.outline, window.outline_dock),
            Pane("annotations", window.annotation_list, window.annotations_panel),
            Pane("comparison", window.comparison_view, window.comparison),
        ],
        home=window.article,
        parent=parent,
    )
