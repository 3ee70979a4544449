"""Paginating the printed post onto paper: a PDF file (QPdfWriter) or a printer (QPrinter).

QTextDocument.print_ would paginate too, but it cannot draw in the margin; this painter lays
the document out at the device's resolution, draws each page's slice of it, a bar and the
side's number in the left margin beside each labelled passage (as the window shows them),
and the title and page number at the foot of every page.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Final

from PySide6.QtCore import QLocale, QMarginsF, QRect, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextBlock,
    QTextDocument,
)

from reader.ui.export.print_document import PrintDocument, SideMark, fit_to_width
from reader.ui.reading.highlights import side_color

MARGINS_MM: Final = QMarginsF(24, 18, 18, 20)  # left, top, right, bottom: bars go on the left
BODY_POINTS: Final = 10.5
RESOLUTION: Final = 300
SCREEN_DPI: Final = 96.0  # the unit of image widths in rich text
FOOTER_COLOUR: Final = "#8a8f98"


class PrintError(OSError):
    """The PDF or the print job could not be made; worded for a person."""


def default_page_layout() -> QPageLayout:
    """A4 portrait, or US Letter where the locale measures in inches."""
    letter = QLocale().measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem
    size = QPageSize(QPageSize.PageSizeId.Letter if letter else QPageSize.PageSizeId.A4)
    return QPageLayout(
        size, QPageLayout.Orientation.Portrait, MARGINS_MM, QPageLayout.Unit.Millimeter
    )


def _line_top(document: QTextDocument, position: int, bottom: bool = False) -> float:
    """Document y of the line holding `position` (its top, or its bottom)."""
    block: QTextBlock = document.findBlock(position)
    rect = document.documentLayout().blockBoundingRect(block)
    layout = block.layout()
    if layout is None or layout.lineCount() == 0:
        return rect.bottom() if bottom else rect.top()
    line = layout.lineForTextPosition(max(0, position - block.position()))
    if not line.isValid():
        line = layout.lineAt(layout.lineCount() - 1)
    top = rect.top() + line.y()
    return top + line.height() if bottom else top


def _mark_spans(document: QTextDocument, marks: list[SideMark]) -> list[tuple[float, float, int]]:
    return [
        (
            _line_top(document, mark.start),
            _line_top(document, max(mark.start, mark.end - 1), True),
            mark.side_index,
        )
        for mark in marks
    ]


def paint_pages(
    printed: PrintDocument, device: QPagedPaintDevice, page_range: tuple[int, int] | None = None
) -> int:
    """Lay the document out for `device` and paint its pages (all, or the 1-based inclusive
    `page_range` asked for in the print dialog); returns how many were painted."""
    document = printed.document
    dpi = device.logicalDpiY() or RESOLUTION
    layout = device.pageLayout()
    # The painter's origin is the paintable area's corner (inside the margins) on both QPdfWriter
    # and QPrinter; the margins are still on the page, at negative x and y.
    paint = layout.paintRectPixels(round(dpi))
    body = QRect(0, 0, paint.width(), paint.height())
    footer_height = dpi * 0.3
    page_height = body.height() - footer_height
    document.documentLayout().setPaintDevice(device)
    font = QFont(document.defaultFont())
    font.setPointSizeF(BODY_POINTS)
    document.setDefaultFont(font)
    frame = document.rootFrame().frameFormat()
    frame.setMargin(0)
    frame.setPadding(0)
    document.rootFrame().setFrameFormat(frame)
    fit_to_width(printed, body.width() * SCREEN_DPI / dpi)
    document.setPageSize(QSizeF(body.width(), page_height))
    pages = max(1, document.pageCount())
    first, last = (1, pages) if page_range is None else page_range
    chosen = [page for page in range(pages) if first - 1 <= page <= last - 1]
    if not chosen:
        raise PrintError(f"the post has {pages} page(s); pages {first} to {last} were asked for")
    spans = _mark_spans(document, printed.marks)

    painter = QPainter()
    if not painter.begin(device):
        raise PrintError("the printer or PDF file could not be opened for drawing")
    try:
        small = QFont(font)
        small.setPointSizeF(8)
        for page in chosen:
            if page != chosen[0]:
                device.newPage()
            top = page * page_height
            painter.save()
            painter.translate(body.left(), body.top() - top)
            document.drawContents(painter, QRectF(0, top, body.width(), page_height))
            painter.restore()
            _paint_bars(painter, spans, top, page_height, body.left(), body.top(), dpi, small)
            _paint_footer(painter, printed.title, page, pages, body, footer_height, small)
    finally:
        painter.end()
    return len(chosen)


def _paint_bars(
    painter: QPainter,
    spans: list[tuple[float, float, int]],
    top: float,
    height: float,
    left: float,
    body_top: float,
    dpi: float,
    font: QFont,
) -> None:
    width = dpi * 0.05
    x = left - dpi * 0.12
    for start, end, side in spans:
        a, b = max(start, top), min(end, top + height)
        if a >= b:
            continue
        colour = side_color(side)
        painter.fillRect(QRectF(x, body_top + a - top, width, b - a), colour)
        if start >= top:  # the side's number where the passage begins
            painter.setPen(colour)
            painter.setFont(font)
            label = QRectF(x - dpi * 0.25, body_top + a - top, dpi * 0.22, dpi * 0.2)
            painter.drawText(
                label, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop, str(side + 1)
            )


def _paint_footer(
    painter: QPainter, title: str, page: int, pages: int, body: QRect, height: float, font: QFont
) -> None:
    painter.setPen(QColor(FOOTER_COLOUR))
    painter.setFont(font)
    strip = QRectF(body.left(), body.bottom() - height * 0.8, body.width(), height * 0.8)
    painter.drawText(strip, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, title)
    painter.drawText(
        strip, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom, f"{page + 1} / {pages}"
    )


def write_pdf(printed: PrintDocument, target: Path, layout: QPageLayout | None = None) -> int:
    """Write the printed post as a PDF at `target`, atomically; returns the page count."""
    folder = target.parent
    if not folder.is_dir():
        raise PrintError(f"no such folder: {folder}")
    fd, temp_name = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    temp = Path(temp_name)
    try:
        writer = QPdfWriter(str(temp))
        writer.setResolution(RESOLUTION)
        writer.setPageLayout(layout or default_page_layout())
        writer.setTitle(printed.title)
        writer.setCreator("reader")
        pages = paint_pages(printed, writer)
        del writer  # finishes the file
        if temp.stat().st_size == 0:
            raise PrintError(f"the PDF could not be written to {target}")
        with temp.open("rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(temp, target)
        return pages
    except OSError as err:
        if isinstance(err, PrintError):
            raise
        raise PrintError(f"cannot write {target}: {err.strerror or err}") from err
    finally:
        temp.unlink(missing_ok=True)
