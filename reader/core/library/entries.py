"""The one rule that decides which posts count, and how translations make one entry.

A *file* is shown when it is published (or drafts are asked for) and in the chosen language
(or every language is). Shown files with the same translation key are one *entry*: the posts
list shows it once, the tag pane counts it once, and the status bar, `reader list` and
`reader check` count entries and the problems of their files, all through this module.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Final, TypeVar, cast

from reader.core.library.column_view import columns_of, group_keys, published_rows
from reader.core.library.gc_pause import paused_gc
from reader.core.library.post import Post
from reader.core.library.problems import Problem
from reader.core.library.scan import Library
from reader.core.library.tags import (
    TagIndex,
    build_category_index,
    build_tag_index,
    index_of_terms,
)
from reader.core.library.visibility import dated_reason


@dataclass(frozen=True, slots=True)
class View:
    """What a person asked to see: drafts or not, one language or every one (None)."""

    drafts: bool = False
    lang: str | None = None
    now: float | None = None  # seconds since the epoch; None: the clock, when asked

    def moment(self) -> float:
        """The time that decides scheduled and expired posts."""
        return time.time() if self.now is None else self.now


T = TypeVar("T")
MEMO_SECONDS: Final = 300  # a view's lists are reused this long (dates move posts in or out)


def _memo(library: Library, view: View, key: tuple[Any, ...], make: Callable[[], T]) -> T:
    """`make()` once per library, view and five minutes: the window's loader computes the
    lists in its scan thread, and the window (on its own thread) then finds them made. A view
    with its own `now` (tests, a fixed moment) is always computed."""
    if view.now is not None:
        return make()
    stamp = int(time.time() // MEMO_SECONDS)
    full = (*key, stamp)
    found = library.memo.get(full)
    if found is None:
        found = library.memo[full] = make()
    return cast(T, found)


@dataclass(frozen=True, slots=True)
class Entry:
    """One post as the list shows it: the file shown, its other shown translations, and the
    files it counts for (all of them with every language shown, else only the one shown)."""

    post: Post
    translations: tuple[Post, ...] = ()
    counted: tuple[Post, ...] = ()

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages it is shown in, its own first ("" when nothing names one)."""
        return tuple(dict.fromkeys([self.post.lang, *(t.lang for t in self.translations)]))

    def has_tag(self, key: str) -> bool:
        """Carries the tag with match key `key` (case-folded)."""
        return any(tag.casefold() == key for tag in self.post.tags)

    def has_category(self, key: str) -> bool:
        """Carries the category with match key `key` (case-folded)."""
        return any(category.casefold() == key for category in self.post.categories)


def is_shown(post: Post, view: View, now: float) -> bool:
    """The rule for one file."""
    if not view.drafts and post.hidden_reason(now):
        return False
    return view.lang is None or post.lang == view.lang


def _published(posts: Iterable[Post], drafts: bool, now: float) -> list[Post]:
    """`hidden_reason` inlined: at 100,000 posts the method calls were most of the time."""
    if drafts:
        return list(posts)
    return [
        post
        for post in posts
        if not (
            post.hidden
            or post.draft
            or (
                (post.publish_date is not None or post.expiry_date is not None)
                and dated_reason(post.publish_date, post.expiry_date, now)
            )
        )
    ]


_ENTRY_SETTERS = tuple(Entry.__dict__[name].__set__ for name in ("post", "translations", "counted"))


def _single(post: Post) -> Entry:
    """The entry of a post with no translation, built without the dataclass's __init__
    (three object.__setattr__ calls per post: a fifth of a 100,000-post list)."""
    entry: Entry = object.__new__(Entry)
    set_post, set_translations, set_counted = _ENTRY_SETTERS
    set_post(entry, post)
    set_translations(entry, ())
    set_counted(entry, (post,))
    return entry


