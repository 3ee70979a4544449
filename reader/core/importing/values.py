"""Checking and cleaning the values of an import file: text, tags, times, offsets.

Every value is checked for its type and bounded in size. Text is kept as typed, markup and
control characters included (the notes file holds any text, and notes are plain text wherever
reader shows them); only lone surrogates, which JSON allows and no UTF-8 file can hold, are
replaced. A note from another tool that carries active HTML (a script, a frame, an event
handler, a `javascript:` address) is refused with the entry named, and nothing is imported:
such a note was made to attack whatever shows it. Plain markup (`<b>`, `<p>`) is kept as
text, and reader's own export comes back as it left, whatever its notes hold.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any, Final

from reader.core.importing.model import ImportFileError

MAX_TEXT_CHARS: Final = 100_000  # a note or a quote; far beyond any real one
MAX_TAGS: Final = 1000
_ACTIVE_HTML: Final = re.compile(
    r"<\s*/?\s*(?:script|iframe|frame|frameset|object|embed|applet|base|meta|link|style|form)\b"
    r"|<[^>]*\son[a-z]+\s*=|javascript\s*:|vbscript\s*:|data\s*:\s*text/html",
    re.IGNORECASE,
)


class EntryError(ImportFileError):
    """One entry of the file is malformed; the message names the entry and the field."""


def clean_text(value: str) -> str:
    """The text with lone surrogates replaced (everything else is kept)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return value.encode("utf-8", "replace").decode("utf-8")
    return value


def text_field(entry: dict[str, Any], key: str, where: str, *, required: bool = False) -> str:
    """A string field (absent or null is ""), cleaned and bounded."""
    value = entry.get(key)
    if value is None:
        if required:
            raise EntryError(f"{where}: `{key}` is missing")
        return ""
    return checked_text(value, f"{where}: `{key}`")


def checked_text(value: Any, what: str) -> str:
    """`value` as cleaned text; EntryError when it is not a string or is absurdly long."""
    if not isinstance(value, str):
        raise EntryError(f"{what} must be text, not {type_name(value)}")
    if len(value) > MAX_TEXT_CHARS:
        raise EntryError(f"{what} is longer than {MAX_TEXT_CHARS:,} characters")
    return clean_text(value)


def checked_note(note: str, where: str) -> str:
    """The note's text; EntryError when it carries active HTML (plain markup stays as text)."""
    found = _ACTIVE_HTML.search(note)
    if found is not None:
        shown = found.group(0).strip()[:30]
        raise EntryError(
            f"{where}: the note holds active HTML ({shown!r}); remove it from the file "
            "and import again"
        )
    return note


def optional_label(entry: dict[str, Any], key: str, where: str) -> str | None:
    """A side or aspect as written, or None when absent or null."""
    value = entry.get(key)
    if value is None:
        return None
    return checked_text(value, f"{where}: `{key}`")


def tag_list(values: Any, where: str, *, tidy: bool) -> tuple[str, ...]:
    """Tags from a list of strings; `tidy` trims them and drops blanks and repeated spellings
    (for tools whose tags are typed freely), otherwise they are kept as written."""
    if values is None:
        return ()
    if not isinstance(values, list):
        raise EntryError(f"{where}: `tags` must be a list of text, not {type_name(values)}")
    if len(values) > MAX_TAGS:
        raise EntryError(f"{where}: more than {MAX_TAGS} tags")
    seen: set[str] = set()
    tags: list[str] = []
    for value in values:
        tag = checked_text(value, f"{where}: a tag")
        if tidy:
            tag = " ".join(tag.split())
            if not tag or tag.casefold() in seen:
                continue
            seen.add(tag.casefold())
        tags.append(tag)
    return tuple(tags)


def timestamp(entry: dict[str, Any], key: str, where: str) -> datetime | None:
    """An ISO 8601 time (a trailing Z allowed; no zone means UTC), or None when absent."""
    value = entry.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise EntryError(f"{where}: `{key}` must be an ISO 8601 time, not {type_name(value)}")
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise EntryError(f"{where}: `{key}` is not an ISO 8601 time: {value[:40]!r}") from None
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed


def offset(value: Any, what: str) -> int:
    """A character offset: a non-negative integer."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise EntryError(f"{what} must be a non-negative whole number, not {value!r:.40}")
    return value


def as_list(value: Any) -> list[Any]:
    """JSON-LD lets one value stand for a list of one."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def type_name(value: Any) -> str:
    """The JSON name of a value's type, for messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__
