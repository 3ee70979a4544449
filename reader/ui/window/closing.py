"""Closing the window: the open post's notes reach the disk first, or the person decides.

A save the disk refuses (full, read-only, gone) is normally retried in the background; at quit
there is no later, so the person is asked: try again, quit without those changes, or stay.
Then the process ends at once (`end_process`): nothing is left that needs waiting for.
"""

from __future__ import annotations

import contextlib
import multiprocessing.util
import os
import sys
from typing import NoReturn

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


def end_process(code: int) -> NoReturn:
    """End the process once the window has closed: its notes and settings are on disk.

    Tearing down the interpreter and Qt took 0.3 s with nothing left to do and over a second
    while a scan or an index update still ran (Python waits for a process pool's workers), so
    the process ends here without it. What is left to do first: multiprocessing's quick exit
    finalizers (priority 0 and up: they release the semaphores of a scan's process pool
    stopped mid-way, which its resource tracker would otherwise report as leaked; the ones
    that join threads have lower priorities and are skipped), and flushing the standard
    streams.
    """
    run_finalizers = getattr(multiprocessing.util, "_run_finalizers", None)
    if callable(run_finalizers):
        with contextlib.suppress(Exception):
            run_finalizers(0)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)
