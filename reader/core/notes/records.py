"""Annotation records: plain, immutable values that the store, merge and exporters share.

Records are frozen so that a merge or an undo step can never change a value someone else holds;
edits make new records with a later `modified`, which is what the merge by `id` relies on.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import Enum
from typing import Any, Final

COLORS: Final = ("yellow", "green", "blue", "pink", "purple", "orange")
DEFAULT_COLOR: Final = "yellow"
_TICK = timedelta(microseconds=1)


def now_utc() -> datetime:
    """The current time, zone-aware, so files written anywhere compare correctly."""
    return datetime.now(UTC)


def _check_aware(value: datetime, name: str) -> None:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware, got {value!r}")


@dataclass(frozen=True, slots=True)
class Target:
    """Where a note points: the quote is authoritative, offsets only pick among repeats."""

    exact: str
    prefix: str = ""
    suffix: str = ""
    start: int | None = None
    end: int | None = None
    extra: dict[Any, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.exact:
            raise ValueError("a target needs a non-empty quote (exact)")
        for name in ("start", "end"):
            value = getattr(self, name)
            if value is not None and (isinstance(value, bool) or value < 0):
                raise ValueError(f"target {name} must be a non-negative integer, got {value!r}")
        if self.start is not None and self.end is not None and self.end < self.start:
            raise ValueError(f"target end ({self.end}) is before start ({self.start})")


@dataclass(frozen=True, slots=True)
class Annotation:
    """One highlight with its note and labels; `deleted` set means a tombstone kept for merges."""

    id: str
    created: datetime
    modified: datetime
    target: Target
    color: str = DEFAULT_COLOR
    note: str = ""
    side: str | None = None
    aspect: str | None = None
    tags: tuple[str, ...] = ()
    deleted: datetime | None = None
    extra: dict[Any, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.id:
            raise ValueError("an annotation needs an id")
        if self.color not in COLORS:
            raise ValueError(f"colour {self.color!r} is not one of {', '.join(COLORS)}")
        _check_aware(self.created, "created")
        _check_aware(self.modified, "modified")
        if self.deleted is not None:
            _check_aware(self.deleted, "deleted")
        if not isinstance(self.tags, tuple):
            object.__setattr__(self, "tags", tuple(self.tags))

    @property
    def is_deleted(self) -> bool:
        """True for a tombstone: kept in the file, hidden everywhere else."""
        return self.deleted is not None


def document_order_key(annotation: Annotation) -> tuple[int, int, datetime, str]:
    """Sort key for document order: by position (unplaced last), then creation, then id."""
    start = annotation.target.start
    return (0 if start is not None else 1, start or 0, annotation.created, annotation.id)


@dataclass(frozen=True, slots=True)
class NotesDocument:
    """The contents of one post's notes file; `needs_write` marks entries the loader completed."""

    article: str
    title: str = ""
    sides: tuple[str, ...] | None = None
    annotations: tuple[Annotation, ...] = ()
    extra: dict[Any, Any] = field(default_factory=dict)
    needs_write: bool = field(default=False, compare=False)

    def __post_init__(self) -> None:
        # Always held in document order, so equal contents compare equal and write the same.
        object.__setattr__(self, "annotations", sort_annotations(self.annotations))

    def live(self) -> tuple[Annotation, ...]:
        """The annotations a person sees: tombstones left out, in document order."""
        return tuple(
            sorted((a for a in self.annotations if not a.is_deleted), key=document_order_key)
        )

    def get(self, annotation_id: str) -> Annotation | None:
        """The annotation (live or tombstone) with this id, if any."""
        for annotation in self.annotations:
            if annotation.id == annotation_id:
                return annotation
        return None

    def with_annotation(self, annotation: Annotation) -> NotesDocument:
        """A copy holding `annotation`, replacing the one with the same id, in document order."""
        others = [a for a in self.annotations if a.id != annotation.id]
        return dataclasses.replace(self, annotations=sort_annotations([*others, annotation]))

    def with_sides(self, sides: Iterable[str] | None) -> NotesDocument:
        """A copy with the sides the user set for this post (None removes them)."""
        return dataclasses.replace(self, sides=None if sides is None else tuple(sides))


def sort_annotations(annotations: Iterable[Annotation]) -> tuple[Annotation, ...]:
    """Annotations in document order, the order files are written in."""
    return tuple(sorted(annotations, key=document_order_key))


def new_annotation(
    target: Target,
    *,
    color: str = DEFAULT_COLOR,
    note: str = "",
    side: str | None = None,
    aspect: str | None = None,
    tags: Iterable[str] = (),
    now: datetime | None = None,
) -> Annotation:
    """A fresh annotation with a random UUID, created and modified now."""
    stamp = now or now_utc()
    return Annotation(
        id=str(uuid.uuid4()),
        created=stamp,
        modified=stamp,
        target=target,
        color=color,
        note=note,
        side=side,
        aspect=aspect,
        tags=tuple(tags),
    )


class _Unset(Enum):
    UNSET = "unset"


_UNSET: Final = _Unset.UNSET


def _bump(previous: datetime, now: datetime | None) -> datetime:
    """A `modified` strictly later than `previous`, so the edit wins every merge against it."""
    stamp = now or now_utc()
    return stamp if stamp > previous else previous + _TICK


def edit(
    annotation: Annotation,
    *,
    color: str | _Unset = _UNSET,
    note: str | _Unset = _UNSET,
    side: str | _Unset | None = _UNSET,
    aspect: str | _Unset | None = _UNSET,
    tags: Iterable[str] | _Unset = _UNSET,
    target: Target | _Unset = _UNSET,
    now: datetime | None = None,
) -> Annotation:
    """A copy with the given fields changed and `modified` moved forward.

    Editing a tombstone brings it back (an undo of a delete), because the edit is newer.
    """
    changes: dict[str, Any] = {"modified": _bump(annotation.modified, now), "deleted": None}
    if color is not _UNSET:
        changes["color"] = color
    if note is not _UNSET:
        changes["note"] = note
    if side is not _UNSET:
        changes["side"] = side
    if aspect is not _UNSET:
        changes["aspect"] = aspect
    if tags is not _UNSET:
        changes["tags"] = tuple(tags)
    if target is not _UNSET:
        changes["target"] = target
    return dataclasses.replace(annotation, **changes)


def delete(annotation: Annotation, *, now: datetime | None = None) -> Annotation:
    """A tombstone for `annotation`: kept in the file so a merge cannot bring it back."""
    stamp = _bump(annotation.modified, now)
    return dataclasses.replace(annotation, modified=stamp, deleted=stamp)


def restore(annotation: Annotation, *, now: datetime | None = None) -> Annotation:
    """Undo a delete: a live copy newer than the tombstone, so it wins the merge."""
    return edit(annotation, now=now)
