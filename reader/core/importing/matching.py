"""Which post an imported annotation belongs to.

First by `target.source` equal to a post's path (what reader's own export writes); else by the
last path segments of its address (a URL, or a path from another library layout) against every
address the post may have had on the web (see `site_urls`). The post sharing the most trailing
segments wins; a tie between posts is not guessed at: the annotation is reported as ambiguous.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit

from reader.core.importing.model import Incoming
from reader.core.importing.site_urls import (
    Segments,
    address_segments,
    post_addresses,
    site_patterns,
)
from reader.core.library.post import Post, read_text
from reader.core.library.scan import Library

MetaReader = Callable[[Post], Mapping[str, Any]]


@dataclass(frozen=True, slots=True)
class Match:
    """The post found for an annotation, or why none was."""

    post: Post | None
    how: str  # "path" or "address" when found; the reason when not


def _common_tail(a: Segments, b: Segments) -> int:
    count = 0
    while count < min(len(a), len(b)) and a[-1 - count] == b[-1 - count]:
        count += 1
    return count


def _as_path(address: str) -> str | None:
    """A library-relative path in `address` (a plain relative path or a file: URL), if any."""
    parts = urlsplit(address)
    if parts.scheme and parts.scheme != "file":
        return None
    raw = unquote(parts.path) if parts.scheme else address
    key = PurePosixPath(raw.replace("\\", "/")).as_posix().lstrip("./")
    return key or None


class PostMatcher:
    """Matches annotations to the posts of one library (addresses are worked out once)."""

    def __init__(self, library: Library, read_meta: MetaReader | None = None) -> None:
        self._library = library
        self._by_path = {post.path: post for post in library.posts}
        self._read_meta = read_meta or self._meta_from_file
        self._by_last: dict[str, list[tuple[Segments, Post]]] | None = None

    def _meta_from_file(self, post: Post) -> Mapping[str, Any]:
        return read_text(self._library.root.joinpath(*post.path.split("/"))).meta

    def _index(self) -> dict[str, list[tuple[Segments, Post]]]:
        if self._by_last is None:
            patterns = site_patterns(self._library.root)
            index: dict[str, list[tuple[Segments, Post]]] = defaultdict(list)
            for post in self._library.posts:
                for key in post_addresses(post, self._read_meta(post), patterns):
                    index[key[-1]].append((key, post))
            self._by_last = dict(index)
        return self._by_last

    def match(self, incoming: Incoming) -> Match:
        """The post of `incoming`, by path first, then by address."""
        addresses = incoming.addresses()
        for address in addresses:
            path = _as_path(address)
            if path is not None and path in self._by_path:
                return Match(self._by_path[path], "path")
        tried = False
        for address in addresses:
            wanted = address_segments(address)
            if not wanted:
                continue
            tried = True
            found = self._best(wanted)
            if isinstance(found, Post):
                return Match(found, "address")
            if found:
                names = ", ".join(sorted(post.path for post in found)[:3])
                more = f" and {len(found) - 3} more" if len(found) > 3 else ""
                return Match(None, f"it could be any of several posts ({names}{more})")
        if not addresses:
            return Match(None, "it names no page or post")
        if not tried:
            return Match(None, "its address names no page of a site")
        return Match(None, "no post of this library has that address or name")

    def _best(self, wanted: Segments) -> Post | list[Post]:
        """The one post whose address fits best, or the tied posts (maybe none).

        Best: the most trailing segments shared, then the whole address equal, then the
        fewest segments of the post's address left over (`/guide/x/` is `x.md`, not `es/x.md`).
        """
        scores: dict[str, tuple[tuple[int, int, int], Post]] = {}
        for key, post in self._index().get(wanted[-1], []):
            common = _common_tail(key, wanted)
            score = (common, 1 if key == wanted else 0, common - len(key))
            held = scores.get(post.path)
            if held is None or score > held[0]:
                scores[post.path] = (score, post)
        if not scores:
            return []
        best = max(score for score, _post in scores.values())
        winners = [post for score, post in scores.values() if score == best]
        return winners[0] if len(winners) == 1 else winners
