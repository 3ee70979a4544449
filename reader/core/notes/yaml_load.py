"""Read the notes file format (design.md, "Annotations file"); writing is in notes_dump.

Reading uses safe YAML only and bounds what it accepts (size, nesting, nodes, no aliases),
because a notes file may come from anywhere a sync tool or a person put it.
"""

from __future__ import annotations

import contextlib
import hashlib
import uuid
from datetime import UTC, date, datetime, time
from typing import Any, Final

import yaml

from reader.core.notes.merge import merge_annotations
from reader.core.notes.records import (
    COLORS,
    DEFAULT_COLOR,
    Annotation,
    NotesDocument,
    Target,
)
from reader.core.notes.yaml_dump import FORMAT, VERSION

MAX_BYTES: Final = 20 * 1024 * 1024
MAX_ANNOTATIONS: Final = 100_000
MAX_DEPTH: Final = 16
MAX_NODES: Final = 1_000_000  # values; a 99,999-annotation file of ten values each fits
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

# libyaml's safe loader when PyYAML was built with it (fast), else the pure-Python safe one.
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class NotesFileError(ValueError):
    """A notes file that is not valid YAML or not the expected shape; `where` locates it."""

    def __init__(self, message: str, where: str = "") -> None:
        super().__init__(f"{where}: {message}" if where else message)
        self.reason = message
        self.where = where


def _where(mark: Any) -> str:
    return f"line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""


_STR_TAG: Final = "tag:yaml.org,2002:str"
_PLAIN_COLLECTION_TAGS: Final = (None, "!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")


class _Frame:
    """A mapping or list being filled from the events, with the key waiting for its value."""

    __slots__ = ("container", "counted", "is_map", "key", "waiting")

    def __init__(self, container: Any, is_map: bool, counted: bool = False) -> None:
        self.container = container
        self.is_map = is_map
        self.key: Any = None
        self.waiting = False  # a key was read; the next value is its value
        self.counted = counted  # the top-level `annotations` list: its items are counted


def _too_many(limit: int) -> NotesFileError:
    return NotesFileError(
        f"more than the {limit:,} annotations accepted; refusing to load", "annotations"
    )


def _refuse(message: str, mark: Any = None) -> NotesFileError:
    return NotesFileError(message, _where(mark))


# First characters for which the safe loader may give a plain scalar another type than text
# (null, bool, int, float, timestamp, merge, value): any other plain scalar is text as it is.
_TYPED_FIRST: Final = frozenset(
    char for char in getattr(_Loader, "yaml_implicit_resolvers", {}) if char is not None
)
_KEYS: Final = frozenset((*_TOP_KEYS, *_ANNOTATION_KEYS, *_TARGET_KEYS))  # all plain text
_TIMESTAMP_TAG: Final = "tag:yaml.org,2002:timestamp"


def _scalar(loader: Any, event: Any) -> Any:
    """A scalar's Python value, by the safe loader's own rules (YAML 1.1 implicit types).

    The common cases are answered without the resolver's regular expressions (they cost
    most of a large file's load): keys of the format, text starting with a letter that no
    implicit type starts with, and ISO 8601 date-times.
    """
    tag = event.tag
    value = event.value
    if tag is None or tag == "!":
        if not event.implicit[0]:
            return value  # quoted or block scalar: text
        if value in _KEYS or (value and value[0] not in _TYPED_FIRST):
            return value
        tag = loader.resolve(yaml.ScalarNode, value, event.implicit)
    if tag == _STR_TAG:
        return value
    if tag == _TIMESTAMP_TAG and "T" in value:
        with contextlib.suppress(ValueError):
            return datetime.fromisoformat(value)
    construct = loader.yaml_constructors.get(tag)
    if construct is None or tag == "tag:yaml.org,2002:merge":
        raise _refuse(f"not valid YAML: the tag {tag} is not allowed here", event.start_mark)
    node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
    return construct(loader, node)


