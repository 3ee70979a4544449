"""The browsing panes: the Language choice, tags and categories (with the drafts toggle), the
filter box and the posts list. What they show and count comes from `core.library.entries`.

A post opens only when the person picks it (a click, Enter, the arrows in the list, Alt+Down):
choosing a tag, a language, typing a filter or toggling drafts narrows the list but never opens
another post. Afterwards the open post is selected again when it is still listed, and nothing
is when it is not; an empty list says why.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QSettings,
    Signal,
)
from PySide6.QtWidgets import QListView

from reader.core.library.entries import (
    Entry,
    View,
    default_language,
    entries,
    language_counts,
    prepare_view,
    tag_indexes,
)
from reader.core.library.post import Post
from reader.core.library.scan import Library
from reader.core.library.tags import build_category_index, build_tag_index
from reader.ui.common import settings_keys as keys
from reader.ui.common.wording import counted
from reader.ui.library.entry_rows import EntryRows
from reader.ui.library.filter_keys import FilterKeys
from reader.ui.library.pane_widgets import (
    EVERY_LANGUAGE,
    drafts_box,
    empty_label,
    fill_language_box,
    filter_box,
    language_box,
)
from reader.ui.library.post_delegate import PostDelegate
from reader.ui.library.post_model import (
    ENTRY_ROLE,
    PostFilterProxy,
    PostListModel,
)
from reader.ui.library.tag_model import (
    CATEGORY,
)
from reader.ui.library.tag_pane import TagPane
from reader.ui.library.thumbnails import ThumbnailCache


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
        self._every: list[Entry] | None = None
        self._prepared: tuple[Library, bool, EntryRows] | None = None  # from the scan thread
        self._every_rows: EntryRows | None = None  # the rows of `_every`, when prepared
        self._open_path: str | None = None
        self._quiet = 0  # above 0 while the list changes under the person's hands
        self.language_box = language_box()
        self.tags = TagPane(settings, self._update_state, self)
        self.tag_model, self.tag_view = self.tags.model, self.tags.view
        self.tag_filter_box, self.tag_order_box = self.tags.filter_box, self.tags.order_box
        self.drafts_box = drafts_box(settings)
        self.post_model = PostListModel()
        self.post_proxy = PostFilterProxy()
        self.post_proxy.setSourceModel(self.post_model)
        self.filter_box = filter_box(
            "Filter posts (Ctrl+L)",
            "Filter posts",
            "Words to look for in titles, descriptions and tags. "
            "Esc clears, Down goes to the list.",
        )
        self.post_view = QListView()
        self.post_view.setModel(self.post_proxy)
        self.thumbnails = ThumbnailCache(parent=self)  # covers decoded off the GUI thread
        self.thumbnails.arrived.connect(self.post_view.viewport().update)
        self.post_view.setItemDelegate(PostDelegate(self.thumbnails, self.post_view))
        self.post_view.setUniformItemSizes(True)
        self.post_view.setAccessibleDescription(
            "Newest first. The arrows or a click open a post; Alt+Down and Alt+Up from anywhere."
        )
        self.empty_label = empty_label()
        self._filter_keys = FilterKeys(self.filter_box, self.post_view, self._open_first)
        self._connect_signals()
        self._update_state()

    def _connect_signals(self) -> None:
        self.tags.chosen.connect(
            lambda kind, key: self._narrow(lambda: self.post_proxy.set_tag_filter(kind, key))
        )
        self.drafts_box.toggled.connect(self._on_drafts_toggled)
        self.language_box.activated.connect(self._on_language_chosen)
        self.filter_box.textChanged.connect(
            lambda text: self._narrow(lambda: self.post_proxy.set_text_filter(text))
        )
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
        self._narrow(lambda: self._fill_and_refill(first))

    def _fill_and_refill(self, first: bool) -> None:
        self._every = None
        self._fill_languages(first)
        self._refill()
        self._every, self._every_rows = None, None

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
        fill_language_box(self.language_box, counts, self._every_count(), wanted, unnamed)

    def _every_count(self) -> int:
        if self.library is None:
            return 0
        return len(self._every_language())

    def _every_language(self) -> list[Entry]:
        """The entries of every language (counted for the Language choice, and the list
        itself when every language is shown: made once per fill)."""
        if self._every is None and self.library is not None:
            drafts = self.drafts_box.isChecked()
            made, self._prepared = self._prepared, None
            if made is not None and made[0] is self.library and made[1] == drafts:
                self._every = list(made[2].entries)
                self._every_rows = made[2]
            else:
                self._every = entries(self.library, View(drafts=drafts))
                self._every_rows = None
        return self._every or []

    def preparer(self, root: Path) -> Callable[[Library], None]:
        """What the loader computes in its thread for a library at `root` about to be shown:
        the lists of the view this pane will show it in (drafts and language as chosen)."""
        drafts = self.drafts_box.isChecked()
        saved = self.settings.value(f"languages/{keys.library_key(root)}")
        wanted = None if saved is None else str(saved)

        def prepare(library: Library) -> None:
            prepare_view(library, drafts, wanted)
            every = entries(library, View(drafts=drafts))  # made just now: a copy of it
            self._prepared = (library, drafts, EntryRows.of(every))

        return prepare

    def _language_setting(self) -> str:
        root = self.library.root if self.library is not None else None
        return f"languages/{keys.library_key(root)}" if root is not None else "languages/none"

    def _refill(self) -> None:
        """Recompute the entries for the current view; models, tags and counts follow."""
        library = self.library
        if library is None:
            return
        view = self.view()
        now = view.moment()
        rows = None
        if view.lang is None and self._every is not None:
            self._entries = self._every
            rows = self._every_rows
        else:
            self._entries = entries(library, view)
        hidden = (
            {
                post.path: reason
                for entry in self._entries
                for post in (entry.post, *entry.translations)
                if (reason := post.hidden_reason(now))
            }
            if view.drafts
            else {}  # without drafts, nothing hidden is listed
        )
        self.post_model.set_entries(self._entries, hidden, rows)
        self.refresh_tags(keep_selection=True)

    def refresh_tags(self, keep_selection: bool = False) -> None:
        """Rebuild the tags pane from the entries shown (keeping the chosen row when asked)."""
        if self.library is not None:
            tags, categories = tag_indexes(self.library, self.view())
        else:
            tags, categories = build_tag_index([]), build_category_index([])
        self.tags.show_index(tags, len(self._entries), categories, keep_selection)
        self._update_state()

    def tag_names(self) -> list[str]:
        """The tags the pane offers now (for the comparison's scopes)."""
        return self.tags.names("tag")

    def category_names(self) -> list[str]:
        """The categories the pane offers now."""
        return self.tags.names(CATEGORY)

    # -- the open post, kept selected ------------------------------------------------------
    def select_quietly(self, rel_path: str) -> None:
        """Select a post (or the entry of its translation) without opening it again."""
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
        """The listed row of a post, or of the entry holding it as a translation."""
        if not rel_path:
            return QModelIndex()
        source_row = self.post_model.row_holding(rel_path)  # a translation: its entry's
        row = self.post_proxy.row_of_source(source_row) if source_row >= 0 else -1
        return self.post_proxy.index(row, 0) if row >= 0 else QModelIndex()

    def _update_state(self) -> None:
        """The empty-list message, and the names a screen reader announces."""
        shown = self.post_proxy.rowCount()
        self.post_view.setAccessibleName(f"Posts list, {counted(shown, 'post')}")
        self.tags.describe()
        text = self.filter_box.text().strip()
        if shown or not self._entries:
            self.empty_label.hide()
            return
        if text:
            message = f"No posts match “{text}”. Esc clears the filter."
        else:
            message = "No posts here. Choose All posts, or Show drafts."
        self.empty_label.setText(message)
        self.empty_label.show()

    # -- choices ---------------------------------------------------------------------------
    def select_tag(self, tag: str) -> None:
        """Show the posts carrying `tag` (a tag chip was clicked)."""
        self.tags.select_tag(tag)

    def select_category(self, category: str) -> None:
        """Show the posts in `category` (a category chip was clicked)."""
        self.tags.select_category(category)

    def _on_drafts_toggled(self, show: bool) -> None:
        self.settings.setValue(keys.SHOW_DRAFTS, show)
        self._narrow(lambda: self._fill_and_refill(False))
        self.viewChanged.emit()

    def _on_language_chosen(self, _index: int) -> None:
        shown = self.post_model.entry_of(self._open_path) if self._open_path else None
        self._apply_language()
        if shown is not None:
            self._follow_language(shown)

    def _apply_language(self) -> None:
        self.settings.setValue(self._language_setting(), self.language_box.currentData() or "")
        self._narrow(self._refill)
        self.viewChanged.emit()

    def _follow_language(self, previous: Entry) -> None:
        """After a language switch, show the open post in the new language if it has one."""
        shown = self._open_path
        files = {post.path for post in (previous.post, *previous.translations)}
        for entry in self._entries:
            if entry.post.path in files:
                self.select_quietly(entry.post.path)
                if entry.post.path != shown:
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
        if self._quiet > 0:
            return
        entry = current.data(ENTRY_ROLE)
        if isinstance(entry, Entry):
            self._open_path = entry.post.path
            self.postChosen.emit(entry.post)

    def open_post(self, rel_path: str) -> bool:
        """Select and show the post at `rel_path`, clearing filters that hide it: drafts are
        shown for a hidden post, every language for a post in another one. A translation of
        the entry shown is opened in place of it."""
        library = self.library
        post = library.find(rel_path) if library is not None else None
        if post is None:
            return False

        def reveal() -> None:
            if post.hidden_reason(self.view().moment()) and not self.drafts_box.isChecked():
                self.drafts_box.setChecked(True)
            if self.post_model.entry_of(rel_path) is None and self.language_box.currentData():
                self.language_box.setCurrentIndex(self.language_box.findData(EVERY_LANGUAGE))
                self._apply_language()
            if not self._index_of(rel_path).isValid():
                self.filter_box.clear()
                self.tags.choose_all()
            self._open_path = rel_path

        self._narrow(reveal)
        if self.post_model.entry_of(rel_path) is None:
            return False
        self._open_path = rel_path
        self.postChosen.emit(post)
        return True

    def first_post(self) -> Post | None:
        """The first post listed now (the newest), if any."""
        entry = self.post_proxy.index(0, 0).data(ENTRY_ROLE)
        return entry.post if isinstance(entry, Entry) else None

    def _open_first(self) -> None:
        first = self.first_post()
        if first is not None:
            self.open_post(first.path)

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
        entry = self.post_model.entry_of(post.path)
        if entry is None:
            return []
        return [other for other in (entry.post, *entry.translations) if other.path != post.path]

    def posts(self) -> list[Post]:
        """Every file of the library (each translation on its own)."""
        return list(self.library.posts) if self.library is not None else []
