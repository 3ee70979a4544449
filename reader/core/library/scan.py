"""Scan a folder of Markdown posts: which files are posts, and their records."""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.core.library.cached_posts import Columns, build_posts
from reader.core.library.cascade import Section, is_section_name
from reader.core.library.gc_pause import paused_gc
from reader.core.library.locations import clear_path_cache, real_folder_path
from reader.core.library.names import is_valid_name, name_problem, printable
from reader.core.library.post import (
    MAX_POST_BYTES,
    CoverCache,
    Post,
    PostText,
    build_post,
    parse_post_bytes,
)
from reader.core.library.post_record import post_columns
from reader.core.library.problems import Problem
from reader.core.library.safe_files import (
    FileTooLargeError,
    SafeReader,
    describe_refusal,
    is_inside,
    kind_of,
)
from reader.core.library.scan_listing import FolderStamp, Listing
from reader.core.library.site_context import SiteContext, read_context

POST_SUFFIXES = (".md", ".markdown")
SKIPPED_DIRS = frozenset({"node_modules", "__pycache__"})
PARALLEL_MIN_FILES = 2000  # below this, starting processes costs more than it saves
MAX_WORKERS = 8
CHUNK_FILES = 250  # about 20 ms of work: small enough to share out evenly at the end

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
    posts: Sequence[Post]  # a list, or the scan cache's posts built on first use
    problems: list[Problem] = field(default_factory=list)
    cache_stale: bool = False  # scanned with a cache that now needs writing
    context: SiteContext = field(default_factory=SiteContext)
    listing: Listing | None = None  # what the walk found, for the scan cache to reuse
    ordered: bool = False  # posts known to be in display order (a scan's): no sort needed
    # What `entries` computed for this very library (see there); never copied by replace().
    memo: dict[Any, Any] = field(default_factory=dict, init=False, compare=False, repr=False)

    @property
    def sections(self) -> tuple[Section, ...]:
        """The Hugo section pages (``_index.md``): not posts, but they cascade front matter."""
        return self.context.cascades.sections

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


def is_post_name(name: str) -> bool:
    """A file name the scan lists as a post (Markdown, not a Hugo section page)."""
    return name.lower().endswith(POST_SUFFIXES) and not is_section_name(name)


def walk_posts(
    root: Path, problems: list[Problem], sections: list[tuple[str, str]] | None = None
) -> list[PostFile]:
    """Every post file under `root`, skipping hidden folders, section pages and symlink loops.

    Symlinked folders are followed once (each real folder is visited at most once), but never
    when they lead outside the library. Section pages go to `sections` when it is given.
    """
    entries = walk_post_entries(root, problems, sections)
    return [PostFile(Path(entry.path), rel) for rel, entry in entries]


