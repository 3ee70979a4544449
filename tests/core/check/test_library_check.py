"""`reader check`'s full pass: inline images the article cannot show, orphaned notes, and
that it counts exactly the posts and problems the window counts."""

from __future__ import annotations

import shutil
from pathlib import Path

from reader.core.check.library_check import LibraryChecker
from reader.core.library.entries import View, counted_files, entries
from reader.core.library.scan import scan_library
from reader.core.render.pipeline import render_post
from reader.core.render.text_cache import ArticleTexts

SITES = Path(__file__).resolve().parents[2] / "fixtures" / "sites"


def test_images_are_reported_with_post_and_reference_as_the_article_shows_them() -> None:
    library = scan_library(SITES / "images")
    report = LibraryChecker(library.root).check(library, View())
    assert report.posts == 7
    assert [(p.path, p.kind, p.message) for p in report.problems] == [
        ("binary.md", "file", "binary file (contains NUL bytes), not a Markdown post"),
        ("cover-not-an-image.md", "image", "cover broken.png is not a readable image"),
        ("figure.md", "image", "image missing-figure.png not found"),
        ("inline.md", "image", "image gone.png not found"),  # once, though used twice
        ("inline.md", "image", "image broken.png is not a readable image"),
        ("inline.md", "image", "image ../../outside.png points outside the library"),
        ("reference.md", "image", "image missing-ref.png not found"),
    ]


def test_every_placeholder_of_the_article_is_a_problem_and_no_more() -> None:
    library = scan_library(SITES / "images")
    problems = LibraryChecker(library.root).check(library, View()).problems
    for post in library.posts:
        path = library.root / post.path
        body = path.read_bytes().decode("utf-8", "replace").split("---", 2)[-1]
        rendered = render_post(body, post_dir=path.parent, library_root=library.root)
        placeholders = {i.src for i in rendered.images if not i.shown and i.kind.value != "remote"}
        reported = {
            p.message.removeprefix("image ").split(" ")[0]
            for p in problems
            if p.path == post.path and p.message.startswith("image ")
        }
        if post.path != "binary.md":
            assert reported == placeholders, post.path


def test_posts_without_notes_or_local_images_are_never_rendered() -> None:
    library = scan_library(SITES / "images")
    texts = ArticleTexts(library.root, disk=False)
    checker = LibraryChecker(library.root, texts=texts)
    checker.check(library, View())
    assert texts.renders == 3  # inline, reference, figure: not remote-only, good or binary
    checker.check(library, View())
    assert texts.renders == 3  # rendered once per version of the file


def test_counts_agree_with_the_window_rule_orphans_included(tmp_path: Path) -> None:
    root = tmp_path / "counts"
    shutil.copytree(SITES / "counts", root)
    library = scan_library(root)
    report = LibraryChecker(root).check(library, View())
    assert report.posts == len(entries(library, View())) == 3  # the draft is not counted
    assert sorted(p.kind for p in report.problems) == ["front-matter", "orphan"]
    with_drafts = LibraryChecker(root).check(library, View(drafts=True))
    assert with_drafts.posts == 4


def test_a_post_changed_on_disk_is_checked_again(tmp_path: Path) -> None:
    root = tmp_path / "counts"
    shutil.copytree(SITES / "counts", root)
    checker = LibraryChecker(root)
    library = scan_library(root)
    files = counted_files(entries(library, View()))
    assert any(p.kind == "orphan" for p in checker.check_files(library, files))
    (root / "first.md").write_text(
        "---\ntitle: First\n---\nCats purr softly. Parrots talk back all day long.\n", "utf-8"
    )
    library = scan_library(root)
    files = counted_files(entries(library, View()))
    assert not any(p.kind == "orphan" for p in checker.check_files(library, files))


def test_a_binary_post_with_notes_is_reported_once(tmp_path: Path) -> None:
    (tmp_path / "bin.md").write_bytes(b"\x00\x01binary")
    notes = tmp_path / ".annotations" / "bin.md.yaml"
    notes.parent.mkdir()
    notes.write_text(
        "format: reader-annotations\nversion: 1\narticle: bin.md\nannotations:\n"
        "  - id: 44444444-4444-4444-8444-444444444444\n"
        "    created: 2026-01-01T00:00:00+00:00\n    modified: 2026-01-01T00:00:00+00:00\n"
        "    target:\n      exact: anything\n",
        encoding="utf-8",
    )
    library = scan_library(tmp_path)
    problems = LibraryChecker(tmp_path).check(library, View()).problems
    assert [p.kind for p in problems] == ["file"]
