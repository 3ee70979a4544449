"""Web Annotation objects (https://www.w3.org/TR/annotation-model/) as import records.

reader's own `export --format json` writes exactly this shape plus `side`, `aspect` and `color`,
so reading them back loses nothing. Objects from other tools are read by the same rules: the
note from a commenting (or purpose-less) TextualBody, tags from tagging bodies, the passage
from a TextQuoteSelector with a TextPositionSelector as a hint. A body in HTML is turned into
its text, since notes are plain text.
"""

from __future__ import annotations

from typing import Any, Final

from reader.core.importing.model import READER, W3C, Incoming, Skipped
from reader.core.importing.values import (
    EntryError,
    as_list,
    checked_note,
    checked_text,
    offset,
    optional_label,
    tag_list,
    text_field,
    timestamp,
    type_name,
)
from reader.core.notes.records import COLORS
from reader.core.render.article_text import article_text

NOTE_PURPOSES: Final = frozenset({"commenting", "describing", "replying", "editing", "assessing"})
_READER_KEYS: Final = ("color", "status", "side", "aspect")


def entry_name(index: int, entry: dict[str, Any]) -> str:
    """How messages name an entry: its position, and its id when it has one."""
    ident = entry.get("id")
    return (
        f"annotation {index} ({ident})"
        if isinstance(ident, str) and ident
        else (f"annotation {index}")
    )


def _purposes(body: dict[str, Any]) -> set[str]:
    return {p for p in as_list(body.get("purpose")) if isinstance(p, str)}


def _body_text(body: dict[str, Any], where: str) -> str:
    value = checked_text(body.get("value"), f"{where}: a body's `value`")
    if str(body.get("format", "")).lower().startswith("text/html"):
        return article_text(value).strip()
    return value


def _note_and_tags(entry: dict[str, Any], where: str) -> tuple[str, tuple[str, ...]]:
    notes: list[str] = []
    tags: list[Any] = []
    if entry.get("bodyValue") is not None:
        notes.append(text_field(entry, "bodyValue", where))
    for body in as_list(entry.get("body")):
        if not isinstance(body, dict) or "value" not in body:
            continue  # an IRI or a resource body: nothing reader can hold
        if body.get("type", "TextualBody") != "TextualBody":
            continue
        purposes = _purposes(body)
        if "tagging" in purposes:
            tags.append(body.get("value"))
        elif not purposes or purposes & NOTE_PURPOSES:
            text = _body_text(body, where)
            if text:
                notes.append(text)
    return "\n\n".join(notes), tag_list(tags, where, tidy=False)


def _selectors(target: dict[str, Any]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for selector in as_list(target.get("selector")):
        if isinstance(selector, dict):
            found.append(selector)
            found += [s for s in as_list(selector.get("refinedBy")) if isinstance(s, dict)]
    return found


def _source(target: dict[str, Any], where: str) -> str | None:
    source = target.get("source")
    if isinstance(source, dict):
        source = source.get("id")
    if source is None:
        return None
    return checked_text(source, f"{where}: `target.source`").strip() or None


def quote_of(
    selectors: list[dict[str, Any]], where: str
) -> tuple[str, str, str, int | None, int | None] | None:
    """(exact, prefix, suffix, start, end) from the selectors, or None without a quote."""
    quote = next((s for s in selectors if s.get("type") == "TextQuoteSelector"), None)
    if quote is None:
        return None
    exact = checked_text(quote.get("exact"), f"{where}: the quote (`exact`)")
    if not exact:
        return None
    prefix = checked_text(quote.get("prefix") or "", f"{where}: `prefix`")
    suffix = checked_text(quote.get("suffix") or "", f"{where}: `suffix`")
    start = end = None
    position = next((s for s in selectors if s.get("type") == "TextPositionSelector"), None)
    if position is not None:
        start = offset(position.get("start"), f"{where}: `start`")
        end = offset(position.get("end"), f"{where}: `end`")
        if end < start:
            raise EntryError(f"{where}: `end` ({end}) is before `start` ({start})")
    return exact, prefix, suffix, start, end


def _color(entry: dict[str, Any], where: str) -> str | None:
    value = entry.get("color")
    if value is None:
        return None
    if not isinstance(value, str):
        raise EntryError(f"{where}: `color` must be text, not {type_name(value)}")
    name = value.strip().lower()
    if name not in COLORS:
        raise EntryError(f"{where}: colour {value[:40]!r} is not one of {', '.join(COLORS)}")
    return name


def read_w3c(entry: Any, index: int) -> Incoming | Skipped:
    """One Web Annotation object; a Skipped when it quotes no passage (a note on a page)."""
    if not isinstance(entry, dict):
        raise EntryError(f"annotation {index} must be an object, not {type_name(entry)}")
    where = entry_name(index, entry)
    ident = entry.get("id")
    if ident is not None and not isinstance(ident, str):
        raise EntryError(f"{where}: `id` must be text, not {type_name(ident)}")
    origin = READER if any(key in entry for key in _READER_KEYS) else W3C
    note, tags = _note_and_tags(entry, where)
    if origin != READER:  # reader's own notes are plain text and come back as they left
        note = checked_note(note, where)
    color = _color(entry, where)
    side, aspect = optional_label(entry, "side", where), optional_label(entry, "aspect", where)
    created, modified = timestamp(entry, "created", where), timestamp(entry, "modified", where)
    targets = as_list(entry.get("target"))
    source: str | None = None
    quote = None
    for target in targets:
        if isinstance(target, str):
            source = source or checked_text(target, f"{where}: `target`")
            continue
        if not isinstance(target, dict):
            raise EntryError(f"{where}: `target` must be an object, not {type_name(target)}")
        source = _source(target, where) or source
        quote = quote_of(_selectors(target), where)
        if quote is not None:
            break
    if quote is None:
        return Skipped(index, "no quoted passage (TextQuoteSelector)", source or "")
    exact, prefix, suffix, start, end = quote
    return Incoming(
        index=index,
        origin=origin,
        source_id=ident or "",
        source=source,
        uri=None,
        exact=exact,
        prefix=prefix,
        suffix=suffix,
        start=start,
        end=end,
        note=note,
        tags=tags,
        color=color,
        side=side,
        aspect=aspect,
        created=created,
        modified=modified,
    )
