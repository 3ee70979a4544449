"""Notices posts added, changed and removed while the window is open, without a restart.

The changed files are read again in a worker thread, where the window's first lists of the
new library are made too (`prepare`): at 100,000 posts those lists held the GUI thread half a
second after each change. One refresh runs at a time; changes meanwhile wait for it."""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal, Slot

from reader.core.library.scan import Library
from reader.core.library.watch import (
    PostChange,
    changes_site,
    is_post_rel,
    refresh_files,
    site_files,
)
from reader.ui.common.background import WorkerThreads

DEBOUNCE_MS = 300
MAX_WATCHED_FOLDERS = 4000  # inotify watches are a limited, per-user resource
Prepare = Callable[[Library], None]


class _Refresh(QObject):
    """Reads the changed files again, in a worker thread."""

    done = Signal(object, object, list)  # the library it started from, the new one, changes

    def __init__(self, library: Library, rels: list[str], prepare: Prepare | None) -> None:
        super().__init__()
        self._library, self._rels, self._prepare = library, rels, prepare

    @Slot()
    def run(self) -> None:
        library, found = refresh_files(self._library, self._rels)
        changes = [change for change in found if change.kind != "unchanged"]
        if changes and self._prepare is not None:
            try:
                self._prepare(library)
            except Exception:
                traceback.print_exc(file=sys.stderr)
        self.done.emit(self._library, library, changes)

    def fail(self, _reason: str) -> None:
        """A refresh that broke changes nothing (the next event tries again)."""
        self.done.emit(self._library, self._library, [])


