"""Help → About: reader's version and the versions of what it runs on.

The libraries that decide how a post looks (Qt, PySide6 and the Markdown renderer) are named
with their versions, so a bug report says exactly what rendered it.
"""

from __future__ import annotations

import platform
from html import escape
from importlib import metadata

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from reader import __version__

# Distributions whose versions are shown when installed; the renderer is whichever is present.
RENDERERS = (("markdown-it-py", "markdown-it-py"), ("Markdown", "Python-Markdown"))


def _installed(distribution: str) -> str | None:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None


def library_versions() -> list[tuple[str, str]]:
    """(name, version) of Qt, PySide6, the Markdown renderer(s) and Python."""
    found = [("Qt", qVersion()), ("PySide6", PySide6.__version__)]
    for distribution, name in RENDERERS:
        version = _installed(distribution)
        if version is not None:
            found.append((name, version))
    found.append(("Python", platform.python_version()))
    return found


class AboutDialog(QDialog):
    """reader's name, version, purpose and the versions it runs on."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("About reader")
        rows = "".join(
            f"<tr><td>{escape(name)}</td><td>&nbsp;&nbsp;{escape(version)}</td></tr>"
            for name, version in library_versions()
        )
        self.label = QLabel(
            f"<h2>reader {escape(__version__)}</h2>"
            "<p>An offline reader and annotator for folders of Markdown posts.</p>"
            f"<table>{rows}</table>"
        )
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.buttons)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.buttons.accepted.connect(self.accept)
