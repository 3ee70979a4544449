"""The browsing panes: tags (with the drafts toggle), the filter box and the posts list.

A post opens only when the person picks it (a click, Enter, the arrows in the list, Alt+Down):
choosing a tag, typing a filter or toggling drafts narrows the list but never opens another
post. Afterwards the open post is selected again when it is still listed, and nothing is when
it is not; an empty list says why.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QSettings,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QListView

from reader.core.library.post import Post
from reader.core.library.scan import visible_posts
from reader.core.library.tags import build_tag_index
from reader.ui.common import settings_keys as keys
from reader.ui.library.post_delegate import PostDelegate
from reader.ui.library.post_model import PATH_ROLE, POST_ROLE, PostFilterProxy, PostListModel
from reader.ui.library.tag_model import FILTER_ROLE, TagListModel
from reader.ui.library.thumbnails import ThumbnailCache


def counted(count: int, noun: str) -> str:
    """`1 post`, `2 posts`, `0 tags`."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


class LibraryBrowser(QObject):
    """Owns the browsing widgets and their models; `postChosen` when a post is picked."""

    postChosen = Signal(object)

    def __init__(self, settings: QSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self._posts: list[Post] = []
        self._open_path: str | None = None
        self._quiet = 0  # above 0 while the list changes under the person's hands
        self.tag_model = TagListModel()
        self.tag_view = QListView()
        self.tag_view.setModel(self.tag_model)
        self.tag_view.setAccessibleDescription(
            "Choose a tag to list its posts; All posts and Untagged come first."
        )
        self.drafts_box = QCheckBox("Show &drafts")
        self.drafts_box.setChecked(keys.read_bool(self.settings, keys.SHOW_DRAFTS))
        self.drafts_box.setAccessibleDescription("List draft posts too")
        self.post_model = PostListModel()
        self.post_proxy = PostFilterProxy()
        self.post_proxy.setSourceModel(self.post_model)
        self.post_proxy.set_show_drafts(self.drafts_box.isChecked())
        self.filter_box = QLineEdit()
        self.filter_box.setPlaceholderText("Filter posts (Ctrl+L)")
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.setAccessibleName("Filter posts")
        self.filter_box.setAccessibleDescription(
            "Words to look for in titles, descriptions and tags. Esc clears, Down goes to the list."
        )
        self.post_view = QListView()
        self.post_view.setModel(self.post_proxy)
        self.post_view.setItemDelegate(PostDelegate(ThumbnailCache(), self.post_view))
        self.post_view.setUniformItemSizes(True)
        self.post_view.setAccessibleDescription(
            "Newest first. The arrows or a click open a post; Alt+Down and Alt+Up from anywhere."
        )
        self.empty_label = QLabel()
        self.empty_label.setObjectName("postsEmpty")
        self.empty_label.setWordWrap(True)
        self.empty_label.setContentsMargins(6, 6, 6, 6)
        self.empty_label.hide()
        self._connect_signals()
        self._update_state()

    def _connect_signals(self) -> None:
        self.tag_view.selectionModel().currentChanged.connect(self._on_tag_changed)
        self.drafts_box.toggled.connect(self._on_drafts_toggled)
        self.filter_box.textChanged.connect(
            lambda text: self._narrow(lambda: self.post_proxy.set_text_filter(text))
        )
        self.filter_box.installEventFilter(self)
        self.post_view.selectionModel().currentChanged.connect(self._on_post_changed)

    # -- the posts -------------------------------------------------------------------------
    def set_posts(self, posts: list[Post]) -> None:
        """Show these posts (after a scan or a change on disk)."""
        self._posts = posts
        self._narrow(lambda: self.post_model.set_posts(posts))

    def refresh_tags(self, keep_selection: bool = False) -> None:
        """Rebuild the tags pane (keeping the chosen tag when asked)."""
        kind, key = self.tag_view.currentIndex().data(FILTER_ROLE) or ("all", "")
        shown = visible_posts(self._posts, drafts=self.drafts_box.isChecked())
        self.tag_model.set_index(build_tag_index(shown), len(shown))
        row = 0
        if keep_selection and kind == "untagged":
            row = 1
        elif keep_selection and key:
            row = max(0, self.tag_model.row_of_tag(key))
        self.tag_view.setCurrentIndex(self.tag_model.index(row, 0))
        self._update_state()

    def open_path(self) -> str | None:
        """The post the window shows (selected in the list whenever it is listed)."""
        return self._open_path

    def select_quietly(self, rel_path: str) -> None:
        """Select a post in the list without opening it again (it is already shown)."""
        self._open_path = rel_path
        self._quiet += 1
        try:
            self._select_open_post()
        finally:
            self._quiet -= 1

    def _narrow(self, change: Callable[[], None]) -> None:
        """Change what the list shows without opening anything; then select the open post."""
        self._quiet += 1
        try:
            change()
            self._select_open_post()
        finally:
            self._quiet -= 1
        self._update_state()

    def _select_open_post(self) -> None:
        selection = self.post_view.selectionModel()
        index = self._index_of(self._open_path) if self._open_path else QModelIndex()
        if index.isValid():
            selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            self.post_view.scrollTo(index)
        else:
            selection.clearSelection()
            selection.setCurrentIndex(QModelIndex(), QItemSelectionModel.SelectionFlag.Clear)

    def _index_of(self, rel_path: str | None) -> QModelIndex:
        for row in range(self.post_proxy.rowCount()):
            index = self.post_proxy.index(row, 0)
            if index.data(PATH_ROLE) == rel_path:
                return index
        return QModelIndex()

    def _update_state(self) -> None:
        """The empty-list message, and the names a screen reader announces."""
        shown = self.post_proxy.rowCount()
        self.post_view.setAccessibleName(f"Posts list, {counted(shown, 'post')}")
        tags = max(0, self.tag_model.rowCount() - 2)
        self.tag_view.setAccessibleName(f"Tags, {counted(tags, 'tag')}")
        text = self.filter_box.text().strip()
        if shown or not self._posts:
            self.empty_label.hide()
            return
        if text:
            message = f"No posts match “{text}”. Esc clears the filter."
        else:
            message = "No posts here. Choose All posts, or Show drafts."
        self.empty_label.setText(message)
        self.empty_label.show()

    # -- choosing --------------------------------------------------------------------------
    def _on_tag_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        kind, key = current.data(FILTER_ROLE) or ("all", "")
        self._narrow(lambda: self.post_proxy.set_tag_filter(kind, key))

    def select_tag(self, tag: str) -> None:
        """Show the posts carrying `tag` (a tag chip was clicked)."""
        row = self.tag_model.row_of_tag(tag)
        if row >= 0:
            self.tag_view.setCurrentIndex(self.tag_model.index(row, 0))

    def _on_drafts_toggled(self, show: bool) -> None:
        self.settings.setValue(keys.SHOW_DRAFTS, show)
        self._narrow(lambda: self.post_proxy.set_show_drafts(show))
        self.refresh_tags(keep_selection=True)

    def _on_post_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._quiet > 0:
            return
        post = current.data(POST_ROLE)
        if isinstance(post, Post):
            self._open_path = post.path
            self.postChosen.emit(post)

    def open_post(self, rel_path: str) -> bool:
        """Select and show the post at `rel_path`, clearing filters that hide it."""
        for row in range(self.post_model.rowCount()):
            source = self.post_model.index(row, 0)
            post = source.data(POST_ROLE)
            if isinstance(post, Post) and post.path == rel_path:
                self._narrow(partial(self._reveal, post))
                self._open_path = post.path
                self.postChosen.emit(post)
                return True
        return False

    def _reveal(self, post: Post) -> None:
        """Clear what hides `post` from the list and select it (quietly: the caller opens it)."""
        if post.draft and not self.drafts_box.isChecked():
            self.drafts_box.setChecked(True)
        if not self.post_proxy.mapFromSource(self._source_index(post.path)).isValid():
            self.filter_box.clear()
            self.tag_view.setCurrentIndex(self.tag_model.index(0, 0))
        self._open_path = post.path

    def _source_index(self, rel_path: str) -> QModelIndex:
        for row in range(self.post_model.rowCount()):
            index = self.post_model.index(row, 0)
            if index.data(PATH_ROLE) == rel_path:
                return index
        return QModelIndex()

    def first_post(self) -> Post | None:
        """The first post listed now (the newest), if any."""
        post = self.post_proxy.index(0, 0).data(POST_ROLE)
        return post if isinstance(post, Post) else None

    def move_post(self, step: int) -> None:
        """Next (+1) or previous (-1) post in the list."""
        rows = self.post_proxy.rowCount()
        if rows == 0:
            return
        current = self.post_view.currentIndex()
        row = 0 if not current.isValid() else max(0, min(rows - 1, current.row() + step))
        self.post_view.selectionModel().setCurrentIndex(
            self.post_proxy.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
        )

    # -- keys in the filter box ------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Esc clears the filter (then leaves it); Down goes to the list; Enter opens the first
        post listed."""
        if watched is self.filter_box and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key == Qt.Key.Key_Escape:
                if self.filter_box.text():
                    self.filter_box.clear()
                else:
                    self.post_view.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
            if key == Qt.Key.Key_Down:
                self.post_view.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                first = self.first_post()
                if first is not None:
                    self.post_view.setFocus(Qt.FocusReason.OtherFocusReason)
                    self.open_post(first.path)
                return True
        return super().eventFilter(watched, event)
