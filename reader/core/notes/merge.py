"""Merge annotations by `id` so two writers, a hand edit or a sync tool never lose a note.

Each id keeps the version that is greatest in one total order — newest time first, a tombstone
before a live edit of the same time, then a canonical serialisation — so merging is
commutative, associative and idempotent whatever order copies arrive in.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from reader.core.notes.records import Annotation, NotesDocument, sort_annotations


def _canon(value: Any) -> Any:
    """A JSON-able form that is the same for equal values, whatever dict order or type."""
    if isinstance(value, datetime | date):
        return ["t", value.isoformat()]
    if isinstance(value, dict):
        items = [[_canon(k), _canon(v)] for k, v in value.items()]
        return ["m", sorted(items, key=lambda kv: json.dumps(kv, ensure_ascii=False))]
    if isinstance(value, list | tuple):
        return ["l", [_canon(v) for v in value]]
    if isinstance(value, set | frozenset):
        return ["s", sorted(json.dumps(_canon(v), ensure_ascii=False) for v in value)]
    if value is None or isinstance(value, str | int | float | bool):
        return [type(value).__name__, value]
    return [type(value).__name__, repr(value)]


def canonical(annotation: Annotation) -> str:
    """A stable text of every field, the last tie-breaker between two versions."""
    fields = dataclasses.asdict(annotation)
    return json.dumps(_canon(fields), ensure_ascii=False, sort_keys=True)


def _effective_time(annotation: Annotation) -> datetime:
    """When this version was made; a tombstone counts from its deletion at the latest."""
    if annotation.deleted is not None and annotation.deleted > annotation.modified:
        return annotation.deleted
    return annotation.modified


def newer(a: Annotation, b: Annotation) -> Annotation:
    """The version of one annotation that wins: newest, a tombstone on a tie, then canonical."""
    ta, tb = _effective_time(a), _effective_time(b)
    if ta != tb:
        return a if ta > tb else b
    if a.is_deleted != b.is_deleted:
        return a if a.is_deleted else b
    if a is b or (a == b and repr(a) == repr(b)):
        return a  # the same version twice (the usual case on save): skip the costly text
    return a if canonical(a) >= canonical(b) else b


def merge_annotations(*collections: Iterable[Annotation]) -> tuple[Annotation, ...]:
    """All annotations of all collections, one version per id, in document order."""
    winners: dict[str, Annotation] = {}
    for collection in collections:
        for annotation in collection:
            held = winners.get(annotation.id)
            winners[annotation.id] = annotation if held is None else newer(held, annotation)
    return sort_annotations(winners.values())


def merge_documents(ours: NotesDocument, theirs: NotesDocument) -> NotesDocument:
    """Our document with their annotations merged in by id.

    The header (article, title, sides) is ours when we have one, since it is what the app
    shows; their unknown top-level keys are kept unless ours hold the same key.
    """
    return NotesDocument(
        article=ours.article or theirs.article,
        title=ours.title or theirs.title,
        sides=ours.sides if ours.sides is not None else theirs.sides,
        annotations=merge_annotations(ours.annotations, theirs.annotations),
        extra={**theirs.extra, **ours.extra},
        needs_write=ours.needs_write or theirs.needs_write,
    )
