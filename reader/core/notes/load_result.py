"""What loading a post's notes gives: the document, what could not be used, and whether the
notes are read-only; and the result for a notes file that cannot be used (kept as it is, a copy
set aside, the post's notes read-only until it is fixed), apart from the store's bookkeeping.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reader.core.library.problems import Problem
from reader.core.library.safe_files import SafeReader
from reader.core.notes.files import set_aside
from reader.core.notes.records import NotesDocument


@dataclass(frozen=True, slots=True)
class LoadResult:
    """A post's notes; with `read_only`, saving is refused until the file is fixed.

    `problems` has one entry per file that could not be used: the notes file itself, then
    each conflict copy (and the library's own copy, in fallback) that was skipped.
    """

    document: NotesDocument
    problems: tuple[Problem, ...]
    read_only: bool
    path: Path
    set_aside: Path | None = None
    merged_conflicts: tuple[str, ...] = ()  # sync/git conflict copies merged in, to tell

    @property
    def problem(self) -> Problem | None:
        """The first problem (the notes file's own, when it has one)."""
        return self.problems[0] if self.problems else None


def broken_result(
    path: Path, key: str, data: bytes | None, why: str, reader: SafeReader, *, set_aside_copy: bool
) -> LoadResult:
    """The result for notes file `path` that cannot be used because of `why`: empty and
    read-only; with `set_aside_copy` (and bytes read), a copy of them is set aside first."""
    copy: Path | None = None
    kept = "It was left as it is"
    if data is not None and set_aside_copy:
        try:
            copy = set_aside(path, data, reader)
            kept += f" and a copy was set aside as {copy.name}"
        except OSError as err:
            kept += f" (no copy could be set aside: {err.strerror or err})"
    message = (
        f"notes file {path} cannot be used: {why}. {kept}. Notes for this post are "
        "read-only until the file is fixed."
    )
    return LoadResult(
        document=NotesDocument(article=key),
        problems=(Problem(str(path), "notes", message),),
        read_only=True,
        path=path,
        set_aside=copy,
    )
