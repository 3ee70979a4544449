"""The watcher's logic: one file event re-reads one post and says what changed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.core.library import watch
from reader.core.library.scan import Library, scan_library
from reader.core.library.watch import is_post_rel, refresh_file
from tests.files import write


def post_text(title: str, date: str = "2024-01-02", tags: str = "[a, b]") -> str:
    return f"---\ntitle: {title}\ndate: {date}\ntags: {tags}\n---\nBody of {title}.\n"


@pytest.fixture
def library(tmp_path: Path) -> Path:
    root = tmp_path / "lib"
    write(root, "one.md", post_text("One", "2024-01-01"))
    write(root, "two.md", post_text("Two", "2024-02-01T10:30:00+01:00"))
    write(root, "sub/three.md", "# Three\n\nNo front matter.\n")
    write(root, "bad.md", "---\ntitle: [unclosed\n---\nbody\n")
    return root


def bump_mtime(path: Path) -> None:
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 5_000_000_000))


def test_refresh_file_follows_edits_additions_and_removals(library: Path) -> None:
    first = lib = scan_library(library)
    before = list(first.posts)
    write(library, "new.md", post_text("New", "2030-01-01"))
    lib, added = refresh_file(lib, "new.md")
    assert added.kind == "added" and lib.posts[0].path == "new.md"
    assert first.posts == before  # the library it was given is never changed

    path = write(library, "one.md", post_text("One again", "2024-01-01"))
    bump_mtime(path)
    lib, changed = refresh_file(lib, "one.md")
    assert changed.kind == "changed" and changed.old is not None and changed.old.title == "One"
    assert lib.find("one.md") is not None and lib.find("one.md").title == "One again"  # type: ignore[union-attr]

    same, unchanged = refresh_file(lib, "two.md")
    assert unchanged.kind == "unchanged" and same is lib
    (library / "two.md").unlink()
    lib, removed = refresh_file(lib, "two.md")
    assert removed.kind == "removed" and lib.find("two.md") is None
    assert refresh_file(lib, "two.md")[1].kind == "unchanged"
    assert [p.path for p in lib.posts] == [p.path for p in scan_library(library).posts]
    assert first.posts == before


def test_refresh_file_ignores_what_the_scan_skips(library: Path) -> None:
    lib = Library(library, list(scan_library(library).posts))
    write(library, ".annotations/one.md.yaml", "format: reader-annotations\n")
    write(library, "_index.md", "# section\n")
    assert refresh_file(lib, ".annotations/one.md.yaml")[1].kind == "unchanged"
    assert refresh_file(lib, "_index.md")[1].kind == "unchanged"
    assert len(lib.posts) == 4


@pytest.mark.parametrize(
    ("rel", "expected"),
    [
        ("a.md", True),
        ("x/y/B.MARKDOWN", True),
        ("_index.md", False),
        (".git/a.md", False),
        ("node_modules/a.md", False),
        ("a.txt", False),
        ("", False),
    ],
)
def test_is_post_rel_matches_the_walk(rel: str, expected: bool) -> None:
    assert is_post_rel(rel) is expected


def test_refresh_file_does_not_read_an_unchanged_post_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.md").write_text("# A\n", encoding="utf-8")
    library = scan_library(tmp_path)

    def refuse(*_args: object) -> None:
        raise AssertionError("an unchanged file was read again")

    monkeypatch.setattr(watch, "read_post_file", refuse)
    assert refresh_file(library, "a.md")[1].kind == "unchanged"
    assert [post.path for post in library.posts] == ["a.md"]
