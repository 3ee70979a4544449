"""The index at scale, in miniature: the watcher's few posts re-indexed alone, a build in
batches that can stop and resume, broad queries ranked among their newest matches, and a
query abandoned when the user types on."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from reader.core.library.scan import scan_library
from reader.core.library.watch import refresh_files
from reader.core.notes.records import Target, new_annotation
from reader.core.notes.store import NotesStore
from reader.core.search import index as index_module
from reader.core.search.index import SearchHit, SearchIndex, has_fts5
from tests.files import write

pytestmark = pytest.mark.skipif(not has_fts5(), reason="this SQLite has no FTS5")


def paths(hits: list[SearchHit]) -> list[str]:
    return [hit.path for hit in hits]


@pytest.fixture
def library(tmp_path: Path) -> Path:
    root = tmp_path / "lib"
    for day in range(1, 7):
        write(
            root,
            f"day{day}.md",
            f"---\ntitle: Day {day}\ndate: 2026-01-0{day}\n---\nA common word, day {day}.\n",
        )
    return root


def test_changed_added_and_removed_posts_alone_are_reindexed(library: Path, tmp_path: Path) -> None:
    index = SearchIndex(library, tmp_path / "cache")
    posts = scan_library(library)
    index.update(posts)
    edited = write(library, "day2.md", "---\ntitle: Day 2\n---\nNow about lighthouses.\n")
    info = edited.stat()
    os.utime(edited, ns=(info.st_atime_ns, info.st_mtime_ns + 5_000_000_000))
    write(library, "new.md", "# New\n\nKeepers of lighthouses.\n")
    (library / "day3.md").unlink()
    _newer, changes = refresh_files(posts, ["day2.md", "new.md", "day3.md"])
    changed = [change.post for change in changes if change.post is not None]
    stats = index.update_posts(changed, ["day3.md"])
    assert (stats.posts_indexed, stats.posts_removed) == (2, 1)
    assert sorted(paths(index.search("lighthouses"))) == ["day2.md", "new.md"]
    assert "day3.md" not in paths(index.search("common"))
    assert len(index.search("common")) == 4  # day 1, 4, 5, 6: untouched, still there
    assert index.update_posts(changed).posts_indexed == 0  # already current


def test_a_removed_posts_notes_leave_with_it(library: Path, tmp_path: Path) -> None:
    store = NotesStore(library)
    note = new_annotation(Target(exact="common word"), note="remember the estuary")
    store.save("day1.md", store.load("day1.md").document.with_annotation(note))
    index = SearchIndex(library, tmp_path / "cache")
    index.update(scan_library(library))
    assert paths(index.search("estuary")) == ["day1.md"]
    (library / "day1.md").unlink()
    assert index.update_posts([], ["day1.md"]).notes_removed == 1
    assert index.search("estuary") == []


def test_a_build_goes_in_batches_and_resumes_where_it_stopped(
    library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index_module, "BATCH", 2)
    index = SearchIndex(library, tmp_path / "cache")
    seen: list[tuple[int, int]] = []
    stats = index.update(
        scan_library(library), lambda done, total: seen.append((done, total)), lambda: bool(seen)
    )
    assert seen == [(2, 6)] and stats.posts_indexed == 2
    assert len(index.search("common")) == 2  # what was committed is searchable
    assert index.update(scan_library(library)).posts_indexed == 4
    assert len(index.search("common")) == 6


def test_a_broad_query_is_ranked_among_its_newest_matches(
    library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = SearchIndex(library, tmp_path / "cache")
    index.update(scan_library(library))
    monkeypatch.setattr(index_module, "RANK_WINDOW", 3)
    assert sorted(paths(index.search("common"))) == ["day4.md", "day5.md", "day6.md"]
    assert paths(index.search("day 1")) == ["day1.md"]  # a narrow query sees every post


def test_a_query_stops_when_the_user_types_on(
    library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = SearchIndex(library, tmp_path / "cache")
    index.update(scan_library(library))
    monkeypatch.setattr(index_module, "PROGRESS_STEPS", 1)
    assert index.search("common", stop=lambda: True) == []
    assert index.problem is None  # stopping is not a failure
    assert len(index.search("common", stop=lambda: False)) == 6


def test_a_folder_swapped_for_a_link_out_of_the_library_is_not_read(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    write(root, "sub/p.md", "# P\n\nHarmless words.\n")
    write(tmp_path / "outside", "p.md", "# P\n\nSecretword.\n")
    posts = scan_library(root)  # the scan resolved `sub` as a folder of the library
    shutil.rmtree(root / "sub")
    (root / "sub").symlink_to(tmp_path / "outside", target_is_directory=True)
    index = SearchIndex(root, tmp_path / "cache")
    index.update(posts)
    assert index.search("secretword") == []
    assert paths(index.search("p")) == ["sub/p.md"]  # listed, by its title, body unread


def test_the_window_is_found_by_whole_words_only_when_they_are_common_enough(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "lib"
    for day in range(1, 9):
        word = "common" if day <= 2 else "commonly"  # the whole word in the two oldest only
        write(root, f"d{day}.md", f"---\ntitle: D{day}\ndate: 2026-01-0{day}\n---\n{word}\n")
    index = SearchIndex(root, tmp_path / "cache")
    index.update(scan_library(root))
    monkeypatch.setattr(index_module, "RANK_WINDOW", 2)
    assert sorted(paths(index.search("common"))) == ["d7.md", "d8.md"]  # the newest matches
    assert sorted(paths(index.search("commonly"))) == ["d7.md", "d8.md"]
