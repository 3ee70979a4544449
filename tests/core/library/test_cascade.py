"""Hugo cascades: nearest section wins, the page's own keys win, targets narrow them."""

from __future__ import annotations

from pathlib import Path

from reader.core.library.scan import scan_library
from tests.files import write


def test_nearest_cascade_wins_and_own_keys_win(tmp_path: Path) -> None:
    write(tmp_path, "_index.md", "---\ncascade:\n  draft: true\n  tags: [from-root]\n---\n")
    write(tmp_path, "blog/_index.md", "---\ncascade:\n  draft: false\n---\n")
    write(tmp_path, "blog/a.md", "# A\n")
    write(tmp_path, "notes/b.md", "# B\n")
    write(tmp_path, "notes/c.md", "---\ndraft: false\n---\n# C\n")
    library = scan_library(tmp_path)
    found = {post.path: (post.draft, post.tags) for post in library.posts}
    assert found == {
        "blog/a.md": (False, ("from-root",)),
        "notes/b.md": (True, ("from-root",)),
        "notes/c.md": (False, ("from-root",)),
    }


def test_targets_narrow_a_cascade(tmp_path: Path) -> None:
    write(
        tmp_path,
        "_index.md",
        "---\ncascade:\n  - _target:\n      path: /drafts/**\n    draft: true\n"
        "  - target:\n      kind: section\n    headless: true\n---\n",
    )
    write(tmp_path, "drafts/deep/x.md", "# X\n")
    write(tmp_path, "public/y.md", "# Y\n")
    library = scan_library(tmp_path)
    assert {p.path: p.hidden for p in library.posts} == {
        "drafts/deep/x.md": "draft",
        "public/y.md": "",
    }


def test_a_broken_section_page_is_no_crash(tmp_path: Path) -> None:
    write(tmp_path, "_index.md", "---\ncascade: [unclosed\n---\n")
    (tmp_path / "bin").mkdir()
    (tmp_path / "bin" / "_index.md").write_bytes(b"\x00\x01\x02")
    write(tmp_path, "bin/post.md", "# Post\n")
    library = scan_library(tmp_path)
    assert [p.path for p in library.posts] == ["bin/post.md"]
    assert library.posts[0].hidden == ""
