"""The search index kept current, and queries answered, off the GUI thread.

Every change to the index (the build after a scan, the watcher's changed posts, a saved
notes file, a notes folder changed on disk) runs in a worker thread, one at a time (a lock:
SQLite has one writer). Queries run in worker threads too, on one connection they take
turns on; each new query makes the one before it stale, and a stale query stops inside
SQLite (its progress handler looks at the generation) and is never shown. So typing never
waits for a query, and the GUI thread never waits for SQLite.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from reader.core.library.post import Post
from reader.core.library.scan import Library
from reader.core.library.watch import PostChange
from reader.core.notes.store import NotesStore
from reader.core.search.index import SearchHit, SearchIndex
from reader.ui.common.background import WorkerThreads
from reader.ui.search.notes_watcher import NotesFolderWatcher

PROGRESS_EVERY_S = 0.25  # at most this often a progress signal during a build
LONG_BUILD = 10_000  # posts: a build this long is shown in the status bar


@dataclass(frozen=True, slots=True)
class IndexJob:
    """One change to the index: the whole library (`everything`), some posts, or one post's
    notes. Posts are a snapshot taken in the GUI thread: the watcher's next library never
    reaches a list a worker is reading."""

    posts: tuple[Post, ...] = ()
    removed: tuple[str, ...] = ()
    notes: str | None = None
    notes_changed: tuple[str, ...] = ()  # posts whose notes file may have changed on disk
    everything: bool = False

    @classmethod
    def library(cls, library: Library) -> IndexJob:
        """Bring the index in line with all of `library`."""
        return cls(posts=tuple(library.posts), everything=True)

    @classmethod
    def changes(cls, changes: list[PostChange]) -> IndexJob:
        """Re-index the posts the watcher saw change; drop the removed ones."""
        posts = tuple(change.post for change in changes if change.post is not None)
        kept = {post.path for post in posts}
        olds = [change.old.path for change in changes if change.old is not None]
        rels = [change.rel for change in changes if change.kind == "removed"] + olds
        gone = tuple(dict.fromkeys(rel for rel in rels if rel not in kept))
        return cls(posts=posts, removed=gone)

    def run(
        self, index: SearchIndex, progress: Callable[[int, int], None], stop: Callable[[], bool]
    ) -> None:
        """Apply the change to `index` (in a worker thread)."""
        if self.everything:
            index.update(self.posts, progress, stop)
        elif self.notes is not None:
            index.update_notes(self.notes)
        elif self.notes_changed:
            index.refresh_notes(self.notes_changed)
        else:
            index.update_posts(self.posts, self.removed)


class _IndexWorker(QObject):
    done = Signal(str, str)  # library root, then an empty string or what went wrong
    progress = Signal(str, int, int)  # library root, posts done, posts to do

    def __init__(
        self,
        root: Path,
        notes_root: Path | None,
        job: IndexJob,
        lock: threading.Lock,
        stop: threading.Event,
    ) -> None:
        super().__init__()
        self._root, self._notes_root, self.job = root, notes_root, job
        self._lock, self._stop = lock, stop
        self._last_report = 0.0

    @Slot()
    def run(self) -> None:
        with self._lock:
            if self._stop.is_set():
                return
            index = SearchIndex(self._root, notes_root=self._notes_root)
            try:
                self.job.run(index, self._report, self._stop.is_set)
            finally:
                index.close()
        self.done.emit(str(self._root), "")

    def _report(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done == total or now - self._last_report >= PROGRESS_EVERY_S:
            self._last_report = now
            self.progress.emit(str(self._root), done, total)

    def fail(self, reason: str) -> None:
        """Report that the index was not updated (any thread)."""
        self.done.emit(str(self._root), f"Search index not updated: {reason}")


class _Queries:
    """The query connection, the lock threads take turns with, and the current generation
    (a query whose generation is not the current one is stale)."""

    def __init__(self, root: Path, notes_root: Path | None) -> None:
        self.root, self.notes_root = root, notes_root
        self.lock = threading.Lock()
        self.generation = 0
        self.index: SearchIndex | None = None
        self.closed = False

    def search(self, generation: int, text: str) -> list[SearchHit] | None:
        """Hits for `text`, None when stale (in a worker thread)."""

        def stale() -> bool:
            return self.closed or self.generation != generation

        with self.lock:
            if stale():
                return None
            if self.index is None:
                self.index = SearchIndex(self.root, notes_root=self.notes_root, shared=True)
            hits = self.index.search(text, stop=stale)
            if self.closed:
                self._close_index()
        return None if stale() else hits

    def close(self) -> None:
        """No more queries. The connection is closed now, or, when a query holds it, by that
        query as it stops (within a few thousand SQLite steps): the GUI thread never waits."""
        self.closed = True
        self.generation += 1
        if self.lock.acquire(blocking=False):
            try:
                self._close_index()
            finally:
                self.lock.release()

    def _close_index(self) -> None:
        if self.index is not None:
            self.index.close()
            self.index = None


class _QueryWorker(QObject):
    found = Signal(int, str, list)  # generation, text, hits

    def __init__(self, queries: _Queries, generation: int, text: str) -> None:
        super().__init__()
        self._queries, self._generation, self._text = queries, generation, text

    @Slot()
    def run(self) -> None:
        hits = self._queries.search(self._generation, self._text)
        if hits is not None:
            self.found.emit(self._generation, self._text, hits)

    def fail(self, reason: str) -> None:
        """A query that failed shows no results (its reason went to stderr)."""
        self.found.emit(self._generation, self._text, [])


class SearchService(QObject):
    """Keeps the index current and answers queries, never in the GUI thread."""

    ready = Signal()  # the first complete index of this library
    updated = Signal()  # any change to the index written: shown results may be out of date
    message = Signal(str)
    progress = Signal(int, int)  # posts indexed, posts to index (a build under way)
    found = Signal(int, str, list)  # generation, text, hits (the latest query's only)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._root: Path | None = None
        self._notes_root: Path | None = None
        self._workers = WorkerThreads()
        self._queries: _Queries | None = None
        self._write_lock = threading.Lock()
        self._stop = threading.Event()
        self.is_ready = False  # the index is complete for this library
        self.building: tuple[int, int] | None = None  # (done, total) while a build runs
        self.notes_watcher = NotesFolderWatcher(self)
        self.notes_watcher.changed.connect(self._on_notes_changed)

    def index_library(self, library: Library, notes_root: Path | None) -> None:
        """Bring the index in line with `library` in the background (only what changed is
        written; a first build at 100,000 posts reports progress)."""
        if self._root != library.root or self._notes_root != notes_root:
            self._close_queries()
            self._stop.set()  # a build of the previous library gives up at its next batch
            self._stop = threading.Event()
            self._write_lock = threading.Lock()
            self.is_ready = False  # no queries on a database still being made
            self.building = None
            self._root, self._notes_root = library.root, notes_root
        # Before the job starts: GUI-thread work beside a busy worker waits for the GIL.
        self.notes_watcher.watch(NotesStore(library.root, notes_root, read_only=True).notes_root)
        self._start(IndexJob.library(library))

    def update_posts(self, changes: list[PostChange]) -> None:
        """The watcher saw these posts change: re-index them alone."""
        self._start(IndexJob.changes(changes))

    def update_notes(self, rel: str) -> None:
        """A post's notes were saved or changed on disk: re-index them."""
        self._start(IndexJob(notes=rel))

    @Slot(list)
    def _on_notes_changed(self, posts: list[str]) -> None:
        self._start(IndexJob(notes_changed=tuple(posts)))

    def _start(self, job: IndexJob) -> None:
        if self._root is None:
            return
        worker = _IndexWorker(self._root, self._notes_root, job, self._write_lock, self._stop)
        worker.done.connect(self._on_done)
        worker.progress.connect(self._on_progress)
        self._workers.start(worker, worker.run, worker.fail, self._stop)

    @Slot(str, int, int)
    def _on_progress(self, root: str, done: int, total: int) -> None:
        if root != str(self._root):
            return
        self.building = (done, total)
        self.progress.emit(done, total)
        if total >= LONG_BUILD:
            self.message.emit(f"Indexing for search: {done:,} of {total:,} posts …")

    @Slot(str, str)
    def _on_done(self, root: str, problem: str) -> None:
        if root != str(self._root):
            return  # a library that is no longer open
        built, self.building = self.building, None
        if problem:
            self.message.emit(problem)
            return
        if built is not None and built[1] >= LONG_BUILD:
            self.message.emit(f"Search index ready: {built[1]:,} posts indexed.")
        if not self.is_ready:
            self.is_ready = True
            self.ready.emit()
        self.updated.emit()

    def query(self, text: str) -> int:
        """Search for `text` in the background; `found` brings the hits, with the returned
        generation. A later query (or an empty text) makes this one stale."""
        queries = self._opened()
        if queries is None:
            return -1
        queries.generation += 1
        generation = queries.generation
        if not text.strip():
            return generation  # nothing to look for; the query before it is stale now
        worker = _QueryWorker(queries, generation, text)
        worker.found.connect(self._on_found)
        self._workers.start(worker, worker.run, worker.fail)
        return generation

    @Slot(int, str, list)
    def _on_found(self, generation: int, text: str, hits: list[SearchHit]) -> None:
        if self._queries is not None and generation == self._queries.generation:
            self.found.emit(generation, text, hits)

    def _opened(self) -> _Queries | None:
        if self._root is None or not (self.is_ready or self.building is not None):
            return None
        if self._queries is None:
            self._queries = _Queries(self._root, self._notes_root)
        return self._queries

    def _close_queries(self) -> None:
        if self._queries is not None:
            self._queries.close()
            self._queries = None

    def cancel(self) -> None:
        """Closing: stop answering; an index update under way stops at its next batch
        (SQLite keeps the database whole), never waited for."""
        self._root = None
        self.is_ready = False
        self.notes_watcher.stop()
        self._close_queries()
        self._stop.set()
        self._workers.cancel()

    def wait(self) -> None:
        """Block until indexing and queries end (tests)."""
        self._workers.wait()
