"""The comparison table as a Qt model: rows are aspects, columns are sides, cells list quotes."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QFont, QGuiApplication, QPalette

from reader.core.anchoring.targets import AnchorStatus
from reader.core.export.comparison import CellEntry, ComparisonTable, aspect_label, side_label
from reader.ui.common.tooltips import plain_tooltip

ModelIndex = QModelIndex | QPersistentModelIndex
ENTRIES_ROLE = Qt.ItemDataRole.UserRole + 1  # tuple[CellEntry, ...] of the cell
MAX_QUOTE = 110
# Quotes a cell shows (and its tooltip lists); the rest are counted. A library's cell can hold
# thousands, and laying out their text (the rows fit their contents) froze the window.
MAX_SHOWN = 40
MAX_TIPPED = 12


def _short(text: str, limit: int = MAX_QUOTE) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


ORPHAN_MARK = "⚠ passage not found: "


def entry_orphaned(entry: CellEntry) -> bool:
    """True when the quote is no longer in its post (kept, and shown as such)."""
    return entry.item.status is AnchorStatus.ORPHANED


def cell_text(entries: tuple[CellEntry, ...]) -> str:
    """What a cell shows: each quote (and note) on its own lines; a gap says so; a quote whose
    passage is gone says that too."""
    if not entries:
        return "— gap —"
    lines = []
    for entry in entries[:MAX_SHOWN]:
        mark = ORPHAN_MARK if entry_orphaned(entry) else ""
        line = f"{mark}“{_short(entry.item.quote)}”"
        if entry.item.annotation.note:
            line += f"\n    ↳ {_short(entry.item.annotation.note, 80)}"
        lines.append(line)
    if len(entries) > MAX_SHOWN:
        lines.append(f"… and {len(entries) - MAX_SHOWN} more (export the table to see them all)")
    return "\n".join(lines)


def _entry_tip(entry: CellEntry) -> str:
    lines = [entry.post_title, f"“{entry.item.quote}”"]
    if entry.item.annotation.note:
        lines.append(entry.item.annotation.note)
    if entry_orphaned(entry):
        lines.append("This passage is no longer in the post: re-attach or delete the note.")
    return "\n".join(lines)


class ComparisonModel(QAbstractTableModel):
    """Shows a ComparisonTable; counts in the headers make gaps visible at a glance."""

    def __init__(self) -> None:
        super().__init__()
        self._table = ComparisonTable((), (), {})

    def set_table(self, table: ComparisonTable) -> None:
        """Show `table` (rebuilt when the scope or the notes change)."""
        self.beginResetModel()
        self._table = table
        self.endResetModel()

    def table(self) -> ComparisonTable:
        """The table shown."""
        return self._table

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._table.aspects)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._table.sides)

    def _entries(self, index: ModelIndex) -> tuple[CellEntry, ...]:
        aspect = self._table.aspects[index.row()]
        side = self._table.sides[index.column()]
        return self._table.cell(aspect, side)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            not index.isValid()
            or index.row() >= self.rowCount()
            or index.column() >= self.columnCount()
        ):
            return None
        entries = self._entries(index)
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(entries)
        if role == Qt.ItemDataRole.ToolTipRole:
            if not entries:
                return "Nothing labelled with this aspect and side yet."
            tips = [_entry_tip(entry) for entry in entries[:MAX_TIPPED]]
            if len(entries) > MAX_TIPPED:
                tips.append(f"… and {len(entries) - MAX_TIPPED} more")
            return plain_tooltip("\n\n".join(tips))
        if role == Qt.ItemDataRole.ForegroundRole and (
            not entries or all(entry_orphaned(entry) for entry in entries)
        ):
            return QBrush(QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText))
        if role == Qt.ItemDataRole.FontRole and entries and all(map(entry_orphaned, entries)):
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        if role == ENTRIES_ROLE:
            return entries
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._table.sides):
            side = self._table.sides[section]
            return f"{side_label(side)} ({self._table.column_count(side)})"
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._table.aspects):
            aspect = self._table.aspects[section]
            return f"{aspect_label(aspect)} ({self._table.row_count(aspect)})"
        return None
