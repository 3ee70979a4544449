"""Notes as one self-contained, printable HTML page: inline CSS, no scripts, nothing remote.

Every piece of text from a post or a note is escaped, and a Content-Security-Policy forbids
scripts and remote loads too, so a page made from hostile notes is still only text.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Final

from reader.core.anchoring.targets import AnchorStatus
from reader.core.export.comparison import (
    ComparisonTable,
    aspect_label,
    build_comparison,
    side_label,
)
from reader.core.export.markdown_escape import lines_of
from reader.core.export.model import STATUS_NOTES, ExportedAnnotation, ExportedPost, annotated

_CSS: Final = """
:root { color-scheme: light; }
body { font: 11pt/1.5 Georgia, "Times New Roman", serif; color: #1d1d1f; margin: 2rem auto;
  max-width: 46rem; padding: 0 1rem; }
h1 { font-size: 1.7em; margin-bottom: 0.2em; }
h2 { font-size: 1.3em; border-bottom: 1px solid #ccc; padding-bottom: 0.2em; margin-top: 2em; }
.meta, .labels { color: #555; font-size: 0.9em; }
.meta code { font-size: 0.95em; }
.note { margin: 1.2em 0; padding-left: 0.8em; border-left: 0.35em solid #ccc; }
blockquote { margin: 0 0 0.4em; padding: 0.2em 0.6em; font-style: italic; }
.note p { margin: 0.3em 0; }
.status { color: #8a1f11; font-weight: bold; }
.c-yellow { border-color: #e6c200; } .c-yellow blockquote { background: #fff7c2; }
.c-green { border-color: #3c9a4b; } .c-green blockquote { background: #dcf5dc; }
.c-blue { border-color: #3b7dd8; } .c-blue blockquote { background: #dbe9fb; }
.c-pink { border-color: #d6478f; } .c-pink blockquote { background: #fbdcec; }
.c-purple { border-color: #7e57c2; } .c-purple blockquote { background: #ebe1f8; }
.c-orange { border-color: #e0801f; } .c-orange blockquote { background: #fde6cf; }
table { border-collapse: collapse; width: 100%; font-size: 0.9em; }
th, td { border: 1px solid #bbb; padding: 0.3em 0.5em; vertical-align: top; text-align: left; }
td.gap { color: #999; text-align: center; }
td ul { margin: 0; padding-left: 1.1em; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  .note, tr { break-inside: avoid; }
  h2 { break-after: avoid; }
  blockquote { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""
_CSP: Final = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'"


def _text(value: str) -> str:
    """Escaped text with its line breaks kept as <br>."""
    return "<br>".join(escape(line) for line in lines_of(value.strip()))


def _paragraphs(value: str) -> list[str]:
    blocks = [block for block in "\n".join(lines_of(value.strip())).split("\n\n") if block]
    return [f"<p>{_text(block)}</p>" for block in blocks]


def _label(value: str) -> str:
    """A hand-typed label on one line, spacing tidied, escaped."""
    return escape(" ".join(value.split()))


def _labels(item: ExportedAnnotation) -> str:
    note = item.annotation
    parts: list[str] = []
    if note.side:
        parts.append(f"Side: {_label(note.side)}")
    if note.aspect:
        parts.append(f"Aspect: {_label(note.aspect)}")
    if note.tags:
        parts.append(f"Tags: {escape(', '.join(note.tags))}")
    parts.append(f"Colour: {escape(note.color)}")
    if item.status is not AnchorStatus.ANCHORED:
        why = escape(STATUS_NOTES[item.status])
        parts.append(f'<span class="status">{escape(item.status.value)}</span> ({why})')
    return " · ".join(parts)


def _annotation(item: ExportedAnnotation) -> list[str]:
    color = escape(item.annotation.color, quote=True)
    return [
        f'<div class="note c-{color}">',
        f"<blockquote>{_text(item.quote)}</blockquote>",
        *_paragraphs(item.annotation.note),
        f'<p class="labels">{_labels(item)}</p>',
        "</div>",
    ]


def _post(post: ExportedPost) -> list[str]:
    meta = [f"<code>{escape(post.path)}</code>"]
    if post.date:
        meta.insert(0, escape(post.date[:10]))
    if post.tags:
        meta.append("Tags: " + escape(", ".join(post.tags)))
    if post.sides:
        meta.append("Sides: " + escape(" vs. ".join(post.sides)))
    lines = ["<section>", f"<h2>{escape(post.title)}</h2>"]
    lines.append(f'<p class="meta">{" · ".join(meta)}</p>')
    for item in post.annotations:
        lines += _annotation(item)
    return [*lines, "</section>"]


def _cell(table: ComparisonTable, aspect: str | None, side: str | None) -> str:
    entries = table.cell(aspect, side)
    if not entries:
        return '<td class="gap">—</td>'
    items = []
    for entry in entries:
        quote = f"“{_text(entry.item.quote)}”"
        note = f" — {_text(entry.item.annotation.note)}" if entry.item.annotation.note else ""
        status = entry.item.status
        mark = "" if status is AnchorStatus.ANCHORED else f" <em>({escape(status.value)})</em>"
        items.append(f"<li>{quote}{note}{mark}</li>")
    return f"<td><strong>{len(entries)}</strong><ul>{''.join(items)}</ul></td>"


def _comparison(table: ComparisonTable) -> list[str]:
    head = "".join(
        f"<th>{escape(side_label(side))} ({table.column_count(side)})</th>" for side in table.sides
    )
    lines = ["<section>", "<h2>Comparison</h2>", "<table>", f"<tr><th>Aspect</th>{head}</tr>"]
    for aspect in table.aspects:
        cells = "".join(_cell(table, aspect, side) for side in table.sides)
        lines.append(f"<tr><th>{escape(aspect_label(aspect))}</th>{cells}</tr>")
    return [*lines, "</table>", "</section>"]


def to_html(posts: Sequence[ExportedPost], *, title: str = "Reader notes") -> str:
    """The notes of the posts as one printable page; a comparison table when notes have sides."""
    shown = annotated(posts)
    lines = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>{escape(title)}</h1>",
    ]
    if not shown:
        lines.append("<p>No notes match.</p>")
    for post in shown:
        lines += _post(post)
    table = build_comparison(shown)
    if any(side is not None for side in table.sides) and not table.is_empty:
        lines += _comparison(table)
    lines += ["</body>", "</html>"]
    return "\n".join(lines) + "\n"
