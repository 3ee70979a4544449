"""The sides a post compares ("Program Manager" vs "Project Manager"), found with no set-up.

Front matter says it best, a "A vs. B" title is the common case, and the user's own choice
covers the rest (design.md, "Sides").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from reader.core.library.post import Post

_VS: Final = re.compile(r"\s+(?:vs\.?|versus)\s+", re.IGNORECASE)
_SUBTITLE: Final = re.compile(r"\s+[-–—]\s+|:\s+")
_TRIM: Final = " \t\"'“”‘’«»?!.;,"


def _clean(parts: Iterable[str]) -> tuple[str, ...]:
    """Trimmed, non-empty, first spelling of each side (case-insensitive) kept."""
    seen: set[str] = set()
    out: list[str] = []
    for part in parts:
        name = " ".join(part.split()).strip(_TRIM)
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            out.append(name)
    return tuple(out)


def _split_vs(text: str) -> tuple[str, ...]:
    parts = _VS.split(text.strip())
    return _clean(parts) if len(parts) >= 2 else ()


def sides_from_compare(value: Any) -> tuple[str, ...]:
    """Front matter `compare:` as a list, "A vs B", or "A, B"."""
    if isinstance(value, list | tuple):
        return _clean(str(item) for item in value if item is not None)
    if isinstance(value, str):
        by_vs = _split_vs(value)
        if by_vs:
            return by_vs
        return _clean(value.split(",")) if "," in value else ()
    return ()


def sides_from_title(title: str) -> tuple[str, ...]:
    """ "A vs. B", "A vs B", "A versus B" (and more sides), ignoring a subtitle."""
    for segment in _SUBTITLE.split(title):
        sides = _split_vs(segment)
        if len(sides) >= 2:
            return sides
    return ()


def sides_for(
    meta: Mapping[str, Any], title: str, user_sides: Sequence[str] | None
) -> tuple[str, ...]:
    """The sides of a post: front matter `compare`, else the title, else the user's, else ()."""
    for key, value in meta.items():
        if isinstance(key, str) and key.strip().lower() == "compare":
            sides = sides_from_compare(value)
            if len(sides) >= 2:
                return sides
    sides = sides_from_title(title or "")
    if sides:
        return sides
    return _clean(user_sides) if user_sides else ()


def front_matter_sides(compare: tuple[str, ...]) -> dict[str, Any]:
    """A post record's `compare` as front matter again ("A vs B" stays one string to split)."""
    if not compare:
        return {}
    return {"compare": compare[0] if len(compare) == 1 else list(compare)}


def post_sides(post: Post, user_sides: Sequence[str] | None) -> tuple[str, ...]:
    """The sides of a scanned post: the same answer for the window, exports and the table."""
    return sides_for(front_matter_sides(post.compare), post.title, user_sides)
