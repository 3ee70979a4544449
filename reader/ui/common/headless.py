"""A Qt application for work that draws but shows nothing (icons, PDFs from the command line).

Qt's painting of text, images and SVG needs a QGuiApplication. The command line makes one on
the offscreen platform, chosen by argument rather than by QT_QPA_PLATFORM, so neither a
display nor the environment of the person's shell is touched. It is a full QApplication, since
only one application object can ever exist in a process and widgets may need it later (a test
run, for one, goes on to open windows).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication


def gui_application() -> QCoreApplication:
    """The running application, or a new offscreen QApplication when there is none."""
    existing = QCoreApplication.instance()
    if existing is not None:
        return existing
    app = QApplication(["reader", "-platform", "offscreen"])
    app.setApplicationName("reader")
    return app
