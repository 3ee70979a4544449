"""Closing the window: the open post's notes reach the disk first, or the person decides.

A save the disk refuses (full, read-only, gone) is normally retried in the background; at quit
there is no later, so the person is asked: try again, quit without those changes, or stay.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from reader.ui.annotating.session import AnnotationSession


def save_notes_or_ask(parent: QWidget, session: AnnotationSession) -> bool:
    """True when the window may close: notes saved, or the person chose to drop them."""
    while not session.flush():
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Notes not saved")
        box.setText("The latest changes to this post's notes could not be saved.")
        box.setInformativeText(session.last_error or "The disk refused the notes file.")
        retry = box.addButton("&Retry", QMessageBox.ButtonRole.AcceptRole)
        drop = box.addButton("&Quit Without Saving", QMessageBox.ButtonRole.DestructiveRole)
        stay = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(retry)
        box.setEscapeButton(stay)
        box.exec()
        clicked = box.clickedButton()
        if clicked is drop:
            return True
        if clicked is not retry:
            return False
    return True
