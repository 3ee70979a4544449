"""The reading window, driven as a person drives it."""

from __future__ import annotations

import socket
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QImage, QTextDocument
from pytestqt.qtbot import QtBot

from reader.ui.library.post_model import PATH_ROLE
from reader.ui.window.main_window import MainWindow
from tests.ui.conftest import WindowFactory

SEED = "program-manager-vs-project-manager.md"


def listed(window: MainWindow) -> list[str]:
    proxy = window.post_proxy
    return [proxy.index(row, 0).data(PATH_ROLE) for row in range(proxy.rowCount())]


def click_row(qtbot: QtBot, view: Any, row: int) -> None:
    index = view.model().index(row, 0)
    rect = view.visualRect(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_clicking_a_tag_filters_the_posts(
    qtbot: QtBot, make_window: WindowFactory, articles: Path
) -> None:
    window = make_window(articles)
    everything = listed(window)
    assert len(everything) == 7  # the draft is hidden
    row = window.tag_model.row_of_tag("scrum")
    click_row(qtbot, window.tag_view, row)
    assert listed(window) == ["scrum-master-vs-project-manager.md"]
    click_row(qtbot, window.tag_view, 1)  # Untagged
    assert listed(window) == [SEED]
    click_row(qtbot, window.tag_view, 0)
    assert listed(window) == everything


def test_show_drafts_toggle(qtbot: QtBot, make_window: WindowFactory, articles: Path) -> None:
    window = make_window(articles)
    qtbot.mouseClick(window.drafts_box, Qt.MouseButton.LeftButton)
    assert "agile-vs-waterfall-delivery.md" in listed(window)


def test_filter_box(qtbot: QtBot, make_window: WindowFactory, articles: Path) -> None:
    window = make_window(articles)
    qtbot.keyClicks(window.filter_box, "coordinator")
    assert listed(window) == ["project-manager-vs-project-coordinator.md"]


def test_opening_a_post_shows_title_cover_and_text(
    qtbot: QtBot, make_window: WindowFactory, articles: Path
) -> None:
    window = make_window(articles)
    click_row(qtbot, window.post_view, listed(window).index(SEED))
    text = window.article.toPlainText()
    assert text.startswith("\ufffc")  # the cover image comes first
    assert "Program Manager vs. Project Manager - What you need to know" in text
    assert "A program manager is a person who oversees and manages a large program" in text
    cover = QUrl.fromLocalFile(str((articles / "coverimg" / "img_post1.png").resolve()))
    image = window.article.document().resource(QTextDocument.ResourceType.ImageResource, cover)
    assert isinstance(image, QImage) and not image.isNull()
    assert window.windowTitle().startswith("Program Manager vs. Project Manager")
    assert window.article.refused_urls == []


def test_cover_is_scaled_to_the_pane(make_window: WindowFactory, articles: Path) -> None:
    window = make_window(articles, open_post=SEED)
    window.splitter.setSizes([150, 250, 400])
    window.article.resize(400, 600)
    document = window.article.document()
    block = document.begin()
    fmt = block.begin().fragment().charFormat().toImageFormat()
    assert 0 < fmt.width() <= 400


def test_tag_chip_selects_its_tag(make_window: WindowFactory, articles: Path) -> None:
    window = make_window(articles, open_post="scrum-master-vs-project-manager.md")
    window.article.anchorClicked.emit(QUrl("reader-tag:agile"))
    assert window.tag_view.currentIndex().row() == window.tag_model.row_of_tag("agile")
    assert "scrum-master-vs-project-manager.md" in listed(window)
    assert len(listed(window)) == 2


def test_zoom_keys(qtbot: QtBot, make_window: WindowFactory, articles: Path) -> None:
    window = make_window(articles, open_post=SEED)
    window.article.setFocus()
    height = window.article.document().size().height()
    qtbot.keyClick(window.article, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.article, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.article.zoom_factor() > 1.0
    assert window.article.document().size().height() > height
    qtbot.keyClick(window.article, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.article.zoom_factor() == 1.0
    qtbot.keyClick(window.article, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.article.zoom_factor() < 1.0


def test_find_in_article(qtbot: QtBot, make_window: WindowFactory, articles: Path) -> None:
    window = make_window(articles, open_post=SEED)
    window.article.setFocus()
    qtbot.keyClick(window.article, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.find_bar.isVisible()
    qtbot.keyClicks(window.find_bar.field, "program manager")
    first = window.article.textCursor().selectionStart()
    assert window.article.textCursor().selectedText().lower() == "program manager"
    qtbot.keyClick(window.find_bar.field, Qt.Key.Key_Return)
    second = window.article.textCursor().selectionStart()
    assert second > first
    qtbot.keyClick(window.find_bar.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert window.article.textCursor().selectionStart() == first
    qtbot.keyClicks(window.find_bar.field, "zzzz")
    assert window.find_bar.status.text() == "not found"
    qtbot.keyClick(window.find_bar.field, Qt.Key.Key_Escape)
    assert not window.find_bar.isVisible()


def test_switching_theme_repaints_article(
    qtbot: QtBot, make_window: WindowFactory, articles: Path
) -> None:
    window = make_window(articles, open_post=SEED)
    light = window.article.palette().base().color().lightness()
    window.menu_actions.theme_actions["dark"].trigger()
    assert window.themes.effective() == "dark"
    qtbot.waitUntil(lambda: window.article.palette().base().color().lightness() < light)
    assert "#1e1f22" in window.article.document().toHtml().lower()
    window.menu_actions.theme_actions["light"].trigger()
    assert window.themes.effective() == "light"


def test_keyboard_moves_between_posts(
    qtbot: QtBot, make_window: WindowFactory, articles: Path
) -> None:
    window = make_window(articles)
    window.menu_actions.next_post.trigger()
    first = window.article.current_post()
    window.menu_actions.next_post.trigger()
    second = window.article.current_post()
    assert first is not None and second is not None and first.path != second.path
    window.menu_actions.previous_post.trigger()
    assert window.article.current_post() == first


def test_reopening_lands_at_the_same_position(
    qtbot: QtBot, make_window: WindowFactory, articles: Path
) -> None:
    window = make_window(articles, open_post=SEED)
    bar = window.article.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    offset = window.article.top_article_offset()
    assert offset > 100
    window.close()

    again = make_window(articles, open_post=SEED)
    assert abs(again.article.top_article_offset() - offset) < 80
    assert again.article.verticalScrollBar().value() > 0


def test_resizing_keeps_the_passage_at_the_top(make_window: WindowFactory, articles: Path) -> None:
    window = make_window(articles, open_post=SEED)
    bar = window.article.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    offset = window.article.top_article_offset()
    window.resize(800, 500)
    assert abs(window.article.top_article_offset() - offset) < 120


def test_window_geometry_and_splitter_are_remembered(
    make_window: WindowFactory, articles: Path
) -> None:
    window = make_window(articles)
    window.resize(900, 650)
    window.splitter.setSizes([100, 200, 600])
    sizes = window.splitter.sizes()
    window.close()
    again = make_window(articles)
    assert again.splitter.sizes()[:2] == sizes[:2]


def test_status_bar_counts_and_problems_dialog(
    qtbot: QtBot, make_window: WindowFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "good.md").write_text("# Good\n", encoding="utf-8")
    (tmp_path / "bad.md").write_text("---\ntitle: [x\n---\n", encoding="utf-8")
    window = make_window(tmp_path)
    assert window.counts_button.text() == "2 posts · 1 problem"
    shown: list[int] = []

    def fake_exec(dialog: Any) -> int:
        shown.append(dialog.table.rowCount())
        return 0

    monkeypatch.setattr("reader.ui.window.problems_dialog.ProblemsDialog.exec", fake_exec)
    qtbot.mouseClick(window.counts_button, Qt.MouseButton.LeftButton)
    assert shown == [1]


def test_recent_libraries_menu(make_window: WindowFactory, articles: Path, tmp_path: Path) -> None:
    (tmp_path / "one.md").write_text("# One\n", encoding="utf-8")
    window = make_window(articles)
    with_recent = make_window(tmp_path)
    entries = [action.data() for action in with_recent.menu_actions.recent_menu.actions()]
    assert entries == [str(tmp_path.resolve()), str(articles.resolve())]
    assert window is not with_recent


def test_empty_library_says_so(make_window: WindowFactory, tmp_path: Path) -> None:
    window = make_window(tmp_path)
    assert "no Markdown posts" in window.article.toPlainText()
    assert window.counts_button.text() == "0 posts · 0 problems"


def test_remote_images_are_never_fetched(
    make_window: WindowFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "remote.md").write_text(
        "---\ntitle: Remote\nimage: https://example.com/cover.png\n---\n"
        "![a chart](https://example.com/chart.png)\n\n<img src='http://example.org/x.png'>\n",
        encoding="utf-8",
    )
    attempts: list[Any] = []

    def audit(event: str, args: tuple[Any, ...]) -> None:
        if event in ("socket.connect", "socket.getaddrinfo", "urllib.Request"):
            attempts.append((event, args))

    sys.addaudithook(audit)
    monkeypatch.setattr(socket.socket, "connect", lambda *a: attempts.append(a))
    window = make_window(tmp_path, open_post="remote.md")
    text = window.article.toPlainText()
    assert "a chart" in text and "example.com" in text
    window.article.setHtml("<img src='https://example.net/direct.png'>")
    assert set(window.article.refused_urls) == {"https://example.net/direct.png"}
    assert attempts == []


def test_images_outside_the_library_are_refused(make_window: WindowFactory, tmp_path: Path) -> None:
    library = tmp_path / "lib"
    library.mkdir()
    (library / "p.md").write_text("# P\n", encoding="utf-8")
    secret = tmp_path / "secret.png"
    QImage(4, 4, QImage.Format.Format_RGB32).save(str(secret))
    window = make_window(library, open_post="p.md")
    window.article.setHtml(f"<img src='{QUrl.fromLocalFile(str(secret)).toString()}'>")
    assert window.article.refused_urls == [QUrl.fromLocalFile(str(secret)).toString()]


def test_outline_click_scrolls_to_heading(make_window: WindowFactory, articles: Path) -> None:
    window = make_window(articles, open_post="product-manager-vs-project-manager.md")
    window.resize(1000, 400)
    assert window.outline.topLevelItemCount() >= 3
    last = window.outline.topLevelItem(window.outline.topLevelItemCount() - 1)
    window.outline.itemClicked.emit(last, 0)
    assert window.article.verticalScrollBar().value() > 0


def test_open_post_that_does_not_exist(make_window: WindowFactory, articles: Path) -> None:
    window = make_window(articles, open_post="nope.md")
    assert "No post 'nope.md'" in window.notice.text()


def test_hostile_posts_open_without_a_traceback(
    qtbot: QtBot, make_window: WindowFactory, tmp_path: Path
) -> None:
    bodies = {
        "empty.md": "",
        "deep-quote.md": ">" * 2000 + " deep\n",
        "deep-list.md": "".join("  " * depth + "- item\n" for depth in range(300)),
        "broken-table.md": "| a | b |\n|---|\n| 1 | 2 | 3 |\n",
        "unknown-lang.md": "```klingon\nqapla'\n```\n",
        "script.md": "<script>alert(1)</script><p onclick='x()'>hi</p>[x](javascript:alert(1))\n",
        "outside-image.md": "![up](../../etc/passwd)\n",
        "nul.md": "text\x00with nul\n",
    }
    for name, body in bodies.items():
        (tmp_path / name).write_text(body, encoding="utf-8")
    window = make_window(tmp_path)
    for row in range(window.post_proxy.rowCount()):
        click_row(qtbot, window.post_view, row)
        assert window.article.current_post() is not None
    window.open_post("script.md")
    html = window.article.document().toHtml()
    # CommonMark reads that whole line as one HTML block, so "[x](javascript:…)" stays text;
    # nothing of it may run or link.
    assert "alert(1)</script>" not in html and "onclick" not in html
    assert 'href="javascript' not in html and "<script" not in html


def test_posts_pane_thumbnail_is_painted(
    qtbot: QtBot, make_window: WindowFactory, articles: Path
) -> None:
    window = make_window(articles)
    row = listed(window).index(SEED)
    rect = window.post_view.visualRect(window.post_proxy.index(row, 0))
    point = QPoint(rect.right() - 30, rect.center().y())

    def lightness() -> int:
        image = window.post_view.viewport().grab().toImage()
        return image.pixelColor(point * image.devicePixelRatio()).lightness()

    # The cover is decoded off the GUI thread: the row is painted again once it is ready.
    qtbot.waitUntil(lambda: lightness() < 200)  # the dark cover, not the white background


def test_large_post_renders_in_the_background(
    qtbot: QtBot, make_window: WindowFactory, tmp_path: Path
) -> None:
    paragraph = "A long paragraph about programs and projects. " * 40
    (tmp_path / "big.md").write_text(
        "# Big\n\n" + "\n\n".join(f"{paragraph} Number {n}." for n in range(150)), encoding="utf-8"
    )
    (tmp_path / "small.md").write_text("# Small\n\nTiny.\n", encoding="utf-8")
    window = make_window(tmp_path)
    with qtbot.waitSignal(window.renderer.rendered, timeout=60_000):
        window.open_post("big.md")
        assert "Rendering" in window.article.toPlainText()  # the window did not wait
    assert "Number 149." in window.article.toPlainText()


def test_posts_added_changed_and_removed_on_disk_show_up(
    qtbot: QtBot, make_window: WindowFactory, tmp_path: Path
) -> None:
    (tmp_path / "first.md").write_text(
        "---\ntitle: First\ntags: [a]\n---\nOne.\n", encoding="utf-8"
    )
    window = make_window(tmp_path, open_post="first.md")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "second.md").write_text(
        "---\ntitle: Second\ndate: 2030-01-01\ntags: [b]\n---\nTwo.\n", encoding="utf-8"
    )
    qtbot.waitUntil(lambda: "sub/second.md" in listed(window), timeout=5000)
    assert window.tag_model.row_of_tag("b") > 0
    assert window.article.current_post().path == "first.md"  # type: ignore[union-attr]

    (tmp_path / "first.md").write_text("---\ntitle: First, edited\n---\nOne, edited.\n", "utf-8")
    qtbot.waitUntil(lambda: "One, edited." in window.article.toPlainText(), timeout=5000)

    (tmp_path / "sub" / "second.md").unlink()
    qtbot.waitUntil(lambda: "sub/second.md" not in listed(window), timeout=5000)
    qtbot.waitUntil(lambda: window.counts_button.text() == "1 post · 0 problems", timeout=5000)
