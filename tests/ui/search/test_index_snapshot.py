"""The search index is built from a snapshot of the posts taken in the GUI thread: the
watcher's changes (a new library) never reach a list the worker is reading; the watcher's
changes themselves become a job for the changed posts alone."""

from __future__ import annotations

from pathlib import Path

from reader.core.library.scan import scan_library
from reader.core.library.watch import refresh_file, refresh_files
from reader.ui.search.service import IndexJob


def test_the_job_holds_a_snapshot(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("# A\n", "utf-8")
    library = scan_library(tmp_path)
    job = IndexJob.library(library)
    (tmp_path / "b.md").write_text("# B\n", "utf-8")
    newer, change = refresh_file(library, "b.md")
    assert change.kind == "added" and len(newer.posts) == 2
    assert [post.path for post in library.posts] == ["a.md"]  # the shared one is untouched
    assert job.everything and isinstance(job.posts, tuple)
    assert [p.path for p in job.posts] == ["a.md"]


def test_the_watchers_changes_are_a_job_for_those_posts(tmp_path: Path) -> None:
    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.md").write_text(f"# {name}\n", "utf-8")
    library = scan_library(tmp_path)
    (tmp_path / "a.md").write_text("# A, longer now\n", "utf-8")
    (tmp_path / "b.md").unlink()
    _newer, changes = refresh_files(library, ["a.md", "b.md", "c.md"])
    job = IndexJob.changes([change for change in changes if change.kind != "unchanged"])
    assert not job.everything
    assert [post.path for post in job.posts] == ["a.md"] and job.removed == ("b.md",)
