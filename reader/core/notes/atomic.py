"""Crash-safe file writing and a cross-process lock, for notes and exports alike.

A reader of the target path sees the old bytes or the new bytes, never a mix or nothing:
the data goes to a temporary file in the same folder, is flushed to disk, then renamed over.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: only the in-process lock applies
    fcntl = None  # type: ignore[assignment]

_DEFAULT_MODE = 0o644
STALE_TEMP_SECONDS = 3600
# What `atomic_write_bytes` names its temporary files: "." + target name + "." + mkstemp's
# eight random characters + ".tmp". Nothing else in a folder is ever removed.
_TEMP_NAME = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")
_thread_locks: dict[str, threading.Lock] = {}
_thread_locks_guard = threading.Lock()


def fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` durable; a no-op where folders cannot be opened."""
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)
    try:
        fd = os.open(folder, flags)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Replace `path` with `data` atomically (temp file, flush, fsync, rename, fsync folder).

    Raises OSError on failure, with the old file left as it was and no temp file behind.
    """
    folder = path.parent
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = _DEFAULT_MODE
    fd, temp_name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    fsync_dir(folder)


def remove_stale_temps(folder: Path, older_than: float = STALE_TEMP_SECONDS) -> list[str]:
    """Remove temporary files a killed writer left in `folder` (our naming, regular files,
    untouched for `older_than` seconds); returns their names. Never raises."""
    removed: list[str] = []
    cutoff = time.time() - older_than
    try:
        with os.scandir(folder) as entries:
            candidates = [e for e in entries if _TEMP_NAME.match(e.name)]
    except OSError:
        return removed
    for entry in candidates:
        try:
            info = entry.stat(follow_symlinks=False)
            if stat.S_ISREG(info.st_mode) and info.st_mtime < cutoff:
                os.unlink(entry.path)
                removed.append(entry.name)
        except OSError:
            continue
    return removed


def _thread_lock(key: str) -> threading.Lock:
    with _thread_locks_guard:
        return _thread_locks.setdefault(key, threading.Lock())


@contextlib.contextmanager
def locked(lock_path: Path) -> Iterator[None]:
    """Hold an exclusive advisory lock on `lock_path` (created if needed) for the block.

    Serialises writers across threads of this process and across processes (flock).
    Raises OSError when the lock file cannot be opened.
    """
    with _thread_lock(os.path.abspath(lock_path)):
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)  # closing releases the flock
