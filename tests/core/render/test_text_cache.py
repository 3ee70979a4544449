"""The article-text cache renders a post once per version of its file, and never serves old text."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from reader.core.render import text_cache
from reader.core.render.text_cache import ArticleTexts
from tests.conftest import FIXTURES

RED_PNG = FIXTURES / "render" / "img" / "red.png"


@pytest.fixture
def library(tmp_path: Path) -> Path:
    root = tmp_path / "lib"
    root.mkdir()
    (root / "a.md").write_text("# A\n\nThe *first* post.\n", encoding="utf-8")
    (root / "b.md").write_text("# B\n\nPicture: ![a cat](cat.png) here.\n", encoding="utf-8")
    return root


@pytest.fixture
def cache_dir(tmp_path: Path) -> Path:
    return tmp_path / "cache"


def bump(path: Path, text: str) -> None:
    info = path.stat()
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 2_000_000_000))


def test_a_post_is_rendered_once_and_its_text_shared(library: Path, cache_dir: Path) -> None:
    texts = ArticleTexts(library, cache_dir)
    first = texts.get("a.md")
    assert first.text == "A\nThe first post."
    assert texts.get("a.md") == first
    assert texts.renders == 1


def test_an_edit_is_seen(library: Path, cache_dir: Path) -> None:
    texts = ArticleTexts(library, cache_dir)
    texts.get("a.md")
    bump(library / "a.md", "# A\n\nThe post, edited.\n")
    assert texts.get("a.md").text == "A\nThe post, edited."
    assert texts.renders == 2


def test_an_image_that_appears_changes_the_text(library: Path, cache_dir: Path) -> None:
    texts = ArticleTexts(library, cache_dir)
    before = texts.get("b.md").text
    assert "not found" in before  # the placeholder is part of the article text
    shutil.copy(RED_PNG, library / "cat.png")
    after = texts.get("b.md").text
    assert "not found" not in after and after != before


def test_a_second_process_renders_nothing(library: Path, cache_dir: Path) -> None:
    first = ArticleTexts(library, cache_dir)
    expected = [first.get("a.md"), first.get("b.md")]
    first.close()
    second = ArticleTexts(library, cache_dir)
    assert [second.get("a.md"), second.get("b.md")] == expected
    assert second.renders == 0


def test_another_renderer_never_serves_old_text(
    library: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = ArticleTexts(library, cache_dir)
    first.get("a.md")
    first.close()
    monkeypatch.setattr(text_cache, "renderer_fingerprint", lambda: "another renderer")
    second = ArticleTexts(library, cache_dir)
    second.get("a.md")
    assert second.renders == 1


def test_a_corrupt_cache_file_is_ignored(library: Path, cache_dir: Path) -> None:
    first = ArticleTexts(library, cache_dir)
    first.get("a.md")
    first.close()
    (database,) = cache_dir.glob("*.sqlite3")
    database.write_bytes(b"this is not a database" * 100)
    second = ArticleTexts(library, cache_dir)
    assert second.get("a.md").text == "A\nThe first post."
    second.close()


def test_an_unwritable_cache_folder_still_gives_texts(library: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    texts = ArticleTexts(library, blocker / "cache")
    assert texts.get("a.md").text == "A\nThe first post."
    texts.close()
    assert blocker.read_text(encoding="utf-8").startswith("a file")


def test_a_missing_post_is_unreadable_not_an_exception(library: Path, cache_dir: Path) -> None:
    texts = ArticleTexts(library, cache_dir)
    gone = texts.get("gone.md")
    assert gone.text == "" and gone.unreadable


def test_memory_is_bounded(library: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(text_cache, "MEMORY_CHARS", 20)
    texts = ArticleTexts(library, cache_dir, disk=False)
    texts.get("a.md")
    texts.get("b.md")
    texts.get("a.md")
    assert texts.renders == 3  # a.md was let go to keep b.md within the bound
