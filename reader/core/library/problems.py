"""Problems found while reading a library: reported, never raised at the user."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with one file, worded for a person.

    `kind` is a short stable word (``front-matter``, ``encoding``, ``date``, ``tags``,
    ``image``, ``file``, ``notes``) so that scripts can group problems.
    """

    path: str
    kind: str
    message: str

    def __str__(self) -> str:
        return f"{self.kind}: {self.message}"
