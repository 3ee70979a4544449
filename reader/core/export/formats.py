"""The export formats by name, so the command line and the Export dialog offer the same list."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Final

from reader.core.export.csv_format import to_csv
from reader.core.export.html_format import to_html
from reader.core.export.json_format import to_json
from reader.core.export.markdown_format import to_markdown
from reader.core.export.model import ExportedPost
from reader.core.export.table_format import to_table

Exporter = Callable[[Sequence[ExportedPost]], str]

EXPORTERS: Final[dict[str, Exporter]] = {
    "markdown": to_markdown,
    "json": to_json,
    "csv": to_csv,
    "html": to_html,
    "table": to_table,
}
FORMATS: Final = tuple(EXPORTERS)
SUFFIXES: Final = {
    "markdown": ".md",
    "json": ".json",
    "csv": ".csv",
    "html": ".html",
    "table": ".md",
}


class UnknownFormatError(ValueError):
    """An export format that does not exist; the message lists those that do."""


def export_text(posts: Sequence[ExportedPost], fmt: str) -> str:
    """The posts' notes in the named format; the same records always give the same text."""
    exporter = EXPORTERS.get(fmt.strip().lower())
    if exporter is None:
        raise UnknownFormatError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return exporter(posts)


def export_bytes(posts: Sequence[ExportedPost], fmt: str) -> bytes:
    """The export as the bytes written to a file (UTF-8; CSV carries its BOM in the text)."""
    return export_text(posts, fmt).encode("utf-8")
