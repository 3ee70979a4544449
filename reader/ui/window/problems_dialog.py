"""Lists the library's problems when the status bar's count is clicked."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.core.library.names import printable
from reader.core.library.problems import Problem


class ProblemsDialog(QDialog):
    """A read-only table: file, kind, message."""

    def __init__(self, problems: list[Problem], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Library problems ({len(problems)})")
        self.resize(760, 420)
        self.table = QTableWidget(len(problems), 3)
        self.table.setHorizontalHeaderLabels(["File", "Kind", "Problem"])
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, problem in enumerate(problems):
            shown = (printable(problem.path), problem.kind, printable(problem.message))
            for column, text in enumerate(shown):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
