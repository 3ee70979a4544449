"""Find and settle the copies sync tools leave beside a notes file, so notes follow a person
across machines with no server of our own.

Syncthing writes ``post.md.sync-conflict-20261129-101010-ABCDEFG.yaml``, Dropbox (and
Nextcloud) ``post.md (Someone's conflicted copy 2026-11-29).yaml``, and a git merge may leave
both versions inside the file between ``<<<<<<<``/``=======``/``>>>>>>>`` lines. Every copy is
merged by id like any other writer's file, then moved (never deleted) into `ARCHIVE_FOLDER`.
"""

from __future__ import annotations

import errno
import os
import re
import time
from datetime import datetime
from pathlib import Path
from typing import Final

from reader.core.notes.atomic import fsync_dir
from reader.core.notes.merge import merge_documents
from reader.core.notes.records import NotesDocument
from reader.core.notes.yaml_load import NotesFileError, load_document

ARCHIVE_FOLDER: Final = ".conflicts-merged"
_SUFFIX: Final = ".yaml"
_MAYBE: Final = re.compile(r"\.sync-conflict-|conflicted copy", re.IGNORECASE)
_SYNCTHING: Final = re.compile(r"\.sync-conflict-\d{8}-\d{6}-[A-Za-z0-9]+$")
_DROPBOX: Final = re.compile(r" \([^()/\\]*conflicted copy[^()/\\]*\)$", re.IGNORECASE)
_OPEN: Final = re.compile(r"^<{7}(?:[ \t].*)?$")
_BASE: Final = re.compile(r"^\|{7}(?:[ \t].*)?$")
_MIDDLE: Final = re.compile(r"^={7}[ \t]*$")
_CLOSE: Final = re.compile(r"^>{7}(?:[ \t].*)?$")
_ANY_MARKER: Final = re.compile(r"^<{7}(?:[ \t].*)?$", re.MULTILINE)
# A folder listing is trusted from cache only once the folder has been still this long, so a
# copy arriving in the same clock tick as a listing is never missed (git's "racy" rule).
_SETTLED_NS: Final = 2_000_000_000
_MAX_CACHED: Final = 4096

_listings: dict[str, tuple[tuple[int, int], tuple[str, ...]]] = {}


def copy_of(notes_name: str, candidate: str) -> bool:
    """True when `candidate` is a sync tool's conflict copy of the file named `notes_name`."""
    if not notes_name.endswith(_SUFFIX) or not candidate.endswith(_SUFFIX):
        return False
    stem, rest = notes_name[: -len(_SUFFIX)], candidate[: -len(_SUFFIX)]
    if not rest.startswith(stem) or rest == stem:
        return False
    tail = rest[len(stem) :]
    return bool(_SYNCTHING.fullmatch(tail) or _DROPBOX.fullmatch(tail))


def is_copy_name(name: str) -> bool:
    """True when `name` looks like any sync tool's conflict copy (of whatever file)."""
    rest = name[: -len(_SUFFIX)] if name.endswith(_SUFFIX) else name
    return bool(_SYNCTHING.search(rest) or _DROPBOX.search(rest))


def _candidates(folder: str) -> tuple[str, ...]:
    """Names in `folder` that look like conflict copies (cached while the folder is still)."""
    try:
        info = os.stat(folder)
    except OSError:
        return ()
    key = (info.st_mtime_ns, info.st_ino)
    cached = _listings.get(folder)
    if cached is not None and cached[0] == key:
        return cached[1]
    try:
        with os.scandir(folder) as entries:
            names = tuple(sorted(e.name for e in entries if _MAYBE.search(e.name)))
    except OSError:
        return ()
    if time.time_ns() - info.st_mtime_ns > _SETTLED_NS:
        if len(_listings) >= _MAX_CACHED:
            _listings.clear()
        _listings[folder] = (key, names)
    return names


def find_copies(path: Path) -> list[Path]:
    """The conflict copies lying beside the notes file `path`, oldest name first.

    Named like a copy is enough: one that is a folder, a FIFO or a link leading out is
    returned too, so the reader refuses it and the problem is reported."""
    names = _candidates(str(path.parent))
    return [path.with_name(name) for name in names if copy_of(path.name, name)]


