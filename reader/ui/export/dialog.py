"""File → Export Notes…: format, scope, filters and destination; the last choices are kept.

The Tag choice is offered only for the "Posts with the tag" scope. The first time, the file
goes to the Documents folder (the home folder when there is none), named after what is
exported; later, to the folder chosen last.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QWidget,
)

from reader.core.anchoring.targets import AnchorStatus
from reader.core.export.formats import FORMATS, SUFFIXES
from reader.core.export.run import LIBRARY, TAG, THIS_POST, ExportRequest
from reader.core.library.problems import Problem
from reader.core.library.scan import Library
from reader.core.notes.records import COLORS
from reader.ui.common.wording import counted

ANY = ""


def default_folder() -> Path:
    """Where a first export goes: the Documents folder, else the home folder."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if documents and Path(documents).is_dir():
        return Path(documents)
    return Path.home()


def export_name(scope: str, post: str | None, tag: str, library: str) -> str:
    """A file name (without suffix) saying what is exported."""
    if scope == THIS_POST and post:
        stem = Path(post).stem
        return f"{Path(post).parent.name or stem}-notes" if stem == "index" else f"{stem}-notes"
    if scope == TAG and tag:
        return f"{library}-{tag}-notes" if library else f"{tag}-notes"
    return f"{library}-notes" if library else "notes"


def _safe(name: str) -> str:
    keep = "".join(c if c.isalnum() or c in "-_." else "-" for c in name.strip())
    return keep.strip("-.") or "notes"


