"""Every problem of the posts that count: what `reader check` prints and the status bar counts.

The scan already found the problems of front matter, encodings and covers. This adds what only
the rendered article shows: inline images it cannot show (missing, outside the library or not
decodable, the same placeholder the article shows, since both come from `render_post`) and
notes that lost their place. Only posts with notes, or with an image reference that is not
remote, are rendered; a checker remembers each post's result until the post or its notes
file changes, so the window can check again after every save for the price of one post.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from reader.core.check.notes_check import has_notes_file, post_notes_problems
from reader.core.library.entries import Entry, View, counted_files, entries
from reader.core.library.locations import RefKind
from reader.core.library.post import Post, read_text
from reader.core.library.problems import Problem
from reader.core.library.scan import Library
from reader.core.notes.store import NOTES_FOLDER, NotesStore, NotesStoreError
from reader.core.render.pipeline import ImageInfo, render_post

_UNREADABLE = ("cannot read", "file too large", "binary file")
Stamp = tuple[int, int, tuple[int, int]]


def image_problems(post: Post, images: Iterable[ImageInfo]) -> list[Problem]:
    """A problem for each inline image the article shows a placeholder for, except remote
    ones (never fetched, by design); each reference once."""
    found: list[Problem] = []
    seen: set[str] = set()
    for info in images:
        if info.shown or info.kind in (RefKind.REMOTE, RefKind.EMPTY) or info.src in seen:
            continue
        seen.add(info.src)
        found.append(Problem(post.path, "image", f"image {info.reason or info.src}"))
    return found


@dataclass(frozen=True, slots=True)
class CheckReport:
    """How many posts count, and every problem they (and the library) have."""

    posts: int
    problems: list[Problem]


class LibraryChecker:
    """Checks the posts of one library; remembers results per post between runs.

    Use from one thread at a time (the window runs it in a worker, one run after another).
    """

    def __init__(self, library_root: Path, notes_dir: Path | None = None) -> None:
        self.root = Path(library_root)
        self.store = NotesStore(self.root, notes_dir)
        self._memo: dict[str, tuple[Stamp, list[Problem]]] = {}

    def _notes_stamp(self, post: Post) -> tuple[int, int]:
        try:
            paths = [self.store.notes_path(post.path)]
        except NotesStoreError:
            return (0, 0)
        paths.append(self.root / NOTES_FOLDER / (post.path + ".yaml"))
        stamp = (0, 0)
        for path in paths:
            try:
                info = os.stat(path)
            except OSError:
                continue
            stamp = (stamp[0] ^ info.st_size, stamp[1] ^ info.st_mtime_ns)
        return stamp

    def file_problems(self, post: Post) -> list[Problem]:
        """Inline images and notes of one post (its scan problems are not repeated here)."""
        stamp: Stamp = (post.size, post.mtime_ns, self._notes_stamp(post))
        remembered = self._memo.get(post.path)
        if remembered is not None and remembered[0] == stamp:
            return remembered[1]
        found = self._check(post)
        self._memo[post.path] = (stamp, found)
        return found

    def _check(self, post: Post) -> list[Problem]:
        if any(p.kind == "file" and p.message.startswith(_UNREADABLE) for p in post.problems):
            return []  # reported once, by the scan; nothing in it can be checked
        has_notes = has_notes_file(self.store, post)
        if not has_notes and not post.local_images:
            return []
        path = self.root.joinpath(*post.path.split("/"))
        text = read_text(path)
        if any(message.startswith(_UNREADABLE) for message in text.problems):
            return []
        rendered = render_post(text.body, post_dir=path.parent, library_root=self.root)
        found = image_problems(post, rendered.images)
        if has_notes:
            found += post_notes_problems(self.store, self.root, post, rendered.text)
        return found

    def check_files(self, library: Library, files: Iterable[Post]) -> list[Problem]:
        """Library-wide problems, then each file's scan problems and what `file_problems`
        finds, in the order given."""
        problems = list(library.problems)
        for post in files:
            problems.extend(post.problems)
            problems.extend(self.file_problems(post))
        return problems

    def check(self, library: Library, view: View) -> CheckReport:
        """The posts `view` shows, counted as the window counts them, and all their problems."""
        shown: list[Entry] = entries(library, view)
        return CheckReport(len(shown), self.check_files(library, counted_files(shown)))