def walk_post_entries(
    root: Path,
    problems: list[Problem],
    sections: list[tuple[str, str]] | None = None,
    folders: list[FolderStamp] | None = None,
) -> list[tuple[str, os.DirEntry[str]]]:
    """`walk_posts` as (relative path, directory entry) pairs, in the same order.

    The scan cache stats entries and builds a Path only for files it must read: at 10,000
    posts the Path objects alone cost more than the whole walk. Section pages found are
    added to `sections` as (relative path, absolute path); every folder listed goes to
    `folders` with its stamp (see `FolderStamp`).
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
        if folders is not None:
            folders.append((folder, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev))
        if key in seen:
            problems.append(Problem(rel_prefix, "file", "symlink loop or repeated folder skipped"))
            return
        seen.add(key)
        try:
            entries = list(os.scandir(folder))  # order does not matter: posts are sorted
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
            if is_link and not is_inside(os.path.realpath(entry.path), real_root):
                problems.append(Problem(rel, "file", "symlink leads outside the library; skipped"))
                continue
            if is_dir:
                if name not in SKIPPED_DIRS:
                    again(entry.path, rel + "/", again)
            elif is_post_name(name):
                what = _not_a_file(entry)
                if what:
                    problems.append(Problem(rel, "file", f"{what}, not a regular file; skipped"))
                else:
                    found.append((rel, entry))
            elif sections is not None and is_section_name(name):
                sections.append((rel, entry.path))

    visit(str(root), "", visit)
    return found


def _not_a_file(entry: os.DirEntry[str]) -> str:
    """What a post-named entry is when it is not a regular file ("" for a regular file).

    Only the type the folder listing gives (and a stat for symlinks) is looked at: nothing
    is opened, so a FIFO named ``post.md`` cannot block the walk.
    """
    try:
        if entry.is_file():
            return ""
        return kind_of(entry.stat().st_mode)
    except OSError:
        return "a broken symlink"


def post_reader(root: Path | str) -> SafeReader:
    """The reader of post files: inside the library only, folders resolved from the cache
    (a post that is a link is followed by the reader's own ``lstat``)."""
    return SafeReader((root,), "the library", real_folder_path)


def read_post_file(
    item: PostFile,
    root: Path,
    covers: CoverCache | None = None,
    context: SiteContext | None = None,
) -> Post:
    """Read and build one post; I/O errors become problems on the post."""
    return _read_one(str(item.path), item.rel, root, covers, post_reader(root), context)


def _read_one(
    path: str,
    rel: str,
    root: Path,
    covers: CoverCache | None,
    reader: SafeReader,
    context: SiteContext | None,
) -> Post:
    """`read_post_file` on plain strings: the scan's hot loop builds no Path per file."""
    try:
        read = reader.read(path, MAX_POST_BYTES)
        text = parse_post_bytes(read.data)
        size, mtime_ns = read.size, read.mtime_ns
    except FileTooLargeError as error:
        text = PostText({}, "", [str(error)])
        size, mtime_ns = error.size, 0
    except OSError as error:
        text = PostText({}, "", [f"cannot read file: {describe_refusal(error)}"])
        size, mtime_ns = -1, 0
    post = build_post(
        rel,
        text,
        post_dir=os.path.dirname(path),
        library_root=root,
        size=size,
        mtime_ns=mtime_ns,
        covers=covers,
        context=context,
    )
    if not is_valid_name(rel):
        problem = Problem(rel, "file", name_problem(rel))
        title = printable(post.title)
        post = dataclasses.replace(post, title=title, problems=(*post.problems, problem))
    return post


Job = tuple[str, str]  # (absolute path, library-relative path): cheap to send to a worker


def _read_jobs(
    root: Path, jobs: list[Job], covers: CoverCache, context: SiteContext | None
) -> list[Post]:
    reader = post_reader(root)
    return [_read_one(path, rel, root, covers, reader, context) for path, rel in jobs]


def _read_chunk(root: Path, jobs: list[Job], context: SiteContext | None) -> Columns:
    """A worker process's share of the scan, as columns of plain values (what the scan cache
    stores): a tenth of the cost of pickled posts, and built back into posts in one pass."""
    clear_path_cache()
    return post_columns(_read_jobs(root, jobs, {}, context))


def _start_method() -> str:
    """Fork is cheapest, but unsafe once other threads run (the GUI scans in a thread)."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return "fork"
    return "forkserver" if "forkserver" in methods else "spawn"


class _Shares:
    """Chunks handed out from both ends: this process reads from the front while the worker
    processes are fed from the back, so nobody idles and a slow pool start costs nothing."""

    def __init__(self, chunks: list[list[Job]]) -> None:
        self.chunks = chunks
        self.front = 0
        self.back = len(chunks)
        self.done: dict[int, list[Post]] = {}
        self.lock = threading.Lock()

    def take_front(self) -> int | None:
        with self.lock:
            if self.front >= self.back:
                return None
            self.front += 1
            return self.front - 1

    def take_back(self) -> int | None:
        with self.lock:
            if self.front >= self.back:
                return None
            self.back -= 1
            return self.back


def _feed_pool(
    root: Path,
    shares: _Shares,
    pool: ProcessPoolExecutor,
    in_flight: int,
    context: SiteContext | None,
) -> None:
    """Keep `in_flight` chunks queued in the pool until the shares meet; collect results."""
    pending: dict[Future[Columns], int] = {}
    try:
        # Hand out chunks only once a worker runs: a slow start (forkserver, imports) would
        # otherwise leave this process waiting for chunks it could have read itself.
        pool.submit(os.getpid).result()
        while True:
            while len(pending) < in_flight and (index := shares.take_back()) is not None:
                pending[pool.submit(_read_chunk, root, shares.chunks[index], context)] = index
            if not pending:
                return
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                index = pending.pop(future)
                shares.done[index] = build_posts(future.result())
    except (OSError, BrokenProcessPool):
        pass  # no processes to be had: what the pool did not finish is read in this process


def _read_parallel(
    root: Path,
    jobs: list[Job],
    progress: Progress | None,
    workers: int,
    context: SiteContext | None,
) -> list[Post]:
    chunks = [jobs[start : start + CHUNK_FILES] for start in range(0, len(jobs), CHUNK_FILES)]
    shares = _Shares(chunks)
    covers: CoverCache = {}
    method = _start_method()
    processes = multiprocessing.get_context(method)
    if method == "forkserver":
        # The server imports the scanner once; its children then start ready to read.
        processes.set_forkserver_preload(["__main__", "reader.core.library.scan"])
    with ProcessPoolExecutor(workers - 1, mp_context=processes) as pool:
        feeder = threading.Thread(
            target=_feed_pool,
            args=(root, shares, pool, 2 * (workers - 1), context),
            daemon=True,
        )
        if method == "fork":
            pool.submit(os.getpid)  # forks every worker now, while this is the only thread
        feeder.start()
        while (index := shares.take_front()) is not None:
            shares.done[index] = _read_jobs(root, chunks[index], covers, context)
            if progress is not None:
                progress(sum(map(len, list(shares.done.values()))), len(jobs))
        feeder.join()
    for index, chunk in enumerate(chunks):
        if index not in shares.done:  # a pool that broke down: read the rest here
            shares.done[index] = _read_jobs(root, chunk, covers, context)
    if progress is not None:
        progress(len(jobs), len(jobs))
    return [post for index in range(len(chunks)) for post in shares.done[index]]


def read_posts(
    root: Path,
    files: list[PostFile],
    progress: Progress | None = None,
    context: SiteContext | None = None,
) -> list[Post]:
    """Read every file, on all cores for a large library; progress every 100 posts or chunk."""
    return read_jobs(root, [(str(item.path), item.rel) for item in files], progress, context)


def read_jobs(
    root: Path,
    jobs: list[Job],
    progress: Progress | None = None,
    context: SiteContext | None = None,
) -> list[Post]:
    """`read_posts` of (absolute path, relative path) pairs: no Path object per file."""
    workers = min(os.cpu_count() or 1, MAX_WORKERS)
    if workers > 1 and len(jobs) >= PARALLEL_MIN_FILES:
        try:
            return _read_parallel(root, jobs, progress, workers, context)
        except (OSError, BrokenProcessPool):
            pass  # no processes to be had here: read in this process instead
    total = len(jobs)
    posts = []
    covers: CoverCache = {}
    reader = post_reader(root)
    for index, (path, rel) in enumerate(jobs, 1):
        posts.append(_read_one(path, rel, root, covers, reader, context))
        if progress is not None and (index % 100 == 0 or index == total):
            progress(index, total)
    return posts


def sort_problems(problems: list[Problem]) -> list[Problem]:
    """Library-wide problems in a stable order, whatever order the folders were listed in."""
    return sorted(problems, key=lambda problem: (problem.path, problem.kind, problem.message))


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
    sections: list[tuple[str, str]] = []
    jobs = [(entry.path, rel) for rel, entry in walk_post_entries(root, problems, sections)]
    context = read_context(root, sections, problems)
    if progress is not None:
        progress(0, len(jobs))
    with paused_gc():  # reading makes no cycles (see `gc_pause`)
        posts = sort_posts(read_jobs(root, jobs, progress, context))
    return Library(root, posts, sort_problems(problems), context=context, ordered=True)
