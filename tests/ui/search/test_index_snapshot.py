"""The search index is built from a snapshot of the posts taken in the GUI thread: the
watcher's changes (a new library) never reach a list the worker is reading."""

from __future__ import annotations

from pathlib import Path

from reader.core.library.scan import scan_library
from reader.core.library.watch import refresh_file
from reader.ui.search.dialog import _IndexWorker


def test_the_worker_reads_a_snapshot(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("# A\n", "utf-8")
    library = scan_library(tmp_path)
    worker = _IndexWorker(library, None)
    (tmp_path / "b.md").write_text("# B\n", "utf-8")
    newer, change = refresh_file(library, "b.md")
    assert change.kind == "added" and len(newer.posts) == 2
    assert [post.path for post in library.posts] == ["a.md"]  # the shared one is untouched
    assert isinstance(worker._posts, tuple) and [p.path for p in worker._posts] == ["a.md"]
