"""The cached list shown before any file is checked, then checked: what changed meanwhile is
told post by post, and a cache that cannot stand in for the scan is not used at all."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.core.library.scan import scan_library
from reader.core.library.scan_cache import ScanCache, scan_with_cache
from reader.core.library.stored_first import check_stored, stored_library
from tests.files import write


def post(title: str, date: str) -> str:
    return f"---\ntitle: {title}\ndate: {date}\n---\nBody of {title}.\n"


@pytest.fixture
def library(tmp_path: Path) -> Path:
    root = tmp_path / "lib"
    write(root, "one.md", post("One", "2024-01-01"))
    write(root, "two.md", post("Two", "2024-02-01"))
    write(root, "sub/three.md", post("Three", "2024-03-01"))
    return root


@pytest.fixture
def cache(library: Path, tmp_path: Path) -> ScanCache:
    return ScanCache(library, tmp_path / "cache")


def titles(posts: object) -> list[str]:
    return [p.title for p in posts]  # type: ignore[attr-defined]


def test_without_a_cache_there_is_nothing_to_show_first(library: Path, cache: ScanCache) -> None:
    assert stored_library(library, cache) is None


def test_an_unchanged_library_is_shown_as_stored_and_the_check_keeps_it(
    library: Path, cache: ScanCache
) -> None:
    scan_with_cache(library, cache=cache)
    unchecked = stored_library(library, cache)
    assert unchecked is not None
    assert list(unchecked.library.posts) == list(scan_library(library).posts)
    checked = check_stored(unchecked, cache)
    assert checked.changes == []
    assert list(checked.library.posts) == list(unchecked.library.posts)


def test_what_changed_while_closed_is_told_post_by_post(library: Path, cache: ScanCache) -> None:
    scan_with_cache(library, cache=cache)
    write(library, "two.md", post("Two, edited at length", "2024-02-01"))
    (library / "sub" / "three.md").unlink()
    write(library, "four.md", post("Four", "2024-04-01"))
    unchecked = stored_library(library, cache)
    assert unchecked is not None
    assert titles(unchecked.library.posts) == ["Three", "Two", "One"]  # as stored
    checked = check_stored(unchecked, cache)
    assert checked.changes is not None
    kinds = {change.rel: change.kind for change in checked.changes}
    assert kinds == {"four.md": "added", "two.md": "changed", "sub/three.md": "removed"}
    assert titles(checked.library.posts) == ["Four", "Two, edited at length", "One"]
    assert checked.library.cache_stale  # the caller saves what it found


def test_an_edit_in_place_is_found_though_no_folder_changed(
    library: Path, cache: ScanCache
) -> None:
    scan_with_cache(library, cache=cache)
    path = library / "one.md"
    info = path.stat()
    path.write_text(post("Uno", "2024-01-01"), encoding="utf-8")
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000))
    unchecked = stored_library(library, cache)
    assert unchecked is not None
    checked = check_stored(unchecked, cache)
    assert [(c.kind, c.rel) for c in checked.changes or []] == [("changed", "one.md")]
    assert checked.changes is not None and checked.changes[0].post is not None
    assert checked.changes[0].post.title == "Uno"


def test_a_new_site_config_means_a_scan_not_the_stored_list(
    library: Path, cache: ScanCache
) -> None:
    scan_with_cache(library, cache=cache)
    write(library, "hugo.toml", 'defaultContentLanguage = "fr"\n')
    assert stored_library(library, cache) is None
