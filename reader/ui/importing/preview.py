"""The import, shown before it is written: the same report as `reader import --dry-run`."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from reader.core.importing.plan import ImportPlan
from reader.core.importing.report import format_report


class ImportPreview(QDialog):
    """Shows what would be imported; Import writes it, Cancel writes nothing."""

    def __init__(self, plan: ImportPlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self.setWindowTitle(f"Import Notes from {plan.file_name}")
        count = plan.to_write
        if count:
            summary = f"{count} note{'s' if count != 1 else ''} will be added to your notes."
        else:
            summary = "Nothing new to import: every note is already there, or none matched."
        self.summary = QLabel(summary)
        self.report = QPlainTextEdit(format_report(plan, dry_run=True))
        self.report.setReadOnly(True)
        self.report.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        fixed = QFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.report.setFont(fixed)
        self.report.setMinimumSize(720, 360)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(
            f"&Import {count} Note{'s' if count != 1 else ''}",
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        self.import_button.setEnabled(count > 0)
        self.import_button.setDefault(count > 0)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.report)
        layout.addWidget(self.buttons)
        (self.import_button if count else cancel).setFocus()  # Enter imports, Esc cancels
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
