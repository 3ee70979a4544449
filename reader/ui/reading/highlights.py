"""How annotations look in the article: colour, side underline and margin marker, note hint.

Painted with `QTextEdit.setExtraSelections` (1,000 highlights in tens of milliseconds), never by
changing the document's character formats (seconds for the same work).

Every colour here meets WCAG AA against what it is read on (a test computes it): highlighted
text is drawn in the theme's text colour, and each theme has its own side colours, dark enough
on white and light enough on the dark background for the side's number to be read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QPainter, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextEdit

from reader.core.anchoring.targets import Anchor
from reader.core.notes.records import Annotation
from reader.core.render.theme_css import palette as article_palette

LIGHT_COLORS = {
    "yellow": "#ffe680",
    "green": "#b2f2bb",
    "blue": "#a5d8ff",
    "pink": "#fcc2d7",
    "purple": "#d0bfff",
    "orange": "#ffd8a8",
}
DARK_COLORS = {
    "yellow": "#5a5012",
    "green": "#245c32",
    "blue": "#1d4a70",
    "pink": "#6b2745",
    "purple": "#47397a",
    "orange": "#70420f",
}
LIGHT_SIDE_COLORS = ("#0b7285", "#c2255c", "#6741d9", "#c2410c", "#2f7a3a", "#1864ab")
DARK_SIDE_COLORS = ("#3bc9db", "#f783ac", "#b197fc", "#ff922b", "#69db7c", "#74c0fc")
FLASH_COLORS = {"light": "#ff922b", "dark": "#a84300"}
NOTE_UNDERLINE = {"light": "#5f6670", "dark": "#a3a9b3"}
MARKER_WIDTH = 5
LABEL_WIDTH = 16
MARKER_GUTTER = 3 * MARKER_WIDTH + LABEL_WIDTH + 8  # left margin the bar and number need


def highlight_color(name: str, theme: str) -> QColor:
    """The background for a named highlight colour in `theme`."""
    table = DARK_COLORS if theme == "dark" else LIGHT_COLORS
    return QColor(table.get(name, table["yellow"]))


def side_color(index: int, theme: str = "light") -> QColor:
    """A colour per side (by position in the post's sides), distinct from highlight colours."""
    table = DARK_SIDE_COLORS if theme == "dark" else LIGHT_SIDE_COLORS
    return QColor(table[index % len(table)])


def highlight_text_color(theme: str) -> QColor:
    """Text on a highlight: the theme's text colour (links too, so that they can be read)."""
    return QColor(article_palette(theme).text)


@dataclass(frozen=True, slots=True)
class HighlightSpec:
    """One highlight in document positions, with what it shows."""

    annotation_id: str
    start: int
    end: int
    color: str
    side_index: int | None = None
    side: str = ""
    note: str = ""


def extra_selections(
    document: QTextDocument, specs: list[HighlightSpec], theme: str, flash_id: str | None = None
) -> list[QTextEdit.ExtraSelection]:
    """Selections painting every highlight; a note gives a wavy underline, a side its colour."""
    selections = []
    for spec in specs:
        cursor = QTextCursor(document)
        cursor.setPosition(spec.start)
        cursor.setPosition(spec.end, QTextCursor.MoveMode.KeepAnchor)
        fmt = QTextCharFormat()
        fmt.setBackground(highlight_color(spec.color, theme))
        fmt.setForeground(highlight_text_color(theme))
        if spec.side_index is not None or spec.note:
            if spec.side_index is not None:
                underline = side_color(spec.side_index, theme)
            else:
                underline = QColor(NOTE_UNDERLINE.get(theme, NOTE_UNDERLINE["light"]))
            fmt.setUnderlineColor(underline)
            style = (
                QTextCharFormat.UnderlineStyle.WaveUnderline
                if spec.note
                else QTextCharFormat.UnderlineStyle.SingleUnderline
            )
            fmt.setUnderlineStyle(style)
        if spec.annotation_id == flash_id:
            fmt.setBackground(QColor(FLASH_COLORS.get(theme, FLASH_COLORS["light"])))
        selection = QTextEdit.ExtraSelection()
        selection.cursor = cursor
        selection.format = fmt
        selections.append(selection)
    return selections


def paint_side_markers(
    view: QTextEdit, painter: QPainter, specs: list[HighlightSpec], left: float, theme: str
) -> None:
    """A coloured bar and the side's number (its key) in the margin beside a labelled passage."""
    document = view.document()
    height = view.viewport().height()
    x = int(left) - 3 * MARKER_WIDTH
    for spec in specs:
        if spec.side_index is None:
            continue
        cursor = QTextCursor(document)
        cursor.setPosition(spec.start)
        top = view.cursorRect(cursor).top()
        cursor.setPosition(spec.end)
        bottom = view.cursorRect(cursor).bottom()
        if bottom < 0 or top > height:
            continue
        colour = side_color(spec.side_index, theme)
        painter.fillRect(QRect(x, top, MARKER_WIDTH, max(4, bottom - top)), colour)
        painter.setPen(colour)
        label = QRect(x - LABEL_WIDTH, top, LABEL_WIDTH - 2, painter.fontMetrics().height())
        painter.drawText(label, Qt.AlignmentFlag.AlignRight, str(spec.side_index + 1))


def highlight_specs(
    live: Iterable[Annotation],
    anchors: Mapping[str, Anchor | None],
    sides: tuple[str, ...],
    view_range: Callable[[int, int], tuple[int, int]],
) -> list[HighlightSpec]:
    """What to paint for each anchored annotation (orphans have nowhere to go)."""
    specs = []
    for item in live:
        anchor = anchors.get(item.id)
        if anchor is None:
            continue
        start, end = view_range(anchor.start, anchor.end)
        side_index = sides.index(item.side) if item.side in sides else None
        side = item.side or ""
        specs.append(HighlightSpec(item.id, start, end, item.color, side_index, side, item.note))
    return specs
