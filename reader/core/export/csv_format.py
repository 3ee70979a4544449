"""Notes as CSV for spreadsheets: one row per annotation, RFC 4180, safe to open.

The text starts with a UTF-8 byte order mark: Excel reads BOM-less CSV in the local legacy
code page and would garble "café" or "日本語"; LibreOffice, Numbers, Python's csv (with
encoding "utf-8-sig") and pandas all accept the mark. A cell that starts with = + - @ (or a
tab or carriage return) gets a leading apostrophe, so a spreadsheet shows it as text instead
of running it as a formula (CSV injection).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Final

from reader.core.export.model import ExportedAnnotation, ExportedPost

BOM: Final = "\ufeff"
HEADER: Final = (
    "post",
    "title",
    "date",
    "quote",
    "note",
    "side",
    "aspect",
    "tags",
    "colour",
    "status",
)
TAG_SEPARATOR: Final = "; "
_FORMULA_START: Final = ("=", "+", "-", "@", "\t", "\r")


def guard_cell(value: str) -> str:
    """A cell a spreadsheet will show as text, never evaluate."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def _row(post: ExportedPost, item: ExportedAnnotation) -> list[str]:
    note = item.annotation
    cells = [
        post.path,
        post.title,
        post.date or "",
        item.quote,
        note.note,
        note.side or "",
        note.aspect or "",
        TAG_SEPARATOR.join(note.tags),
        note.color,
        item.status.value,
    ]
    return [guard_cell(cell) for cell in cells]


def to_csv(posts: Sequence[ExportedPost], *, bom: bool = True) -> str:
    """All annotations as CSV text (CRLF line ends; encode it as UTF-8)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(HEADER)
    for post in posts:
        for item in post.annotations:
            writer.writerow(_row(post, item))
    return (BOM if bom else "") + buffer.getvalue()
