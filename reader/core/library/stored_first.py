"""The library as the scan cache last stored it, shown before a single file is checked; then
checked, and what changed since told the way the watcher tells a change.

At 100,000 posts one stat per file is half a second, most of a warm scan, and the list would
wait for it. The window shows the stored list at once (`stored_library`) and checks it in the
background (`check_stored`): almost always nothing changed and nothing more happens; else the
posts added, changed or removed while the window was closed reach the window as
`PostChange`s, as if the watcher had seen them. The check is `scan_with_cache` itself, so both
paths apply the same validation.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reader.core.library.cache_validation import stamps_of, unchanged_rows
from reader.core.library.cached_posts import CachedPosts, Columns
from reader.core.library.gc_pause import paused_gc
from reader.core.library.post import Post
from reader.core.library.post_record import PATH
from reader.core.library.problems import Problem
from reader.core.library.scan import Library, sort_problems
from reader.core.library.scan_cache import ScanCache, scan_with_cache
from reader.core.library.site_context import read_context
from reader.core.library.watch import PostChange


@dataclass(frozen=True, slots=True)
class Unchecked:
    """A library read from the cache alone, and the stored columns its check needs."""

    library: Library
    columns: Columns


@dataclass(frozen=True, slots=True)
class Checked:
    """The library as the files are now. `changes`: what differs from the unchecked one;
    None when more than posts changed (the site's context or its library-wide problems),
    which calls for showing the library afresh."""

    library: Library
    changes: list[PostChange] | None


def stored_library(root: Path, cache: ScanCache | None = None) -> Unchecked | None:
    """The cached library, no file checked: None when the cache is absent, not to be
    trusted, made under another site context, or holds no walk's listing (then a scan it is)."""
    root = Path(root)
    cache = cache if cache is not None else ScanCache(root)
    with paused_gc():
        stored = cache.load_stored()
        if stored is None or stored.listing is None or not stored.count:
            return None
        listing = stored.listing
        problems = [Problem(*item) for item in listing.problems]
        context = read_context(root, list(listing.sections), problems)
        if context.fingerprint() != stored.fingerprint:
            return None
        posts = CachedPosts(stored.columns)
    library = Library(
        root, posts, sort_problems(problems), context=context, listing=listing, ordered=True
    )
    return Unchecked(library, stored.columns)


def check_stored(unchecked: Unchecked, cache: ScanCache | None = None) -> Checked:
    """Check the unchecked library against the files: one stat per folder and per file, and
    when any differs, the warm scan (unsaved: `cache_stale` says whether to save)."""
    shown = unchecked.library
    root = shown.root
    listing = shown.listing
    if listing is not None and listing.still_holds():
        prefix = os.path.join(str(root), "")
        paths = unchecked.columns[PATH]
        stamps = stamps_of([prefix + rel for rel in paths])
        if len(unchanged_rows(unchecked.columns, stamps, root)) == len(paths):
            return Checked(shown, [])
    fresh = scan_with_cache(root, cache=cache, save=False)
    same_site = fresh.context.fingerprint() == shown.context.fingerprint()
    if not same_site or fresh.problems != shown.problems:
        return Checked(fresh, None)
    return Checked(fresh, post_changes(shown.posts, fresh.posts))


def post_changes(before: Sequence[Post], after: Sequence[Post]) -> list[PostChange]:
    """What turned `before` into `after`, file by file, in `after`'s order, removals last."""
    old = {post.path: post for post in before}
    changes: list[PostChange] = []
    for post in after:
        known = old.pop(post.path, None)
        if known is None:
            changes.append(PostChange("added", post.path, post, None))
        elif known != post:
            changes.append(PostChange("changed", post.path, post, known))
    changes.extend(PostChange("removed", rel, None, known) for rel, known in old.items())
    return changes
