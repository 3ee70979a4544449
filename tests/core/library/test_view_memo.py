"""A view's lists are made once per library (the loader makes them in its thread)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from reader.core.library import entries as entries_module
from reader.core.library.cached_posts import CachedPosts
from reader.core.library.entries import (
    View,
    default_language,
    entries,
    language_counts,
    prepare_view,
    tag_indexes,
)
from reader.core.library.scan import scan_library
from reader.core.library.scan_cache import ScanCache, scan_with_cache


@pytest.fixture
def library_root(tmp_path: Path) -> Path:
    root = tmp_path / "lib"
    root.mkdir()
    (root / "a.md").write_text("---\ntitle: A\ntags: [x, topic-10]\n---\n", encoding="utf-8")
    (root / "b.md").write_text("---\ntitle: B\ntags: [topic-2]\ndraft: true\n---\n", "utf-8")
    return root


def test_prepared_lists_are_not_made_again(
    library_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = scan_library(library_root)
    prepare_view(library, drafts=False, wanted_lang=None)
    made: list[View] = []

    def spy(_library: object, view: View) -> list[object]:
        made.append(view)
        return []

    monkeypatch.setattr(entries_module, "_entries", spy)
    assert [entry.post.path for entry in entries(library)] == ["a.md"]
    tags, _categories = tag_indexes(library)
    assert [tag.name for tag in tags.tags] == ["topic-10", "x"]
    assert made == []  # all of it was prepared
    entries(library, View(drafts=True))
    assert made == [View(drafts=True)]  # another view is made when asked for


def test_a_fixed_moment_and_a_new_library_are_never_served_old_lists(
    library_root: Path,
) -> None:
    library = scan_library(library_root)
    first = entries(library)
    again = dataclasses.replace(library, posts=[])
    assert again.memo == {} and entries(again) == []
    assert entries(library, View(now=0.0)) == first
    assert entries(library) is not entries(library)  # a copy each time: callers may change it


def test_counts_from_the_cache_columns_equal_those_from_posts(tmp_path: Path) -> None:
    """A warm scan's posts are not built for the counts; the answers are the same."""

    root = tmp_path / "site"
    root.mkdir()
    texts = {
        "a.md": "---\ntitle: A\ntags: [x, Topic-10]\ncategories: [c]\n---\n",
        "b.md": "---\ntitle: B\ntags: [topic-10]\ndraft: true\n---\n",
        "c.fr.md": "---\ntitle: C\ntags: [y]\nlang: fr\n---\n",
        "d.md": "---\ntitle: D\ntags: [x]\npublishDate: 2999-01-01\n---\n",
        "e.md": "---\ntitle: E\ntags: [z]\nexpiryDate: 2000-01-01\n---\n",
    }
    for name, text in texts.items():
        (root / name).write_text(text, encoding="utf-8")
    cache = ScanCache(root, tmp_path / "cache")
    scan_with_cache(root, cache=cache)
    cold = scan_library(root)
    for drafts in (False, True):
        for lang in (None, "fr"):
            view = View(drafts=drafts, lang=lang)
            warm = scan_with_cache(root, cache=cache)
            assert isinstance(warm.posts, CachedPosts)
            assert tag_indexes(warm, view) == tag_indexes(cold, view)
            assert language_counts(warm, view) == language_counts(cold, view)
            assert default_language(warm, view) == default_language(cold, view)
            assert warm.posts.columns() is not None  # nothing was built for them
