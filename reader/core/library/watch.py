"""What a file event does to the library: re-read one post and say what changed.

The watcher in the window calls this for each changed path; it never rescans the folder.
"""

from __future__ import annotations

import bisect
import dataclasses
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Literal

from reader.core.library.cascade import is_section_name
from reader.core.library.post import Post
from reader.core.library.safe_files import SafeReader
from reader.core.library.scan import (
    SKIPPED_DIRS,
    Library,
    PostFile,
    is_post_name,
    post_reader,
    read_post_file,
)
from reader.core.library.scan_cache import sort_key
from reader.core.library.site_config import HUGO_NAMES, JEKYLL_NAMES

ChangeKind = Literal["added", "changed", "removed", "unchanged"]


@dataclass(frozen=True, slots=True)
class PostChange:
    """What one file event did to the library: `post` is the new record, `old` the previous."""

    kind: ChangeKind
    rel: str
    post: Post | None = None
    old: Post | None = None


def is_post_rel(rel: str) -> bool:
    """Whether a library-relative path is one the scan lists (same rules as the walk)."""
    parts = PurePosixPath(rel).parts
    if not parts or any(part.startswith(".") or part == ".." for part in parts):
        return False
    if any(part in SKIPPED_DIRS for part in parts[:-1]):
        return False
    return is_post_name(parts[-1])


def changes_site(rel: str) -> bool:
    """A section page or a site config: changing it may change how every post is read, so the
    library is scanned again (the scan cache notices which posts really changed)."""
    parts = PurePosixPath(rel).parts
    if not parts or any(part.startswith(".") for part in parts):
        return False
    if is_section_name(parts[-1]):
        return True
    if len(parts) == 1:
        return parts[0] in HUGO_NAMES or parts[0] in JEKYLL_NAMES
    return parts[:2] == ("config", "_default")


def site_files(library: Library) -> list[str]:
    """Library-relative paths of the section pages and site config a watcher should follow."""
    found = [section.path for section in library.sections]
    config = library.context.site.config
    if config and not config.startswith("../"):
        found.append(config)
    return found


def refresh_files(library: Library, rels: Iterable[str]) -> tuple[Library, list[PostChange]]:
    """Re-read posts after file events (added, edited or removed): a new library, and what
    changed (kind "unchanged" included, in the order given).

    `library` is never changed: other threads (the search index) may be reading it, so the
    result is a new Library with a new list of posts, in display order. Call
    `ScanCache.save(new.posts)` afterwards (debounced: a save writes the whole cache).
    """
    posts = list(library.posts)
    reader = post_reader(library.root)
    changes = [_refresh(posts, library, rel, reader) for rel in rels]
    if all(change.kind == "unchanged" for change in changes):
        return library, changes
    return dataclasses.replace(library, posts=posts), changes


def refresh_file(library: Library, rel: str) -> tuple[Library, PostChange]:
    """`refresh_files` for one path: the new library and what changed."""
    new, changes = refresh_files(library, [rel])
    return new, changes[0]


def _refresh(posts: list[Post], library: Library, rel: str, reader: SafeReader) -> PostChange:
    index = next((i for i, post in enumerate(posts) if post.path == rel), -1)
    path = library.root / rel
    info: os.stat_result | None = None
    if is_post_rel(rel):
        try:
            info = reader.check(path)  # a regular file inside the library, not opened
        except OSError:
            info = None
    if index >= 0 and info is not None:
        known = posts[index]
        if (info.st_size, info.st_mtime_ns) == (known.size, known.mtime_ns):
            return PostChange("unchanged", rel)  # the same file: nothing to read again
    old = posts.pop(index) if index >= 0 else None
    if info is None:
        return PostChange("removed", rel, None, old) if old else PostChange("unchanged", rel)
    post = read_post_file(PostFile(path, rel), library.root, context=library.context)
    bisect.insort(posts, post, key=sort_key)
    if old is None:
        return PostChange("added", rel, post, None)
    return PostChange("changed" if post != old else "unchanged", rel, post, old)
