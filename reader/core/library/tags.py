"""The tag and category indexes: terms merged case-insensitively, shown with their most
common spelling, counted once per post shown (pass entries' posts: translations count once)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import chain
from operator import attrgetter

from reader.core.library.post import Post


@dataclass(frozen=True, slots=True)
class TagCount:
    """One tag of the index: the spelling shown, how many posts carry it, its match key."""

    name: str
    count: int
    key: str


@dataclass(frozen=True, slots=True)
class TagIndex:
    """All tags (or categories), sorted by name (case-insensitively), and the number of posts
    with none."""

    tags: tuple[TagCount, ...]
    untagged: int

    def to_json(self) -> dict[str, object]:
        """The shape `reader tags --json` prints."""
        return {
            "tags": [{"name": tag.name, "count": tag.count} for tag in self.tags],
            "untagged": self.untagged,
        }


_DIGITS = re.compile(r"(\d+)")


def natural_key(name: str) -> tuple[tuple[int, int, str], ...]:
    """Sorts "topic-2" before "topic-10": runs of digits compare as numbers, the rest
    case-insensitively (then as written, for a stable order)."""
    parts = _DIGITS.split(name.casefold())
    return tuple(
        (0, int(part), part) if index % 2 else (1, 0, part)
        for index, part in enumerate(parts)
        if part
    )


def build_tag_index(posts: Iterable[Post]) -> TagIndex:
    """Count posts per tag; the shown spelling is the most common one (ties: alphabetical)."""
    return _build_index(posts, "tags")


def build_category_index(posts: Iterable[Post]) -> TagIndex:
    """Count posts per category, as `build_tag_index` counts tags."""
    return _build_index(posts, "categories")


def _build_index(posts: Iterable[Post], attribute: str) -> TagIndex:
    return index_of_terms(list(map(attrgetter(attribute), posts)))


def index_of_terms(terms: list[tuple[str, ...]]) -> TagIndex:
    """The index of each post's terms (tags or categories), one tuple per post. Spellings are
    counted in C; the loop below runs over the few hundred distinct spellings, not over
    100,000 posts."""
    untagged = terms.count(())
    per_spelling = Counter(chain.from_iterable(terms))
    counts: Counter[str] = Counter()
    spellings: dict[str, dict[str, int]] = {}
    for tag, posts_with in per_spelling.items():
        key = tag.casefold()
        counts[key] += posts_with
        spellings.setdefault(key, {})[tag] = posts_with
    tags = []
    for key, count in counts.items():
        variants = spellings[key]
        name = min(variants, key=lambda spelling: (-variants[spelling], spelling))
        tags.append(TagCount(name, count, key))
    tags.sort(key=lambda tag: (tag.key, tag.name))
    return TagIndex(tuple(tags), untagged)
