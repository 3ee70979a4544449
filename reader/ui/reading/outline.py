"""The outline: the post's headings as a tree; a click scrolls the article there."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from reader.core.render.pipeline import TocEntry

ANCHOR_ROLE = Qt.ItemDataRole.UserRole + 1


class OutlineTree(QTreeWidget):
    """Emits `anchorChosen(anchor)` when a heading is clicked or activated."""

    anchorChosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.itemActivated.connect(self._chosen)
        self.itemClicked.connect(self._chosen)

    def set_entries(self, entries: tuple[TocEntry, ...]) -> None:
        """Show `entries` nested by heading level; an empty post says so."""
        self.clear()
        parents: list[tuple[int, QTreeWidgetItem | None]] = [(0, None)]
        for entry in entries:
            while len(parents) > 1 and parents[-1][0] >= entry.level:
                parents.pop()
            parent = parents[-1][1]
            item = QTreeWidgetItem([entry.title])
            item.setData(0, ANCHOR_ROLE, entry.anchor)
            if parent is None:
                self.addTopLevelItem(item)
            else:
                parent.addChild(item)
            parents.append((entry.level, item))
        if self.topLevelItemCount() == 0:
            empty = QTreeWidgetItem(["No headings in this post"])
            empty.setDisabled(True)
            self.addTopLevelItem(empty)
        self.expandAll()

    def _chosen(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        anchor = item.data(0, ANCHOR_ROLE)
        if anchor:
            self.anchorChosen.emit(str(anchor))
