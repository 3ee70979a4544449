"""Every problem of the posts that count: what `reader check` prints and the status bar counts.

The scan already found the problems of front matter, encodings and covers. This adds what only
the rendered article shows: inline images it cannot show (missing, outside the library or not
decodable: each image reference the renderer met, resolved by the renderer's own
`resolve_image`, so a problem here is a placeholder there) and notes that lost their place.
Only posts with notes, or with an image reference that is not remote, need their article,
and it comes from the library's shared article-text cache (rendered once per file version).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from reader.core.check.notes_check import post_notes_problems
from reader.core.library.entries import Entry, View, counted_files, entries
from reader.core.library.locations import RefKind
from reader.core.library.post import Post
from reader.core.library.problems import Problem
from reader.core.library.scan import Library
from reader.core.notes.store import NotesStore
from reader.core.render.html_finish import ImageInfo, resolve_image
from reader.core.render.text_cache import ArticleTexts, shared_article_texts

_UNREADABLE = ("cannot read", "file too large", "binary file")


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
    """Checks the posts of one library. Safe to use from one thread at a time (the window
    runs it in a worker, one run after another); the article texts are shared and
    thread-safe."""

    def __init__(
        self, library_root: Path, notes_dir: Path | None = None, texts: ArticleTexts | None = None
    ) -> None:
        self.root = Path(library_root)
        self.store = NotesStore(self.root, notes_dir, read_only=True)  # checking writes nothing
        self.texts = texts if texts is not None else shared_article_texts(self.root)

    def file_problems(self, post: Post) -> list[Problem]:
        """Inline images and notes of one post (its scan problems are not repeated here)."""
        if any(p.kind == "file" and p.message.startswith(_UNREADABLE) for p in post.problems):
            return []  # reported once, by the scan; nothing in it can be checked
        has_notes = self.store.has_notes(post.path)
        if not has_notes and not post.local_images:
            return []
        article = self.texts.get(post.path)
        if article.unreadable:
            return []
        post_dir = self.root.joinpath(*post.path.split("/")).parent
        images = [resolve_image(src, "", post_dir, self.root) for src in article.images]
        found = image_problems(post, images)
        if has_notes:
            found += post_notes_problems(self.store, self.texts, post)
        return found

    def check_files(self, library: Library, files: Iterable[Post]) -> list[Problem]:
        """Library-wide problems, then each file's scan problems and what `file_problems`
        finds, in the order given."""
        problems = list(library.problems)
        if self.store.refused_root is not None:
            problems.append(Problem(".", "notes", self.store.refused_root))
        for post in files:
            problems.extend(post.problems)
            problems.extend(self.file_problems(post))
        self.texts.flush()
        return problems

    def check(self, library: Library, view: View) -> CheckReport:
        """The posts `view` shows, counted as the window counts them, and all their problems."""
        shown: list[Entry] = entries(library, view)
        return CheckReport(len(shown), self.check_files(library, counted_files(shown)))
