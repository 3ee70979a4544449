"""The window's File-menu work that reaches outside it: the post in the person's editor or file
manager, printing and PDF, importing notes, and Help → About.

The system opens files and folders (`QDesktopServices`), so the editor is whatever the desktop
has for `.md`; the watcher then shows the edit as for any change on disk. "Show in Folder" asks
the file manager to select the post (freedesktop's FileManager1 over D-Bus) and opens the folder
when none answers. Both are injected so tests can see what was asked without opening anything.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, QSettings, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QFileDialog, QLabel, QMainWindow

from reader.core.export.printable import PrintablePost, printable_post
from reader.core.importing.apply import apply_plan
from reader.core.importing.plan import ImportPlan
from reader.core.importing.report import format_report
from reader.core.library.post import Post
from reader.core.library.scan import Library
from reader.core.notes.store import NotesStore
from reader.ui.annotating.session import AnnotationSession
from reader.ui.common import settings_keys as keys
from reader.ui.export.print_dialogs import export_post_pdf, print_post
from reader.ui.importing.preview import ImportPreview
from reader.ui.importing.service import ImportService
from reader.ui.reading.article_view import ArticleView
from reader.ui.search.dialog import SearchService
from reader.ui.window.about import AboutDialog

OpenUrl = Callable[[QUrl], bool]
ShowItem = Callable[[Path], bool]


class DesktopHost(Protocol):
    """What these tasks need of the main window."""

    @property
    def settings(self) -> QSettings: ...
    @property
    def library(self) -> Library | None: ...
    @property
    def library_root(self) -> Path | None: ...
    @property
    def store(self) -> NotesStore | None: ...
    @property
    def session(self) -> AnnotationSession: ...
    @property
    def article(self) -> ArticleView: ...
    @property
    def search(self) -> SearchService: ...
    @property
    def notice(self) -> QLabel: ...


def show_in_file_manager(path: Path) -> bool:
    """Ask the desktop's file manager to show `path` selected; False when none answers."""
    from PySide6.QtDBus import QDBusConnection, QDBusInterface, QDBusMessage

    bus = QDBusConnection.sessionBus()
    if not bus.isConnected():
        return False
    service = "org.freedesktop.FileManager1"
    registered = bus.interface().isServiceRegistered(service)
    if not registered.isValid() or not registered.value():
        return False
    manager = QDBusInterface(service, "/org/freedesktop/FileManager1", service, bus)
    if not manager.isValid():
        return False
    reply = manager.call("ShowItems", [QUrl.fromLocalFile(str(path)).toString()], "")
    return reply.type() != QDBusMessage.MessageType.ErrorMessage


class DesktopTasks(QObject):
    """Open in Editor, Show in Folder, Print, Export as PDF, Import Notes and About."""

    message = Signal(str)  # for the status bar

    def __init__(
        self,
        window: DesktopHost,
        parent: QMainWindow,
        open_url: OpenUrl = QDesktopServices.openUrl,
        show_item: ShowItem = show_in_file_manager,
    ) -> None:
        super().__init__(parent)
        self._window = window
        self._parent = parent
        self.open_url = open_url
        self.show_item = show_item
        self.importer = ImportService(self)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.importer.planned.connect(self._on_planned)
        self.importer.failed.connect(self.message)
        self.importer.progress.connect(self._on_progress)

    # -- the open post ---------------------------------------------------------------------
    def current_file(self) -> Path | None:
        """The file of the post shown, if any."""
        post = self._window.article.current_post()
        root = self._window.library_root
        if post is None or root is None:
            return None
        return root.joinpath(*post.path.split("/"))

    def _need_post(self) -> Path | None:
        path = self.current_file()
        if path is None:
            self.message.emit("Open a post first.")
        elif not path.is_file():
            self.message.emit(f"{path} is no longer there.")
            return None
        return path

    def open_in_editor(self) -> None:
        """File → Open in Editor: the desktop's application for Markdown files."""
        path = self._need_post()
        if path is None:
            return
        if self.open_url(QUrl.fromLocalFile(str(path))):
            self.message.emit(f"Opened {path.name} in your editor; changes show here when saved.")
        else:
            self.message.emit(f"No application is set to open {path.suffix} files on this system.")

    def show_in_folder(self) -> None:
        """File → Show in Folder: the file manager, with the post selected where it can be."""
        path = self._need_post()
        if path is None:
            return
        if self.show_item(path) or self.open_url(QUrl.fromLocalFile(str(path.parent))):
            self.message.emit(f"Showing {path.name} in {path.parent}.")
        else:
            self.message.emit(f"No file manager could be opened for {path.parent}.")

    def _printable(self) -> PrintablePost | None:
        post = self._window.article.current_post()
        root = self._window.library_root
        if post is None or root is None:
            self.message.emit("Open a post first.")
            return None
        self._window.session.flush()
        return printable_post(root, post, self._window.session.document)

    def print_post(self) -> None:
        """File → Print… (Ctrl+P)."""
        made = self._printable()
        root = self._window.library_root
        if made is None or root is None:
            return
        result = print_post(self._parent, self._window.settings, lambda: made, root)
        if result:
            self.message.emit(result)

    def export_pdf(self) -> None:
        """File → Export Post as PDF…"""
        made = self._printable()
        root = self._window.library_root
        if made is None or root is None:
            return
        result = export_post_pdf(self._parent, self._window.settings, lambda: made, root)
        if result:
            self.message.emit(result)

    # -- importing -------------------------------------------------------------------------
    def import_notes(self, path: Path | None = None) -> None:
        """File → Import Notes…: choose a file, see what it holds, then import it."""
        window = self._window
        if window.library is None or window.store is None:
            self.message.emit("Open a library first, then import notes into it.")
            return
        if path is None:
            folder = str(window.settings.value(keys.IMPORT_FOLDER, str(Path.home())))
            name, _ = QFileDialog.getOpenFileName(
                self._parent,
                "Import Notes",
                folder,
                "Annotations (reader, Hypothesis) (*.json);;All files (*)",
            )
            if not name:
                return
            path = Path(name)
            window.settings.setValue(keys.IMPORT_FOLDER, str(path.parent))
        window.session.flush()
        if self.importer.plan(window.library, window.store, path):
            self.message.emit(f"Reading {path.name} …")
        else:
            self.message.emit("An import is already being prepared.")

    def _on_progress(self, done: int, total: int) -> None:
        self.message.emit(f"Placing imported notes: {done:,} of {total:,} posts …")

    def _on_planned(self, plan: ImportPlan) -> None:
        window = self._window
        store = window.store
        if store is None:
            return
        preview = ImportPreview(plan, self._parent)
        if preview.exec() != QDialog.DialogCode.Accepted:
            self.message.emit(f"Nothing was imported from {plan.file_name}.")
            return
        window.session.flush()
        outcome = apply_plan(store, plan)
        last_line = format_report(plan, dry_run=False, outcome=outcome).strip().splitlines()[-1]
        self.message.emit(last_line)
        written = {p.post.path for p in plan.posts if p.to_write}
        for post_path in written:
            window.search.update_notes(post_path)
        current: Post | None = window.article.current_post()
        if current is not None and current.path in written:
            window.session.open_post(current, window.session.article_text)  # reloads its notes

    def cancel(self) -> None:
        """Closing: an import being planned is dropped (it has written nothing yet)."""
        self.importer.cancel()

    def wait(self) -> None:
        """Block until an import being planned is ready (tests)."""
        self.importer.wait()

    # -- help ------------------------------------------------------------------------------
    def show_about(self) -> None:
        """Help → About reader."""
        AboutDialog(self._parent).exec()
