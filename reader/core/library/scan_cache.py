"""A per-user cache of post records, so reopening a large library re-reads only changed files.

One file per library in the per-user cache folder, named by a hash of the library's real path.
A record is reused only while its file's size and modification time (ns) are unchanged; any
doubt (another format or reader version, another library, another site config or cascade, a
bad checksum, a decode error) means the cache is ignored and rebuilt. Deleting the cache is
always safe.

Format: a magic line, a CRC-32 of the payload, then `marshal` of plain tuples, strings and
ints. marshal is the fastest decoder in the standard library (about 1.5x faster than JSON
here) and, unlike pickle, builds no objects and runs no code; the checksum is tested before
decoding, so a truncated or scribbled file never reaches it. The folder is the user's own, like
Python's ``__pycache__``, which trusts marshal the same way.
"""

from __future__ import annotations

import bisect
import contextlib
import gc
import hashlib
import marshal
import os
import re
import tempfile
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Final

import platformdirs

from reader import __version__
from reader.core.library.locations import clear_path_cache
from reader.core.library.post import Post, resolve_cover
from reader.core.library.post_record import (
    FIELDS as FIELDS,
)
from reader.core.library.post_record import (
    IMAGE_REF,
    MTIME,
    PATH,
    PROBLEMS,
    SIZE,
    Record,
    RecordReader,
    post_to_record,
)
from reader.core.library.problems import Problem
from reader.core.library.scan import (
    Library,
    PostFile,
    Progress,
    read_posts,
    sort_posts,
    sort_problems,
    walk_post_entries,
)
from reader.core.library.site_context import SiteContext, read_context

MAGIC: Final = b"reader-scan-cache\n"
# 2: records gained lang, translation_key, hidden, publish_date, expiry_date; the header the
# site context's fingerprint.
FORMAT_VERSION: Final = 2
INSERT_LIMIT: Final = 64  # more changed posts than this: sort all rather than insert each

_PROBLEMS, _IMAGE_REF = PROBLEMS, IMAGE_REF
_PATH, _SIZE, _MTIME = PATH, SIZE, MTIME


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

    def load_records(self, fingerprint: str) -> Iterable[Record]:
        """The stored records in stored (display) order; none when absent, stale or corrupt,
        or made under another site context (`fingerprint`, see `SiteContext`).

        Stored column by column: loading makes one tuple per field, not one per post, which
        spares the garbage collector a full pass over 10,000 fresh tuples.
        """
        try:
            data = self.path.read_bytes()
        except OSError as error:
            if not isinstance(error, FileNotFoundError):
                self.problem = f"scan cache {self.path} unreadable: {error.strerror or error}"
            return ()
        try:
            return self._decode(data, fingerprint)
        except Exception as error:  # any decode failure at all means: rebuild
            self.problem = f"scan cache {self.path} ignored: {error}"
            return ()

    def _decode(self, data: bytes, fingerprint: str) -> Iterable[Record]:
        head = len(MAGIC) + 4
        if not data.startswith(MAGIC) or len(data) < head:
            raise ValueError("not a scan cache file")
        payload = data[head:]
        if zlib.crc32(payload) != int.from_bytes(data[len(MAGIC) : head], "big"):
            raise ValueError("checksum mismatch")
        loaded = marshal.loads(payload)
        if not (isinstance(loaded, tuple) and len(loaded) == 6):
            raise ValueError("unexpected layout")
        version, reader_version, fields, real_root, stored_fingerprint, columns = loaded
        if (version, reader_version, fields) != (FORMAT_VERSION, __version__, FIELDS):
            raise ValueError(f"made by another version ({version}, {reader_version})")
        if real_root != self.real_root:
            raise ValueError("made for another library")
        if stored_fingerprint != fingerprint:
            raise ValueError("made under another site config or cascade")
        if not (isinstance(columns, tuple) and len(columns) == len(FIELDS)):
            raise ValueError("malformed records")
        if len({len(column) for column in columns}) != 1:
            raise ValueError("columns of different lengths")
        return zip(*columns, strict=True)

    def load(self, fingerprint: str) -> dict[str, Post]:
        """Every cached post by path, without checking the files (scan_with_cache checks)."""
        reader = RecordReader()
        try:
            records = self.load_records(fingerprint)
            return {record[_PATH]: reader.post(record) for record in records}
        except (TypeError, ValueError) as error:
            self.problem = f"scan cache {self.path} ignored: {error}"
            return {}

    def save(self, posts: Iterable[Post], fingerprint: str) -> bool:
        """Store the posts (in display order) read under the site context with `fingerprint`;
        False, with `problem` set, if it cannot."""
        return self.save_records([post_to_record(post) for post in posts], fingerprint)

    def save_library(self, library: Library) -> bool:
        """Store a scanned library's posts."""
        return self.save(library.posts, library.context.fingerprint())

    def save_records(self, records: list[Record], fingerprint: str) -> bool:
        """Write atomically (temporary file, rename), so readers see old or new, never half."""
        try:
            shared: dict[Any, Any] = {}
            columns = tuple(
                tuple(_shared(value, shared) for value in column)
                for column in (zip(*records, strict=True) if records else [()] * len(FIELDS))
            )
            header = (FORMAT_VERSION, __version__, FIELDS, self.real_root, fingerprint)
            payload = marshal.dumps((*header, columns))
            data = MAGIC + zlib.crc32(payload).to_bytes(4, "big") + payload
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(prefix=".scan-", dir=self.folder)
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(data)
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


