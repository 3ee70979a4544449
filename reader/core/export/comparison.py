"""The comparison table: one row per aspect, one column per side, the labelled quotes in cells.

It is the table a "A vs. B" post usually lacks. Both the comparison view and the `table`
export read it, so the GUI and the command line always show the same grid, gaps included.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final

from reader.core.export.model import ExportedAnnotation, ExportedPost

NO_ASPECT: Final = "No aspect"
NO_SIDE: Final = "No side"


def _key(label: str) -> str:
    """Labels are typed by hand: "Scope" and " scope" are the same row."""
    return " ".join(label.split()).casefold()


def _clean(label: str | None) -> str | None:
    if label is None:
        return None
    tidy = " ".join(label.split())
    return tidy or None


@dataclass(frozen=True, slots=True)
class CellEntry:
    """One labelled quote in a cell, with the post it belongs to (to open it there)."""

    post_path: str
    post_title: str
    item: ExportedAnnotation


@dataclass(frozen=True, slots=True)
class ComparisonTable:
    """Rows are aspects (None is "No aspect", last); columns are sides (None is "No side", last).

    Every (row, column) pair has a cell, empty ones too, so gaps stay visible.
    """

    aspects: tuple[str | None, ...]
    sides: tuple[str | None, ...]
    cells: dict[tuple[str | None, str | None], tuple[CellEntry, ...]]
    post_count: int = 0

    def cell(self, aspect: str | None, side: str | None) -> tuple[CellEntry, ...]:
        """The entries labelled with this aspect and side (matched as the table groups them)."""
        row = self._canonical(self.aspects, aspect)
        column = self._canonical(self.sides, side)
        return self.cells.get((row, column), ())

    def count(self, aspect: str | None, side: str | None) -> int:
        """How many quotes a cell holds; 0 is a gap."""
        return len(self.cell(aspect, side))

    def row_count(self, aspect: str | None) -> int:
        """How many quotes a row holds across its sides."""
        return sum(self.count(aspect, side) for side in self.sides)

    def column_count(self, side: str | None) -> int:
        """How many quotes a column holds across its aspects."""
        return sum(self.count(aspect, side) for aspect in self.aspects)

    @property
    def is_empty(self) -> bool:
        """True when no quote is labelled at all."""
        return not any(self.cells.values())

    @staticmethod
    def _canonical(labels: Sequence[str | None], value: str | None) -> str | None:
        cleaned = _clean(value)
        if cleaned is None:
            return None
        for label in labels:
            if label is not None and _key(label) == _key(cleaned):
                return label
        return cleaned


def aspect_label(aspect: str | None) -> str:
    """The row heading a person reads."""
    return NO_ASPECT if aspect is None else aspect


def side_label(side: str | None) -> str:
    """The column heading a person reads."""
    return NO_SIDE if side is None else side


class _Labels:
    """Labels in first-seen order, merged ignoring case and spacing; first spelling kept."""

    def __init__(self) -> None:
        self._by_key: dict[str, str] = {}

    def add(self, label: str | None) -> str | None:
        cleaned = _clean(label)
        if cleaned is None:
            return None
        return self._by_key.setdefault(_key(cleaned), cleaned)

    def extend(self, labels: Iterable[str]) -> None:
        for label in labels:
            self.add(label)

    def ordered(self) -> list[str]:
        return list(self._by_key.values())


def build_comparison(posts: Sequence[ExportedPost]) -> ComparisonTable:
    """The comparison table of the posts in scope (already filtered, in scope order).

    Columns are the posts' sides in order, then sides used only by annotations, then
    "No side" if any annotation has none. Rows are aspects in the order they first appear
    in the posts, then "No aspect" when some annotation has none.
    """
    sides = _Labels()
    for post in posts:
        sides.extend(post.sides)
    aspects = _Labels()
    grouped: dict[tuple[str | None, str | None], list[CellEntry]] = {}
    for post in posts:
        for item in post.annotations:
            row = aspects.add(item.annotation.aspect)
            column = sides.add(item.annotation.side)
            entry = CellEntry(post.path, post.title, item)
            grouped.setdefault((row, column), []).append(entry)
    rows: list[str | None] = [*aspects.ordered()]
    if any(row is None for row, _ in grouped):
        rows.append(None)
    columns: list[str | None] = [*sides.ordered()]
    if any(column is None for _, column in grouped):
        columns.append(None)
    cells = {
        (row, column): tuple(grouped.get((row, column), ())) for row in rows for column in columns
    }
    return ComparisonTable(tuple(rows), tuple(columns), cells, post_count=len(posts))
