"""Where a library's notes may live: its own `.annotations` folder when that can be written
and stays inside the library, else a folder of the per-user data folder."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path, PurePath, PurePosixPath

import platformdirs

from reader.core.library.safe_files import is_inside
from reader.core.notes.store_errors import NotesPathError
from reader.core.notes.sync_conflicts import is_copy_name
from reader.paths import bundled_articles

_DRIVE = re.compile(r"^[A-Za-z]:")


def default_fallback_base() -> Path:
    """The per-user folder that holds notes for libraries that cannot hold their own."""
    return platformdirs.user_data_path("reader", appauthor=False) / "notes"


def leads_outside(folder: Path, library_root: Path) -> str | None:
    """Why the library's notes folder may not be used: it resolves outside the library."""
    if not os.path.lexists(folder):
        return None
    if is_inside(os.path.realpath(folder), os.path.realpath(library_root)):
        return None
    return f"{folder} leads outside the library"


def ships_with_reader(library_root: Path) -> str | None:
    """Why the bundled articles keep no notes of their own: they ship inside reader, where an
    upgrade or a reinstall would take the notes with them (and, in a checkout, git would
    show them as changes)."""
    try:
        bundled = os.path.samefile(library_root, bundled_articles())
    except OSError:
        return None
    return "the bundled articles ship with reader" if bundled else None


def unusable(folder: Path) -> str | None:
    """Why notes cannot be written under `folder`, or None when they can."""
    probe = folder
    while not probe.exists():
        if probe.parent == probe:
            return f"{folder} has no existing parent folder"
        probe = probe.parent
    if not probe.is_dir():
        return f"{probe} is not a folder"
    if not os.access(probe, os.W_OK | os.X_OK):
        return f"{probe} is read-only"
    return None


def fallback_folder(library_root: Path, base: Path) -> Path:
    """This library's folder inside the per-user folder `base`: its name and a hash of its
    real path, so two libraries of the same name never share notes."""
    real = os.path.realpath(library_root)
    digest = hashlib.sha256(real.encode("utf-8", "surrogateescape")).hexdigest()[:16]
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", Path(real).name).strip("-.") or "library"
    return base / f"{name}-{digest}"


def notes_key(post_path: str | PurePath) -> str:
    """A post's library-relative path as the key of its notes; NotesPathError for a path
    that is empty, absolute or climbs out of the library."""
    raw = str(post_path).replace("\\", "/")
    if not raw or "\x00" in raw:
        raise NotesPathError(f"{post_path!r} is not a post path")
    if raw.startswith("/") or _DRIVE.match(raw):
        raise NotesPathError(f"{post_path} is absolute; give it relative to the library")
    pure = PurePosixPath(raw)
    if not pure.parts or any(part == ".." for part in pure.parts):
        raise NotesPathError(f"{post_path} climbs out of the library")
    return pure.as_posix()


def notes_file_under(root: Path, key: str) -> Path:
    """The notes file of `key` under `root`; its folder must resolve inside `root` (the file
    itself, if a symlink, is judged when read: refused and reported if it leads out)."""
    path = root.joinpath(*key.split("/")).with_name(key.split("/")[-1] + ".yaml")
    real_root = os.path.realpath(root)
    real = os.path.realpath(path.parent)
    if os.path.commonpath([real_root, real]) != real_root:
        raise NotesPathError(f"notes for {key} would lie outside {root}")
    return path


def keys_under(root: Path) -> set[str]:
    """The keys of the notes files under `root` (conflict copies left out), by one walk: an
    index then asks about these few posts, not about every post of a large library. Linked
    folders are not followed."""
    found: set[str] = set()
    for folder, subfolders, files in os.walk(root):
        subfolders.sort()
        below = os.path.relpath(folder, root).replace(os.sep, "/")
        prefix = "" if below == "." else below + "/"
        found.update(
            prefix + name[: -len(".yaml")]
            for name in files
            if name.endswith(".yaml") and len(name) > len(".yaml") and not is_copy_name(name)
        )
    return found
