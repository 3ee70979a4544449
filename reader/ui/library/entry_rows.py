"""Which row of the posts pane holds each file: the entry showing it, or holding it as one of
its translations.

The window asks this on every post it opens (to select it, to offer its translations); a walk
over 100,000 entries took 15 ms each time, so the answer is one dict, made once per list, the
first list's in the scan thread (`EntryRows.of` is plain Python, no Qt).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reader.core.library.entries import Entry


@dataclass(frozen=True, slots=True)
class EntryRows:
    """The entries of one list and the row of every file they show or hold."""

    entries: Sequence[Entry]
    rows: dict[str, int]

    @staticmethod
    def of(entries: Sequence[Entry]) -> EntryRows:
        """The rows of `entries` (in their order)."""
        rows = {entry.post.path: row for row, entry in enumerate(entries)}
        for row, entry in enumerate(entries):
            for other in entry.translations:
                rows.setdefault(other.path, row)
        return EntryRows(entries, rows)

    def row_holding(self, path: str) -> int:
        """The row of the entry showing or holding the file at `path`, or -1."""
        return self.rows.get(path, -1)

    def row_showing(self, path: str) -> int:
        """The row whose entry shows the file at `path` itself, or -1."""
        row = self.rows.get(path, -1)
        return row if row >= 0 and self.entries[row].post.path == path else -1
