"""What every exporter and the comparison table read: posts with their notes and anchoring.

Exporters are pure functions of these records, so the same notes always give the same bytes;
finding the notes, reading posts and anchoring quotes happens once, before, in export_collect.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Final

from reader.core.anchoring.targets import AnchorStatus, find_anchor
from reader.core.notes.records import Annotation, document_order_key

STATUS_NOTES: Final = {
    AnchorStatus.ANCHORED: "",
    AnchorStatus.MOVED: "the quote was found elsewhere in the post",
    AnchorStatus.FUZZY: "the post changed; the closest match was used",
    AnchorStatus.ORPHANED: "the quote is no longer in the post",
}


@dataclass(frozen=True, slots=True)
class ExportedAnnotation:
    """One live annotation and where its quote sits in the current article text."""

    annotation: Annotation
    status: AnchorStatus
    start: int | None = None  # current position; the stored hint when orphaned
    end: int | None = None

    @property
    def quote(self) -> str:
        """The quote as stored: authoritative, even when it can no longer be found."""
        return self.annotation.target.exact


@dataclass(frozen=True, slots=True)
class ExportedPost:
    """A post in scope: the metadata exports show, its sides, and its notes in document order."""

    path: str  # relative to the library, '/'-separated
    title: str
    date: str | None = None  # ISO 8601, as `reader list --json` prints it
    tags: tuple[str, ...] = ()
    sides: tuple[str, ...] = ()
    annotations: tuple[ExportedAnnotation, ...] = ()


def _order_key(item: ExportedAnnotation) -> tuple[int, int, datetime, str]:
    """Found quotes by where they are now; orphans last, in the file's document order."""
    _, start, created, ident = document_order_key(item.annotation)
    if item.status is not AnchorStatus.ORPHANED and item.start is not None:
        return (0, item.start, created, ident)
    return (1, start, created, ident)


def anchor_annotations(
    article_text: str, annotations: Iterable[Annotation]
) -> tuple[ExportedAnnotation, ...]:
    """Anchor each live annotation in the article text; tombstones are left out."""
    found: list[ExportedAnnotation] = []
    for annotation in annotations:
        if annotation.is_deleted:
            continue
        anchor = find_anchor(article_text, annotation.target)
        if anchor is None:
            target = annotation.target
            found.append(
                ExportedAnnotation(annotation, AnchorStatus.ORPHANED, target.start, target.end)
            )
        else:
            found.append(ExportedAnnotation(annotation, anchor.status, anchor.start, anchor.end))
    return tuple(sorted(found, key=_order_key))


def _folded(values: Iterable[str] | None) -> frozenset[str] | None:
    if values is None:
        return None
    return frozenset(" ".join(v.split()).casefold() for v in values)


def _has(wanted: frozenset[str] | None, value: str | None) -> bool:
    if wanted is None:
        return True
    return value is not None and " ".join(value.split()).casefold() in wanted


@dataclass(frozen=True, slots=True)
class ExportFilter:
    """Which annotations to export; each field None means "any", several values mean "or".

    Text matches ignore case and repeated spaces, because labels are typed by hand.
    """

    colors: frozenset[str] | None = None
    sides: frozenset[str] | None = None
    aspects: frozenset[str] | None = None
    tags: frozenset[str] | None = None
    statuses: frozenset[AnchorStatus] | None = None

    @classmethod
    def of(
        cls,
        *,
        colors: Iterable[str] | None = None,
        sides: Iterable[str] | None = None,
        aspects: Iterable[str] | None = None,
        tags: Iterable[str] | None = None,
        statuses: Iterable[AnchorStatus] | None = None,
    ) -> ExportFilter:
        """A filter from plain values, normalised for matching."""
        return cls(
            colors=_folded(colors),
            sides=_folded(sides),
            aspects=_folded(aspects),
            tags=_folded(tags),
            statuses=None if statuses is None else frozenset(statuses),
        )

    def matches(self, item: ExportedAnnotation) -> bool:
        """True when the annotation passes every filter that is set."""
        note = item.annotation
        if not _has(self.colors, note.color):
            return False
        if not _has(self.sides, note.side):
            return False
        if not _has(self.aspects, note.aspect):
            return False
        if self.tags is not None and not any(_has(self.tags, tag) for tag in note.tags):
            return False
        return self.statuses is None or item.status in self.statuses

    def keeps_side(self, side: str) -> bool:
        """True when a comparison column for `side` belongs in the filtered table."""
        return _has(self.sides, side)


def apply_filter(posts: Sequence[ExportedPost], wanted: ExportFilter) -> list[ExportedPost]:
    """The posts with only the annotations that pass; posts stay so their sides stay visible."""
    out: list[ExportedPost] = []
    for post in posts:
        kept = tuple(item for item in post.annotations if wanted.matches(item))
        sides = tuple(side for side in post.sides if wanted.keeps_side(side))
        out.append(replace(post, annotations=kept, sides=sides))
    return out


def annotated(posts: Sequence[ExportedPost]) -> list[ExportedPost]:
    """Only the posts that have something to export."""
    return [post for post in posts if post.annotations]


def annotation_count(posts: Sequence[ExportedPost]) -> int:
    """How many annotations the posts hold in all."""
    return sum(len(post.annotations) for post in posts)
