"""The status bar: messages, scan progress, and the posts/problems count (click for the list)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar, QToolButton, QWidget

from reader.core.library.problems import Problem
from reader.ui.common.wording import counted
from reader.ui.window.problems_dialog import ProblemsDialog


class StatusArea(QObject):
    """Fills a status bar; `notice` is the message label others write to."""

    def __init__(self, bar: QStatusBar, dialog_parent: QWidget) -> None:
        super().__init__(bar)
        self._dialog_parent = dialog_parent
        self._problems: list[Problem] = []
        self._posts = 0
        self.notice = QLabel()
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(200)
        self.progress.hide()
        self.counts_button = QToolButton()
        self.counts_button.setAutoRaise(True)
        self.counts_button.setToolTip("Click to list the library's problems")
        self.notes_label = QLabel()
        self.notes_label.hide()
        bar.addWidget(self.notice, 1)
        bar.addPermanentWidget(self.notes_label)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.counts_button)
        self.counts_button.clicked.connect(self.show_problems)

    def scanning(self, what: str) -> None:
        """A scan started: a busy bar until the first progress report."""
        self.notice.setText(f"Reading {what} …")
        self.progress.setRange(0, 0)
        self.progress.show()

    def scan_progress(self, done: int, total: int) -> None:
        """How far the scan is."""
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.notice.setText(f"Reading posts … {done:,} of {total:,}")

    def scan_ended(self, message: str = "") -> None:
        """Hide the progress bar and say `message`."""
        self.progress.hide()
        self.notice.setText(message)

    def show_notes_location(self, folder: Path, fallback_reason: str | None) -> None:
        """Say where notes go when it is not the library's own `.annotations` folder."""
        if fallback_reason:
            self.notes_label.setText("⚠ Notes kept in your user folder")
            self.notes_label.setToolTip(f"Notes are kept in {folder} ({fallback_reason}).")
            self.notes_label.show()
        else:
            self.notes_label.setToolTip(f"Notes are kept in {folder}.")
            self.notes_label.hide()

    def show_counts(
        self, posts: int, problems: list[Problem] | None, checking: bool = False
    ) -> None:
        """How many posts are shown and how many problems they have, as `reader check`
        counts them; `checking` while images and notes are still being checked. Problems
        None: not counted yet (the last count stands in the list of problems)."""
        if problems is not None:
            self._problems = list(problems)
        self._posts = posts
        found = "checking problems" if problems is None else counted(len(problems), "problem")
        text = f"{counted(posts, 'post')} · {found}"
        self.counts_button.setText(text + (" …" if checking else ""))
        tip = "Click to list the problems"
        self.counts_button.setToolTip(tip + (" (checking images and notes …)" if checking else ""))

    def problems(self) -> list[Problem]:
        """The problems counted now."""
        return list(self._problems)

    def show_problems(self) -> None:
        """List every problem counted in a dialog."""
        ProblemsDialog(self._problems, self._dialog_parent).exec()
