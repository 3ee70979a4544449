"""The library watcher: a post saved in place is noticed however large the library."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from reader.ui.library import watcher
from tests.ui.conftest import WindowFactory


def test_the_post_being_read_is_watched_when_the_library_is_too_large_for_every_file(
    qtbot: QtBot, make_window: WindowFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(watcher, "MAX_WATCHED_FOLDERS", 3)  # so 5 posts are "too many"
    for name in "abcde":
        (tmp_path / f"{name}.md").write_text(f"# {name}\n\nFirst words of {name}.\n", "utf-8")
    window = make_window(tmp_path, open_post="c.md")
    folder_time = os.stat(tmp_path).st_mtime_ns
    with open(tmp_path / "c.md", "w", encoding="utf-8") as post:  # in place: no folder change
        post.write("# c\n\nWords written in place, later.\n")
    assert os.stat(tmp_path).st_mtime_ns == folder_time
    qtbot.waitUntil(lambda: "Words written in place" in window.article.toPlainText(), timeout=5000)
    window.open_post("d.md")
    qtbot.waitUntil(lambda: "First words of d" in window.article.toPlainText(), timeout=5000)
    with open(tmp_path / "d.md", "w", encoding="utf-8") as post:
        post.write("# d\n\nThe next post, edited too.\n")
    qtbot.waitUntil(lambda: "The next post, edited" in window.article.toPlainText(), timeout=5000)
