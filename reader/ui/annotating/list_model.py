"""The annotations panel's rows: one per live annotation of the open post, and their filter.

The model reads the session and writes note edits back through it (so they are undoable and
saved); the filter proxy narrows it by text, colour, side, tag and whether the row is orphaned.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QGuiApplication, QPalette

from reader.core.anchoring.targets import Anchor, AnchorStatus
from reader.core.notes.records import Annotation
from reader.ui.annotating.session import AnnotationSession
from reader.ui.common.tooltips import plain_tooltip
from reader.ui.reading.highlights import highlight_color

ModelIndex = QModelIndex | QPersistentModelIndex

ID_ROLE: Final = Qt.ItemDataRole.UserRole + 1  # the annotation's id
ANNOTATION_ROLE: Final = Qt.ItemDataRole.UserRole + 2  # the Annotation record
STATUS_ROLE: Final = Qt.ItemDataRole.UserRole + 3  # "anchored", "moved", "fuzzy", "orphaned", …
ORPHAN_ROLE: Final = Qt.ItemDataRole.UserRole + 4  # True when the passage was not found

ORPHANED: Final = AnchorStatus.ORPHANED.value
NO_SIDE: Final = ""  # the side filter's value for annotations without a side
QUOTE_CHARS: Final = 140
NOTE_CHARS: Final = 280


@dataclass(frozen=True, slots=True)
class AnnotationRow:
    """One annotation with where (and how well) it was found in the article now."""

    annotation: Annotation
    status: str

    @property
    def orphaned(self) -> bool:
        """True when the passage is nowhere in the article (listed apart, never dropped)."""
        return self.status == ORPHANED


def status_of(anchor: Anchor | None) -> str:
    """The anchoring status word shown to the person; a missing anchor is an orphan."""
    return ORPHANED if anchor is None else anchor.status.value


def excerpt(text: str, limit: int) -> str:
    """`text` on one line, cut at `limit` characters with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def side_key(annotation: Annotation) -> str:
    """The annotation's side, or NO_SIDE (None and blank both mean no side)."""
    return (annotation.side or "").strip()


def meta_text(row: AnnotationRow) -> str:
    """Colour · side · aspect · #tags · status (when not plainly anchored), for the row's last
    line: the colour is named, so highlights are told apart by more than their hue."""
    item = row.annotation
    parts = [item.color, side_key(item) or "no side"]
    if item.aspect:
        parts.append(item.aspect)
    parts += [f"#{tag}" for tag in item.tags]
    if row.status != AnchorStatus.ANCHORED.value:
        parts.append(row.status)
    return " · ".join(parts)


def row_text(row: AnnotationRow) -> str:
    """The lines shown for a row: quote, note (when there is one), labels."""
    item = row.annotation
    lines = [f"“{excerpt(item.target.exact, QUOTE_CHARS)}”"]
    if item.note.strip():
        lines.append(excerpt(item.note, NOTE_CHARS))
    lines.append(meta_text(row))
    return "\n".join(lines)