def language_counts(library: Library, view: View) -> list[tuple[str, int]]:
    """How many entries each named language has under `view` (its language ignored), most
    first; files that name no language are left out."""
    return list(_memo(library, view, ("languages", view.drafts), lambda: _languages(library, view)))


def _languages(library: Library, view: View) -> list[tuple[str, int]]:
    now = view.moment()
    keys: dict[str, set[str]] = {}
    columns = columns_of(library)
    if columns is not None:
        rows = published_rows(columns, view.drafts, now)
        for row, key in zip(rows, group_keys(columns, rows), strict=True):
            if columns.lang[row]:
                keys.setdefault(columns.lang[row], set()).add(key)
    else:
        for post in _published(library.posts, view.drafts, now):
            if post.lang:
                keys.setdefault(post.lang, set()).add(post.group_key)
    counts = [(lang, len(found)) for lang, found in keys.items()]
    return sorted(counts, key=lambda item: (-item[1], item[0]))


def default_language(library: Library, view: View = View()) -> str | None:
    """The site's default language when its config names one (and it has posts), else the
    language most posts are in; None (every language) when as many posts name none."""
    found = _memo(library, view, ("default", view.drafts), lambda: (_default(library, view),))
    return found[0]


def _default(library: Library, view: View) -> str | None:
    now = view.moment()
    columns = columns_of(library)
    if columns is not None:
        rows = published_rows(columns, view.drafts, now)
        langs = [columns.lang[row] for row in rows]
        pairs = list(zip(langs, group_keys(columns, rows), strict=True))
    else:
        posts = _published(library.posts, view.drafts, now)
        langs = [post.lang for post in posts]
        pairs = [(post.lang, post.group_key) for post in posts]
    configured = library.context.site.default_language
    named = set(langs)
    if configured and configured in named:
        return configured
    if not named or named == {""}:
        return None
    if len(named) == 1:
        return next(iter(named))
    groups: dict[str, set[str]] = {}
    for lang, key in pairs:
        groups.setdefault(lang, set()).add(key)
    if not groups or set(groups) == {""}:
        return None
    counts = Counter({lang: len(keys) for lang, keys in groups.items()})
    best = min(counts, key=lambda lang: (-counts[lang], lang != "", lang))
    return best or None


def _rank(post: Post, preferred: str | None, order: Sequence[str]) -> tuple[int, int, int, str]:
    position = order.index(post.lang) if post.lang in order else len(order)
    return (post.lang != preferred, post.lang != "", position, post.lang + "\0" + post.path)


def entries(library: Library, view: View = View()) -> list[Entry]:
    """The entries `view` shows, newest first: one per post, whatever its translations."""
    key = ("entries", view.drafts, view.lang)
    return list(_memo(library, view, key, lambda: _entries(library, view)))


def tag_indexes(library: Library, view: View = View()) -> tuple[TagIndex, TagIndex]:
    """The tag and category indexes of the entries `view` shows (the tags pane's)."""

    def make() -> tuple[TagIndex, TagIndex]:
        from_columns = _column_indexes(library, view)
        if from_columns is not None:
            return from_columns
        posts = [entry.post for entry in entries(library, view)]
        return build_tag_index(posts), build_category_index(posts)

    return _memo(library, view, ("tags", view.drafts, view.lang), make)


def _column_indexes(library: Library, view: View) -> tuple[TagIndex, TagIndex] | None:
    """`tag_indexes` from the cache's columns: when no post is built yet and no two shown
    files are translations of each other (then each shown file is one entry)."""
    columns = columns_of(library)
    if columns is None:
        return None
    rows = published_rows(columns, view.drafts, view.moment())
    keys = group_keys(columns, rows)
    if len(set(keys)) != len(keys):
        return None  # translations: the ranking of `entries` picks which file is shown
    if view.lang is not None:
        rows = [row for row in rows if columns.lang[row] == view.lang]
    tags = index_of_terms([columns.tags[row] for row in rows])
    return tags, index_of_terms([columns.categories[row] for row in rows])


