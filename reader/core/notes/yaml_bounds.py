"""Reading a notes file's YAML within bounds: libyaml's events, counted as they come.

PyYAML's loader composes and constructs the whole document before anything can be refused;
a hostile file (a hundred thousand annotations of many values each) then costs seconds and
gigabytes just to be turned down. Here libyaml's parser events are counted in C first, then
turned into Python values in one pass that stops at the first bound passed (values, entries
of `annotations`, nesting) or any alias. No library offers a bounded loader, hence this.
"""

from __future__ import annotations

import contextlib
from datetime import datetime
from typing import Any, Final

import yaml

MAX_BYTES: Final = 20 * 1024 * 1024
MAX_ANNOTATIONS: Final = 100_000
MAX_DEPTH: Final = 16
MAX_NODES: Final = 1_000_000  # values; a 99,999-annotation file of ten values each fits


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
        if value and value[0] not in _TYPED_FIRST:
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


def _build(text: str, keys: frozenset[str]) -> Any:
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
    typed_first = _TYPED_FIRST
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


def parse_bounded(text: str, keys: frozenset[str] = frozenset()) -> Any:
    """The document's Python value, refused (NotesFileError) past any bound before it is
    built. `keys` are texts known to be plain keys (the format's own), read without asking
    the resolver."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise NotesFileError(f"larger than {MAX_BYTES // (1024 * 1024)} MB; refusing to load")
    # Every value is one event, or two (a mapping or list starts and ends), plus the stream's
    # and the document's four: a file with that many events has too many values for sure.
    events = _count_events(text)
    if events is not None and (events - 4) // 2 > MAX_NODES:
        raise NotesFileError(f"more than {MAX_NODES:,} values; refusing to load")
    return _build(text, keys)
