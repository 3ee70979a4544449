"""The posts of a warm scan, built from the scan cache's columns when first used.

A warm scan of 100,000 posts would otherwise spend more on making post objects than on
everything else it does (loading the cache, one stat per file). The sequence knows its length
at once; the first access builds every post in one pass, on whichever thread asks first (the
window's loader asks in its scan thread). Posts are built once: the same object each time.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any, overload

from reader.core.library.gc_pause import paused_gc
from reader.core.library.post import Post
from reader.core.library.post_record import DATES, FIELDS, IMAGE, PROBLEMS, Record
from reader.core.library.problems import Problem

Columns = tuple[tuple[Any, ...], ...]


def stored_date(text: str | None) -> date | datetime | None:
    """A stored date (ISO text) as the post holds it; None when there is none (or it is not
    a date: only a hand-made cache file has such)."""
    return _date(text)


def _date(text: str | None) -> date | datetime | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text) if len(text) == 10 else datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return None  # only a hand-made cache file (its checksum right) gets here


_IMAGES: dict[str, Path] = {}


def _image(text: str) -> Path:
    """One Path per distinct cover (covers repeat a lot)."""
    path = _IMAGES.get(text)
    if path is None:
        path = _IMAGES[text] = Path(text)
    return path


def _make_builder() -> Callable[..., Post]:
    """One straight-line function that sets each slot: a loop over 19 setters costs twice.

    Generated from `Post.__slots__` so that a new field needs no change here.
    """
    names = [f"v{index}" for index in range(len(FIELDS))]
    lines = [f"def build({', '.join(names)}):", "    post = new(Post)"]
    for index, name in enumerate(names):
        value = name
        if index in DATES:
            value = (
                f"None if {name} is None else day({name}) if len({name}) == 10 else moment({name})"
            )
        elif index == IMAGE:
            value = f"None if {name} is None else image({name})"
        elif index == PROBLEMS:
            value = f"tuple([Problem(*p) for p in {name}]) if {name} else ()"
        lines.append(f"    set{index}(post, {value})")
    lines.append("    return post")
    scope: dict[str, Any] = {
        "new": object.__new__,
        "Post": Post,
        "Problem": Problem,
        "day": date.fromisoformat,
        "moment": datetime.fromisoformat,
        "image": _image,
    }
    for index, field in enumerate(FIELDS):
        scope[f"set{index}"] = Post.__dict__[field].__set__
    exec("\n".join(lines), scope)  # code made here from the slot names only
    built: Callable[..., Post] = scope["build"]
    return built


_BUILD = _make_builder()


def build_posts(columns: Columns, rows: Sequence[int] | None = None) -> list[Post]:
    """The posts of the stored columns (the rows given, in that order; default: all)."""
    _IMAGES.clear()
    if rows is not None:
        columns = tuple(tuple(map(column.__getitem__, rows)) for column in columns)
    with paused_gc():
        try:
            return list(map(_BUILD, *columns))
        except ValueError:  # a date that does not parse: only in a hand-made cache file
            return [_careful(record) for record in zip(*columns, strict=True)]


def _careful(record: Record) -> Post:
    values = list(record)
    for index in DATES:
        values[index] = _date(values[index])
    return _BUILD(*values)


def records_of(columns: Columns, rows: Sequence[int] | None = None) -> list[Record]:
    """The stored records themselves (for saving without building posts)."""
    every = list(zip(*columns, strict=True))
    return every if rows is None else [every[row] for row in rows]


class CachedPosts(Sequence[Post]):
    """Posts in display order, built from cache columns the first time one is asked for."""

    def __init__(self, columns: Columns, rows: Sequence[int] | None = None) -> None:
        self._columns: Columns | None = columns
        self._rows = rows
        self._length = len(rows) if rows is not None else len(columns[0]) if columns else 0
        self._posts: list[Post] | None = None
        self._lock = threading.Lock()

    def materialized(self) -> list[Post]:
        """Every post, built now if not yet."""
        posts = self._posts
        if posts is None:
            with self._lock:
                if self._posts is None:
                    assert self._columns is not None
                    self._posts = build_posts(self._columns, self._rows)
                    self._columns = None
                posts = self._posts
        return posts

    def columns(self) -> Columns | None:
        """The stored columns, while no post was built and every stored row is shown (the
        counts can be made from them without building 100,000 posts)."""
        return self._columns if self._rows is None and self._posts is None else None

    def stored_columns(self) -> Columns | None:
        """The stored columns of the rows shown, when the posts were not built yet (a save
        needs no posts)."""
        columns, rows = self._columns, self._rows
        if columns is None or rows is None:
            return columns
        return tuple(tuple(map(column.__getitem__, rows)) for column in columns)

    def records(self) -> list[Record] | None:
        """The stored records when the posts were not built yet (a save needs no posts)."""
        columns = self._columns
        return None if columns is None else records_of(columns, self._rows)

    def __len__(self) -> int:
        return self._length

    @overload
    def __getitem__(self, index: int) -> Post: ...

    @overload
    def __getitem__(self, index: slice) -> list[Post]: ...

    def __getitem__(self, index: int | slice) -> Post | list[Post]:
        return self.materialized()[index]

    def __iter__(self) -> Iterator[Post]:
        return iter(self.materialized())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, CachedPosts):
            other = other.materialized()
        return isinstance(other, list) and self.materialized() == other

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"CachedPosts({self._length} posts)"
