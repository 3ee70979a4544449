"""Writes the scan cache after posts changed on disk, off the GUI thread.

At 100,000 posts one write (records, marshal, checksum, an atomic rename) takes about a second,
and the watcher reports changes as they happen: written on the GUI thread, each change froze
the window that long. One write runs at a time; a library arriving meanwhile waits, and only
the newest waiting one is written (it holds every change before it).
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject

from reader.core.library.scan import Library
from reader.core.library.scan_cache import ScanCache
from reader.ui.common.background import WorkerThreads


class CacheSaver(QObject):
    """`save(library)` from the GUI thread; the write happens in a worker."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._workers = WorkerThreads()
        self._lock = threading.Lock()
        self._waiting: Library | None = None
        self._running = False

    def save(self, library: Library) -> None:
        """Write `library`'s cache soon (the watcher's libraries are never changed after)."""
        with self._lock:
            self._waiting = library
            if self._running:
                return
            self._running = True
        self._workers.start(self, self._write_waiting, self._failed)

    def wait(self) -> None:
        """Block until the writes end (tests)."""
        self._workers.wait()

    def _write_waiting(self) -> None:
        while True:
            with self._lock:
                library, self._waiting = self._waiting, None
                if library is None:
                    self._running = False
                    return
            ScanCache(library.root).save_library(library)

    def _failed(self, _reason: str) -> None:
        """A write that broke costs only a slower next start (the cache is never trusted
        when stale); the next change tries again."""
        with self._lock:
            self._running = False
