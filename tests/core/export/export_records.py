"""Small builders of export records for the exporter tests (not a test module)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from reader.core.anchoring.targets import AnchorStatus
from reader.core.export.model import ExportedAnnotation, ExportedPost
from reader.core.notes.records import Annotation, Target

WHEN = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


def item(
    quote: str,
    *,
    ident: str = "11111111-1111-4111-8111-111111111111",
    note: str = "",
    side: str | None = None,
    aspect: str | None = None,
    tags: Sequence[str] = (),
    color: str = "yellow",
    status: AnchorStatus = AnchorStatus.ANCHORED,
    start: int | None = 10,
) -> ExportedAnnotation:
    """An exported annotation with sensible defaults."""
    end = None if start is None else start + len(quote)
    target = Target(exact=quote, prefix="before ", suffix=" after", start=start, end=end)
    annotation = Annotation(
        id=ident,
        created=WHEN,
        modified=WHEN,
        target=target,
        color=color,
        note=note,
        side=side,
        aspect=aspect,
        tags=tuple(tags),
    )
    return ExportedAnnotation(annotation, status, start, end)


def post(
    *items: ExportedAnnotation,
    path: str = "a.md",
    title: str = "A vs. B",
    sides: Sequence[str] = ("A", "B"),
    tags: Sequence[str] = (),
    date: str | None = "2024-05-06",
) -> ExportedPost:
    """An exported post holding `items`."""
    return ExportedPost(
        path=path,
        title=title,
        date=date,
        tags=tuple(tags),
        sides=tuple(sides),
        annotations=tuple(items),
    )
