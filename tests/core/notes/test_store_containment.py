"""The store stays inside: a notes folder leading out is refused, read-only stores never
write, leftover temporary files are cleared, search and aspects skip conflict copies."""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from reader.core.library.scan import scan_library
from reader.core.notes.aspects import notes_aspects
from reader.core.notes.atomic import remove_stale_temps
from reader.core.notes.records import Annotation, NotesDocument, Target
from reader.core.notes.store import NotesReadOnlyError, NotesStore
from reader.core.search.index import SearchIndex
from tests.cli.hostile_libraries import row_13_conflicts_and_archives
from tests.hostile_shapes import snapshot

T0 = datetime(2026, 1, 1, tzinfo=UTC)


def _doc(quote: str) -> NotesDocument:
    item = Annotation(id=f"id-{quote}", created=T0, modified=T0, target=Target(quote))
    return NotesDocument(article="post.md", annotations=(item,))


@pytest.fixture
def library(tmp_path: Path) -> Path:
    root = tmp_path / "library"
    root.mkdir()
    (root / "post.md").write_text("# Post\n\nquote\n", "utf-8")
    return root


def test_a_notes_folder_leading_out_is_refused_for_the_user_folder(
    library: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (library / ".annotations").symlink_to(outside)
    store = NotesStore(library, fallback_base=tmp_path / "user")
    reason = store.fallback_reason
    assert reason is not None and "leads outside the library" in reason
    store.save("post.md", _doc("quote"))
    assert list(outside.iterdir()) == []  # neither a.md.yaml nor .reader.lock
    assert store.notes_path("post.md").is_relative_to(tmp_path / "user")
    assert store.load("post.md").document.annotations[0].target.exact == "quote"


def test_an_explicit_notes_folder_is_honoured_even_behind_a_link(
    library: Path, tmp_path: Path
) -> None:
    real = tmp_path / "elsewhere"
    real.mkdir()
    (tmp_path / "chosen").symlink_to(real)
    store = NotesStore(library, tmp_path / "chosen")
    store.save("post.md", _doc("quote"))
    assert store.fallback_reason is None and (real / "post.md.yaml").is_file()


def test_a_read_only_store_writes_nothing(library: Path, tmp_path: Path) -> None:
    notes = library / ".annotations"
    notes.mkdir()
    (notes / "post.md.yaml").write_text("annotations: [\n", "utf-8")
    copy = notes / "post.md.sync-conflict-20260101-000000-ABCDEFG.yaml"
    copy.write_text("annotations:\n  - {id: b, target: {exact: quote}}\n", "utf-8")
    before = snapshot(tmp_path)
    store = NotesStore(library, read_only=True)
    result = store.load("post.md")
    assert result.read_only and result.set_aside is None
    with pytest.raises(NotesReadOnlyError):
        store.save("post.md", _doc("quote"))
    assert snapshot(tmp_path) == before


def test_stale_temporary_files_go_at_the_next_save(library: Path) -> None:
    store = NotesStore(library)
    store.save("post.md", _doc("one"))
    folder = store.notes_path("post.md").parent
    stale = folder / ".post.md.yaml.k1ll3d_x.tmp"
    fresh = folder / ".post.md.yaml.w0rk1ng_.tmp"
    other = folder / ".someone-elses.tmp"
    for path in (stale, fresh, other):
        path.write_text("half", "utf-8")
    os.utime(stale, (time.time() - 7200, time.time() - 7200))
    os.utime(other, (0, 0))
    store.save("post.md", _doc("two"))
    assert not stale.exists() and fresh.exists() and other.exists()


def test_stale_temp_cleanup_never_follows_links_or_removes_folders(tmp_path: Path) -> None:
    target = tmp_path / "keep.txt"
    target.write_text("keep", "utf-8")
    link = tmp_path / ".a.yaml.abcdefgh.tmp"
    link.symlink_to(target)
    folder = tmp_path / ".b.yaml.abcdefgh.tmp"
    folder.mkdir()
    os.utime(folder, (0, 0))
    assert remove_stale_temps(tmp_path, older_than=0) == []
    assert target.exists() and folder.is_dir()


def test_search_and_aspects_skip_conflict_copies_and_archives(
    library: Path, tmp_path: Path
) -> None:
    root = tmp_path / "lib13"
    row_13_conflicts_and_archives(root, tmp_path)
    index = SearchIndex(root, tmp_path / "cache")
    try:
        index.update(tuple(scan_library(root).posts))
        assert [hit.path for hit in index.search("mine")] == ["post.md"]
        assert index.search("copy") == [] and index.search("old") == []
        assert {hit.path for hit in index.search("sync")} == set()
    finally:
        index.close()
    store = NotesStore(root, read_only=True)
    assert notes_aspects(store, ["post.md"]) == ["Scope"]


def test_the_bundled_articles_keep_their_notes_in_the_user_folder(tmp_path: Path) -> None:
    """An upgrade replaces the bundled articles (and a checkout shows any file added there as
    a change), so their notes live in the per-user folder; what the folder held stays read."""
    from reader.paths import bundled_articles

    articles = bundled_articles()
    before = snapshot(articles)
    store = NotesStore(articles, fallback_base=tmp_path / "user")
    assert store.fallback_reason is not None
    assert "bundled articles ship with reader" in store.fallback_reason
    assert store.notes_path("program-manager-vs-project-manager.md").is_relative_to(
        tmp_path / "user"
    )
    post = "program-manager-vs-project-manager.md"
    saved = store.save(post, NotesDocument(article=post, annotations=_doc("q").annotations))
    assert store.load(post).document.live() == saved.live()
    assert snapshot(articles) == before
    copy = tmp_path / "copy"
    copy.mkdir()
    assert NotesStore(copy, fallback_base=tmp_path / "user").fallback_reason is None
