"""`reader check`'s notes pass: unreadable notes files and orphaned notes, per post.

Only posts that have a notes file are read and rendered, so checking a library without notes
costs one directory test.
"""

from __future__ import annotations

from pathlib import Path

from reader.core.anchoring.reanchor import reanchor_document
from reader.core.anchoring.targets import AnchorStatus
from reader.core.library.post import Post
from reader.core.library.problems import Problem
from reader.core.library.scan import Library
from reader.core.notes.store import NOTES_FOLDER, NotesStore, NotesStoreError
from reader.core.render.text_cache import ArticleTexts, shared_article_texts

QUOTE_SHOWN = 60  # characters of an orphan's quote in its message


def has_notes_file(store: NotesStore, post: Post) -> bool:
    """True when the post has a notes file where the store reads or in the library's folder."""
    try:
        paths = [store.notes_path(post.path)]
    except NotesStoreError:
        return False
    paths.append(store.library_root / NOTES_FOLDER / (post.path + ".yaml"))
    return any(path.is_file() for path in paths)


def _shown(quote: str) -> str:
    flat = " ".join(quote.split())
    return flat if len(flat) <= QUOTE_SHOWN else flat[: QUOTE_SHOWN - 1] + "…"


def post_notes_problems(store: NotesStore, texts: ArticleTexts, post: Post) -> list[Problem]:
    """Problems with one post's notes: the file itself, then each orphaned note."""
    try:
        loaded = store.load(post.path, settle_conflicts=False)
    except NotesStoreError as err:
        return [Problem(post.path, "notes", str(err))]
    problems = [] if loaded.problem is None else [loaded.problem]
    if not loaded.document.live():
        return problems
    article = texts.get(post.path)
    if article.unreadable:
        return problems  # already reported by the scan; its notes cannot be checked
    for result in reanchor_document(article.text, loaded.document):
        if result.status is not AnchorStatus.ORPHANED:
            continue
        note = loaded.document.get(result.annotation_id)
        quote = _shown(note.target.exact) if note is not None else ""
        problems.append(
            Problem(
                post.path,
                "orphan",
                f"note {result.annotation_id} lost its place: “{quote}” is no longer in the post",
            )
        )
    return problems


def notes_problems(library: Library, notes_dir: Path | None = None) -> list[Problem]:
    """Notes problems of every post that has notes, in the library's post order."""
    store = NotesStore(library.root, notes_dir)
    folders = {store.notes_root, library.root / NOTES_FOLDER}
    if not any(folder.is_dir() for folder in folders):
        return []
    texts = shared_article_texts(library.root)
    problems: list[Problem] = []
    for post in library.posts:
        if has_notes_file(store, post):
            problems.extend(post_notes_problems(store, texts, post))
    texts.flush()
    return problems
