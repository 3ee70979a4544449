"""Posts as plain tuples: what scan workers send back and what the scan cache stores.

Pickling 10,000 frozen dataclasses (with their Paths and aware datetimes) costs several times
more than tuples of strings and ints, and the scan cache stores the very same tuples.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from operator import attrgetter
from pathlib import Path
from typing import Any, Final

from reader.core.library.post import Post
from reader.core.library.problems import Problem

# A record holds a post's fields in `Post.__slots__` order as plain values: dates as ISO
# text, the cover as a string, problems as (path, kind, message). Every field of a post goes
# through here, so a new field needs no other change (but a new scan cache format version).
Record = tuple[Any, ...]
FIELDS: Final = tuple(Post.__slots__)
DATE, IMAGE, IMAGE_REF, PROBLEMS = (
    FIELDS.index(n) for n in ("date", "image", "image_ref", "problems")
)
DATES: Final = tuple(FIELDS.index(n) for n in ("date", "publish_date", "expiry_date"))
PATH, SIZE, MTIME = FIELDS.index("path"), FIELDS.index("size"), FIELDS.index("mtime_ns")
# Setting slots directly skips the frozen dataclass's __init__: a third of the warm scan.
_SETTERS: Final[tuple[Any, ...]] = tuple(Post.__dict__[name].__set__ for name in FIELDS)


# Fields whose values repeat across posts (a few covers, languages, reasons): each distinct
# value is stored once (marshal writes a repeated object as a reference, and loads it once).
_REPEATING: Final = frozenset(
    FIELDS.index(n) for n in ("image", "image_ref", "lang", "hidden", "categories", "tags")
)


def _one_of_each(values: Iterable[Any], seen: dict[Any, Any]) -> tuple[Any, ...]:
    """The values with equal ones made the same object, tag names interned within (a tag is
    then one string, however many posts carry it)."""
    column = tuple(values)
    if not any(type(value) is tuple and value for value in column):
        return tuple(map(seen.setdefault, column, column))  # in C
    found = []
    for value in column:
        if type(value) is tuple and value:
            try:
                value = tuple(map(sys.intern, value))
            except TypeError:  # not all strings (a hand-made cache file's): kept as it is
                value = tuple(value)  # (a try block, not contextlib.suppress: twice as fast)
        found.append(seen.setdefault(value, value))
    return tuple(found)


def post_columns(posts: Sequence[Post]) -> tuple[tuple[Any, ...], ...]:
    """The posts as columns of plain values (one per field, what the scan cache stores),
    taken field by field in C: a tenth of the cost of a record per post, then columns."""
    columns: list[tuple[Any, ...]] = []
    seen: dict[Any, Any] = {}
    for index, name in enumerate(FIELDS):
        column = tuple(map(attrgetter(name), posts))
        if index in DATES:
            column = tuple([None if value is None else value.isoformat() for value in column])
        elif index == IMAGE:
            column = tuple([None if value is None else str(value) for value in column])
        elif index == PROBLEMS:
            column = tuple([_plain_problems(value) if value else () for value in column])
        if index in _REPEATING:
            column = _one_of_each(column, seen)
        columns.append(column)
    return tuple(columns)


def _plain_problems(problems: tuple[Problem, ...]) -> tuple[tuple[str, str, str], ...]:
    return tuple([(p.path, p.kind, p.message) for p in problems])


def records_columns(records: Sequence[Record]) -> tuple[tuple[Any, ...], ...]:
    """Records as the columns `post_columns` makes."""
    if not records:
        return tuple(() for _ in FIELDS)
    seen: dict[Any, Any] = {}
    return tuple(
        _one_of_each(column, seen) if index in _REPEATING else tuple(column)
        for index, column in enumerate(zip(*records, strict=True))
    )


def post_to_record(post: Post) -> Record:
    """The record of a post: plain values that marshal and pickle store cheaply."""
    values: list[Any] = [getattr(post, name) for name in FIELDS]
    for index in DATES:
        if values[index] is not None:
            values[index] = values[index].isoformat()
    values[IMAGE] = None if post.image is None else str(post.image)
    values[PROBLEMS] = tuple((p.path, p.kind, p.message) for p in post.problems)
    return tuple(values)


class RecordReader:
    """Turns records into posts; shares one Path per distinct cover (covers repeat a lot)."""

    def __init__(self) -> None:
        self._images: dict[str, Path] = {}

    def post(self, record: Record) -> Post:
        """The post a record stands for; ValueError or TypeError when it is malformed."""
        if len(record) != len(FIELDS):
            raise ValueError("malformed record")
        values = list(record)
        for index in DATES:
            text = values[index]
            if text is not None:
                values[index] = (
                    date.fromisoformat(text) if len(text) == 10 else datetime.fromisoformat(text)
                )
        image = values[IMAGE]
        if image is not None:
            path = self._images.get(image)
            if path is None:
                path = self._images[image] = Path(image)
            values[IMAGE] = path
        if values[PROBLEMS]:
            values[PROBLEMS] = tuple(Problem(*item) for item in values[PROBLEMS])
        post: Post = object.__new__(Post)
        for setter, value in zip(_SETTERS, values, strict=True):
            setter(post, value)
        return post
