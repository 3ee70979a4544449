"""File → Print… and File → Export Post as PDF…: where the notes go, then paper or a file.

Both lay out the same printed post (light theme, highlights, side bars, numbered notes); the
choice of notes at the end or beside each passage is remembered. Print uses Qt's print dialog
with that choice on a tab of its own; the PDF export asks for it and for the file in one small
dialog, and writes the file atomically.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from reader.core.export.printable import PrintablePost
from reader.ui.common import settings_keys as keys
from reader.ui.export.pdf import PrintError, default_page_layout, paint_pages, write_pdf
from reader.ui.export.print_document import NOTES_AT, NotesAt, build_print_document

NOTES_LABELS = {"end": "Numbered, at the end", "beside": "Beside each passage"}


def notes_choice(settings: QSettings) -> NotesAt:
    """The remembered place for notes ("end" unless "beside" was chosen)."""
    return "beside" if str(settings.value(keys.PRINT_NOTES_AT, "end")) == "beside" else "end"


def notes_combo(settings: QSettings) -> QComboBox:
    """A choice of where notes are printed, set to the remembered one."""
    combo = QComboBox()
    for value in NOTES_AT:
        combo.addItem(NOTES_LABELS[value], value)
    combo.setCurrentIndex(NOTES_AT.index(notes_choice(settings)))
    return combo


def _chosen(combo: QComboBox) -> NotesAt:
    return "beside" if combo.currentData() == "beside" else "end"


def safe_file_name(title: str) -> str:
    """A PDF file name from a post title (no folders, no characters file systems refuse)."""
    cleaned = "".join("-" if c in '/\\:*?"<>|' or ord(c) < 32 else c for c in title).strip(" .-")
    return (cleaned[:120] or "post") + ".pdf"


class PdfExportDialog(QDialog):
    """Where notes go and which file to write."""

    def __init__(self, settings: QSettings, default_path: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Export Post as PDF")
        self.notes = notes_combo(settings)
        self.path = QLineEdit(str(default_path))
        self.path.setMinimumWidth(360)
        self.browse = QPushButton("Choose…")
        row = QWidget()  # a widget, so the label's mnemonic reaches the path field
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.path)
        line.addWidget(self.browse)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        form = QFormLayout(self)
        form.addRow("&Notes:", self.notes)
        form.addRow("&File:", row)
        form.addRow(self.buttons)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.browse.clicked.connect(self._choose)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.path.returnPressed.connect(self.accept)

    def _choose(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, "Export Post as PDF", self.path.text(), "PDF (*.pdf)"
        )
        if name:
            self.path.setText(name if name.lower().endswith(".pdf") else name + ".pdf")

    def destination(self) -> Path:
        """The file chosen (".pdf" added when missing)."""
        text = self.path.text().strip()
        path = Path(text).expanduser()
        return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")

    def notes_at(self) -> NotesAt:
        """Where the person wants the notes."""
        return _chosen(self.notes)


def export_post_pdf(
    parent: QWidget, settings: QSettings, printable: Callable[[], PrintablePost], library_root: Path
) -> str | None:
    """Ask, then write the PDF; the message for the status bar (None when cancelled)."""
    made = printable()
    folder = Path(str(settings.value(keys.PDF_FOLDER, str(Path.home()))))
    dialog = PdfExportDialog(settings, folder / safe_file_name(made.post.title), parent)
    if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.path.text().strip():
        return None
    target, notes_at = dialog.destination(), dialog.notes_at()
    settings.setValue(keys.PRINT_NOTES_AT, notes_at)
    try:
        pages = write_pdf(build_print_document(made, library_root, notes_at), target)
    except PrintError as err:
        return f"The PDF was not written: {err}"
    settings.setValue(keys.PDF_FOLDER, str(target.parent))
    return f"Saved “{made.post.title}” as {target} ({pages} page{'s' if pages != 1 else ''})."


class PrintNotesTab(QWidget):
    """The print dialog's tab with the choice of where notes go."""

    def __init__(self, settings: QSettings) -> None:
        super().__init__()
        self.setWindowTitle("Notes")
        self.notes = notes_combo(settings)
        form = QFormLayout(self)
        form.addRow("&Notes:", self.notes)


def print_post(
    parent: QWidget,
    settings: QSettings,
    printable: Callable[[], PrintablePost],
    library_root: Path,
    printer: QPrinter | None = None,
) -> str | None:
    """Qt's print dialog, then the post on paper; the message for the status bar."""
    made = printable()
    printer = printer or QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(default_page_layout())
    printer.setDocName(made.post.title)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(f"Print “{made.post.title}”")
    tab = PrintNotesTab(settings)
    dialog.setOptionTabs([tab])
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    notes_at = _chosen(tab.notes)
    settings.setValue(keys.PRINT_NOTES_AT, notes_at)
    wanted = None
    if printer.printRange() == QPrinter.PrintRange.PageRange:
        wanted = (printer.fromPage(), printer.toPage())
    try:
        pages = paint_pages(build_print_document(made, library_root, notes_at), printer, wanted)
    except PrintError as err:
        return f"Nothing was printed: {err}"
    return f"Sent “{made.post.title}” to {printer.printerName() or 'the printer'} ({pages} pages)."
