"""Notices notes files written while the window is open (a sync tool, git, another copy of
reader) so that search finds the notes as they are now.

The library's watcher skips hidden folders, `.annotations` among them, and the annotation
session watches the open post's notes file only. This watches the notes folders: a change in
one (files are written by rename, which a folder sees) names the posts whose notes file there
may have changed, and the index looks at those alone.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

DEBOUNCE_MS = 300
MAX_FOLDERS = 500  # inotify watches are shared with the library's watcher
ADD_AT_ONCE = 25


class NotesFolderWatcher(QObject):
    """`changed(list[str])`: post paths whose notes may have changed (or gone), after a quiet
    moment; the index compares each one's file with what it holds."""

    changed = Signal(list)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._watcher = QFileSystemWatcher(self)
        self._root: Path | None = None
        self._dirty: set[str] = set()
        self._known: dict[str, set[str]] = {}  # folder → post paths with a notes file there
        self._waiting = False  # for the notes folder to be made
        self._pending: list[str] = []  # folders still to follow
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._watcher.directoryChanged.connect(self._on_folder)
        self._timer.timeout.connect(self.apply_pending)

    def watch(self, notes_root: Path) -> None:
        """Follow the notes folder `notes_root` and the folders below it (already followed:
        nothing to do; new folders below it are picked up as they come)."""
        if notes_root == self._root and not self._waiting:
            return
        self._root = notes_root
        self._pending.clear()
        watched = self._watcher.directories()
        if watched:
            self._watcher.removePaths(watched)
        self._known = {}
        self._waiting = not notes_root.is_dir()
        if self._waiting:  # no notes yet: the folder that will hold them says when they come
            if notes_root.parent.is_dir():
                self._watcher.addPath(str(notes_root.parent))
            return
        folders = []
        for folder, subfolders, _files in os.walk(notes_root):
            subfolders.sort()
            folders.append(folder)
            self._known[folder] = self._posts_in(folder)
            if len(folders) >= MAX_FOLDERS:
                break
        self._pending = folders
        self._add_some()

    def _add_some(self) -> None:
        """Follow the next few folders: a watch costs about 0.2 ms of the GUI thread, and
        a notes folder may have hundreds of folders below it."""
        chunk, self._pending = self._pending[:ADD_AT_ONCE], self._pending[ADD_AT_ONCE:]
        if chunk:
            self._watcher.addPaths(chunk)
        if self._pending:
            QTimer.singleShot(0, self, self._add_some)

    def stop(self) -> None:
        """Report nothing more (the window is closing: its watches go with it, and the
        next `watch` drops them anyway; removing hundreds now would only slow the quit)."""
        self._root = None
        self._dirty.clear()
        self._pending.clear()

    def _on_folder(self, folder: str) -> None:
        self._dirty.add(folder)
        self._timer.start(DEBOUNCE_MS)

    def apply_pending(self) -> list[str]:
        """The posts whose notes files came, went or were replaced in the changed folders."""
        if self._root is None or not self._dirty:
            return []
        folders, self._dirty = self._dirty, set()
        if self._waiting:
            if not self._root.is_dir():
                return []
            self.watch(self._root)  # the first notes were written: all of them are news
            return self._emit(set().union(*self._known.values()))
        posts: set[str] = set()
        for folder in folders:
            now = self._posts_in(folder)
            posts |= now | self._known.get(folder, set())
            self._known[folder] = now
            for name in _subfolders(folder):  # a new folder of notes: follow it too
                path = os.path.join(folder, name)
                if path not in self._known and len(self._known) < MAX_FOLDERS:
                    self._known[path] = self._posts_in(path)
                    posts |= self._known[path]
                    self._watcher.addPath(path)
        return self._emit(posts)

    def _emit(self, posts: set[str]) -> list[str]:
        found = sorted(posts)
        if found:
            self.changed.emit(found)
        return found

    def _posts_in(self, folder: str) -> set[str]:
        """Post paths (relative to the library) of the notes files directly in `folder`."""
        if self._root is None:
            return set()
        below = os.path.relpath(folder, self._root).replace(os.sep, "/")
        prefix = "" if below == "." else below + "/"
        try:
            names = os.listdir(folder)
        except OSError:
            return set()
        return {prefix + name[: -len(".yaml")] for name in names if name.endswith(".yaml")}


def _subfolders(folder: str) -> list[str]:
    try:
        with os.scandir(folder) as entries:
            return sorted(e.name for e in entries if e.is_dir(follow_symlinks=False))
    except OSError:
        return []
