"""Which kind of export a JSON value is, and reading all of its annotations.

The shape is decided once for the whole file (an array of Web Annotations, a W3C collection or
page, a Hypothesis export file, an API search result, one annotation of either kind); anything
else is refused with a message that says what was expected and what was found.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

from reader.core.importing.hypothesis import looks_like_hypothesis, read_hypothesis
from reader.core.importing.model import ImportFileError, Incoming, ParsedFile, Skipped
from reader.core.importing.read_file import parse_json, read_import_bytes
from reader.core.importing.values import EntryError, type_name
from reader.core.importing.w3c import read_w3c

MAX_ENTRIES: Final = 100_000
EXPECTED: Final = (
    "expected a JSON array of Web Annotations (reader's `export --format json`), a Hypothesis "
    'export file ({"annotations": [...]}) or a Hypothesis API search result ({"rows": [...]})'
)

Reader = Callable[[Any, int], Incoming | Skipped]


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        keys = ", ".join(sorted(str(k) for k in value)[:6]) or "no keys"
        return f"an object with {keys}"
    return type_name(value)


def _entries(value: Any, name: str) -> tuple[str, list[Any], Reader | None]:
    """(shape, entries, reader) — the reader None means "decide per entry"."""
    if isinstance(value, list):
        return "w3c-array", value, None
    if not isinstance(value, dict):
        raise ImportFileError(
            f"{name} is not an annotation export: {EXPECTED}; found {_describe(value)}"
        )
    if isinstance(value.get("rows"), list):
        return "hypothesis-search", value["rows"], read_hypothesis
    if isinstance(value.get("annotations"), list):
        return "hypothesis-export", value["annotations"], None
    kind = value.get("type")
    if kind in ("AnnotationCollection", "AnnotationPage"):
        page = value.get("first") if kind == "AnnotationCollection" else value
        items = page.get("items") if isinstance(page, dict) else None
        if isinstance(items, list):
            return "w3c-collection", items, read_w3c
    if kind == "Annotation" or "@context" in value:
        return "w3c-array", [value], read_w3c
    if looks_like_hypothesis(value):
        return "hypothesis-one", [value], read_hypothesis
    raise ImportFileError(
        f"{name} is not an annotation export: {EXPECTED}; found {_describe(value)}"
    )


def _reader_for(entry: Any) -> Reader:
    return read_hypothesis if looks_like_hypothesis(entry) else read_w3c


def parse_value(value: Any, name: str) -> ParsedFile:
    """Every annotation of a parsed JSON value; ImportFileError for a wrong shape or entry."""
    shape, entries, reader = _entries(value, name)
    if len(entries) > MAX_ENTRIES:
        raise ImportFileError(
            f"{name} holds {len(entries):,} annotations; "
            f"at most {MAX_ENTRIES:,} are imported at once"
        )
    incoming: list[Incoming] = []
    skipped: list[Skipped] = []
    for index, entry in enumerate(entries, start=1):
        read = reader or _reader_for(entry)
        try:
            result = read(entry, index)
        except EntryError as err:
            raise ImportFileError(f"{name}: {err}; nothing was imported") from None
        if isinstance(result, Skipped):
            skipped.append(result)
        else:
            incoming.append(result)
    return ParsedFile(shape, tuple(incoming), tuple(skipped), total=len(entries))


def read_import_file(path: Path) -> ParsedFile:
    """Read, parse and check an import file; ImportFileError (nothing imported) on any fault."""
    name = path.name or str(path)
    return parse_value(parse_json(read_import_bytes(path), name), name)
