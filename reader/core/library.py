"""Scan a folder of Markdown posts: which files are posts, and their records."""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.core.locations import clear_path_cache
from reader.core.post import MAX_POST_BYTES, Post, PostText, build_post, parse_post_bytes
from reader.core.problems import Problem

POST_SUFFIXES = (".md", ".markdown")
SECTION_PAGES = frozenset({"_index.md", "_index.markdown"})
SKIPPED_DIRS = frozenset({"node_modules", "__pycache__"})
PARALLEL_MIN_FILES = 2000  # below this, starting processes costs more than it saves
MAX_WORKERS = 8

Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class PostFile:
    """A file the walk found: absolute path and path relative to the library."""

    path: Path
    rel: str


@dataclass(slots=True)
class Library:
    """A scanned library: posts newest first, plus problems that belong to no single post."""

    root: Path
    posts: list[Post]
    problems: list[Problem] = field(default_factory=list)

    def all_problems(self) -> list[Problem]:
        """Every problem, library-wide ones first, then per post in list order."""
        found = list(self.problems)
        for post in self.posts:
            found.extend(post.problems)
        return found

    def find(self, rel: str) -> Post | None:
        """The post at a library-relative path."""
        for post in self.posts:
            if post.path == rel:
                return post
        return None


def _is_post_name(name: str) -> bool:
    return name.lower().endswith(POST_SUFFIXES) and name not in SECTION_PAGES


def walk_posts(root: Path, problems: list[Problem]) -> list[PostFile]:
    """Every post file under `root`, skipping hidden folders, section pages and symlink loops.

    Symlinked folders are followed once (each real folder is visited at most once), but never
    when they lead outside the library.
    """
    return [PostFile(Path(entry.path), rel) for rel, entry in walk_post_entries(root, problems)]


def walk_post_entries(root: Path, problems: list[Problem]) -> list[tuple[str, os.DirEntry[str]]]:
    """`walk_posts` as (relative path, directory entry) pairs, in the same order.

    The scan cache stats entries and builds a Path only for files it must read: at 10,000
    posts the Path objects alone cost more than the whole walk.
    """
    real_root = os.path.realpath(root)
    found: list[tuple[str, os.DirEntry[str]]] = []
    seen: set[tuple[int, int]] = set()

    # `visit` recurses through its argument, not its own name: a closure naming itself is a
    # reference cycle that keeps the walk's 10,000 entries alive until the next full GC pass.
    def visit(folder: str, rel_prefix: str, again: Callable[[str, str, Any], None]) -> None:
        try:
            info = os.stat(folder)
        except OSError as error:
            problems.append(Problem(rel_prefix or ".", "file", f"cannot open folder: {error}"))
            return
        key = (info.st_dev, info.st_ino)
        if key in seen:
            problems.append(Problem(rel_prefix, "file", "symlink loop or repeated folder skipped"))
            return
        seen.add(key)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as error:
            problems.append(Problem(rel_prefix or ".", "file", f"cannot list folder: {error}"))
            return
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            rel = f"{rel_prefix}{name}"
            try:
                is_dir = entry.is_dir()
                is_link = entry.is_symlink()
            except OSError:
                continue
            if is_link and not _inside(os.path.realpath(entry.path), real_root):
                problems.append(Problem(rel, "file", "symlink leads outside the library; skipped"))
                continue
            if is_dir:
                if name not in SKIPPED_DIRS:
                    again(entry.path, rel + "/", again)
            elif _is_post_name(name):
                found.append((rel, entry))

    visit(str(root), "", visit)
    return found


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def read_post_file(item: PostFile, root: Path) -> Post:
    """Read and build one post; I/O errors become problems on the post."""
    try:
        with open(item.path, "rb") as handle:
            info = os.fstat(handle.fileno())
            if info.st_size > MAX_POST_BYTES:
                megabytes = info.st_size // (1024 * 1024)
                text = PostText({}, "", [f"file too large ({megabytes} MB); not read"])
            else:
                text = parse_post_bytes(handle.read())
        size, mtime_ns = info.st_size, info.st_mtime_ns
    except OSError as error:
        text = PostText({}, "", [f"cannot read file: {error.strerror or error}"])
        size, mtime_ns = -1, 0
    return build_post(
        item.rel,
        text,
        post_dir=item.path.parent,
        library_root=root,
        size=size,
        mtime_ns=mtime_ns,
    )


def _read_chunk(root: Path, items: list[PostFile]) -> list[Post]:
    """A worker process's share of the scan."""
    clear_path_cache()
    return [read_post_file(item, root) for item in items]


def _start_method() -> str:
    """Fork is cheapest, but unsafe once other threads run (the GUI scans in a thread)."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return "fork"
    return "forkserver" if "forkserver" in methods else "spawn"


def _read_parallel(
    root: Path, files: list[PostFile], progress: Progress | None, workers: int
) -> list[Post]:
    size = max(200, len(files) // (workers * 4) + 1)
    chunks = [files[start : start + size] for start in range(0, len(files), size)]
    context = multiprocessing.get_context(_start_method())
    posts: list[Post] = []
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        for future in as_completed([pool.submit(_read_chunk, root, chunk) for chunk in chunks]):
            posts.extend(future.result())
            if progress is not None:
                progress(len(posts), len(files))
    return posts


def read_posts(root: Path, files: list[PostFile], progress: Progress | None = None) -> list[Post]:
    """Read every file, on all cores for a large library; progress every 100 posts or chunk."""
    workers = min(os.cpu_count() or 1, MAX_WORKERS)
    if workers > 1 and len(files) >= PARALLEL_MIN_FILES:
        try:
            return _read_parallel(root, files, progress, workers)
        except (OSError, BrokenProcessPool):
            pass  # no processes to be had here: read in this process instead
    total = len(files)
    posts = []
    for index, item in enumerate(files, 1):
        posts.append(read_post_file(item, root))
        if progress is not None and (index % 100 == 0 or index == total):
            progress(index, total)
    return posts


def sort_posts(posts: list[Post]) -> list[Post]:
    """Newest first, undated last."""
    return sorted(posts, key=lambda post: post.sort_key)


def scan_library(root: Path, progress: Progress | None = None) -> Library:
    """Scan the library at `root`. Never raises for bad posts; a missing root is an error."""
    root = Path(root)
    clear_path_cache()
    if not root.is_dir():
        raise NotADirectoryError(f"{root} is not a folder")
    problems: list[Problem] = []
    files = walk_posts(root, problems)
    if progress is not None:
        progress(0, len(files))
    posts = sort_posts(read_posts(root, files, progress))
    return Library(root, posts, problems)


def visible_posts(posts: list[Post], *, tag: str | None = None, drafts: bool = False) -> list[Post]:
    """Posts to show: drafts only when asked; `tag` matched case-insensitively."""
    wanted = tag.casefold() if tag is not None else None
    return [
        post
        for post in posts
        if (drafts or not post.draft)
        and (wanted is None or any(t.casefold() == wanted for t in post.tags))
    ]
