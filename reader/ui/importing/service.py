"""Planning an import in a worker thread: reading the file, matching, rendering and placing.

An export of thousands of notes over hundreds of posts takes seconds to plan (each post is
rendered to place its quotes), so the window stays responsive and shows progress; the plan
comes back as a signal and nothing is written until the person confirms it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from reader.core.importing.model import ImportFileError
from reader.core.importing.plan import ImportPlan, build_plan
from reader.core.importing.shapes import read_import_file
from reader.core.library.scan import Library
from reader.core.notes.store import NotesStore
from reader.ui.common.background import WorkerThreads


class _PlanWorker(QObject):
    done = Signal(object)  # ImportPlan
    failed = Signal(str)
    progress = Signal(int, int)

    def __init__(self, library: Library, store: NotesStore, path: Path) -> None:
        super().__init__()
        self._library, self._store, self._path = library, store, path

    @Slot()
    def run(self) -> None:
        try:
            parsed = read_import_file(self._path)
        except ImportFileError as err:
            self.failed.emit(f"{err}; nothing was imported")
            return
        plan = build_plan(self._library, self._store, parsed, self._path.name, self.progress.emit)
        self.done.emit(plan)

    def fail(self, reason: str) -> None:
        self.failed.emit(f"The import could not be planned: {reason}; nothing was imported")


class ImportService(QObject):
    """Plans imports one at a time; `planned(plan)` or `failed(message)` ends each."""

    planned = Signal(object)  # ImportPlan
    failed = Signal(str)
    progress = Signal(int, int)  # posts placed, posts in all

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._workers = WorkerThreads()

    def plan(self, library: Library, store: NotesStore, path: Path) -> bool:
        """Start planning `path`; False when an import is already being planned."""
        if self._workers.busy():
            return False
        worker = _PlanWorker(library, store, path)
        worker.done.connect(self._deliver)
        worker.failed.connect(self.failed)
        worker.progress.connect(self.progress)
        self._workers.start(worker, worker.run, worker.fail)
        return True

    def _deliver(self, plan: ImportPlan) -> None:
        self.planned.emit(plan)

    def busy(self) -> bool:
        """True while a plan is being made."""
        return self._workers.busy()

    def wait(self) -> None:
        """Block until the plan being made is ready (closing the window, tests)."""
        self._workers.wait()
