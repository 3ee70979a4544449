"""Read the notes file format (design.md, "Annotations file"); writing is in notes_dump.

Reading uses safe YAML only and bounds what it accepts (size, nesting, nodes, no aliases),
because a notes file may come from anywhere a sync tool or a person put it.
"""

from __future__ import annotations

import hashlib
import uuid
from datetime import UTC, date, datetime, time
from typing import Any, Final

from reader.core.notes.merge import merge_annotations
from reader.core.notes.records import (
    COLORS,
    DEFAULT_COLOR,
    Annotation,
    NotesDocument,
    Target,
)
from reader.core.notes.yaml_bounds import (
    MAX_ANNOTATIONS,
    MAX_BYTES,
    MAX_DEPTH,
    MAX_NODES,
    NotesFileError,
    parse_bounded,
)
from reader.core.notes.yaml_dump import FORMAT, VERSION

__all__ = [
    "MAX_ANNOTATIONS",
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_NODES",
    "UNKNOWN_TIME",
    "NotesFileError",
    "load_document",
]

# Hand-written entries without timestamps get this one, so every reader of the file agrees
# and any real edit is newer.
UNKNOWN_TIME: Final = datetime(1970, 1, 1, tzinfo=UTC)
_ID_NAMESPACE: Final = uuid.UUID("6f1c7a52-3d0e-4c8e-9a57-2b0f4e8d1c33")

_TOP_KEYS: Final = ("format", "version", "article", "title", "sides", "annotations")
_ANNOTATION_KEYS: Final = (
    "id",
    "created",
    "modified",
    "deleted",
    "color",
    "note",
    "side",
    "aspect",
    "tags",
    "target",
)
_TARGET_KEYS: Final = ("exact", "prefix", "suffix", "start", "end")
_KEYS: Final = frozenset((*_TOP_KEYS, *_ANNOTATION_KEYS, *_TARGET_KEYS))  # all plain text


def _text(value: Any, where: str, *, optional: bool = False) -> str | None:
    """A string field; numbers are accepted as their text, other types are refused."""
    if value is None and optional:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    raise NotesFileError(f"expected text, got {_kind(value)} (put it in quotes)", where)


def _kind(value: Any) -> str:
    return {type(None): "nothing", bool: "true/false", dict: "a mapping", list: "a list"}.get(
        type(value), type(value).__name__
    )


