"""Hostile file-system shapes, shared by the tests that attack every entry point (helpers).

Each shape puts something where reader expects a regular file: a FIFO (opening it blocks for
ever), a link to /dev/zero (reads without end), a link to a file outside the library (whose
first line must never reach a message), a folder, a huge sparse file.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

SECRET = "SECRET-LINE-OUTSIDE-THE-LIBRARY"
HUGE = 1 << 30  # sparse: costs no disk


def outside_file(base: Path) -> Path:
    """A file outside every library, whose first line must never be read or shown."""
    folder = base / "outside"
    folder.mkdir(exist_ok=True)
    target = folder / "secret.yaml"
    target.write_text(f"{SECRET}: [\nannotations: []\n", encoding="utf-8")
    return target


def make_fifo(path: Path, base: Path) -> None:
    os.mkfifo(path)


def make_zero_link(path: Path, base: Path) -> None:
    path.symlink_to("/dev/zero")


def make_outside_link(path: Path, base: Path) -> None:
    path.symlink_to(outside_file(base))


def make_folder(path: Path, base: Path) -> None:
    path.mkdir()


def make_huge(path: Path, base: Path) -> None:
    with path.open("wb") as handle:
        handle.truncate(HUGE)


SHAPES: dict[str, Callable[[Path, Path], None]] = {
    "fifo": make_fifo,
    "link-to-dev-zero": make_zero_link,
    "link-outside": make_outside_link,
    "folder": make_folder,
    "huge": make_huge,
}


def snapshot(root: Path) -> dict[str, tuple[str, bytes | str]]:
    """Every entry under `root` (not following links): type and content, to compare trees
    before and after a command. FIFOs and devices are never opened; huge files are hashed by
    size only (they are sparse and never written)."""
    found: dict[str, tuple[str, bytes | str]] = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = os.path.join(folder, name)
            rel = os.path.relpath(path, root)
            info = os.lstat(path)
            if os.path.islink(path):
                found[rel] = ("link", os.readlink(path))
            elif os.path.isdir(path):
                found[rel] = ("dir", "")
            elif not os.path.isfile(path):
                found[rel] = ("special", str(info.st_mode))
            elif info.st_size > 64 * 1024 * 1024:
                found[rel] = ("huge", str((info.st_size, info.st_mtime_ns)))
            else:
                with open(path, "rb") as handle:
                    found[rel] = ("file", handle.read())
        dirs[:] = [d for d in dirs if not os.path.islink(os.path.join(folder, d))]
    return found