class ExportDialog(QDialog):
    """Collects the choices; the window runs the export (core does the work)."""

    def __init__(
        self,
        settings: QSettings,
        tags: list[str],
        default_folder: Path,
        has_post: bool,
        parent: QWidget | None = None,
        post: str | None = None,
        library: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export Notes")
        self.setMinimumWidth(560)  # room for the whole destination path
        self._settings = settings
        self._post = post
        self._library = library
        self._auto_name = ""
        self.format = QComboBox()
        self.format.addItems(list(FORMATS))
        self.scope = QComboBox()
        if has_post:
            self.scope.addItem("This post", THIS_POST)
        self.scope.addItem("Posts with the tag", TAG)
        self.scope.addItem("Whole library", LIBRARY)
        self.tag = QComboBox()
        self.tag.addItems(tags)
        self.color = QComboBox()
        self.color.addItem("Any colour", ANY)
        for name in COLORS:
            self.color.addItem(name, name)
        self.side = QLineEdit()
        self.side.setPlaceholderText("any side")
        self.aspect = QLineEdit()
        self.aspect.setPlaceholderText("any aspect")
        self.status = QComboBox()
        self.status.addItem("Any status", ANY)
        for status in AnchorStatus:
            self.status.addItem(status.value, status.value)
        self.destination = QLineEdit()
        self.browse = QPushButton("Browse…")
        where = QHBoxLayout()
        where.addWidget(self.destination, 1)
        where.addWidget(self.browse)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export")
        form = QFormLayout(self)
        form.addRow("&Format", self.format)
        form.addRow("&Scope", self.scope)
        self.tag_label = QLabel("&Tag")
        self.tag_label.setBuddy(self.tag)
        form.addRow(self.tag_label, self.tag)
        form.addRow("&Colour", self.color)
        form.addRow("S&ide", self.side)
        form.addRow("&Aspect", self.aspect)
        form.addRow("Stat&us", self.status)
        self.destination_label = QLabel("Sa&ve to")
        self.destination_label.setBuddy(self.destination)  # a row holding a layout gets no buddy
        form.addRow(self.destination_label, where)
        form.addRow(self.buttons)
        self._restore(default_folder)
        self._connect_signals()
        self._update_enabled()

    def _connect_signals(self) -> None:
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        self.browse.clicked.connect(self._browse)
        self.format.currentTextChanged.connect(self._fix_suffix)
        self.scope.currentIndexChanged.connect(self._update_enabled)
        self.tag.currentIndexChanged.connect(self._rename)

    def _restore(self, default_folder: Path) -> None:
        value = self._settings.value
        self.format.setCurrentText(str(value("export/format", "markdown")))
        scope_index = self.scope.findData(str(value("export/scope", THIS_POST)))
        self.scope.setCurrentIndex(max(0, scope_index))
        self.tag.setCurrentText(str(value("export/tag", "")))
        self.color.setCurrentIndex(max(0, self.color.findData(str(value("export/color", ANY)))))
        self.side.setText(str(value("export/side", "")))
        self.aspect.setText(str(value("export/aspect", "")))
        self.status.setCurrentIndex(max(0, self.status.findData(str(value("export/status", ANY)))))
        folder = Path(str(value("export/folder", default_folder)))
        self._auto_name = self._name()
        self.destination.setText(str(folder / f"{self._auto_name}{self._suffix()}"))

    def _suffix(self) -> str:
        return SUFFIXES[self.format.currentText()]

    def _name(self) -> str:
        scope = str(self.scope.currentData())
        return _safe(export_name(scope, self._post, self.tag.currentText(), self._library))

    def _update_enabled(self) -> None:
        by_tag = self.scope.currentData() == TAG
        self.tag.setEnabled(by_tag and self.tag.count() > 0)
        self.tag_label.setEnabled(self.tag.isEnabled())
        self.tag.setVisible(by_tag)
        self.tag_label.setVisible(by_tag)
        self._rename()

    def _rename(self) -> None:
        """Follow the scope in the file name, unless the person typed a name of their own."""
        path = Path(self.destination.text())
        if not self._auto_name or path.stem != self._auto_name:
            return
        self._auto_name = self._name()
        self.destination.setText(str(path.with_name(self._auto_name + self._suffix())))

    def _fix_suffix(self, fmt: str) -> None:
        path = Path(self.destination.text())
        if path.name:
            self.destination.setText(str(path.with_suffix(SUFFIXES[fmt])))

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(self, "Export notes to", self.destination.text())
        if chosen:
            self.destination.setText(chosen)

    def _accept(self) -> None:
        if not self.destination.text().strip():
            self.destination.setFocus()
            return
        choices = self.choices()
        for key, data in (
            ("format", choices.fmt),
            ("scope", choices.scope),
            ("tag", choices.tag),
            ("color", choices.color),
            ("side", choices.side),
            ("aspect", choices.aspect),
            ("status", choices.status),
            ("folder", str(choices.destination.parent)),
        ):
            self._settings.setValue(f"export/{key}", data)
        self.accept()

    def choices(self) -> ExportRequest:
        """The choices as they stand."""
        return ExportRequest(
            fmt=self.format.currentText(),
            scope=str(self.scope.currentData()),
            tag=self.tag.currentText(),
            color=str(self.color.currentData() or ""),
            side=self.side.text().strip(),
            aspect=self.aspect.text().strip(),
            status=str(self.status.currentData() or ""),
            destination=Path(self.destination.text().strip()).expanduser(),
        )


def ask_export(
    parent: QWidget,
    settings: QSettings,
    library: Library,
    tags: list[str],
    current_post: str | None,
) -> ExportRequest | None:
    """Ask for the choices; None when cancelled. The export itself runs in the background
    (`reader.ui.export.running`), so a library's notes never freeze the window."""
    dialog = ExportDialog(
        settings,
        tags,
        default_folder(),
        current_post is not None,
        parent,
        post=current_post,
        library=library.root.name,
    )
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.choices()


ExportOutcome = tuple[int, list[Problem]] | str  # (notes written, problems), or why not


def export_outcome(parent: QWidget, request: ExportRequest, outcome: ExportOutcome) -> str:
    """What to tell the person once an export ended: `outcome` is (notes, problems), or why
    nothing was written (then also said in a warning)."""
    if isinstance(outcome, str):
        QMessageBox.warning(parent, "Export failed", f"Nothing was written: {outcome}")
        return "Export failed; nothing was written."
    count, problems = outcome
    extra = f" ({counted(len(problems), 'problem')}: see reader check)" if problems else ""
    return f"Exported {counted(count, 'note')} to {request.destination}{extra}."
