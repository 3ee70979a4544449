"""A per-user cache of post records, so reopening a large library re-reads only changed files.

One file per library in the per-user cache folder (``$XDG_CACHE_HOME/reader/scan`` on Linux),
named by a hash of the library's real path. A record is reused only while its file's size and
modification time (ns) are unchanged; any doubt (another format or reader version, another
library, another site config or cascade, a bad checksum, a decode error, a column of the wrong
types) means the cache is ignored and rebuilt. Deleting the cache is always safe.

Format: a magic line, a CRC-32 of the payload, then `marshal` of plain tuples, strings and
ints, stored column by column (one tuple per field, not one per post): the whole cache loads
in one read and one decode (65 ms for 100,000 posts). marshal is the fastest decoder in the
standard library and, unlike pickle, builds no objects and runs no code; the checksum is tested
before decoding, so a truncated or scribbled file never reaches it. The folder is the user's
own, like Python's ``__pycache__``, which trusts marshal the same way. Beside the columns, the
walk's listing (`scan_listing`): while no folder changed, a warm scan does not walk again.
"""

from __future__ import annotations

import bisect
import contextlib
import hashlib
import os
import re
import tempfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import platformdirs

from reader.core.library import cache_format
from reader.core.library.cache_format import Stored
from reader.core.library.cache_validation import stamps_of, unchanged_rows
from reader.core.library.cached_posts import CachedPosts, Columns, build_posts, records_of
from reader.core.library.gc_pause import paused_gc
from reader.core.library.locations import clear_path_cache
from reader.core.library.post import Post
from reader.core.library.post_record import (
    FIELDS as FIELDS,
)
from reader.core.library.post_record import (
    PATH,
    Record,
    post_columns,
    records_columns,
)
from reader.core.library.problems import Problem
from reader.core.library.scan import (
    Library,
    Progress,
    read_jobs,
    sort_posts,
    sort_problems,
    walk_post_entries,
)
from reader.core.library.scan_listing import FolderStamp, Listing
from reader.core.library.site_context import SiteContext, read_context

INSERT_LIMIT: Final = 64  # more changed posts than this: sort all rather than insert each
_ANOTHER_CONTEXT: Final = "made under another site config or cascade"
MAGIC: Final = cache_format.MAGIC
FORMAT_VERSION: Final = cache_format.FORMAT_VERSION


def default_cache_dir() -> Path:
    """The per-user folder that holds one scan cache file per library."""
    return platformdirs.user_cache_path("reader", appauthor=False) / "scan"


def cache_file_name(root: Path) -> str:
    """A file name unique to the library's real path, readable by a person clearing caches."""
    real = os.path.realpath(root)
    digest = hashlib.sha256(real.encode("utf-8", "surrogateescape")).hexdigest()[:20]
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", Path(real).name).strip("-.") or "library"
    return f"{name}-{digest}.scan"