def has_markers(text: str) -> bool:
    """True when a merge left conflict markers (a ``<<<<<<<`` line) in the text."""
    return "<<<<<<<" in text and _ANY_MARKER.search(text) is not None


def split_markers(text: str) -> tuple[str, str]:
    """Both sides of a text with git conflict markers: lines outside conflicts go to both;
    a diff3 base section is dropped (it is older than both sides). Raises NotesFileError
    when the markers are unfinished or out of order."""
    ours: list[str] = []
    theirs: list[str] = []
    state = "both"
    opened_at = 0
    for number, line in enumerate(text.splitlines(keepends=True), 1):
        bare = line.rstrip("\r\n")
        if _OPEN.match(bare) and state == "both":
            state, opened_at = "ours", number
        elif _BASE.match(bare) and state == "ours":
            state = "base"
        elif _MIDDLE.match(bare) and state in ("ours", "base"):
            state = "theirs"
        elif _CLOSE.match(bare) and state == "theirs":
            state = "both"
        elif _OPEN.match(bare) or _CLOSE.match(bare) or (_MIDDLE.match(bare) and state != "both"):
            raise NotesFileError(f"git conflict markers out of order at line {number}")
        elif state == "both":
            ours.append(line)
            theirs.append(line)
        elif state == "ours":
            ours.append(line)
        elif state == "theirs":
            theirs.append(line)
    if state != "both":
        raise NotesFileError(f"git conflict opened at line {opened_at} is never closed")
    return "".join(ours), "".join(theirs)


def load_with_markers(text: str, *, article: str) -> NotesDocument:
    """Load a notes file; when a git merge left both versions in it, load and merge both."""
    if not has_markers(text):
        return load_document(text, article=article)
    ours_text, theirs_text = split_markers(text)
    halves = []
    for side, half in (("our", ours_text), ("their", theirs_text)):
        try:
            halves.append(load_document(half, article=article))
        except NotesFileError as err:
            raise NotesFileError(f"git conflict, {side} side: {err}") from err
    merged = merge_documents(halves[0], halves[1])
    return NotesDocument(
        article=merged.article,
        title=merged.title,
        sides=merged.sides,
        annotations=merged.annotations,
        extra=merged.extra,
        needs_write=True,
    )


def _archive_folder(source_folder: Path, root: Path) -> Path:
    try:
        relative = source_folder.relative_to(root)
    except ValueError:
        relative = Path()
    return root / ARCHIVE_FOLDER / relative


def _free_name(folder: Path, name: str) -> Path:
    """`name` in `folder`, or the first of name.2.yaml, name.3.yaml… that is free."""
    candidate = folder / name
    stem = name[: -len(_SUFFIX)] if name.endswith(_SUFFIX) else name
    counter = 1
    while candidate.exists() or candidate.is_symlink():
        counter += 1
        candidate = folder / f"{stem}.{counter}{_SUFFIX}"
    return candidate


def archive(copy: Path, root: Path) -> Path:
    """Move a merged conflict copy into `root`/ARCHIVE_FOLDER (same sub-folder, same name,
    a number added if taken); never overwrites. Raises OSError when it cannot be moved."""
    folder = _archive_folder(copy.parent, root)
    folder.mkdir(parents=True, exist_ok=True)
    while True:
        target = _free_name(folder, copy.name)
        try:
            os.link(copy, target)  # fails rather than replace a file that appeared meanwhile
        except FileExistsError:
            continue
        except OSError as err:
            if err.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK):
                raise
            os.rename(copy, target)  # no hard links here: the free name was checked above
        else:
            os.unlink(copy)
        fsync_dir(folder)
        fsync_dir(copy.parent)
        return target


def keep_marked(path: Path, data: bytes, root: Path) -> Path:
    """Keep the bytes of a notes file with git conflict markers in the archive before it is
    rewritten merged, as ``<name>.git-conflict-<time>.yaml``."""
    folder = _archive_folder(path.parent, root)
    folder.mkdir(parents=True, exist_ok=True)
    stem = path.name[: -len(_SUFFIX)] if path.name.endswith(_SUFFIX) else path.name
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
    while True:
        target = _free_name(folder, f"{stem}.git-conflict-{stamp}{_SUFFIX}")
        try:
            with target.open("xb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        except FileExistsError:
            continue
        fsync_dir(folder)
        return target
