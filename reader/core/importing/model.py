"""What an import file holds once read: one record per annotation, before it meets a post.

The readers of each shape (W3C Web Annotations, Hypothesis) produce these records, so matching,
anchoring and the report never care which tool wrote the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Final

READER: Final = "reader"  # reader's own export (W3C objects with reader's extra fields)
W3C: Final = "w3c"  # Web Annotation objects from another tool
HYPOTHESIS: Final = "hypothesis"

SHAPE_NAMES: Final = {
    "w3c-array": "Web Annotation JSON",
    "w3c-collection": "Web Annotation collection",
    "hypothesis-export": "Hypothesis export",
    "hypothesis-search": "Hypothesis API search result",
    "hypothesis-one": "Hypothesis annotation",
}


class ImportFileError(ValueError):
    """The file cannot be imported at all; the message is worded for a person."""


@dataclass(frozen=True, slots=True)
class Incoming:
    """One annotation as the file gives it (text cleaned, types checked)."""

    index: int  # 1-based position in the file, for messages
    origin: str  # READER, W3C or HYPOTHESIS
    source_id: str  # the id in the file, "" when it has none
    source: str | None  # target.source: reader's post path, or a page's URL
    uri: str | None  # Hypothesis `uri`: the address of the annotated page
    exact: str
    prefix: str = ""
    suffix: str = ""
    start: int | None = None
    end: int | None = None
    note: str = ""
    tags: tuple[str, ...] = ()
    color: str | None = None
    side: str | None = None
    aspect: str | None = None
    created: datetime | None = None
    modified: datetime | None = None

    def addresses(self) -> list[str]:
        """Where the file says the annotation belongs: the source first, then the page URI."""
        seen: list[str] = []
        for value in (self.source, self.uri):
            if value and value not in seen:
                seen.append(value)
        return seen

    def label(self) -> str:
        """How the report names this annotation when it cannot show a post."""
        return self.uri or self.source or "(no address)"


@dataclass(frozen=True, slots=True)
class Skipped:
    """An entry of the file that is not a highlight reader can hold (page note, reply)."""

    index: int
    reason: str
    address: str = ""


@dataclass(frozen=True, slots=True)
class ParsedFile:
    """Everything read from one import file."""

    shape: str  # a key of SHAPE_NAMES
    incoming: tuple[Incoming, ...]
    skipped: tuple[Skipped, ...] = ()
    total: int = 0  # entries in the file (incoming + skipped)
    warnings: tuple[str, ...] = field(default_factory=tuple)

    @property
    def shape_name(self) -> str:
        """The file's kind, as a person calls it."""
        return SHAPE_NAMES.get(self.shape, self.shape)