class ScanCache:
    """The scan cache file of one library. Never raises: a cache that fails is no cache."""

    def __init__(self, root: Path, cache_dir: Path | None = None) -> None:
        self.root = Path(root)
        self.real_root = os.path.realpath(self.root)
        self.folder = Path(cache_dir) if cache_dir is not None else default_cache_dir()
        self.path = self.folder / cache_file_name(self.root)
        self.problem: str | None = None  # why the last load or save did not use the cache

    def load_stored(self) -> Stored | None:
        """The whole cache in one read and one decode; None when absent or not to be trusted
        (`problem` says why)."""
        try:
            data = self.path.read_bytes()
        except OSError as error:
            if not isinstance(error, FileNotFoundError):
                self.problem = f"scan cache {self.path} unreadable: {error.strerror or error}"
            return None
        try:
            return cache_format.decode(data, self.real_root)
        except Exception as error:  # any decode failure at all means: rebuild
            self.problem = f"scan cache {self.path} ignored: {error}"
            return None

    def load_records(self, fingerprint: str) -> Iterable[Record]:
        """The stored records in stored (display) order; none when absent, stale or corrupt,
        or made under another site context (`fingerprint`, see `SiteContext`)."""
        stored = self.load_stored()
        if stored is None:
            return ()
        if stored.fingerprint != fingerprint:
            self.problem = f"scan cache {self.path} ignored: {_ANOTHER_CONTEXT}"
            return ()
        return records_of(stored.columns)

    def load(self, fingerprint: str) -> dict[str, Post]:
        """Every cached post by path, without checking the files (scan_with_cache checks)."""
        stored = self.load_stored()
        if stored is None or stored.fingerprint != fingerprint:
            return {}
        return {post.path: post for post in build_posts(stored.columns)}

    def save(self, posts: Iterable[Post], fingerprint: str, listing: Listing | None = None) -> bool:
        """Store the posts (in display order) read under the site context with `fingerprint`;
        False, with `problem` set, if it cannot."""
        columns = posts.stored_columns() if isinstance(posts, CachedPosts) else None
        if columns is None:
            columns = post_columns(posts if isinstance(posts, Sequence) else list(posts))
        return self.save_columns(columns, fingerprint, listing)

    def save_library(self, library: Library) -> bool:
        """Store a scanned library's posts (and its walk's listing)."""
        return self.save(library.posts, library.context.fingerprint(), library.listing)

    def save_records(
        self, records: list[Record], fingerprint: str, listing: Listing | None = None
    ) -> bool:
        """Store records (in display order), as `save` stores posts."""
        return self.save_columns(records_columns(records), fingerprint, listing)

    def save_columns(
        self, columns: Columns, fingerprint: str, listing: Listing | None = None
    ) -> bool:
        """Write atomically (temporary file, rename), so readers see old or new, never half."""
        try:
            parts = cache_format.encode_parts(self.real_root, fingerprint, columns, listing)
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(prefix=".scan-", dir=self.folder)
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.writelines(parts)
                os.replace(temp, self.path)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temp)
                raise
        except (OSError, ValueError) as error:
            self.problem = f"scan cache not saved in {self.folder}: {error}"
            return False
        return True

    def clear(self) -> None:
        """Delete the cache file (the next scan is a cold one)."""
        with contextlib.suppress(OSError):
            self.path.unlink()


@dataclass(slots=True)
class _Plan:
    """What a warm scan reuses and what it must read."""

    rows: list[int]  # stored rows to reuse, in stored (display) order
    to_read: dict[str, str]  # library-relative path -> absolute path
    total: int


def _plan_from_listing(stored: Stored | None, root: Path, fingerprint: str) -> _Plan:
    """The listing holds: the files are the stored ones; stat each, reuse the unchanged."""
    assert stored is not None
    paths = stored.columns[PATH]
    prefix = os.path.join(str(root), "")
    absolute = [prefix + rel for rel in paths]
    if stored.fingerprint != fingerprint:
        return _Plan([], dict(zip(paths, absolute, strict=True)), len(paths))
    rows = unchanged_rows(stored.columns, stamps_of(absolute), root)
    kept = set(rows) if len(rows) != len(paths) else None
    to_read = (
        {}
        if kept is None
        else {
            rel: path
            for row, (rel, path) in enumerate(zip(paths, absolute, strict=True))
            if row not in kept
        }
    )
    return _Plan(rows, to_read, len(paths))


def _plan_from_walk(
    stored: Stored | None, entries: dict[str, os.DirEntry[str]], root: Path, fingerprint: str
) -> _Plan:
    """The walk ran: reuse stored rows whose files it found unchanged, read the rest."""
    total = len(entries)
    to_read = {rel: entry.path for rel, entry in entries.items()}
    if stored is None or stored.fingerprint != fingerprint:
        return _Plan([], to_read, total)
    paths = stored.columns[PATH]
    stamps = stamps_of([to_read.get(rel, "\0") for rel in paths])
    rows = unchanged_rows(stored.columns, stamps, root)
    for row in rows:
        del to_read[paths[row]]
    return _Plan(rows, to_read, total)


