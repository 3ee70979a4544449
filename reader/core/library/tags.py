"""The tag index: tags merged case-insensitively, shown with their most common spelling."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from reader.core.library.post import Post


@dataclass(frozen=True, slots=True)
class TagCount:
    """One tag of the index: the spelling shown, how many posts carry it, its match key."""

    name: str
    count: int
    key: str


@dataclass(frozen=True, slots=True)
class TagIndex:
    """All tags, sorted by name (case-insensitively), and the number of untagged posts."""

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
    counts: Counter[str] = Counter()
    spellings: dict[str, Counter[str]] = {}
    untagged = 0
    for post in posts:
        if not post.tags:
            untagged += 1
        for tag in post.tags:
            key = tag.casefold()
            counts[key] += 1
            spellings.setdefault(key, Counter())[tag] += 1
    tags = []
    for key, count in counts.items():
        variants = spellings[key]
        name = min(variants, key=lambda spelling: (-variants[spelling], spelling))
        tags.append(TagCount(name, count, key))
    tags.sort(key=lambda tag: (tag.key, tag.name))
    return TagIndex(tuple(tags), untagged)
