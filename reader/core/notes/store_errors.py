"""The notes store's errors, worded for a person: a path that leads out, a save that failed,
a file that is not written over until it is fixed."""

from __future__ import annotations

from pathlib import Path


class NotesStoreError(Exception):
    """Base of the store's errors; the message is worded for a person."""


class NotesPathError(NotesStoreError, ValueError):
    """A post path that could lead outside the notes folder."""


class NotesSaveError(NotesStoreError):
    """Notes could not be written; nothing was changed on disk and the caller can retry."""


class NotesReadOnlyError(NotesSaveError):
    """The notes file on disk cannot be read, so it is not written over until fixed."""


class FolderError(NotesSaveError):
    """The notes folder cannot be created or written (a reason to fall back)."""


def folder_error(folder: Path, err: OSError) -> FolderError:
    return FolderError(
        f"cannot write notes in {folder}: {err.strerror or err}; they are kept in memory"
    )
