"""How the main window follows its library: a scan's result shown, a failure said, posts
changed on disk (or while the window was closed) applied, the site read again; the open post
kept open throughout. A part of `MainWindow` (its attributes are declared here for the type
checker), kept apart so that each module stays small."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QListView

from reader.core.library.post import Post
from reader.core.library.scan import Library
from reader.core.library.watch import PostChange
from reader.core.notes.store import NotesStore
from reader.ui.library.browser import LibraryBrowser
from reader.ui.library.cache_saver import CacheSaver
from reader.ui.library.loader import LibraryLoader
from reader.ui.library.watcher import LibraryWatcher
from reader.ui.reading.article_view import ArticleView
from reader.ui.search.service import SearchService
from reader.ui.window.problem_count import ShownCounts
from reader.ui.window.reading_place import ReadingPlaces, posts_to_open
from reader.ui.window.space import tags_minimum
from reader.ui.window.status_area import StatusArea

INDEX_AFTER_MS = 50  # the search index is updated once the window has painted the post


class LibraryEvents:
    """The window's handlers of the loader's and the watcher's news."""

    library: Library | None
    library_root: Path | None
    load_error: str | None
    store: NotesStore | None
    loader: LibraryLoader
    watcher: LibraryWatcher
    cache_saver: CacheSaver
    browser: LibraryBrowser
    search: SearchService
    counts: ShownCounts
    status: StatusArea
    article: ArticleView
    notice: QLabel
    places: ReadingPlaces
    post_view: QListView
    tag_view: QListView
    _home_posts: dict[Path, str]
    _pending_open: str | None
    _kept_open: str | None
    _opening: bool  # the first post is about to be opened
    open_post: Callable[[str], bool]
    show_post: Callable[[Post], None]

    def _on_library_loaded(self, library: Library) -> None:
        """Fill the lists; the post to read opens in the next turn of the event loop (the
        list is painted between: at 100,000 posts each half held the GUI thread nearly
        0.1 s), and the background work (counts, search index, the check of the files)
        starts after that: beside busy workers the GUI thread waits for the interpreter."""
        self.library = library
        self.status.scan_ended()
        self.browser.set_library(library)
        self.watcher.watch(library)
        if not self._opening:
            self._opening = True
            QTimer.singleShot(1, self._open_first_post)  # a timer: timers due first run first
        self.counts.refresh(library)  # its worker starts after that

    def _open_first_post(self) -> None:
        """The post asked for, kept open, or where the reader was (the library loaded last);
        then the search index is brought up to date (its worker would slow this down)."""
        self._opening = False
        library = self.library
        if library is None:
            return
        self._open_post_for(library)
        notes = self.store.notes_root if self.store else None
        QTimer.singleShot(INDEX_AFTER_MS, lambda: self._index(library, notes))

    def _index(self, library: Library, notes: Path | None) -> None:
        if self.library is library:  # else the newer library is indexed
            self.search.index_library(library, notes)

    def _open_post_for(self, library: Library) -> None:
        self.tag_view.setMinimumWidth(tags_minimum(self.tag_view))  # no tag cut off
        wanted, self._pending_open = self._pending_open, None
        kept, self._kept_open = self._kept_open, None
        if kept is not None:
            self._keep_reading(library, kept)
        elif wanted is None or not self.open_post(wanted):
            self._open_where_the_reader_was(library)
            if wanted is not None:
                self.notice.setText(f"No post {wanted!r} in this library.")
        if not library.posts:
            self.article.clear_post("This folder has no Markdown posts.")
            self.post_view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _open_where_the_reader_was(self, library: Library) -> None:
        """The post last read here; else the library's own article (the bundled one has one),
        else the newest."""
        newest = self.browser.first_post()
        for path in posts_to_open(
            self.places.last_post(library.root),
            self._home_posts.get(library.root.resolve()),
            newest.path if newest is not None else None,
        ):
            if self.open_post(path):
                return

    def _on_library_failed(self, message: str) -> None:
        self.load_error = message
        self.status.scan_ended(message)
        self.article.clear_post(message)

    def _on_posts_changed(self, library: Library, changes: list[PostChange]) -> None:
        """Posts changed on disk: the watcher's new library replaces the old (which workers
        may still be reading); update the lists, keep the reader's place."""
        if self.library is None or library.root != self.library.root:
            return
        self.library = library
        current = self.article.current_post()
        self.browser.set_library(self.library)
        self.counts.refresh(self.library)
        self.cache_saver.save(self.library)  # off this thread: a second at 100,000 posts
        self.search.update_posts(changes)  # these posts alone, never the whole library
        if current is None:
            return
        touched = {change.rel: change for change in changes}
        change = touched.get(current.path)
        if change is None:
            self.browser.select_quietly(current.path)
        elif change.post is not None:
            self.browser.select_quietly(current.path)
            self.show_post(change.post)
        else:
            self.article.clear_post(f"“{current.title}” was removed from the library.")
        self.notice.setText(f"{len(changes)} post(s) changed on disk.")

    def _on_library_revised(
        self, shown: Library, library: Library, changes: list[PostChange] | None
    ) -> None:
        """The cached list shown first was out of date: what changed while the window was
        closed is applied as the watcher's changes are (or, when more than posts changed or
        the watcher came first, the library is shown afresh)."""
        if self.library is not shown:
            self._on_site_changed()  # the watcher's library was made from the stale one
        elif changes is None:
            post = self.article.current_post()
            self._kept_open = post.path if post is not None else None
            self._on_library_loaded(library)
        else:
            self.watcher.watch(library)
            self._on_posts_changed(library, changes)

    def _on_site_changed(self) -> None:
        """A section page or the site config changed: read the library again (the scan cache
        knows what really changed), keeping the post open."""
        if self.library_root is not None:
            post = self.article.current_post()
            self._kept_open = post.path if post is not None else None
            self.loader.load(self.library_root)

    def _keep_reading(self, library: Library, rel: str) -> None:
        """After the library was read again, the open post stays open as it now reads, even if
        the site now hides it (nothing else changes what the person chose to see)."""
        post = library.find(rel)
        if post is None:
            self.article.clear_post("The post you were reading is no longer in the library.")
            return
        self.browser.select_quietly(rel)
        self.show_post(post)
