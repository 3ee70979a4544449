"""Search as the library lives: results as the user types (a stale query never shows), and
posts changed on disk re-indexed alone, from the watcher's changes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from reader.core.library.scan import scan_library
from reader.core.notes.records import Target, delete, new_annotation
from reader.core.notes.store import NotesStore
from reader.core.search.index import IndexStats, SearchIndex
from reader.ui.search.service import SearchService
from reader.ui.window.main_window import MainWindow
from tests.ui.conftest import WindowFactory
from tests.ui.search.test_search_dialog import shown_results


@pytest.fixture
def window(qtbot: QtBot, make_window: WindowFactory, library: Path) -> MainWindow:
    window = make_window(library)
    qtbot.waitUntil(lambda: window.search.is_ready, timeout=20_000)
    return window


def open_search(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window.post_view, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert window.search_dialog.isVisible()


def test_results_come_as_the_user_types(qtbot: QtBot, window: MainWindow) -> None:
    open_search(qtbot, window)
    qtbot.keyClicks(window.search_dialog.field, "saves fric")  # no Enter: typing is enough
    results = shown_results(qtbot, window)
    assert results and "Scrum Master vs Project Manager" in results[0]
    window.search_dialog.field.clear()
    qtbot.waitUntil(lambda: window.search_dialog.model.rowCount() == 0, timeout=10_000)


def test_only_the_latest_query_is_shown(qtbot: QtBot, window: MainWindow) -> None:
    found: list[str] = []
    window.search.found.connect(lambda _generation, text, _hits: found.append(text))
    window.search.query("manager")
    window.search.query("saves friction")
    window.search.wait()
    qtbot.waitUntil(lambda: bool(found), timeout=10_000)
    qtbot.wait(50)  # any late signal of the first query would have come by now
    assert found == ["saves friction"]


def test_a_post_changed_on_disk_is_found_without_a_whole_update(
    qtbot: QtBot, window: MainWindow, library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole: list[int] = []
    update = SearchIndex.update

    def counted(self: SearchIndex, *args: Any, **kwargs: Any) -> IndexStats:
        whole.append(1)
        return update(self, *args, **kwargs)

    monkeypatch.setattr(SearchIndex, "update", counted)
    post = library / "lighthouses.md"
    post.write_text("# Lighthouses\n\nThe keeper trimmed the wicks.\n", encoding="utf-8")
    qtbot.waitUntil(lambda: "changed on disk" in window.notice.text(), timeout=10_000)
    open_search(qtbot, window)
    qtbot.keyClicks(window.search_dialog.field, "wicks")
    qtbot.waitUntil(lambda: len(shown_results(qtbot, window)) == 1, timeout=10_000)
    assert "Lighthouses" in shown_results(qtbot, window)[0]

    window.notice.clear()
    post.unlink()
    qtbot.waitUntil(lambda: "changed on disk" in window.notice.text(), timeout=10_000)
    window.search_dialog.run_query()
    qtbot.waitUntil(lambda: shown_results(qtbot, window) == [], timeout=10_000)
    assert whole == []  # the watcher's changes alone were indexed


def test_notes_written_on_disk_for_another_post_are_found(
    qtbot: QtBot, window: MainWindow, library: Path
) -> None:
    """A sync tool (here, another store) writes a post's notes while the window shows
    another post: the notes folder is watched, and that post's notes are re-indexed."""
    rel = "agile-vs-waterfall-delivery.md"
    assert window.article.current_post().path != rel  # type: ignore[union-attr]
    store = NotesStore(library)
    note = new_annotation(Target(exact="waterfall"), note="a quokka would agree")
    store.save(rel, store.load(rel).document.with_annotation(note))
    open_search(qtbot, window)
    qtbot.keyClicks(window.search_dialog.field, "quokka")
    qtbot.waitUntil(lambda: len(shown_results(qtbot, window)) == 1, timeout=10_000)
    assert shown_results(qtbot, window)[0].startswith("note in ")

    store.save(rel, store.load(rel).document.with_annotation(delete(note)))
    qtbot.waitUntil(lambda: shown_results(qtbot, window) == [], timeout=10_000)


def test_a_long_build_says_how_far_it_is(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("reader.ui.search.service.LONG_BUILD", 5)
    monkeypatch.setattr("reader.core.search.index.BATCH", 2)
    monkeypatch.setattr("reader.ui.search.service.PROGRESS_EVERY_S", 0.0)
    root = tmp_path / "many"
    root.mkdir()
    for number in range(7):
        (root / f"p{number}.md").write_text(f"# Post {number}\n\nText.\n", encoding="utf-8")
    service = SearchService()
    messages: list[str] = []
    service.message.connect(messages.append)
    service.index_library(scan_library(root), None)
    qtbot.waitUntil(lambda: service.is_ready, timeout=10_000)
    service.wait()
    assert messages[0] == "Indexing for search: 2 of 7 posts …"
    assert messages[-1] == "Search index ready: 7 posts indexed."
    service.cancel()
