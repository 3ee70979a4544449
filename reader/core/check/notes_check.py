"""`reader check`'s notes pass: unreadable notes files and orphaned notes, per post.

Only posts that have a notes file are read and rendered, so checking a library without notes
costs one directory test.
"""

from __future__ import annotations

from reader.core.anchoring.reanchor import reanchor_document
from reader.core.anchoring.targets import AnchorStatus
from reader.core.library.post import Post
from reader.core.library.problems import Problem
from reader.core.notes.store import NotesStore, NotesStoreError
from reader.core.render.text_cache import ArticleTexts

QUOTE_SHOWN = 60  # characters of an orphan's quote in its message


def _shown(quote: str) -> str:
    flat = " ".join(quote.split())
    return flat if len(flat) <= QUOTE_SHOWN else flat[: QUOTE_SHOWN - 1] + "…"


def post_notes_problems(store: NotesStore, texts: ArticleTexts, post: Post) -> list[Problem]:
    """Problems with one post's notes: the file itself, each conflict copy that could not be
    used, then each orphaned note. Nothing is written (the store should be read-only)."""
    try:
        loaded = store.load(post.path, settle_conflicts=False)
    except NotesStoreError as err:
        return [Problem(post.path, "notes", str(err))]
    problems = list(loaded.problems)
    if not loaded.document.live():
        return problems
    article = texts.get(post.path)
    if article.unreadable:
        return problems  # already reported by the scan; its notes cannot be checked
    if article.not_shown:  # the article text is a message, not the post: nothing to check
        count = len(loaded.document.live())
        notes = "its note was" if count == 1 else f"its {count:,} notes were"
        message = f"post too large to show, so {notes} not checked"
        return [*problems, Problem(post.path, "notes", message)]
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