def scan_with_cache(
    root: Path,
    progress: Progress | None = None,
    cache: ScanCache | None = None,
    *,
    save: bool = True,
) -> Library:
    """`scan_library`, reusing cached records of unchanged files, then refreshing the cache.

    Every file is stat'ed; a record is reused only when size and mtime_ns match. While no
    folder changed, the walk's stored listing stands in for the walk. New and changed files
    are read as a cold scan reads them (in parallel when many). With `save=False` the caller
    saves the cache itself (the window does, after it has filled in). Unchanged posts are
    built from the cache when first used (`CachedPosts`).
    """
    root = Path(root)
    clear_path_cache()
    if not root.is_dir():
        raise NotADirectoryError(f"{root} is not a folder")
    cache = cache if cache is not None else ScanCache(root)
    with paused_gc():
        stored = cache.load_stored()
        listing = stored.listing if stored is not None else None
        walked = listing is None or not listing.still_holds()
        entries: dict[str, os.DirEntry[str]] = {}
        if walked:
            problems: list[Problem] = []
            sections: list[tuple[str, str]] = []
            folders: list[FolderStamp] = []
            walked_ns = time.time_ns()
            entries = dict(walk_post_entries(root, problems, sections, folders))
            listing = _listing(folders, sections, problems, walked_ns)
        else:
            assert listing is not None
            sections = list(listing.sections)
            problems = [Problem(*item) for item in listing.problems]
        context = read_context(root, sections, problems)
        fingerprint = context.fingerprint()
        if stored is not None and stored.fingerprint != fingerprint:
            cache.problem = f"scan cache {cache.path} ignored: {_ANOTHER_CONTEXT}"
        if walked:
            plan = _plan_from_walk(stored, entries, root, fingerprint)
            entries.clear()  # 100,000 directory entries not kept while the posts are read
        else:
            plan = _plan_from_listing(stored, root, fingerprint)
        if progress is not None:
            progress(0, plan.total)
        stored_count = stored.count if stored is not None else -1
        changed = walked or len(plan.rows) != stored_count or bool(plan.to_read)
        posts: Sequence[Post]
        if stored is not None and not plan.to_read:
            full = len(plan.rows) == stored_count
            posts = CachedPosts(stored.columns, None if full else plan.rows)
        else:
            posts = build_posts(stored.columns, plan.rows) if stored is not None else []
        # Reading, sorting and saving make no cycles: at 100,000 posts the collections their
        # allocations set off (each looking at every post made so far) cost a second.
        fresh = _read_changed(root, plan.to_read, progress, len(plan.rows), plan.total, context)
        if fresh:
            posts = _merge_sorted(list(posts), fresh)
        if changed and save:
            cache.save(posts, fingerprint, listing)
    library = Library(
        root, posts, sort_problems(problems), context=context, listing=listing, ordered=True
    )
    library.cache_stale = changed and not save
    return library


def _listing(
    folders: list[FolderStamp],
    sections: list[tuple[str, str]],
    problems: list[Problem],
    walked_ns: int,
) -> Listing | None:
    """The walk's listing, or None when a folder could not be read (it might be later, with
    no folder stamp changed)."""
    if any(p.kind == "file" and p.message.startswith("cannot ") for p in problems):
        return None
    plain = tuple((p.path, p.kind, p.message) for p in problems)
    return Listing(tuple(folders), tuple(sections), plain, walked_ns)


def _read_changed(
    root: Path,
    to_read: dict[str, str],
    progress: Progress | None,
    done: int,
    total: int,
    context: SiteContext,
) -> list[Post]:
    """Read the files the cache could not vouch for, reporting progress over the whole scan."""
    if not to_read:
        if progress is not None:
            progress(total, total)
        return []
    jobs = [(path, rel) for rel, path in to_read.items()]
    relay: Progress | None = None
    if progress is not None:
        report = progress

        def relay(count: int, _of: int) -> None:
            report(done + count, total)

    return read_jobs(root, jobs, relay, context)


def sort_key(post: Post) -> tuple[float, str, str]:
    """The display order of posts, as a key for bisect."""
    return post.sort_key


def _merge_sorted(ordered: list[Post], fresh: list[Post]) -> list[Post]:
    """Cached posts keep their stored order; a few fresh ones are inserted, many mean a sort."""
    if not fresh:
        return ordered
    if len(fresh) > INSERT_LIMIT:
        return sort_posts(ordered + fresh)
    for post in fresh:
        bisect.insort(ordered, post, key=sort_key)
    return ordered