class LibraryWatcher(QObject):
    """Watches the library's folders; `changed(Library, list[PostChange])` after a quiet
    moment, with the new library (the one it was given is never changed), and `siteChanged()`
    when a section page or the site config changed (the library is read again: they change
    how every post below them is read)."""

    changed = Signal(object, list)
    siteChanged = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._watcher = QFileSystemWatcher(self)
        self._library: Library | None = None
        self._dirty: set[str] = set()
        self._site_stamps: dict[str, tuple[int, int]] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._workers = WorkerThreads()
        self._refreshing = False
        self._followed: str | None = None  # the post being read, watched by itself
        self._files: set[str] = set()  # the files `watch` chose
        self.prepare: Callable[[Library], Prepare] | None = None  # the window's lists, made early
        self._connect_signals()

    def _connect_signals(self) -> None:
        self._watcher.directoryChanged.connect(self._on_directory)
        self._watcher.fileChanged.connect(lambda path: self._on_directory(os.path.dirname(path)))
        self._timer.timeout.connect(self.apply_pending)

    def watch(self, library: Library) -> None:
        """Follow `library` (its root and every non-hidden folder below it, and its posts);
        paths watched already stay watched (4,000 folders cost 60 ms to watch anew)."""
        self._library = library
        folders = _folders(library)[:MAX_WATCHED_FOLDERS]
        site = [str(library.root / rel) for rel in site_files(library)]
        self._site_stamps = {path: _stamp(path) for path in site}
        files = site
        if len(folders) + len(site) + len(library.posts) <= MAX_WATCHED_FOLDERS:
            prefix = os.path.join(str(library.root), "")  # no Path per post: 100,000 cost 0.6 s
            files = site + [prefix + post.path for post in library.posts]
        self._files = set(files)
        if self._followed is not None and self._followed.startswith(
            os.path.join(str(library.root), "")
        ):
            files = [*files, self._followed]
        wanted = set(folders) | set(files)
        watched = self._watcher.directories() + self._watcher.files()
        gone = [path for path in watched if path not in wanted]
        if gone:
            self._watcher.removePaths(gone)
        kept = set(watched)
        new = [path for path in folders + files if path not in kept]
        if new:
            self._watcher.addPaths(new)

    def follow(self, rel: str | None) -> None:
        """Watch the post being read by itself, however large the library: above the watch
        limit only folders are watched, and a post saved in place changes no folder."""
        library = self._library
        path = None if library is None or rel is None else os.path.join(library.root, rel)
        if path == self._followed:
            return
        old, self._followed = self._followed, path
        if old is not None and old not in self._files:
            self._watcher.removePath(old)
        if path is not None and path not in self._files and os.path.isfile(path):
            self._watcher.addPath(path)

    def _on_directory(self, folder: str) -> None:
        self._dirty.add(folder)
        self._timer.start(DEBOUNCE_MS)

    def apply_pending(self) -> None:
        """Compare the changed folders with the library, in a worker; `changed` follows
        when posts changed."""
        library = self._library
        if library is None or not self._dirty or self._refreshing:
            return  # a refresh under way: these folders wait for it
        folders, self._dirty = self._dirty, set()
        if self._site_changed(library, folders):
            self.siteChanged.emit()
            return
        rels: list[str] = []
        for folder in sorted(folders):
            rels.extend(sorted(self._candidates(library, Path(folder)) - set(rels)))
        prepare = self.prepare(library) if self.prepare is not None else None
        self._refreshing = True
        worker = _Refresh(library, rels, prepare)
        worker.done.connect(self._on_refreshed)
        self._workers.start(worker, worker.run, worker.fail)

    @Slot(object, object, list)
    def _on_refreshed(self, basis: Library, library: Library, changes: list[PostChange]) -> None:
        self._refreshing = False
        if basis is self._library and changes:
            self.watch(library)  # new folders and files need watching too
            self.changed.emit(library, changes)
        if self._dirty:
            self._timer.start(DEBOUNCE_MS)

    def cancel(self) -> None:
        """Closing: a refresh under way is not waited for (its result goes to no one)."""
        self._library = None
        self._dirty.clear()
        self._timer.stop()
        self._workers.cancel()

    def wait(self) -> None:
        """Block until a refresh under way has ended (tests)."""
        self._workers.wait()

    def _site_changed(self, library: Library, folders: set[str]) -> bool:
        """A known section page or config changed or went, or a new section page came."""
        if any(_stamp(path) != stamp for path, stamp in self._site_stamps.items()):
            return True
        for folder in folders:
            try:
                names = os.listdir(folder)
            except OSError:
                continue
            for name in names:
                path = os.path.join(folder, name)
                if path in self._site_stamps:
                    continue
                try:
                    rel = Path(path).relative_to(library.root).as_posix()
                except ValueError:
                    continue
                if changes_site(rel):
                    return True
        return False

    @staticmethod
    def _candidates(library: Library, folder: Path) -> set[str]:
        """Posts known in `folder` or below it, and post files now in it or in new folders.

        Known posts whose size and time did not change are skipped by `refresh_files`, so a
        change at the root costs a stat per post, not a read.
        """
        root = library.root.resolve()
        try:
            prefix = folder.resolve().relative_to(root).as_posix()
        except (OSError, ValueError):
            return set()
        prefix = "" if prefix == "." else prefix + "/"
        found = {post.path for post in library.posts if post.path.startswith(prefix)}
        if folder.is_dir():
            for current, subfolders, files in os.walk(folder):
                subfolders[:] = [name for name in subfolders if not name.startswith(".")]
                below = os.path.relpath(current, folder).replace(os.sep, "/")
                base = prefix if below == "." else f"{prefix}{below}/"
                found.update(base + name for name in files if is_post_rel(base + name))
        return found


def _stamp(path: str) -> tuple[int, int]:
    """Size and modification time, or (-1, -1) when the file is gone."""
    try:
        info = os.stat(path)
    except OSError:
        return (-1, -1)
    return (info.st_size, info.st_mtime_ns)


def _folders(library: Library) -> list[str]:
    """The root and every non-hidden folder below it, at most MAX_WATCHED_FOLDERS: from the
    scan's listing when it has one (the walk just made), else walked."""
    if library.listing is not None:
        return [stamp[0] for stamp in library.listing.folders[:MAX_WATCHED_FOLDERS]]
    folders = [str(library.root)]
    for folder, subfolders, _files in os.walk(library.root):
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        folders += [os.path.join(folder, name) for name in subfolders]
        if len(folders) >= MAX_WATCHED_FOLDERS:
            break
    return folders
