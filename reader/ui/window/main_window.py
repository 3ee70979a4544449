"""The main window: tags, posts and the article, side by side."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QCloseEvent, QUndoGroup
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QMainWindow,
)

from reader.core.library.post import Post
from reader.core.library.scan import Library
from reader.core.notes.store import NotesStore
from reader.core.render.pipeline import RenderedPost
from reader.ui.annotating.actions import AnnotationActions
from reader.ui.annotating.session import AnnotationSession
from reader.ui.annotating.trim import trimmed_span
from reader.ui.common import settings_keys as keys
from reader.ui.library.browser import LibraryBrowser
from reader.ui.library.cache_saver import CacheSaver
from reader.ui.library.loader import LibraryLoader
from reader.ui.library.watcher import LibraryWatcher
from reader.ui.reading.article_view import ArticleView
from reader.ui.reading.find_bar import FindBar
from reader.ui.reading.highlights import highlight_specs
from reader.ui.reading.page_document import BuiltPage, build_page
from reader.ui.reading.post_renderer import PostRenderer, RenderJob
from reader.ui.search.dialog import SearchDialog, SearchService
from reader.ui.window.accessibility import describe_window
from reader.ui.window.closing import save_notes_or_ask
from reader.ui.window.desktop_tasks import DesktopTasks
from reader.ui.window.docks import add_docks
from reader.ui.window.library_events import LibraryEvents
from reader.ui.window.menus import build_menus
from reader.ui.window.navigation import Navigator
from reader.ui.window.notes_jobs import NotesJobs
from reader.ui.window.panes import window_panes
from reader.ui.window.problem_count import ShownCounts
from reader.ui.window.reading_place import ReadingPlaces
from reader.ui.window.space import RoomKeeper, article_splitter
from reader.ui.window.status_area import StatusArea
from reader.ui.window.theme import ThemeController
from reader.ui.window.window_state import remember_library, restore_window, save_window


class MainWindow(QMainWindow, LibraryEvents):
    """Browse by tag, pick a post, read it. Collaborators come in through the constructor."""

    def __init__(
        self,
        settings: QSettings,
        loader: LibraryLoader,
        themes: ThemeController,
        notes_dir: Path | None = None,
        home_posts: Mapping[Path, str] | None = None,
    ) -> None:
        """`home_posts`: a library's own article (by library folder), opened the first time."""
        super().__init__()
        self.settings = settings
        self._home_posts = {root.resolve(): post for root, post in (home_posts or {}).items()}
        self.loader = loader
        self.themes = themes
        self.notes_dir = notes_dir
        self.renderer = PostRenderer(self)
        self.watcher = LibraryWatcher(self)
        self.watcher.prepare = lambda library: self.browser.preparer(library.root)
        self.cache_saver = CacheSaver(self)
        self.undo_group = QUndoGroup(self)
        self.session = AnnotationSession(self.undo_group, self)
        self.places = ReadingPlaces(settings)
        self.store: NotesStore | None = None
        self.library: Library | None = None
        self.load_error: str | None = None
        self.library_root: Path | None = None
        self._pending_open: str | None = None
        self._kept_open: str | None = None  # the post to keep open when the site is read again
        self._opening = False  # the first post of a library is about to be opened
        self._focus_on_open = True  # the first post shown takes the keyboard focus
        self.search = SearchService(self)
        self.search_dialog = SearchDialog(self.search, self)
        self.setWindowTitle("reader")

        self.browser = LibraryBrowser(self.settings, self)
        self.tag_model, self.tag_view = self.browser.tag_model, self.browser.tag_view
        self.post_model, self.post_proxy = self.browser.post_model, self.browser.post_proxy
        self.post_view, self.filter_box = self.browser.post_view, self.browser.filter_box
        self.drafts_box = self.browser.drafts_box
        self.tag_filter_box = self.browser.tag_filter_box
        self.tag_order_box = self.browser.tag_order_box
        self.language_box = self.browser.language_box

        self.article = ArticleView()
        self.find_bar = FindBar(self.article)
        self.find_bar.hide()
        self.find_field = self.find_bar.field
        self.annotation_actions = AnnotationActions(
            self.article, self.session, lambda: self.notes_jobs.library_aspects()
        )

        docks = add_docks(self, self.session, lambda scope: self.notes_jobs.comparison_table(scope))
        self.outline, self.outline_dock = docks.outline, docks.outline_dock
        self.annotations_panel, self.comparison = docks.annotations, docks.comparison
        self.annotation_list = self.annotations_panel.list
        self.annotation_filter = self.annotations_panel.filter_text
        self.comparison_view = self.comparison.view

        # The find bar sits below the article (as in Firefox): opening it never moves the text.
        self.splitter = article_splitter(
            [
                self.language_box,
                self.tag_filter_box,
                self.tag_view,
                self.tag_order_box,
                self.drafts_box,
            ],
            [self.filter_box, self.browser.empty_label, self.post_view],
            [self.article, self.find_bar],
        )
        self.setCentralWidget(self.splitter)
        self.room = RoomKeeper(
            self,
            self.splitter,
            self.article,
            self.tag_view,
            lambda: [self.outline_dock, self.annotations_panel, self.comparison],
            lambda: self.settings.value(keys.WINDOW_STATE) is None,
        )

        self.status = StatusArea(self.statusBar(), self)
        self.notice, self.counts_button = self.status.notice, self.status.counts_button
        self.counts = ShownCounts(self.browser, self.status, self.comparison)

        self.navigator = Navigator(
            self.article, self.session, self.open_post, self.annotations_panel.select
        )
        self.desktop = DesktopTasks(self, self)
        self.notes_jobs = NotesJobs(
            self,
            settings,
            lambda: (self.library, self.store),
            self.session,
            self.browser,
            self.article,
            self.notice,
        )
        self.menu_actions = build_menus(self)
        self.article.set_zoom_factor(keys.read_float(self.settings, keys.ZOOM, 1.0))
        self.article.set_caret_browsing(keys.read_bool(self.settings, keys.CARET_BROWSING))
        restore_window(self.settings, self, self.splitter)
        self.panes = window_panes(self, self)
        self._connect_signals()
        self.article.clear_post("Pick a post to read it.")
        describe_window(self)

    def _connect_signals(self) -> None:
        self.browser.postChosen.connect(self.show_post)
        self.loader.progress.connect(self.status.scan_progress)
        self.loader.loaded.connect(self._on_library_loaded)
        self.loader.revised.connect(self._on_library_revised)
        self.loader.failed.connect(self._on_library_failed)
        self.article.tagClicked.connect(self.browser.select_tag)
        self.article.categoryClicked.connect(self.browser.select_category)
        self.article.translationClicked.connect(self.open_post)
        self.browser.viewChanged.connect(lambda: self.counts.refresh(self.library))
        self.watcher.siteChanged.connect(self._on_site_changed)
        self.article.zoomChanged.connect(lambda factor: self.settings.setValue(keys.ZOOM, factor))
        self.article.caretBrowsingChanged.connect(
            lambda on: self.settings.setValue(keys.CARET_BROWSING, on)
        )
        self.outline.anchorChosen.connect(self.article.scrollToAnchor)
        self.themes.changed.connect(self._on_theme_changed)
        self.renderer.started.connect(self._on_render_started)
        self.renderer.rendered.connect(self._on_rendered)
        self.session.changed.connect(self.refresh_highlights)
        self.session.saved.connect(self.comparison.notes_changed)
        self.session.reloaded.connect(self.comparison.notes_changed)
        self.session.reloaded.connect(self._on_notes_reloaded)
        self.comparison.openRequested.connect(self.navigator.open_at)
        self.watcher.changed.connect(self._on_posts_changed)
        self.search_dialog.chosen.connect(self.navigator.open_hit)
        self.annotations_panel.activated.connect(self.article.flash)
        self.annotations_panel.reattachRequested.connect(self.reattach)
        self.article.cursorPositionChanged.connect(self._on_article_cursor)
        self.search.message.connect(self.notice.setText)
        self.session.saved.connect(self._on_notes_saved)
        self.session.message.connect(self.notice.setText)
        self.annotation_actions.message.connect(self.notice.setText)
        self.desktop.message.connect(self.notice.setText)

    # -- library ---------------------------------------------------------------------------
    def open_library(self, root: Path, open_post: str | None = None) -> None:
        """Start scanning `root`; the window fills in when the scan ends."""
        self._save_position()
        self.library_root = root
        self.load_error = None
        self._pending_open = open_post
        self.article.set_library_root(root)
        self.store = NotesStore(root, self.notes_dir)
        self.notes_jobs.notes_changed()
        self.session.set_store(self.store)
        self.counts.use_library(root, self.notes_dir)
        self.status.show_notes_location(self.store.notes_root, self.store.fallback_reason)
        self.setWindowTitle(f"reader — {root.name or root}")
        self.status.scanning(str(root))
        self.loader.load(root, self.browser.preparer(root))
        self._remember_recent(root)

    def choose_library(self) -> None:
        """File → Open Library…"""
        start = str(self.library_root or Path.home())
        folder = QFileDialog.getExistingDirectory(self, "Open Library", start)
        if folder:
            self.open_library(Path(folder))

    # -- annotations -----------------------------------------------------------------------
    def refresh_highlights(self) -> None:
        """Repaint the open post's highlights from the session's annotations."""
        self.article.set_highlights(
            highlight_specs(
                self.session.live(),
                self.session.anchors,
                self.session.sides(),
                self.article.view_range,
            )
        )

    def export_notes(self) -> None:
        """File → Export Notes…"""
        self.notes_jobs.export_notes()

    def reattach(self, annotation_id: str) -> None:
        """Give an orphaned note the passage selected now."""
        selected = self.article.article_range_of_selection()
        start, end = trimmed_span(self.session.article_text, *selected) if selected else (0, 0)
        if end <= start:
            self.notice.setText("Select the passage this note belongs to, then press Re-attach.")
            return
        self.session.reattach(annotation_id, start, end)

    def _on_article_cursor(self) -> None:
        spec = self.article.highlight_at(self.article.textCursor().position())
        if spec is not None:
            self.annotations_panel.select(spec.annotation_id)

    def _on_notes_saved(self) -> None:
        self.notes_jobs.notes_changed()
        if self.store is not None:  # a failed save may have moved notes to the user folder
            self.status.show_notes_location(self.store.notes_root, self.store.fallback_reason)
        post = self.article.current_post()
        if post is not None:
            self.search.update_notes(post.path)
        self.counts.recount(self.library)

    def _on_notes_reloaded(self) -> None:
        post = self.article.current_post()
        if post is not None:
            self.search.update_notes(post.path)  # changed on disk: findable as they are now

    def show_search(self) -> None:
        """Ctrl+K: the search box."""
        self.search_dialog.show()
        self.search_dialog.raise_()
        self.search_dialog.field.setFocus()
        self.search_dialog.field.selectAll()

    def focus_filter(self) -> None:
        """Ctrl+L: type to filter the posts list."""
        self.filter_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_box.selectAll()

    # -- browsing --------------------------------------------------------------------------
    def open_post(self, rel_path: str) -> bool:
        """Select and show the post at `rel_path`, clearing filters that hide it."""
        return self.browser.open_post(rel_path)

    def move_post(self, step: int) -> None:
        """Next (+1) or previous (-1) post in the list."""
        self.browser.move_post(step)

    def show_post(self, post: Post) -> None:
        """Render and show `post`, restoring where the reader left it."""
        if self.library_root is None:
            return
        self._save_position()
        self.watcher.follow(post.path)
        job = RenderJob(post, self.library_root, self.themes.effective())
        translations, font = self.browser.translations_of(post), self.article.page_font()
        self.renderer.request(
            job, lambda rendered: build_page(post, rendered, job.theme, translations, font)
        )

    def _on_render_started(self, job: RenderJob) -> None:
        size = job.post.size / 1_000_000
        self.article.clear_post(f"Rendering “{job.post.title}” ({size:.1f} MB) …")
        self.notice.setText("Rendering a large post …")

    def _on_rendered(self, job: RenderJob, rendered: RenderedPost) -> None:
        post = job.post
        built = self.renderer.take_built(job)
        self.article.show_post(
            post,
            rendered,
            self.themes.effective(),
            self.browser.translations_of(post),
            built if isinstance(built, BuiltPage) else None,
        )
        self.outline.set_entries(rendered.toc)
        self.setWindowTitle(f"{post.title} — reader")
        self.notice.setText(" ".join(rendered.notices))
        self.session.open_post(post, rendered.text)
        self.comparison.refresh_post_scope()
        offset = self.places.find(job.library_root, post.path, rendered.text)
        self.article.scroll_to_article_offset(offset)
        self.places.remember_post(job.library_root, post.path)
        describe_window(self)
        if self._focus_on_open:
            self._focus_on_open = False
            if self.isActiveWindow() or QApplication.focusWidget() is None:
                self.article.setFocus(Qt.FocusReason.OtherFocusReason)
        self.navigator.rendered(post.path)  # a jump waiting for this post wins over the place

    def _on_theme_changed(self, _theme: str) -> None:
        post = self.article.current_post()
        if post is not None:
            self.show_post(post)

    # -- state -----------------------------------------------------------------------------
    def _save_position(self) -> None:
        post, rendered = self.article.current_post(), self.article.rendered()
        if post is not None and rendered is not None and self.library_root is not None:
            offset = self.article.top_article_offset()
            self.places.save(self.library_root, post.path, rendered.text, offset)

    def _remember_recent(self, root: Path) -> None:
        remember_library(self.settings, root)
        self.menu_actions.refresh_recent()

    def recent_libraries(self) -> list[str]:
        """Recently opened libraries, newest first."""
        return keys.read_list(self.settings, keys.RECENT)

    def save_state(self) -> None:
        """Geometry, docks, splitter sizes and the reading position, into QSettings."""
        self._save_position()
        save_window(self.settings, self, self.splitter)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Notes first (asking only if the disk refuses them), then the window's state; work
        still running in the background is told to stop and never waited for."""
        if not save_notes_or_ask(self, self.session):
            event.ignore()
            return
        self.counts.cancel()
        self.save_state()
        self.loader.cancel()
        self.watcher.cancel()
        self.renderer.cancel()
        self.search.cancel()
        self.comparison.cancel()
        self.notes_jobs.cancel()
        self.desktop.cancel()
        super().closeEvent(event)
