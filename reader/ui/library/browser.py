"""The browsing panes: tags (with the drafts toggle), the filter box and the posts list."""

from __future__ import annotations

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QSettings,
    QSignalBlocker,
    Signal,
)
from PySide6.QtWidgets import QCheckBox, QLineEdit, QListView

from reader.core.library.post import Post
from reader.core.library.scan import visible_posts
from reader.core.library.tags import build_tag_index
from reader.ui.common import settings_keys as keys
from reader.ui.library.post_delegate import PostDelegate
from reader.ui.library.post_model import PATH_ROLE, POST_ROLE, PostFilterProxy, PostListModel
from reader.ui.library.tag_model import FILTER_ROLE, TagListModel
from reader.ui.library.thumbnails import ThumbnailCache


class LibraryBrowser(QObject):
    """Owns the browsing widgets and their models; `postChosen` when a post is picked."""

    postChosen = Signal(object)

    def __init__(self, settings: QSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self._posts: list[Post] = []
        self.tag_model = TagListModel()
        self.tag_view = QListView()
        self.tag_view.setModel(self.tag_model)
        self.tag_view.setAccessibleName("Tags")
        self.drafts_box = QCheckBox("Show drafts")
        self.drafts_box.setChecked(keys.read_bool(self.settings, keys.SHOW_DRAFTS))
        self.post_model = PostListModel()
        self.post_proxy = PostFilterProxy()
        self.post_proxy.setSourceModel(self.post_model)
        self.post_proxy.set_show_drafts(self.drafts_box.isChecked())
        self.filter_box = QLineEdit()
        self.filter_box.setPlaceholderText("Filter posts (Ctrl+L)")
        self.filter_box.setClearButtonEnabled(True)
        self.post_view = QListView()
        self.post_view.setModel(self.post_proxy)
        self.post_view.setItemDelegate(PostDelegate(ThumbnailCache(), self.post_view))
        self.post_view.setUniformItemSizes(True)
        self.post_view.setAccessibleName("Posts")
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.tag_view.selectionModel().currentChanged.connect(self._on_tag_changed)
        self.drafts_box.toggled.connect(self._on_drafts_toggled)
        self.filter_box.textChanged.connect(self.post_proxy.set_text_filter)
        self.post_view.selectionModel().currentChanged.connect(self._on_post_changed)

    def set_posts(self, posts: list[Post]) -> None:
        """Show these posts (after a scan or a change on disk)."""
        self._posts = posts
        self.post_model.set_posts(posts)

    def refresh_tags(self, keep_selection: bool = False) -> None:
        """Rebuild the tags pane (keeping the chosen tag when asked)."""
        kind, key = self.tag_view.currentIndex().data(FILTER_ROLE) or ("all", "")
        posts = self._posts
        shown = visible_posts(posts, drafts=self.drafts_box.isChecked())
        self.tag_model.set_index(build_tag_index(shown), len(shown))
        row = 0
        if keep_selection and kind == "untagged":
            row = 1
        elif keep_selection and key:
            row = max(0, self.tag_model.row_of_tag(key))
        self.tag_view.setCurrentIndex(self.tag_model.index(row, 0))

    def select_quietly(self, rel_path: str) -> None:
        """Select a post in the list without opening it again (it is already shown)."""
        for row in range(self.post_proxy.rowCount()):
            index = self.post_proxy.index(row, 0)
            if index.data(PATH_ROLE) == rel_path:
                selection = self.post_view.selectionModel()
                blocker = QSignalBlocker(selection)
                selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
                del blocker
                return

    def _on_tag_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        kind, key = current.data(FILTER_ROLE) or ("all", "")
        self.post_proxy.set_tag_filter(kind, key)

    def select_tag(self, tag: str) -> None:
        """Show the posts carrying `tag` (a tag chip was clicked)."""
        row = self.tag_model.row_of_tag(tag)
        if row >= 0:
            self.tag_view.setCurrentIndex(self.tag_model.index(row, 0))

    def _on_drafts_toggled(self, show: bool) -> None:
        self.settings.setValue(keys.SHOW_DRAFTS, show)
        self.post_proxy.set_show_drafts(show)
        self.refresh_tags()

    def _on_post_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        post = current.data(POST_ROLE)
        if isinstance(post, Post):
            self.postChosen.emit(post)

    def open_post(self, rel_path: str) -> bool:
        """Select and show the post at `rel_path`, clearing filters that hide it."""
        for row in range(self.post_model.rowCount()):
            source = self.post_model.index(row, 0)
            post = source.data(POST_ROLE)
            if isinstance(post, Post) and post.path == rel_path:
                if post.draft and not self.drafts_box.isChecked():
                    self.drafts_box.setChecked(True)
                self.filter_box.clear()
                self.tag_view.setCurrentIndex(self.tag_model.index(0, 0))
                index = self.post_proxy.mapFromSource(source)
                self.post_view.selectionModel().setCurrentIndex(
                    index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                )
                self.post_view.scrollTo(index)
                return True
        return False

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
