"""The tags pane: tags and categories of the posts shown, a filter box over them, and the
order (by name, naturally sorted, or by count). Choosing a row narrows the posts list
(`chosen(kind, key)`); filtering or re-sorting the pane never does, and the chosen row stays
chosen while it is shown."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QSettings,
    QSignalBlocker,
    Signal,
)
from PySide6.QtWidgets import QListView

from reader.core.library.tags import TagIndex
from reader.ui.common import settings_keys as keys
from reader.ui.common.wording import counted
from reader.ui.library.filter_keys import FilterKeys
from reader.ui.library.pane_widgets import filter_box, tag_order_box
from reader.ui.library.tag_model import (
    ALL_POSTS,
    BY_COUNT,
    BY_NAME,
    CATEGORY,
    FILTER_ROLE,
    UNCATEGORIZED,
    UNTAGGED,
    TagListModel,
)


class TagPane(QObject):
    """Owns the tags pane's widgets and model. `rearranged` runs after a filter or an order
    change (the browser's own state follows)."""

    chosen = Signal(str, str)  # kind, key

    def __init__(
        self, settings: QSettings, rearranged: Callable[[], None], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._rearranged = rearranged
        self.choice = (ALL_POSTS, "")  # the row chosen, kept while the filter hides it
        self.model = TagListModel()
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setAccessibleDescription(
            "Choose a tag or a category to list its posts; All posts and Untagged come first."
        )
        self.filter_box = filter_box(
            "Filter tags",
            "Filter tags",
            "Words to look for in tag and category names. Esc clears, Down goes to the tags.",
        )
        self.order_box = tag_order_box(settings)
        self.model.set_order(BY_COUNT if self.order_box.isChecked() else BY_NAME)
        self._filter_keys = FilterKeys(self.filter_box, self.view, lambda: None)
        self.view.selectionModel().currentChanged.connect(self._on_current)
        self.filter_box.textChanged.connect(
            lambda text: self._rearrange(lambda: self.model.set_filter(text))
        )
        self.order_box.toggled.connect(self._on_order_toggled)

    def show_index(
        self, tags: TagIndex, total: int, categories: TagIndex, keep_selection: bool
    ) -> None:
        """Show these tags and categories (`total` posts), choosing the row chosen before
        when asked and still there, else All posts."""
        kind, key = self.choice
        self.model.set_index(tags, total, categories)
        row = 0
        if keep_selection and kind == UNTAGGED:
            row = 1
        elif keep_selection and kind == CATEGORY:
            row = max(0, self.model.row_of_category(key))
        elif keep_selection and kind == UNCATEGORIZED:
            row = max(0, self.model.rowCount() - 1)
        elif keep_selection and key:
            row = max(0, self.model.row_of_tag(key))
        self.view.setCurrentIndex(self.model.index(row, 0))

    def names(self, kind: str) -> list[str]:
        """The tags ("tag") or categories (CATEGORY) offered now."""
        return self.model.names(kind)

    def describe(self) -> None:
        """The name a screen reader announces."""
        self.view.setAccessibleName(f"Tags, {counted(len(self.names('tag')), 'tag')}")

    def select_tag(self, tag: str) -> None:
        """Choose the row of `tag`, when offered."""
        self._choose_row(self.model.row_of_tag(tag))

    def select_category(self, category: str) -> None:
        """Choose the row of `category`, when offered."""
        self._choose_row(self.model.row_of_category(category))

    def choose_all(self) -> None:
        """Choose All posts."""
        self._choose_row(0)

    def _choose_row(self, row: int) -> None:
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row, 0))

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        kind, key = current.data(FILTER_ROLE) or (ALL_POSTS, "")
        self.choice = (kind, key)
        self.chosen.emit(kind, key)

    def _on_order_toggled(self, by_count: bool) -> None:
        self._settings.setValue(keys.TAGS_BY_COUNT, by_count)
        self._rearrange(lambda: self.model.set_order(BY_COUNT if by_count else BY_NAME))

    def _rearrange(self, change: Callable[[], None]) -> None:
        """Filter or re-sort without changing which posts are listed."""
        kind, key = self.choice
        selection = self.view.selectionModel()
        blocker = QSignalBlocker(selection)
        change()
        row = self.model.row_of(kind, key)
        if row >= 0:
            selection.setCurrentIndex(
                self.model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
        del blocker
        self.view.viewport().update()
        self._rearranged()