def _time(value: Any, where: str) -> datetime:
    """A timestamp; one without a zone is taken as UTC so comparisons never fail."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip())
        except ValueError as err:
            raise NotesFileError(f"{value!r} is not an ISO 8601 timestamp", where) from err
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime.combine(value, time(), tzinfo=UTC)
    raise NotesFileError(f"expected a timestamp, got {_kind(value)}", where)


def _offset(value: Any, where: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise NotesFileError(f"expected a whole number ≥ 0, got {value!r}", where)
    return value


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list):
        raise NotesFileError(f"expected a list, got {_kind(value)}", where)
    return tuple(_text(item, f"{where}[{i}]") or "" for i, item in enumerate(value))


def _mapping(value: Any, where: str) -> dict[Any, Any]:
    if not isinstance(value, dict):
        raise NotesFileError(f"expected a mapping, got {_kind(value)}", where)
    return value


def _target(raw: Any, where: str) -> Target:
    data = _mapping(raw, where)
    exact = data.get("exact")
    if exact is None or exact == "":
        raise NotesFileError("missing the quote (exact)", f"{where}.exact")
    if type(exact) is not str:
        exact = _text(exact, f"{where}.exact") or ""
    prefix = data.get("prefix", "")
    if type(prefix) is not str:
        prefix = _text(prefix, f"{where}.prefix", optional=True) or ""
    suffix = data.get("suffix", "")
    if type(suffix) is not str:
        suffix = _text(suffix, f"{where}.suffix", optional=True) or ""
    start, end = data.get("start"), data.get("end")
    if start is not None and (type(start) is not int or start < 0):
        start = _offset(start, f"{where}.start")
    if end is not None and (type(end) is not int or end < 0):
        end = _offset(end, f"{where}.end")
    if start is not None and end is not None and end < start:
        raise NotesFileError(f"end ({end}) is before start ({start})", where)
    extra = {k: v for k, v in data.items() if k not in _TARGET_KEYS} if len(data) > 1 else {}
    target: Target = _checked(Target, _TARGET_SLOTS, exact, prefix, suffix, start, end, extra)
    return target


def _generated_id(name: str) -> str:
    """`str(uuid.uuid5(_ID_NAMESPACE, name))`, without building UUID objects (a file of
    100,000 hand-written entries needs 100,000 of them)."""
    digest = bytearray(
        hashlib.sha1(_ID_NAMESPACE.bytes + name.encode("utf-8", "surrogatepass")).digest()[:16]
    )
    digest[6] = (digest[6] & 0x0F) | 0x50
    digest[8] = (digest[8] & 0x3F) | 0x80
    text = digest.hex()
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


# The loader checks every field as the records' own __post_init__ would (and says where), so
# it fills their slots directly: a third of loading 100,000 annotations was those checks twice.
_TARGET_SLOTS: Final = tuple(Target.__dict__[name].__set__ for name in Target.__slots__)
_ANNOTATION_SLOTS: Final = tuple(Annotation.__dict__[name].__set__ for name in Annotation.__slots__)


def _checked(cls: Any, setters: tuple[Any, ...], *values: Any) -> Any:
    """A record of `cls` with `values` in slot order, built without running its checks."""
    record = object.__new__(cls)
    for setter, value in zip(setters, values, strict=True):
        setter(record, value)
    return record


def _optional_text(data: dict[Any, Any], key: str, where: str) -> str | None:
    value = data.get(key)
    if value is None or type(value) is str:
        return value
    return _text(value, f"{where}.{key}", optional=True)


def _annotation(raw: Any, index: int, article: str) -> tuple[Annotation, bool]:
    """One entry; the flag says the loader had to complete it (id or timestamps missing).

    Plain text fields are taken as they are; only other types go through the checks (a file
    of 100,000 entries spends most of its load here).
    """
    where = f"annotations[{index}]"
    data = _mapping(raw, where)
    if "target" not in data:
        raise NotesFileError("missing target (with the quote as target.exact)", where)
    target = _target(data["target"], f"{where}.target")
    completed = False
    ident = _optional_text(data, "id", where)
    if not ident:
        ident = _generated_id(f"{article}\n{index}\n{target.exact}")
        completed = True
    created = _time(data["created"], f"{where}.created") if data.get("created") else None
    modified = _time(data["modified"], f"{where}.modified") if data.get("modified") else None
    if created is None or modified is None:
        completed = True
        created = created or modified or UNKNOWN_TIME
        modified = modified or created
    deleted = _time(data["deleted"], f"{where}.deleted") if data.get("deleted") else None
    color_raw = data.get("color")
    if color_raw is None:
        color = DEFAULT_COLOR
    else:
        color = color_raw if type(color_raw) is str else _text(color_raw, f"{where}.color") or ""
        if color not in COLORS:
            color = color.strip().lower()
            if color not in COLORS:
                raise NotesFileError(
                    f"colour {color_raw!r} is not one of {', '.join(COLORS)}", f"{where}.color"
                )
    tags = data.get("tags")
    annotation: Annotation = _checked(
        Annotation,
        _ANNOTATION_SLOTS,
        ident,
        created,
        modified,
        target,
        color,
        _optional_text(data, "note", where) or "",
        _optional_text(data, "side", where),
        _optional_text(data, "aspect", where),
        () if tags is None else _strings(tags, f"{where}.tags"),
        deleted,
        {k: v for k, v in data.items() if k not in _ANNOTATION_KEYS},
    )
    return annotation, completed


def load_document(text: str, *, article: str = "") -> NotesDocument:
    """Parse a notes file; `article` names the post when the file does not.

    Raises NotesFileError saying what is wrong and where.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    data = parse_bounded(text, _KEYS)
    if data is None:
        return NotesDocument(article=article, needs_write=True)
    top = _mapping(data, "top level")
    marker = top.get("format")
    if marker is None and "annotations" not in top:
        raise NotesFileError(f"not a notes file (no 'format: {FORMAT}' and no annotations)")
    if marker is not None and marker != FORMAT:
        raise NotesFileError(f"format is {marker!r}, expected {FORMAT!r}", "format")
    version = top.get("version", VERSION)
    if isinstance(version, bool) or not isinstance(version, int):
        raise NotesFileError(f"expected a whole number, got {version!r}", "version")
    if version > VERSION:
        raise NotesFileError(
            f"version {version} was written by a newer reader (this one reads {VERSION})",
            "version",
        )
    article = _text(top.get("article"), "article", optional=True) or article
    raw_sides = top.get("sides")
    sides = None if raw_sides is None else _strings(raw_sides, "sides")
    raw_list = top.get("annotations")
    if raw_list is None:
        raw_list = []
    if not isinstance(raw_list, list):
        raise NotesFileError(f"expected a list, got {_kind(raw_list)}", "annotations")
    if len(raw_list) > MAX_ANNOTATIONS:
        raise NotesFileError(
            f"{len(raw_list):,} annotations, more than the {MAX_ANNOTATIONS:,} accepted",
            "annotations",
        )
    needs_write = marker is None or "version" not in top
    annotations: list[Annotation] = []
    for index, raw in enumerate(raw_list):
        annotation, completed = _annotation(raw, index, article)
        annotations.append(annotation)
        needs_write = needs_write or completed
    merged = merge_annotations(annotations)  # the same id twice: a copy or a merge left both
    return NotesDocument(
        article=article,
        title=_text(top.get("title"), "title", optional=True) or "",
        sides=sides,
        annotations=merged,
        extra={k: v for k, v in top.items() if k not in _TOP_KEYS},
        needs_write=needs_write or len(merged) != len(annotations),
    )
