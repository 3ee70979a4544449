"""The comparison table as a Qt model: rows are aspects, columns are sides, cells list quotes."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from reader.core.export.comparison import CellEntry, ComparisonTable, aspect_label, side_label

ModelIndex = QModelIndex | QPersistentModelIndex
ENTRIES_ROLE = Qt.ItemDataRole.UserRole + 1  # tuple[CellEntry, ...] of the cell
MAX_QUOTE = 110


def _short(text: str, limit: int = MAX_QUOTE) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def cell_text(entries: tuple[CellEntry, ...]) -> str:
    """What a cell shows: each quote (and note) on its own lines; a gap says so."""
    if not entries:
        return "— gap —"
    lines = []
    for entry in entries:
        line = f"“{_short(entry.item.quote)}”"
        if entry.item.annotation.note:
            line += f"\n    ↳ {_short(entry.item.annotation.note, 80)}"
        lines.append(line)
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
            return "\n\n".join(
                f"{entry.post_title}\n“{entry.item.quote}”"
                + (f"\n{entry.item.annotation.note}" if entry.item.annotation.note else "")
                for entry in entries
            )
        if role == Qt.ItemDataRole.ForegroundRole and not entries:
            return QBrush(QColor("#868e96"))
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
