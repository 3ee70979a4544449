"""A real notes store, post and session for the annotations panel and model tests."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtGui import QUndoGroup, QUndoStack

from reader.core.library.post import Post
from reader.core.notes.store import NotesStore
from reader.ui.annotating.session import AnnotationSession

ARTICLE = (
    "Program Manager vs. Project Manager\n"
    "A program manager oversees a large program of related projects.\n"
    "A project manager delivers one project on time and on budget.\n"
    "Both roles need clear communication with stakeholders.\n"
)
POST = Post(path="p.md", title="Program Manager vs. Project Manager")

ORPHAN_ID = "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9"
ORPHAN_FILE = f"""format: reader-annotations
version: 1
article: p.md
annotations:
  - id: {ORPHAN_ID}
    created: 2026-01-02T10:00:00+00:00
    modified: 2026-01-02T10:00:00+00:00
    color: pink
    note: "Was about budgets."
    target:
      exact: "a sentence the author has since removed"
"""


@dataclass
class Notes:
    """The pieces a test drives: the session (with its undo stack) and the store behind it."""

    session: AnnotationSession
    store: NotesStore
    undo: QUndoStack

    def span(self, quote: str) -> tuple[int, int]:
        """Where `quote` sits in the article text."""
        start = ARTICLE.index(quote)
        return start, start + len(quote)

    def create(self, quote: str, **fields: object) -> str:
        """Highlight `quote` in the article as a person would; returns the new id."""
        start, end = self.span(quote)
        made = self.session.create(start, end, **fields)  # type: ignore[arg-type]
        assert made is not None
        return made

    @property
    def notes_file(self) -> Path:
        return self.store.notes_path(POST.path)


def open_notes(tmp_path: Path, notes_file: str | None = None, article: str = ARTICLE) -> Notes:
    """A session on POST with a store in `tmp_path`, optionally over a hand-written notes file."""
    store = NotesStore(tmp_path)
    if notes_file is not None:
        path = store.notes_path(POST.path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(notes_file, encoding="utf-8")
    session = AnnotationSession(QUndoGroup())
    session.set_store(store)
    session.open_post(POST, article)
    return Notes(session, store, session.undo_stack)
