"""Library-wide work on the notes, for the window: comparison tables, exports, aspects.

Each job works on a snapshot (the posts as listed now, and a read-only store of the same notes
folder whose parsed files are kept between jobs), so it can run in a worker thread while the
window replaces its own library and goes on saving notes.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLabel, QWidget

from reader.core.export.run import EMPTY_TABLE, ExportRequest, comparison_for_scope
from reader.core.library.scan import Library
from reader.core.notes.aspects import notes_aspects
from reader.core.notes.store import NotesStore
from reader.ui.annotating.session import AnnotationSession
from reader.ui.comparison.dock import TableJob
from reader.ui.export.dialog import ExportOutcome, ask_export, export_outcome
from reader.ui.export.running import BackgroundExports
from reader.ui.library.browser import LibraryBrowser
from reader.ui.reading.article_view import ArticleView

Sources = Callable[[], tuple[Library | None, NotesStore | None]]


class NotesJobs:
    """What the window asks of the whole library's notes; `sources` gives the window's
    library and store as they are at the time of asking."""

    def __init__(
        self,
        parent: QWidget,
        settings: QSettings,
        sources: Sources,
        session: AnnotationSession,
        browser: LibraryBrowser,
        article: ArticleView,
        notice: QLabel,
    ) -> None:
        self._parent = parent
        self._settings = settings
        self._sources = sources
        self._session = session
        self._browser = browser
        self._article = article
        self._notice = notice
        self._background_store: tuple[tuple[object, object], NotesStore] | None = None
        self._aspects: list[str] | None = None
        self.exports = BackgroundExports(parent)
        self.exports.progress.connect(self._on_export_progress)
        self.exports.finished.connect(self._on_exported)

    def comparison_table(self, scope: str) -> TableJob:
        """A job building the comparison for a scope of the dock: post, tag:NAME or library."""
        library, store = self._sources()
        if library is None or store is None:
            return lambda _progress: EMPTY_TABLE
        self._session.flush()
        current = self._current_path()
        view = self._browser.view()
        snapshot, reading = _snapshot(library), self._reading_store(library, store)
        return lambda progress: comparison_for_scope(
            snapshot, reading, scope, current, view, progress
        )

    def export_notes(self) -> None:
        """File → Export Notes…: ask what to export, then write it in the background."""
        library, store = self._sources()
        if library is None or store is None:
            return
        self._session.flush()
        current = self._current_path()
        request = ask_export(
            self._parent, self._settings, library, self._browser.tag_names(), current
        )
        if request is not None:
            self.start_export(request)

    def start_export(self, request: ExportRequest) -> None:
        """Write `request`'s export in the background; the notice says how it goes."""
        library, store = self._sources()
        if library is None or store is None:
            return
        self._notice.setText("Exporting notes …")
        snapshot, reading = _snapshot(library), self._reading_store(library, store)
        self.exports.start(snapshot, reading, request, self._current_path())

    def library_aspects(self) -> list[str]:
        """Aspects used anywhere in the library's notes (for completion; read once per save)."""
        library, store = self._sources()
        if store is None:
            return []
        if self._aspects is None:
            posts = [post.path for post in library.posts] if library else []
            self._aspects = notes_aspects(store, posts)
        return self._aspects

    def notes_changed(self) -> None:
        """Notes were saved or a library opened: aspects are read again when next asked."""
        self._aspects = None

    def cancel(self) -> None:
        """The window closes: running exports are told to stop."""
        self.exports.cancel()

    def _current_path(self) -> str | None:
        post = self._article.current_post()
        return post.path if post is not None else None

    def _reading_store(self, library: Library, store: NotesStore) -> NotesStore:
        key = (library.root, store.notes_root)
        if self._background_store is None or self._background_store[0] != key:
            self._background_store = (
                key,
                NotesStore(library.root, store.notes_root, read_only=True),
            )
        return self._background_store[1]

    def _on_export_progress(self, done: int, total: int) -> None:
        self._notice.setText(f"Exporting notes … {done:,} of {total:,} posts")

    def _on_exported(self, request: ExportRequest, outcome: ExportOutcome) -> None:
        self._notice.setText(export_outcome(self._parent, request, outcome))


def _snapshot(library: Library) -> Library:
    """The library as listed now, for a worker thread (the window may replace its own)."""
    return Library(
        library.root, list(library.posts), context=library.context, ordered=library.ordered
    )
