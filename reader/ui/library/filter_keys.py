"""Keys in the posts filter box: Esc clears it (then leaves it), Down goes to the list (onto
the first post when none is current), Enter opens the first post listed."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QListView


class FilterKeys(QObject):
    """An event filter on the filter box; `open_first` opens the first post listed."""

    def __init__(self, box: QLineEdit, posts: QListView, open_first: Callable[[], None]) -> None:
        super().__init__(box)
        self._box = box
        self._posts = posts
        self._open_first = open_first
        box.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._box and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key == Qt.Key.Key_Escape:
                if self._box.text():
                    self._box.clear()
                else:
                    self._posts.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
            if key == Qt.Key.Key_Down:
                self._posts.setFocus(Qt.FocusReason.OtherFocusReason)
                self._select_first_if_none()
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._posts.setFocus(Qt.FocusReason.OtherFocusReason)
                self._open_first()
                return True
        return super().eventFilter(watched, event)

    def _select_first_if_none(self) -> None:
        """Down lands on a post: the first listed when the filter hid the current one (else
        Enter in the list would have nothing to open)."""
        model = self._posts.model()
        if not self._posts.currentIndex().isValid() and model is not None and model.rowCount():
            self._posts.setCurrentIndex(model.index(0, 0))
