"""The printed post as a QTextDocument: cover, title, body, highlights, note numbers and notes.

Built in the light theme whatever the screen's theme, as paper is white. Highlights are the
character formats of a fresh document that is not laid out yet, so setting them is cheap (the
window paints them as extra selections instead). Each note with something to say gets its
number after its passage, and its text either in a "Notes" section at the end or in a small
block right after the passage's paragraph. Side bars are not part of the document: the page
painter draws them in the margin from the `SideMark`s returned here.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any, Final, Literal

from PySide6.QtCore import QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)

from reader.core.export.printable import PrintablePost, PrintNote
from reader.core.render.posmap import PosMap
from reader.core.render.theme_css import palette
from reader.ui.reading.article_images import fit_images, read_image
from reader.ui.reading.highlights import highlight_color, side_color

NotesAt = Literal["end", "beside"]
NOTES_AT: Final = ("end", "beside")
NOTE_COLOUR: Final = "#5c6370"
BESIDE_TINT: Final = "#f4f5f7"


@dataclass(frozen=True, slots=True)
class SideMark:
    """A labelled passage in document positions, for a bar and number in the margin."""

    start: int
    end: int
    side_index: int


class PrintTextDocument(QTextDocument):
    """A document that loads local images inside the library only (nothing else, ever)."""

    def __init__(self, library_root: Path) -> None:
        super().__init__()
        real = library_root.resolve()
        self._roots = (real, real.parent / "static")

    def loadResource(self, kind: int, url: QUrl | str) -> Any:
        url = QUrl(url)
        if kind != QTextDocument.ResourceType.ImageResource.value or not url.isLocalFile():
            return None
        path = Path(url.toLocalFile()).resolve()
        if not any(path.is_relative_to(root) for root in self._roots):
            return None
        return read_image(path, 1.0)


@dataclass(slots=True)
class PrintDocument:
    """The document to paginate, and the labelled passages to mark in the margin."""

    document: PrintTextDocument
    marks: list[SideMark]
    title: str


def _header(printable: PrintablePost) -> tuple[str, int]:
    post = printable.post
    colours = palette("light")
    blocks = []
    if post.image is not None:
        cover = escape(QUrl.fromLocalFile(str(post.image)).toString())
        image = f'<img src="{cover}" alt="cover">'
        blocks.append(f'<p style="line-height:100%; margin-bottom:12px;">{image}</p>')
    blocks.append(f"<h1>{escape(post.title)}</h1>")
    date = post.date_iso()
    meta = [escape(date[:10])] if date else []
    meta += [f"#{escape(tag)}" for tag in post.tags]
    if printable.sides:
        meta.append(" vs. ".join(escape(side) for side in printable.sides))
    blocks.append(f'<p style="color:{colours.muted};">{" · ".join(meta) or "&nbsp;"}</p>')
    return "".join(blocks), len(blocks)


def _note_html(note: PrintNote, *, quote: bool) -> str:
    parts = [f'<b style="color:{NOTE_COLOUR};">{note.number}</b>&nbsp; ']
    if quote:
        parts.append(f"<i>“{escape(note.annotation.target.exact)}”</i>")
        if note.annotation.note:
            parts.append(" — ")
    parts.append(escape(note.annotation.note).replace("\n", "<br>"))
    if note.labels:
        labels = " · ".join(escape(label) for label in note.labels)
        parts.append(f'<br><span style="color:{NOTE_COLOUR};">{labels}</span>')
    return "".join(parts)


def _end_section(document: QTextDocument, heading: str, notes: list[PrintNote]) -> None:
    cursor = QTextCursor(document)
    cursor.movePosition(QTextCursor.MoveOperation.End)
    items = "".join(f'<p style="margin-bottom:8px;">{_note_html(n, quote=True)}</p>' for n in notes)
    cursor.insertBlock()
    cursor.insertHtml(f"<hr><h2>{escape(heading)}</h2>{items}")


def _marker_format(note: PrintNote) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignSuperScript)
    fmt.setForeground(QColor(NOTE_COLOUR))
    fmt.setFontWeight(QFont.Weight.Bold)
    return fmt


def _beside_block(cursor: QTextCursor, note: PrintNote) -> None:
    """A small tinted paragraph holding the note, right after its passage's paragraph."""
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    block = QTextBlockFormat()
    block.setLeftMargin(24)
    block.setTopMargin(2)
    block.setBottomMargin(8)
    block.setBackground(QColor(BESIDE_TINT))
    text = QTextCharFormat()
    text.setForeground(QColor("#1f2328"))
    cursor.insertBlock(block, text)
    cursor.insertHtml(f'<span style="font-size:9pt;">{_note_html(note, quote=False)}</span>')


def build_print_document(
    printable: PrintablePost, library_root: Path, notes_at: NotesAt = "end"
) -> PrintDocument:
    """The post as printed; image widths and fonts are fitted later, to the page."""
    document = PrintTextDocument(library_root)
    document.setUndoRedoEnabled(False)
    header, header_blocks = _header(printable)
    html = printable.rendered.html.replace("<body>", "<body>" + header, 1)
    document.setHtml(html)
    body_start = document.findBlockByNumber(header_blocks).position()
    posmap = PosMap(document.toRawText()[body_start:], printable.rendered.text)

    spans: list[tuple[PrintNote, QTextCursor, QTextCursor]] = []
    for note in printable.placed:
        assert note.anchor is not None
        start, end = posmap.view_range(note.anchor.start, note.anchor.end)
        start, end = start + body_start, end + body_start
        cursor = QTextCursor(document)
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        fmt = QTextCharFormat()
        fmt.setBackground(highlight_color(note.annotation.color, "light"))
        if note.side_index is not None:
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
            fmt.setUnderlineColor(side_color(note.side_index))
        cursor.mergeCharFormat(fmt)
        first, last = QTextCursor(document), QTextCursor(document)
        first.setPosition(start)
        last.setPosition(end)
        spans.append((note, first, last))

    for note, _first, last in reversed(spans):  # from the end, so earlier places stay put
        if not note.number:
            continue
        marker = QTextCursor(document)
        marker.setPosition(last.position())
        marker.insertText(str(note.number), _marker_format(note))
        if notes_at == "beside":
            _beside_block(marker, note)

    numbered = [note for note in printable.placed if note.number]
    if notes_at == "end" and numbered:
        _end_section(document, "Notes", numbered)
    if printable.orphaned:
        _end_section(
            document, "Notes whose passage is no longer in the post", list(printable.orphaned)
        )
    marks = [
        SideMark(first.position(), last.position(), note.side_index)
        for note, first, last in spans
        if note.side_index is not None
    ]
    return PrintDocument(document, marks, printable.post.title)


def fit_to_width(printed: PrintDocument, width: float) -> None:
    """Scale images down to `width` (in the document's layout units)."""
    fit_images(printed.document, width)