class AnnotationListModel(QAbstractListModel):
    """The open post's annotations in document order (as found now); orphans last."""

    def __init__(self, session: AnnotationSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._rows: list[AnnotationRow] = []
        self._connect_signals()
        self.refresh()

    def _connect_signals(self) -> None:
        self._session.changed.connect(self.refresh)

    def refresh(self) -> None:
        """Re-read the session; same rows in the same order only repaint (keeps editors open)."""
        rows = self._read_rows()
        same = [r.annotation.id for r in rows] == [r.annotation.id for r in self._rows]
        if same and rows:
            self._rows = rows
            self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, 0))
        elif not same:
            self.beginResetModel()
            self._rows = rows
            self.endResetModel()

    def _read_rows(self) -> list[AnnotationRow]:
        anchors = self._session.anchors
        order: list[tuple[tuple[int, int, int], AnnotationRow]] = []
        for number, item in enumerate(self._session.live()):
            anchor = anchors.get(item.id)
            row = AnnotationRow(item, status_of(anchor))
            found = anchor is not None and not row.orphaned
            start = anchor.start if anchor is not None and found else 0
            order.append(((0 if found else 1, start, number), row))
        return [row for _key, row in sorted(order, key=lambda pair: pair[0])]

    def rows(self) -> tuple[AnnotationRow, ...]:
        """Every row, in the order shown."""
        return tuple(self._rows)

    # -- Qt model interface ----------------------------------------------------------------
    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not self._session.read_only:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        item = row.annotation
        if role == Qt.ItemDataRole.DisplayRole:
            return row_text(row)
        if role == Qt.ItemDataRole.EditRole:
            return item.note
        if role == Qt.ItemDataRole.DecorationRole:
            return QColor(highlight_color(item.color, app_theme()))
        if role == Qt.ItemDataRole.ToolTipRole:
            return _tooltip(row)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{item.color} highlight. {row_text(row)}"
        if role == ID_ROLE:
            return item.id
        if role == ANNOTATION_ROLE:
            return item
        if role == STATUS_ROLE:
            return row.status
        if role == ORPHAN_ROLE:
            return row.orphaned
        return None

    def setData(self, index: ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Editing a row edits its note, through the session (undoable, saved soon)."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or not isinstance(value, str):
            return False
        if not 0 <= index.row() < len(self._rows) or self._session.read_only:
            return False
        item = self._rows[index.row()].annotation
        if value != item.note:
            self._session.update(item.id, "Edit note", note=value)
        return True


def app_theme() -> str:
    """light or dark, as the application is painted now (the swatch matches the article)."""
    base = QGuiApplication.palette().color(QPalette.ColorRole.Base)
    return "dark" if base.lightness() < 128 else "light"


def _tooltip(row: AnnotationRow) -> str:
    item = row.annotation
    lines = [f"“{excerpt(item.target.exact, 600)}”"]
    if item.note:
        lines.append(item.note)
    lines.append(f"Colour: {item.color}")
    if row.orphaned:
        lines.append("Passage not found in the post: select new text and choose Re-attach.")
    elif row.status != AnchorStatus.ANCHORED.value:
        lines.append(f"Found {row.status}: the post changed since this note was made.")
    lines.append("Double-click or F2 to edit the note.")
    return plain_tooltip("\n".join(lines))


class AnnotationFilter(QSortFilterProxyModel):
    """Narrows the rows by text, colour, side, tag, and to orphans or to the rest."""

    def __init__(self, orphans: bool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._orphans = orphans
        self._text = ""
        self._color: str | None = None
        self._side: str | None = None
        self._tag: str | None = None

    def set_text(self, text: str) -> None:
        """Keep rows whose quote, note, aspect or tags contain `text` (any case)."""
        self.beginFilterChange()
        self._text = text.strip().casefold()
        self.endFilterChange()

    def set_color(self, color: str | None) -> None:
        """Keep rows of one colour; None keeps all."""
        self.beginFilterChange()
        self._color = color
        self.endFilterChange()

    def set_side(self, side: str | None) -> None:
        """Keep rows of one side; NO_SIDE keeps those without one; None keeps all."""
        self.beginFilterChange()
        self._side = side
        self.endFilterChange()

    def set_tag(self, tag: str | None) -> None:
        """Keep rows carrying `tag` (any case); None keeps all."""
        self.beginFilterChange()
        self._tag = None if tag is None else tag.casefold()
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: ModelIndex) -> bool:
        model = self.sourceModel()
        if model is None:
            return False
        index = model.index(source_row, 0, source_parent)
        if bool(index.data(ORPHAN_ROLE)) != self._orphans:
            return False
        item = index.data(ANNOTATION_ROLE)
        return isinstance(item, Annotation) and self._accepts(item)

    def _accepts(self, item: Annotation) -> bool:
        if self._color is not None and item.color != self._color:
            return False
        if self._side is not None and side_key(item) != self._side:
            return False
        if self._tag is not None and self._tag not in {t.casefold() for t in item.tags}:
            return False
        if self._text:
            haystack = "\n".join((item.target.exact, item.note, item.aspect or "", *item.tags))
            return self._text in haystack.casefold()
        return True
