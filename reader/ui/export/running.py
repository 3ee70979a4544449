"""Exports run off the GUI thread, with progress: a library's notes never freeze the window."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot

from reader.core.export.collect import ScopeError
from reader.core.export.formats import UnknownFormatError
from reader.core.export.run import ExportRequest, export_to_file
from reader.core.library.scan import Library
from reader.core.notes.store import NotesStore
from reader.ui.common.background import WorkerThreads


class _ExportWorker(QObject):
    """One export in a worker thread."""

    progress = Signal(int, int)  # posts done, posts in scope
    done = Signal(object, object)  # the request, (notes, problems) or why nothing was written

    def __init__(
        self, library: Library, store: NotesStore, request: ExportRequest, post: str | None
    ) -> None:
        super().__init__()
        self._library, self._store, self._request, self._post = library, store, request, post

    @Slot()
    def run(self) -> None:
        try:
            outcome: object = export_to_file(
                self._library, self._store, self._request, self._post, self.progress.emit
            )
        except (ScopeError, UnknownFormatError, ValueError, OSError) as error:
            outcome = str(error)
        self.done.emit(self._request, outcome)

    def fail(self, reason: str) -> None:
        """An unforeseen failure: nothing was written (any thread)."""
        self.done.emit(self._request, reason)


class BackgroundExports(QObject):
    """Starts exports; `progress(done, total)` while one runs, `finished(request, outcome)`."""

    progress = Signal(int, int)
    finished = Signal(object, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._workers = WorkerThreads()

    def start(
        self, library: Library, store: NotesStore, request: ExportRequest, post: str | None
    ) -> None:
        """Export in the background (a snapshot `library`, a store of its own)."""
        worker = _ExportWorker(library, store, request, post)
        worker.progress.connect(self.progress)
        worker.done.connect(self.finished)
        self._workers.start(worker, worker.run, worker.fail)

    def busy(self) -> bool:
        """True while an export runs."""
        return self._workers.busy()

    def cancel(self) -> None:
        """Closing: an export under way finishes on its own (its file is written whole, or
        not at all); nobody waits for it."""
        self._workers.cancel()

    def wait(self) -> None:
        """Block until every export has ended (tests)."""
        self._workers.wait()
