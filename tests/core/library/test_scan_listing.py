"""The walk's listing in the scan cache: a warm scan walks again only when a folder changed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.core.library import scan as library_scan
from reader.core.library import scan_cache, scan_listing
from reader.core.library.cached_posts import CachedPosts
from reader.core.library.scan import scan_library
from reader.core.library.scan_cache import ScanCache, scan_with_cache
from tests.files import write


@pytest.fixture
def library(tmp_path: Path) -> Path:
    root = tmp_path / "lib"
    write(root, "one.md", "---\ntitle: One\ndate: 2024-01-01\n---\nBody.\n")
    write(root, "sub/two.md", "---\ntitle: Two\ndate: 2024-02-01\n---\nBody.\n")
    return root


@pytest.fixture
def walks(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The walks scan_with_cache makes (the listing trusted at once: no racy window)."""
    monkeypatch.setattr(scan_listing, "RACY_NS", 0)
    seen: list[Path] = []
    original = library_scan.walk_post_entries

    def spy(root: Path, *args: object) -> object:
        seen.append(root)
        return original(root, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(scan_cache, "walk_post_entries", spy)
    return seen


def test_unchanged_folders_are_not_walked_again(
    library: Path, tmp_path: Path, walks: list[Path]
) -> None:
    cache = ScanCache(library, tmp_path / "cache")
    cold = scan_with_cache(library, cache=cache)
    assert len(walks) == 1
    warm = scan_with_cache(library, cache=cache)
    assert len(walks) == 1  # the stored listing stood in for the walk
    assert isinstance(warm.posts, CachedPosts)
    assert warm.posts == cold.posts == scan_library(library).posts


def test_an_edit_in_place_is_seen_without_a_walk(
    library: Path, tmp_path: Path, walks: list[Path]
) -> None:
    cache = ScanCache(library, tmp_path / "cache")
    scan_with_cache(library, cache=cache)
    scan_with_cache(library, cache=cache)  # now the listing is stored and trusted
    path = library / "sub" / "two.md"
    with path.open("a", encoding="utf-8") as handle:  # the folder's mtime stays
        handle.write("More.\n")
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 5_000_000_000))
    path.write_text("---\ntitle: Two, edited\ndate: 2024-02-01\n---\nBody.\n", encoding="utf-8")
    walked = len(walks)
    warm = scan_with_cache(library, cache=cache)
    assert len(walks) == walked
    assert [post.title for post in warm.posts] == ["Two, edited", "One"]


def test_a_new_file_changes_its_folder_and_is_found(
    library: Path, tmp_path: Path, walks: list[Path]
) -> None:
    cache = ScanCache(library, tmp_path / "cache")
    scan_with_cache(library, cache=cache)
    write(library, "sub/three.md", "---\ntitle: Three\ndate: 2024-03-01\n---\nBody.\n")
    warm = scan_with_cache(library, cache=cache)
    assert len(walks) == 2
    assert [post.title for post in warm.posts] == ["Three", "Two", "One"]


def test_a_folder_changed_just_before_the_walk_is_not_trusted(
    library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, walks: list[Path]
) -> None:
    monkeypatch.setattr(scan_listing, "RACY_NS", 3600 * 1_000_000_000)
    cache = ScanCache(library, tmp_path / "cache")
    scan_with_cache(library, cache=cache)
    scan_with_cache(library, cache=cache)
    assert len(walks) == 2  # a coarse clock could hide a second change in the same tick


def test_cached_posts_know_their_length_and_are_built_once(
    library: Path, tmp_path: Path, walks: list[Path]
) -> None:
    cache = ScanCache(library, tmp_path / "cache")
    scan_with_cache(library, cache=cache)
    posts = scan_with_cache(library, cache=cache).posts
    assert isinstance(posts, CachedPosts)
    assert len(posts) == 2 and posts.records() is not None  # nothing built yet
    assert posts[0] is posts[0] and list(posts)[1] is posts[1]
    assert posts.records() is None
