"""A post made ready for print: its rendering in the light theme and its notes, numbered.

Print and PDF (the window and `reader render --format pdf`) lay this out with Qt; what is shown
and in which order is decided here, without Qt, so both agree and it can be tested alone:
every live note in document order, anchored ones first where they sit, then the ones whose
passage is gone. A note gets a number when it has something to say (text, a side, an aspect or
tags); a bare highlight is shown by its colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reader.core.anchoring.targets import Anchor, AnchorStatus
from reader.core.export.model import anchor_annotations
from reader.core.library.post import Post, read_text
from reader.core.notes.records import Annotation, NotesDocument
from reader.core.notes.sides import sides_for
from reader.core.render.pipeline import RenderedPost, render_post


@dataclass(frozen=True, slots=True)
class PrintNote:
    """One annotation as printed: its number (0 for a bare highlight) and where it sits."""

    number: int
    annotation: Annotation
    anchor: Anchor | None  # None: the passage is no longer in the post
    side_index: int | None = None  # position of its side among the post's sides

    @property
    def labels(self) -> list[str]:
        """Side, aspect and tags, as printed under the note."""
        note = self.annotation
        found = [label for label in (note.side, note.aspect) if label]
        return found + [f"#{tag}" for tag in note.tags]


@dataclass(frozen=True, slots=True)
class PrintablePost:
    """What a printed post shows: the post, its light rendering, its sides and notes."""

    post: Post
    rendered: RenderedPost
    sides: tuple[str, ...]
    notes: tuple[PrintNote, ...]

    @property
    def placed(self) -> tuple[PrintNote, ...]:
        """Notes whose passage is in the post, in document order."""
        return tuple(note for note in self.notes if note.anchor is not None)

    @property
    def orphaned(self) -> tuple[PrintNote, ...]:
        """Notes whose passage is gone (printed at the end, with their quote)."""
        return tuple(note for note in self.notes if note.anchor is None)


def _says_something(annotation: Annotation) -> bool:
    return bool(annotation.note or annotation.side or annotation.aspect or annotation.tags)


def printable_post(library_root: Path, post: Post, document: NotesDocument) -> PrintablePost:
    """Read and render `post` (light theme) and place and number its notes."""
    path = library_root.joinpath(*post.path.split("/"))
    text = read_text(path)
    rendered = render_post(text.body, post_dir=path.parent, library_root=library_root)
    sides = sides_for(text.meta, post.title, document.sides)
    notes: list[PrintNote] = []
    number = 0
    for item in anchor_annotations(rendered.text, document.annotations):
        annotation = item.annotation
        anchor = None
        if item.status is not AnchorStatus.ORPHANED and item.start is not None:
            anchor = Anchor(item.start, item.end or item.start, item.status)
        shown = 0
        if anchor is None or _says_something(annotation):
            number += 1
            shown = number
        side = sides.index(annotation.side) if annotation.side in sides else None
        notes.append(PrintNote(shown, annotation, anchor, side))
    return PrintablePost(post, rendered, sides, tuple(notes))
