"""Gather what an export needs: the posts in scope, their notes, and where each quote is now.

Only posts with notes are read and rendered (a 10,000-post library exports in the time its
annotated posts take); the others still give their sides, so the comparison table shows
their columns as gaps. The anchoring status is the same one the reader view computes.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Final

from reader.core.export.model import ExportedPost, anchor_annotations
from reader.core.library.entries import View, shown_files
from reader.core.library.names import printable
from reader.core.library.post import Post
from reader.core.library.problems import Problem
from reader.core.library.scan import Library
from reader.core.notes.records import NotesDocument
from reader.core.notes.sides import front_matter_sides, sides_for
from reader.core.notes.store import NotesStore, NotesStoreError
from reader.core.notes.sync_conflicts import copy_of, is_copy_name
from reader.core.render.text_cache import NOT_SHOWN, ArticleTexts, shared_article_texts


class ScopeError(ValueError):
    """A post or tag that names nothing in the library; the message is worded for a person."""


@dataclass(frozen=True, slots=True)
class Collected:
    """The posts in scope as export records, and problems met on the way (e.g. a broken file)."""

    posts: list[ExportedPost]
    problems: list[Problem] = field(default_factory=list)


def _find_post(library: Library, wanted: str) -> Post | None:
    """A post by library-relative path, or by a file path that lies inside the library."""
    key = PurePosixPath(wanted.replace("\\", "/")).as_posix()
    found = library.find(key)
    if found is not None:
        return found
    path = Path(wanted)
    candidates = [path] if path.is_absolute() else [Path.cwd() / path]
    for candidate in candidates:
        try:
            rel = candidate.resolve().relative_to(library.root.resolve()).as_posix()
        except (OSError, ValueError):
            continue
        found = library.find(rel)
        if found is not None:
            return found
    return None


def _carries(values: tuple[str, ...], wanted: str) -> bool:
    key = wanted.casefold().strip()
    return any(value.casefold() == key for value in values)


def posts_in_scope(
    library: Library,
    *,
    post: str | None = None,
    tag: str | None = None,
    category: str | None = None,
    view: View | None = None,
) -> list[Post]:
    """One post, the posts with a tag or category, or the whole library, as files: every
    translation has its own notes. Hidden posts only when `view` asks for them (or the post
    is named); `view.lang` keeps one language (None: every language).

    Raises ScopeError for a post, tag, category or language that is not there, so nothing
    empty is exported.
    """
    view = view if view is not None else View()
    if post is not None:
        found = _find_post(library, post)
        if found is None:
            raise ScopeError(f"no post {post!r} in {library.root}")
        if tag is not None and not _carries(found.tags, tag):
            raise ScopeError(f"post {found.path!r} is not tagged {tag!r}")
        if category is not None and not _carries(found.categories, category):
            raise ScopeError(f"post {found.path!r} is not in category {category!r}")
        return [found]
    chosen = shown_files(library, view, tag=tag, category=category)
    if not chosen and (tag is not None or category is not None or view.lang is not None):
        wanted = [
            f"tagged {tag!r}" if tag is not None else "",
            f"in category {category!r}" if category is not None else "",
            f"in language {view.lang!r}" if view.lang is not None else "",
        ]
        raise ScopeError(f"no post {' '.join(w for w in wanted if w)} in {library.root}")
    return chosen


def exported_post(post: Post, document: NotesDocument, article_text: str) -> ExportedPost:
    """A post's export record from its notes and the current article text."""
    return ExportedPost(
        path=printable(post.path),  # a name that is not UTF-8 is escaped, never raw bytes
        title=printable(post.title),
        date=post.date_iso(),
        tags=post.tags,
        sides=sides_for(front_matter_sides(post.compare), post.title, document.sides),
        annotations=anchor_annotations(article_text, document.annotations),
    )


_UNLISTED: Final = frozenset[str]()


def notes_candidates(store: NotesStore, posts: Sequence[Post]) -> list[bool] | None:
    """Which posts may have notes (a file, or a sync copy, named for them in their notes
    folder), from one listing per folder: at 100,000 posts, resolving each post's notes path
    safely costs seconds, and most posts have none. What is named so is then loaded as ever
    (and refused there if it is no regular file or leads out). None when the store reads
    from two places (the per-user fallback beside the library's own folder)."""
    if store.fallback_reason is not None:
        return None
    root = str(store.notes_root)
    listings: dict[str, tuple[frozenset[str], tuple[str, ...]] | None] = {}
    found: list[bool] = []
    for post in posts:
        folder_rel, _, name = post.path.rpartition("/")
        folder = os.path.join(root, folder_rel) if folder_rel else root
        if folder not in listings:
            listings[folder] = _listing(folder)
        listed = listings[folder]
        if listed is None or "\\" in post.path or not name:
            found.append(True)  # cannot tell: load it, and let the store say what is wrong
            continue
        names, copies = listed
        notes_name = name + ".yaml"
        found.append(notes_name in names or any(copy_of(notes_name, c) for c in copies))
    return found


def _listing(folder: str) -> tuple[frozenset[str], tuple[str, ...]] | None:
    """The names in a notes folder and those of them that look like sync copies; empty when
    the folder is missing, None when it cannot be listed."""
    try:
        names = frozenset(os.listdir(folder))
    except (FileNotFoundError, NotADirectoryError):
        return _UNLISTED, ()
    except OSError:
        return None
    return names, tuple(name for name in names if is_copy_name(name))


def collect(
    library: Library,
    store: NotesStore,
    posts: Sequence[Post],
    texts: ArticleTexts | None = None,
    progress: Callable[[int, int], None] | None = None,
    *,
    notes_only: bool = False,
) -> Collected:
    """Export records for `posts`, in the order given; unreadable notes are reported, skipped.

    Article texts come from `texts` (the library's shared cache when None); `progress` hears
    (done, total) now and then, for long scopes. With `notes_only`, posts without a notes
    file give no record at all (every format but the comparison table leaves them out).
    """
    texts = texts if texts is not None else shared_article_texts(library.root)
    records: list[ExportedPost] = []
    problems: list[Problem] = []
    candidates = notes_candidates(store, posts)
    for done, post in enumerate(posts):
        if progress is not None and done % 50 == 0:
            progress(done, len(posts))
        if candidates is not None and not candidates[done]:
            if not notes_only:  # its sides still make columns of a comparison table
                records.append(exported_post(post, NotesDocument(article=post.path), ""))
            continue
        try:
            loaded = store.load(post.path, settle_conflicts=False)
        except NotesStoreError as err:
            problems.append(Problem(post.path, "notes", str(err)))
            continue
        problems.extend(loaded.problems)
        document = loaded.document
        if not document.live():
            records.append(exported_post(post, document, ""))
            continue
        article = texts.get(post.path)
        problems += [
            Problem(post.path, "file", f"{message}; its notes are exported as orphaned")
            for message in article.problems
            if message.startswith(("cannot read", "file too large", NOT_SHOWN))
        ]
        records.append(exported_post(post, document, article.text))
    texts.flush()
    if progress is not None:
        progress(len(posts), len(posts))
    return Collected(records, problems)