def prepare_view(library: Library, drafts: bool, wanted_lang: str | None) -> None:
    """Compute what the window will ask for first (in the loader's thread, so the window's
    thread finds it made): the languages, the entries and the tags of the view it will show
    (`wanted_lang`: the saved choice; None: the library's default, "" for every language)."""
    view = View(drafts=drafts)
    offered = {code for code, _count in language_counts(library, view)}
    default = default_language(library)
    wanted = (default or "") if wanted_lang is None else wanted_lang
    lang = wanted if wanted in offered else None
    entries(library, view)
    tag_indexes(library, View(drafts=drafts, lang=lang))


def _entries(library: Library, view: View) -> list[Entry]:
    now = view.moment()
    published = _published(library.posts, view.drafts, now)
    keys = [post.translation_key or post.path for post in published]
    if len(set(keys)) == len(keys):  # no translations: one entry per post, no ranking
        if view.lang is not None:
            published = [post for post in published if post.lang == view.lang]
        with paused_gc():
            singles = list(map(_single, published))
        if not library.ordered:
            singles.sort(key=lambda entry: entry.post.sort_key)
        return singles
    groups: dict[str, list[Post]] = {}
    for post, key in zip(published, keys, strict=True):
        groups.setdefault(key, []).append(post)
    preferred = default_language(library, view) if view.lang is None else view.lang
    order = library.context.site.languages
    found: list[Entry] = []
    for members in groups.values():
        if view.lang is not None:
            chosen = [post for post in members if post.lang == view.lang]
            if not chosen:
                continue
            shown = chosen[0]
        else:
            shown = min(members, key=lambda post: _rank(post, preferred, order))
        others = tuple(sorted((p for p in members if p is not shown), key=_by_language))
        counted = (shown,) if view.lang is not None else (shown, *others)
        found.append(Entry(shown, others, counted))
    found.sort(key=lambda entry: entry.post.sort_key)
    return found


def _by_language(post: Post) -> tuple[str, str]:
    return (post.lang, post.path)


def entry_of(entries_shown: Iterable[Entry], rel: str) -> Entry | None:
    """The entry that shows or counts the file at `rel`, or has it as a translation."""
    for entry in entries_shown:
        if entry.post.path == rel or any(t.path == rel for t in entry.translations):
            return entry
    return None


def filter_entries(
    found: Iterable[Entry], *, tag: str | None = None, category: str | None = None
) -> list[Entry]:
    """The entries carrying `tag` and `category` (case-insensitive; None: any)."""
    tag_key = tag.casefold().strip() if tag is not None else None
    category_key = category.casefold().strip() if category is not None else None
    return [
        entry
        for entry in found
        if (tag_key is None or entry.has_tag(tag_key))
        and (category_key is None or entry.has_category(category_key))
    ]


def shown_files(
    library: Library,
    view: View = View(),
    *,
    tag: str | None = None,
    category: str | None = None,
) -> list[Post]:
    """Every file `view` shows (each translation on its own), carrying `tag` and `category`
    itself: what an export of the library, a tag or a category reads notes from."""
    now = view.moment()
    tag_key = tag.casefold().strip() if tag is not None else None
    category_key = category.casefold().strip() if category is not None else None
    return [
        post
        for post in library.posts
        if is_shown(post, view, now)
        and (tag_key is None or any(t.casefold() == tag_key for t in post.tags))
        and (category_key is None or any(c.casefold() == category_key for c in post.categories))
    ]


def counted_files(found: Iterable[Entry]) -> list[Post]:
    """The files the entries count for, in list order."""
    return [post for entry in found for post in entry.counted]


def counted_problems(library: Library, found: Iterable[Entry]) -> list[Problem]:
    """Library-wide problems, then those of every counted file, in list order."""
    problems = list(library.problems)
    for post in counted_files(found):
        problems.extend(post.problems)
    return problems
