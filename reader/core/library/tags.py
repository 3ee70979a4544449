"""The tag and category indexes: terms merged case-insensitively, shown with their most
common spelling, counted once per post shown (pass entries' posts: translations count once)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
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


def build_tag_index(posts: Iterable[Post]) -> TagIndex:
    """Count posts per tag; the shown spelling is the most common one (ties: alphabetical)."""
    return _build_index(posts, "tags")


def build_category_index(posts: Iterable[Post]) -> TagIndex:
    """Count posts per category, as `build_tag_index` counts tags."""
    return _build_index(posts, "categories")


def _build_index(posts: Iterable[Post], attribute: str) -> TagIndex:
    """Counted per distinct tuple of terms first (in C): posts share a few thousand tuples
    at most, so the loop below runs over those, not over every post."""
    per_tuple: Counter[tuple[str, ...]] = Counter(map(attrgetter(attribute), posts))
    counts: Counter[str] = Counter()
    spellings: dict[str, Counter[str]] = {}
    untagged = per_tuple.pop((), 0)
    for terms, posts_with in per_tuple.items():
        for tag in terms:
            key = tag.casefold()
            counts[key] += posts_with
            spellings.setdefault(key, Counter())[tag] += posts_with
    tags = []
    for key, count in counts.items():
        variants = spellings[key]
        name = min(variants, key=lambda spelling: (-variants[spelling], spelling))
        tags.append(TagCount(name, count, key))
    tags.sort(key=lambda tag: (tag.key, tag.name))
    return TagIndex(tuple(tags), untagged)