def _build(text: str) -> Any:
    """The document's Python value, built from libyaml's events in one pass.

    Counting happens on the way: more than MAX_NODES values, more than MAX_ANNOTATIONS
    entries in `annotations`, nesting deeper than MAX_DEPTH or any alias stops the parse at
    once, before the rest is read or built (PyYAML's own loader composes and constructs the
    whole file first, which took seconds and gigabytes on files that were then refused).
    Scalars get the types the safe loader gives them; unknown or Python tags are refused.
    """
    loader = _Loader(text)
    get_event = loader.get_event
    scalar_event, mapping_start = yaml.ScalarEvent, yaml.MappingStartEvent
    start_events = (mapping_start, yaml.SequenceStartEvent)
    end_events = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    root = _Frame([], False)  # holds the document's value
    stack = [root]
    nodes = annotations = documents = 0
    max_nodes, max_annotations, max_depth = MAX_NODES, MAX_ANNOTATIONS, MAX_DEPTH
    keys, typed_first = _KEYS, _TYPED_FIRST
    try:
        while True:
            event = get_event()
            kind = type(event)
            if kind is scalar_event:  # most events: kept short
                nodes += 1
                top = stack[-1]
                if nodes > max_nodes:
                    raise _refuse(f"more than {max_nodes:,} values; refusing to load")
                if top.counted:
                    annotations += 1
                    if annotations > max_annotations:
                        raise _too_many(max_annotations)
                value = event.value
                if event.tag is not None or (
                    event.implicit[0]
                    and value not in keys
                    and (not value or value[0] in typed_first)
                ):
                    value = _scalar(loader, event)  # else text as it is: the common case
                if not top.is_map:
                    top.container.append(value)
                elif top.waiting:
                    top.container[top.key] = value
                    top.waiting = False
                else:  # a scalar key (always hashable)
                    top.key = value
                    top.waiting = True
            elif kind in start_events:
                nodes += 1
                top = stack[-1]
                if nodes > max_nodes:
                    raise _refuse(f"more than {max_nodes:,} values; refusing to load")
                if top.counted:
                    annotations += 1
                    if annotations > max_annotations:
                        raise _too_many(max_annotations)
                if event.tag not in _PLAIN_COLLECTION_TAGS:
                    raise _refuse(
                        f"not valid YAML: the tag {event.tag} is not allowed here",
                        event.start_mark,
                    )
                if len(stack) > max_depth:
                    raise _refuse(f"nested deeper than {max_depth} levels", event.start_mark)
                is_map = kind is mapping_start
                counted = (
                    not is_map
                    and len(stack) == 2
                    and top.is_map
                    and top.waiting
                    and top.key == "annotations"
                )
                stack.append(_Frame({} if is_map else [], is_map, counted))
            elif kind in end_events:
                done = stack.pop()
                _add(stack[-1], done.container, event)
            elif kind is yaml.AliasEvent:
                raise _refuse(_NO_ALIASES, event.start_mark)
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _refuse(
                        "not valid YAML: expected a single document in the stream",
                        event.start_mark,
                    )
            elif kind is yaml.StreamEndEvent:
                return root.container[0] if root.container else None
    except NotesFileError:
        raise
    except yaml.MarkedYAMLError as err:
        raise NotesFileError(f"not valid YAML: {err.problem}", _where(err.problem_mark)) from err
    except (yaml.YAMLError, ValueError, OverflowError) as err:
        raise NotesFileError(f"not valid YAML: {err}") from err
    finally:
        loader.dispose()


_NO_ALIASES: Final = "aliases (*name) are not allowed in a notes file"


def _add(frame: _Frame, value: Any, event: Any) -> None:
    """Put a finished value into the collection being filled."""
    if not frame.is_map:
        frame.container.append(value)
    elif frame.waiting:
        frame.container[frame.key] = value
        frame.waiting = False
    else:
        try:
            hash(value)
        except TypeError:
            raise _refuse("not valid YAML: a mapping key must be text", event.start_mark) from None
        frame.key = value
        frame.waiting = True


def _count_events(text: str) -> int | None:
    """How many events libyaml's parser gives for `text`, counted in C (nothing is built,
    ten times faster than iterating them in Python); None without libyaml."""
    try:
        from yaml._yaml import CParser
    except ImportError:  # pragma: no cover - PyYAML built without libyaml
        return None
    try:
        return int(CParser(text).raw_parse())
    except yaml.MarkedYAMLError as err:
        raise NotesFileError(f"not valid YAML: {err.problem}", _where(err.problem_mark)) from err
    except (yaml.YAMLError, ValueError) as err:
        raise NotesFileError(f"not valid YAML: {err}") from err


def _parse(text: str) -> Any:
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise NotesFileError(f"larger than {MAX_BYTES // (1024 * 1024)} MB; refusing to load")
    # Every value is one event, or two (a mapping or list starts and ends), plus the stream's
    # and the document's four: a file with that many events has too many values for sure.
    events = _count_events(text)
    if events is not None and (events - 4) // 2 > MAX_NODES:
        raise NotesFileError(f"more than {MAX_NODES:,} values; refusing to load")
    return _build(text)


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
    data = _parse(text)
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
