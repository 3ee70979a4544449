"""A post's article text, computed once per version of the file and shared by every user of it.

Export, `check` and the comparison table all need the article text of every annotated post
(to re-anchor its notes), and rendering is most of their cost. Here a post is rendered once
per (path, size, mtime) — and per state of the images it shows, since a missing image's
placeholder is part of the text — and the result is kept in memory and in a small SQLite file
in the per-user cache folder, so a second export or a warm comparison renders nothing.

The disk copy is a cache like the scan's: keyed also by a fingerprint of the renderer (its
source and its libraries' versions), so a new renderer never serves old text; any doubt (an
unreadable, locked or corrupt file, an unwritable folder) means working from memory alone.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import threading
from collections import OrderedDict
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Final

from reader import __version__
from reader.core.library.locations import RefKind, resolve_reference
from reader.core.library.post import read_text
from reader.core.library.scan_cache import cache_file_name, default_cache_dir
from reader.core.render.pipeline import MAX_SHOWN_BYTES, render_post

MEMORY_CHARS: Final = 64 * 1024 * 1024  # article text kept in memory per library, at most
FLUSH_EVERY: Final = 200  # new texts written to disk in one transaction
_LIBRARIES: Final = ("markdown-it-py", "mdit-py-plugins", "Pygments", "nh3")
_UNREADABLE: Final = ("cannot read", "file too large")
NOT_SHOWN: Final = "too large to show"  # a problem: the article text is a message, not the post

ImageState = tuple[tuple[str, str, int, int], ...]  # (src, kind, size, mtime_ns) per image


@dataclass(frozen=True, slots=True)
class ArticleText:
    """The article text of one post, and what went wrong reading it (e.g. "cannot read")."""

    text: str
    problems: tuple[str, ...] = ()
    images: tuple[str, ...] = ()  # every image reference the article resolved (`src`)

    @property
    def unreadable(self) -> bool:
        """True when the file could not be read at all: its notes cannot be placed."""
        return any(message.startswith(_UNREADABLE) for message in self.problems)

    @property
    def not_shown(self) -> bool:
        """True when the post was read but is over the display limit: its notes cannot be
        placed either (they are not orphaned, they were not looked for)."""
        return any(message.startswith(NOT_SHOWN) for message in self.problems)


@dataclass(frozen=True, slots=True)
class _Entry:
    size: int
    mtime_ns: int
    images: tuple[str, ...]
    image_state: ImageState
    article: ArticleText


@cache
def renderer_fingerprint() -> str:
    """Changes whenever the article text could: reader's version, the render package's source,
    and the versions of the libraries it renders with."""
    digest = hashlib.sha256(__version__.encode())
    for source in sorted(Path(__file__).parent.glob("*.py")):
        with contextlib.suppress(OSError):
            digest.update(source.name.encode() + source.read_bytes())
    for name in _LIBRARIES:
        with contextlib.suppress(metadata.PackageNotFoundError):
            digest.update(f"{name}={metadata.version(name)}".encode())
    return digest.hexdigest()[:24]


def image_state(srcs: tuple[str, ...], post_dir: Path, library_root: Path) -> ImageState:
    """What each image reference points at now: the text changes when one appears or goes."""
    state = []
    for src in srcs:
        ref = resolve_reference(src, post_dir, library_root)
        size = mtime = -1
        if ref.kind is RefKind.LOCAL and ref.path is not None:
            try:
                info = ref.path.stat()
                size, mtime = info.st_size, info.st_mtime_ns
            except OSError:
                pass
        state.append((src, ref.kind.value, size, mtime))
    return tuple(state)


class _DiskCache:
    """The SQLite copy; every failure turns it off for the rest of the process."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._db: sqlite3.Connection | None = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(path, timeout=1.0, check_same_thread=False)
            db.execute(
                "CREATE TABLE IF NOT EXISTS texts (rel TEXT PRIMARY KEY, size INTEGER, "
                "mtime_ns INTEGER, fingerprint TEXT, images TEXT, image_state TEXT, "
                "text TEXT, problems TEXT)"
            )
            db.commit()
            self._db = db
        except (OSError, sqlite3.Error):
            self._db = None

    def get(self, rel: str, size: int, mtime_ns: int) -> _Entry | None:
        if self._db is None:
            return None
        try:
            row = self._db.execute(
                "SELECT images, image_state, text, problems FROM texts "
                "WHERE rel = ? AND size = ? AND mtime_ns = ? AND fingerprint = ?",
                (rel, size, mtime_ns, renderer_fingerprint()),
            ).fetchone()
            if row is None:
                return None
            images = tuple(str(src) for src in json.loads(row[0]))
            state = tuple(tuple(item) for item in json.loads(row[1]))
            problems = tuple(str(message) for message in json.loads(row[3]))
            article = ArticleText(str(row[2]), problems, images)
            return _Entry(size, mtime_ns, images, state, article)
        except (sqlite3.Error, ValueError, TypeError):
            self._off()
            return None

    def put_many(self, rows: list[tuple[str, _Entry]]) -> None:
        if self._db is None or not rows:
            return
        fingerprint = renderer_fingerprint()
        values = [
            (
                rel,
                entry.size,
                entry.mtime_ns,
                fingerprint,
                json.dumps(entry.images),
                json.dumps(entry.image_state),
                entry.article.text,
                json.dumps(entry.article.problems),
            )
            for rel, entry in rows
        ]
        try:
            with self._db:
                self._db.executemany(
                    "INSERT OR REPLACE INTO texts VALUES (?, ?, ?, ?, ?, ?, ?, ?)", values
                )
        except sqlite3.Error:
            self._off()

    def _off(self) -> None:
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
        self._db = None

    def close(self) -> None:
        self._off()