def _shared(value: Any, seen: dict[Any, Any]) -> Any:
    """One object per distinct tuple (tags, categories repeat): marshal then stores it once."""
    if type(value) is tuple:
        return seen.setdefault(value, value)
    return value


def _cover_changed(record: Record, root: Path, seen: dict[tuple[str, str, str], bool]) -> bool:
    """A cover reported missing or broken may be fine now (or broken another way): such a
    record is read again. Each reference is resolved and probed once per scan (per folder
    when relative), so a thousand posts sharing a broken cover cost one probe, not a
    thousand reads."""
    stored = ""
    for _path, kind, message in record[_PROBLEMS]:
        if kind == "image" and message.startswith("cover "):
            stored = message
            break
    if not stored:
        return False
    ref = record[_IMAGE_REF] or ""
    text = ref.strip()
    rooted = text.startswith("/") and not text.startswith("//")
    folder = "" if rooted else record[_PATH].rpartition("/")[0]
    key = (ref, folder, stored)
    changed = seen.get(key)
    if changed is None:
        post_dir = os.path.join(root, folder) if folder else str(root)
        path, problem = resolve_cover(ref, post_dir, root, None)
        changed = seen[key] = path is not None or problem != stored
    return changed


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """No collections while 10,000 acyclic records are built: they cost a fifth of the time."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _reuse(
    stored: Iterable[Record], entries: dict[str, os.DirEntry[str]], root: Path
) -> tuple[list[Post], int]:
    """Posts whose files are unchanged, in stored order, and how many records there were.

    Reused files are taken out of `entries`; what is left there must be read. The hot loop
    of a warm start: kept free of calls that are not needed.
    """
    reader = RecordReader()
    covers: dict[tuple[str, str, str], bool] = {}
    posts: list[Post] = []
    count = 0
    take = entries.pop
    for record in stored:
        count += 1
        rel = record[_PATH]
        entry = take(rel, None)
        if entry is None:
            continue  # deleted, or no longer a post
        try:
            info = entry.stat()
        except OSError:
            entries[rel] = entry  # the read reports why
            continue
        if (
            info.st_mtime_ns != record[_MTIME]
            or info.st_size != record[_SIZE]
            or (record[_PROBLEMS] and _cover_changed(record, root, covers))
        ):
            entries[rel] = entry
            continue
        posts.append(reader.post(record))
    return posts, count


def scan_with_cache(
    root: Path,
    progress: Progress | None = None,
    cache: ScanCache | None = None,
    *,
    save: bool = True,
) -> Library:
    """`scan_library`, reusing cached records of unchanged files, then refreshing the cache.

    Every file is stat'ed; a record is reused only when size and mtime_ns match. New and
    changed files are read as a cold scan reads them (in parallel when many). With
    `save=False` the caller saves the cache itself (the window does, after it has filled in).
    """
    root = Path(root)
    clear_path_cache()
    if not root.is_dir():
        raise NotADirectoryError(f"{root} is not a folder")
    cache = cache if cache is not None else ScanCache(root)
    problems: list[Problem] = []
    sections: list[tuple[str, str]] = []
    with _gc_paused():
        entries = dict(walk_post_entries(root, problems, sections))
        context = read_context(root, sections, problems)
        fingerprint = context.fingerprint()
        total = len(entries)
        if progress is not None:
            progress(0, total)
        stored = cache.load_records(fingerprint)
        try:
            posts, stored_count = _reuse(stored, entries, root)
        except (TypeError, ValueError, IndexError, AttributeError) as error:
            cache.problem = f"scan cache {cache.path} ignored: {error}"
            entries = dict(walk_post_entries(root, []))
            posts, stored_count = [], -1
    changed = len(posts) != stored_count or bool(entries)
    fresh = _read_changed(root, entries, progress, len(posts), total, context)
    posts = _merge_sorted(posts, fresh)
    if changed and save:
        cache.save(posts, fingerprint)
    library = Library(root, posts, sort_problems(problems), context=context)
    library.cache_stale = changed and not save
    return library


def _read_changed(
    root: Path,
    entries: dict[str, os.DirEntry[str]],
    progress: Progress | None,
    done: int,
    total: int,
    context: SiteContext,
) -> list[Post]:
    """Read the files the cache could not vouch for, reporting progress over the whole scan."""
    if not entries:
        if progress is not None:
            progress(total, total)
        return []
    files = [PostFile(Path(entry.path), rel) for rel, entry in entries.items()]
    relay: Progress | None = None
    if progress is not None:
        report = progress

        def relay(count: int, _of: int) -> None:
            report(done + count, total)

    return read_posts(root, files, relay, context)


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
