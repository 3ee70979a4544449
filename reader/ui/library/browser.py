"""The browsing panes: the Language choice, tags and categories (with the drafts toggle), the
filter box and the posts list. What they show and count comes from `core.library.entries`."""

from __future__ import annotations

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QSettings,
    QSignalBlocker,
    Signal,
)
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QListView

from reader.core.library.entries import (
    Entry,
    View,
    default_language,
    entries,
    entry_of,
    language_counts,
)
from reader.core.library.post import Post
from reader.core.library.scan import Library
from reader.core.library.tags import build_category_index, build_tag_index
from reader.ui.common import settings_keys as keys
from reader.ui.library.language_names import language_label
from reader.ui.library.post_delegate import PostDelegate
from reader.ui.library.post_model import (
    ENTRY_ROLE,
    PATH_ROLE,
    PostFilterProxy,
    PostListModel,
)
from reader.ui.library.tag_model import (
    ALL_POSTS,
    CATEGORY,
    FILTER_ROLE,
    UNCATEGORIZED,
    UNTAGGED,
    TagListModel,
)
from reader.ui.library.thumbnails import ThumbnailCache

EVERY_LANGUAGE = ""  # the Language choice's data for "All languages"


class LibraryBrowser(QObject):
    """Owns the browsing widgets and their models.

    `postChosen(Post)` when a post is picked; `viewChanged()` when drafts or the language
    change what is shown (the window then recounts and refreshes its scopes).
    """

    postChosen = Signal(object)
    viewChanged = Signal()

    def __init__(self, settings: QSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.library: Library | None = None
        self._entries: list[Entry] = []
        self.language_box = QComboBox()
        self.language_box.setAccessibleName("Language")
        self.language_box.setToolTip("Show the posts in one language, or in all of them")
        self.language_box.hide()
        self.tag_model = TagListModel()
        self.tag_view = QListView()
        self.tag_view.setModel(self.tag_model)
        self.tag_view.setAccessibleName("Tags")
        self.drafts_box = QCheckBox("Show drafts")
        self.drafts_box.setToolTip("Also show drafts, and what the site does not publish")
        self.drafts_box.setChecked(keys.read_bool(self.settings, keys.SHOW_DRAFTS))
        self.post_model = PostListModel()
        self.post_proxy = PostFilterProxy()
        self.post_proxy.setSourceModel(self.post_model)
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
        self.language_box.activated.connect(self._on_language_chosen)
        self.filter_box.textChanged.connect(self.post_proxy.set_text_filter)
        self.post_view.selectionModel().currentChanged.connect(self._on_post_changed)

    # -- what is shown ---------------------------------------------------------------------
    def view(self) -> View:
        """What the person chose to see: drafts or not, one language or all."""
        lang = self.language_box.currentData()
        return View(drafts=self.drafts_box.isChecked(), lang=lang or None)

    def shown_entries(self) -> list[Entry]:
        """The entries the posts pane lists (before the tag and text filters)."""
        return list(self._entries)

    def set_library(self, library: Library) -> None:
        """Show a library (after a scan or a change on disk), keeping the reader's choices."""
        first = self.library is None or self.library.root != library.root
        self.library = library
        self._fill_languages(first)
        self._refill()

    def _fill_languages(self, first: bool) -> None:
        library = self.library
        if library is None:
            return
        counts = language_counts(library, View(drafts=self.drafts_box.isChecked()))
        unnamed = any(not post.lang for post in library.posts)
        wanted = self.language_box.currentData()
        if first or wanted is None:
            saved = self.settings.value(self._language_setting())
            wanted = str(saved) if saved is not None else default_language(library) or ""
        blocker = QSignalBlocker(self.language_box)
        self.language_box.clear()
        self.language_box.addItem(f"All languages ({self._every_count()})", EVERY_LANGUAGE)
        labelled = sorted((language_label(code), code, count) for code, count in counts)
        for label, code, count in labelled:
            self.language_box.addItem(f"{label} — {count}", code)
        found = self.language_box.findData(wanted)
        self.language_box.setCurrentIndex(max(0, found))
        del blocker
        self.language_box.setVisible(len(counts) > 1 or (len(counts) == 1 and unnamed))

    def _every_count(self) -> int:
        if self.library is None:
            return 0
        return len(entries(self.library, View(drafts=self.drafts_box.isChecked())))

    def _language_setting(self) -> str:
        root = self.library.root if self.library is not None else None
        return f"languages/{keys.library_key(root)}" if root is not None else "languages/none"

    def _refill(self, keep_selection: bool = True) -> None:
        """Recompute the entries for the current view; models, tags and counts follow."""
        library = self.library
        if library is None:
            return
        view = self.view()
        now = view.moment()
        self._entries = entries(library, view)
        hidden = {
            post.path: reason
            for entry in self._entries
            for post in (entry.post, *entry.translations)
            if (reason := post.hidden_reason(now))
        }
        current = self.post_view.currentIndex().data(PATH_ROLE)
        self.post_model.set_entries(self._entries, hidden)
        self.refresh_tags(keep_selection=keep_selection)
        if isinstance(current, str):
            self.select_quietly(current)

    def refresh_tags(self, keep_selection: bool = False) -> None:
        """Rebuild the tags pane from the entries shown (keeping the chosen row when asked)."""
        kind, key = self.tag_view.currentIndex().data(FILTER_ROLE) or (ALL_POSTS, "")
        posts = [entry.post for entry in self._entries]
        self.tag_model.set_index(build_tag_index(posts), len(posts), build_category_index(posts))
        row = 0
        if keep_selection and kind == UNTAGGED:
            row = 1
        elif keep_selection and kind == CATEGORY:
            row = max(0, self.tag_model.row_of_category(key))
        elif keep_selection and kind == UNCATEGORIZED:
            row = max(0, self.tag_model.rowCount() - 1)
        elif keep_selection and key:
            row = max(0, self.tag_model.row_of_tag(key))
        self.tag_view.setCurrentIndex(self.tag_model.index(row, 0))

    def tag_names(self) -> list[str]:
        """The tags the pane offers now (for the comparison's scopes)."""
        return self.tag_model.names("tag")

    def category_names(self) -> list[str]:
        """The categories the pane offers now."""
        return self.tag_model.names(CATEGORY)

    # -- choices -----------------------------------------------------------------------------
    def _on_tag_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        kind, key = current.data(FILTER_ROLE) or (ALL_POSTS, "")
        self.post_proxy.set_tag_filter(kind, key)

    def select_tag(self, tag: str) -> None:
        """Show the posts carrying `tag` (a tag chip was clicked)."""
        row = self.tag_model.row_of_tag(tag)
        if row >= 0:
            self.tag_view.setCurrentIndex(self.tag_model.index(row, 0))

    def select_category(self, category: str) -> None:
        """Show the posts in `category` (a category chip was clicked)."""
        row = self.tag_model.row_of_category(category)
        if row >= 0:
            self.tag_view.setCurrentIndex(self.tag_model.index(row, 0))

    def _on_drafts_toggled(self, show: bool) -> None:
        self.settings.setValue(keys.SHOW_DRAFTS, show)
        self._fill_languages(first=False)
        self._refill()
        self.viewChanged.emit()

    def _on_language_chosen(self, _index: int) -> None:
        self.settings.setValue(self._language_setting(), self.language_box.currentData() or "")
        current = self.post_view.currentIndex().data(ENTRY_ROLE)
        self._refill()
        self.viewChanged.emit()
        if isinstance(current, Entry):
            self._follow_language(current)

    def _follow_language(self, previous: Entry) -> None:
        """After a language switch, show the open post in the new language if it has one."""
        files = {post.path for post in (previous.post, *previous.translations)}
        for entry in self._entries:
            if entry.post.path in files:
                self.select_quietly(entry.post.path)
                if entry.post.path != previous.post.path:
                    self.postChosen.emit(entry.post)
                return

    def choose_language(self, lang: str | None) -> bool:
        """Pick a language in the Language choice (None: all); False when it is not offered."""
        index = self.language_box.findData(lang or EVERY_LANGUAGE)
        if index < 0:
            return False
        self.language_box.setCurrentIndex(index)
        self._on_language_chosen(index)
        return True

    def _on_post_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        entry = current.data(ENTRY_ROLE)
        if isinstance(entry, Entry):
            self.postChosen.emit(entry.post)

    def _select_entry(self, entry: Entry) -> bool:
        for row in range(self.post_model.rowCount()):
            source = self.post_model.index(row, 0)
            if source.data(PATH_ROLE) != entry.post.path:
                continue
            index = self.post_proxy.mapFromSource(source)
            if not index.isValid():
                self.filter_box.clear()
                self.tag_view.setCurrentIndex(self.tag_model.index(0, 0))
                index = self.post_proxy.mapFromSource(source)
            self.post_view.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
            self.post_view.scrollTo(index)
            return True
        return False

    def select_quietly(self, rel_path: str) -> None:
        """Select the row of a post (or of its translation) without opening it again."""
        entry = entry_of(self._entries, rel_path)
        path = entry.post.path if entry is not None else rel_path
        for row in range(self.post_proxy.rowCount()):
            index = self.post_proxy.index(row, 0)
            if index.data(PATH_ROLE) == path:
                selection = self.post_view.selectionModel()
                blocker = QSignalBlocker(selection)
                selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
                del blocker
                return

    def open_post(self, rel_path: str) -> bool:
        """Select and show the post at `rel_path`, clearing filters that hide it: drafts are
        shown for a hidden post, every language for a post in another one. A translation of
        the entry shown is opened in place of it."""
        library = self.library
        post = library.find(rel_path) if library is not None else None
        if post is None:
            return False
        if post.hidden_reason(self.view().moment()) and not self.drafts_box.isChecked():
            self.drafts_box.setChecked(True)
        entry = entry_of(self._entries, rel_path)
        if entry is None and self.language_box.currentData():
            self.choose_language(None)
            entry = entry_of(self._entries, rel_path)
        if entry is None:
            return False
        self.filter_box.clear()
        self.tag_view.setCurrentIndex(self.tag_model.index(0, 0))
        if entry.post.path == rel_path:
            return self._select_entry(entry)
        self.select_quietly(entry.post.path)
        self.postChosen.emit(post)
        return True

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

    def translations_of(self, post: Post) -> list[Post]:
        """The other languages the list offers for `post` (the article's language chips)."""
        entry = entry_of(self._entries, post.path)
        if entry is None:
            return []
        return [other for other in (entry.post, *entry.translations) if other.path != post.path]

    def posts(self) -> list[Post]:
        """Every file of the library (each translation on its own)."""
        return list(self.library.posts) if self.library is not None else []