class ArticleTexts:
    """Article texts of one library's posts; safe to use from several threads."""

    def __init__(self, library_root: Path, cache_dir: Path | None = None, *, disk: bool = True):
        self.library_root = library_root
        self._lock = threading.Lock()
        self._memory: OrderedDict[str, _Entry] = OrderedDict()
        self._chars = 0
        self._pending: list[tuple[str, _Entry]] = []
        folder = cache_dir if cache_dir is not None else default_cache_dir().parent / "texts"
        name = cache_file_name(library_root).removesuffix(".scan") + ".sqlite3"
        self._disk = _DiskCache(folder / name) if disk else None
        self.renders = 0  # how many posts were rendered (the rest came from a cache)

    def get(self, rel: str) -> ArticleText:
        """The article text of the post at library-relative `rel`, rendered only when needed."""
        path = self.library_root.joinpath(*rel.split("/"))
        try:
            info = path.stat()
        except OSError as error:
            return ArticleText("", (f"cannot read file: {error.strerror or error}",))
        key = (info.st_size, info.st_mtime_ns)
        with self._lock:
            entry = self._memory.get(rel)
            if entry is None and self._disk is not None:
                entry = self._disk.get(rel, *key)
        if (
            entry is not None
            and (entry.size, entry.mtime_ns) == key
            and image_state(entry.images, path.parent, self.library_root) == entry.image_state
        ):
            self._remember(rel, entry, written=True)
            return entry.article
        entry = self._render(path, key)
        self._remember(rel, entry, written=entry.article.unreadable)
        return entry.article

    def _render(self, path: Path, key: tuple[int, int]) -> _Entry:
        text = read_text(path, self.library_root)
        rendered = render_post(text.body, post_dir=path.parent, library_root=self.library_root)
        self.renders += 1
        srcs = tuple(info.src for info in rendered.images)
        state = image_state(srcs, path.parent, self.library_root)
        problems = tuple(text.problems)
        if len(text.body.encode("utf-8", "surrogatepass")) > MAX_SHOWN_BYTES:
            problems += (f"{NOT_SHOWN} (over {MAX_SHOWN_BYTES // 1_000_000} MB)",)
        return _Entry(*key, srcs, state, ArticleText(rendered.text, problems, srcs))

    def _remember(self, rel: str, entry: _Entry, *, written: bool) -> None:
        flush: list[tuple[str, _Entry]] = []
        with self._lock:
            old = self._memory.pop(rel, None)
            if old is not None:
                self._chars -= len(old.article.text)
            self._memory[rel] = entry
            self._chars += len(entry.article.text)
            while self._chars > MEMORY_CHARS and len(self._memory) > 1:
                _, dropped = self._memory.popitem(last=False)
                self._chars -= len(dropped.article.text)
            if not written:
                self._pending.append((rel, entry))
                if len(self._pending) >= FLUSH_EVERY:
                    flush, self._pending = self._pending, []
        if flush and self._disk is not None:
            with self._lock:
                self._disk.put_many(flush)

    def flush(self) -> None:
        """Write the texts rendered since the last flush to the disk cache."""
        with self._lock:
            pending, self._pending = self._pending, []
            if self._disk is not None:
                self._disk.put_many(pending)

    def close(self) -> None:
        """Flush and let go of the disk cache."""
        self.flush()
        with self._lock:
            if self._disk is not None:
                self._disk.close()


_SHARED: dict[str, ArticleTexts] = {}
_SHARED_LOCK = threading.Lock()


def shared_article_texts(library_root: Path) -> ArticleTexts:
    """One cache per library for the whole process (the window, its exports, the table)."""
    key = os.path.realpath(library_root)
    with _SHARED_LOCK:
        texts = _SHARED.get(key)
        if texts is None:
            texts = _SHARED[key] = ArticleTexts(library_root)
        return texts
