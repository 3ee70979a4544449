"""The counts of a view made from the scan cache's columns, before any post is built.

`reader tags` and the window's Language choice need only a few fields of each post: which are
shown, their language, their group, their tags. Building 100,000 post objects for that costs
more than the warm scan itself; these functions read the columns instead, and answer None
when they cannot (posts already built, translations to rank), so the caller does it the
ordinary way. Every rule is the one `entries` applies to posts.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from reader.core.library.cached_posts import CachedPosts, stored_date
from reader.core.library.post_record import FIELDS
from reader.core.library.scan import Library
from reader.core.library.visibility import dated_reason

_AT = {name: FIELDS.index(name) for name in FIELDS}


@dataclass(frozen=True, slots=True)
class Columns:
    """The fields the counts read, one tuple per field."""

    path: tuple[str, ...]
    draft: tuple[bool, ...]
    hidden: tuple[str, ...]
    publish: tuple[str | None, ...]
    expiry: tuple[str | None, ...]
    lang: tuple[str, ...]
    key: tuple[str, ...]  # translation key ("" when none)
    tags: tuple[tuple[str, ...], ...]
    categories: tuple[tuple[str, ...], ...]


def columns_of(library: Library) -> Columns | None:
    """The library's columns while its posts are unbuilt cache rows, else None."""
    posts = library.posts
    stored = posts.columns() if isinstance(posts, CachedPosts) else None
    if stored is None:
        return None
    return Columns(
        stored[_AT["path"]],
        stored[_AT["draft"]],
        stored[_AT["hidden"]],
        stored[_AT["publish_date"]],
        stored[_AT["expiry_date"]],
        stored[_AT["lang"]],
        stored[_AT["translation_key"]],
        stored[_AT["tags"]],
        stored[_AT["categories"]],
    )


def published_rows(columns: Columns, drafts: bool, now: float) -> list[int]:
    """The rows shown (every row with drafts), as `entries._published` decides for posts."""
    every = range(len(columns.path))
    if drafts:
        return list(every)
    plain = [not (h or d) for h, d in zip(columns.hidden, columns.draft, strict=True)]
    dated = itertools.compress(
        every,
        [
            p is not None or e is not None
            for p, e in zip(columns.publish, columns.expiry, strict=True)
        ],
    )
    for row in dated:
        if plain[row] and dated_reason(
            stored_date(columns.publish[row]), stored_date(columns.expiry[row]), now
        ):
            plain[row] = False
    return list(itertools.compress(every, plain))


def group_keys(columns: Columns, rows: list[int]) -> list[str]:
    """Each row's group (its translation key, else its path)."""
    keys, paths = columns.key, columns.path
    return [keys[row] or paths[row] for row in rows]
