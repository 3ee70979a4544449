"""Resolve a post's image and link references to files inside the library, never outside.

Remote references are recognised and described but never fetched: nothing here opens a socket.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from reader.core.library.safe_files import WHERE, SafeReader
from reader.core.library.safe_files import is_inside as is_inside  # re-exported (liquid, cache)

_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_DRIVE = re.compile(r"^[a-zA-Z]:[\\/]")


class RefKind(Enum):
    """What a reference turned out to be."""

    LOCAL = "local"  # an existing file inside the library
    REMOTE = "remote"  # http(s), protocol-relative, data: or any other URL: never fetched
    MISSING = "missing"  # inside the library but no such file
    OUTSIDE = "outside"  # climbs out of the library (or a file: URL): refused
    EMPTY = "empty"  # no reference at all


@dataclass(frozen=True, slots=True)
class ResolvedRef:
    """The outcome of resolving one reference; `path` is set only for LOCAL."""

    kind: RefKind
    path: Path | None = None
    host: str = ""
    reason: str = ""


_DEEPEST = 64  # folders deeper than this are resolved by realpath alone


@lru_cache(maxsize=1 << 17)
def _real_dir(folder: str) -> str:
    """Folders repeat across thousands of posts: resolve each once per scan.

    A folder is its parent's real path (cached too) plus its own name, resolved only when it
    is a link: one ``lstat`` per new folder instead of one per component (``realpath``
    looks at each of them), which at 100,000 posts in page bundles was a tenth of the scan.
    The cache holds every folder of a large site (page bundles are a folder each).
    """
    parent, name = os.path.split(folder)
    if (
        not os.path.isabs(folder)
        or not name
        or name in (".", "..")
        or parent == folder
        or folder.count("/") > _DEEPEST  # no recursion as deep as a hostile tree
    ):
        return os.path.realpath(folder)
    candidate = os.path.join(_real_dir(parent), name)
    return os.path.realpath(candidate) if os.path.islink(candidate) else candidate


def clear_path_cache() -> None:
    """Forget resolved folders (a scan starts with this, so renamed folders are seen)."""
    _real_dir.cache_clear()
    image_reader.cache_clear()


def _real(path: str) -> str:
    """The path with its folder resolved (cached); a symlinked file itself is checked later."""
    folder, name = os.path.split(os.path.normpath(path))
    if name in ("", ".", ".."):
        return _real_dir(path)
    return os.path.join(_real_dir(folder), name)


def real_path(path: str) -> str:
    """The real path of `path`, its folder resolved from the scan's cache (see `_real_dir`)."""
    real = _real(path)
    if os.path.islink(real):
        return os.path.realpath(real)
    return real


def real_folder_path(path: str) -> str:
    """`path` with its folder resolved from the scan's cache, the file itself not looked at:
    for `SafeReader`, whose ``lstat`` of the file follows a link itself (one call less per
    post than `real_path`). The walk's paths are plain (no ``.``, ``..`` or ``//``): those
    are split at their last separator without being normalised first."""
    folder, sep, name = path.rpartition("/")
    if sep and folder and "/." not in path and "//" not in path and name not in ("", "."):
        return f"{_real_dir(folder)}/{name}"
    return _real(path)


def image_roots(library_root: Path | str) -> list[str]:
    """The folders images may come from: the library, its ``static/``, the ``static/`` beside
    it (Hugo), and for a Jekyll collection (``_articles``) the site's ``assets/`` beside it."""
    root = _real_dir(str(library_root))
    parent = os.path.dirname(root)
    roots = [root, os.path.join(root, "static"), os.path.join(parent, "static")]
    if os.path.basename(root).startswith("_"):
        roots.append(os.path.join(parent, "assets"))
    return roots


@lru_cache(maxsize=4)
def image_reader(library_root: str) -> SafeReader:
    """The reader of cover and image files of the library at `library_root`: its roots
    (`image_roots`) resolved once per scan rather than once per probe, folders from the
    scan's cache."""
    return SafeReader(image_roots(library_root), WHERE, real_path)


def resolve_reference(ref: str, post_dir: Path | str, library_root: Path | str) -> ResolvedRef:
    """Resolve `ref` as written in a post in `post_dir` of the library at `library_root`.

    Relative references are relative to the post's folder (Hugo page bundles, Jekyll assets).
    A leading ``/`` means the library root, then its ``static/`` folder, then the ``static/``
    folder beside the library (a Hugo site's ``content/`` has ``static/`` as its sibling), and
    for a Jekyll collection folder (``_articles/``) ``/assets/…`` is the site's ``assets/``.
    Whatever the form, the resolved file (after following symlinks) must stay inside one of
    those roots.
    """
    ref = ref.strip()
    if not ref:
        return ResolvedRef(RefKind.EMPTY, reason="no reference")
    if ref.startswith("//") or ref.startswith("\\\\"):
        host = urlsplit("http:" + ref).hostname or ""
        return ResolvedRef(RefKind.REMOTE, host=host, reason=f"remote image on {host or '?'}")
    if _SCHEME.match(ref) and not _DRIVE.match(ref):
        parts = urlsplit(ref)
        scheme = parts.scheme.lower()
        if scheme == "file":
            return ResolvedRef(RefKind.OUTSIDE, reason="file: URLs are not followed")
        host = parts.hostname or ""
        what = "inline data image" if scheme == "data" else f"remote image on {host or scheme}"
        return ResolvedRef(RefKind.REMOTE, host=host, reason=f"{what} (not fetched)")
    if _DRIVE.match(ref) or "\x00" in ref:
        return ResolvedRef(RefKind.OUTSIDE, reason=f"{ref!r} is not a path inside the library")
    clean = unquote(ref.split("#", 1)[0].split("?", 1)[0]).replace("\\", "/")
    root = _real_dir(str(library_root))
    candidates: list[tuple[str, str]] = []
    if clean.startswith("/"):
        rel = clean.lstrip("/")
        sibling_static = os.path.join(os.path.dirname(root), "static")
        for base in (root, os.path.join(root, "static"), sibling_static):
            candidates.append((os.path.join(base, rel), base))
        if os.path.basename(root).startswith("_") and rel.startswith("assets/"):
            site = os.path.dirname(root)
            candidates.append((os.path.join(site, rel), os.path.join(site, "assets")))
    else:
        candidates.append((os.path.join(post_dir, clean), root))
    outside = False
    for candidate, base in candidates:
        real = _real(candidate)
        try:
            info = os.lstat(real)
        except OSError:
            info = None
        if info is not None and stat.S_ISLNK(info.st_mode):
            real = os.path.realpath(real)
            info = os.stat(real) if os.path.exists(real) else None
        if not is_inside(real, _real_dir(base)):
            outside = True
            continue
        if info is not None and stat.S_ISREG(info.st_mode):
            return ResolvedRef(RefKind.LOCAL, path=Path(real))
    if outside:
        return ResolvedRef(RefKind.OUTSIDE, reason=f"{ref} points outside the library")
    return ResolvedRef(RefKind.MISSING, reason=f"{ref} not found")
