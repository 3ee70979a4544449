"""Browsing real-site fixtures in the real window: the Language choice, translations as one
row, the Categories section, category and language chips, hidden posts marked, and
placeholders for covers and images that cannot be shown."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from reader.ui.library.post_model import HIDDEN_ROLE, PATH_ROLE
from reader.ui.library.tag_model import HEADER
from reader.ui.window.main_window import MainWindow
from tests.ui.conftest import WindowFactory

SITES = Path(__file__).resolve().parents[2] / "fixtures" / "sites"


@pytest.fixture
def site(tmp_path: Path) -> object:
    def copy(case: str) -> Path:
        target = tmp_path / case.replace("/", "-")
        shutil.copytree(SITES / case.split("/")[0], target)
        rest = case.split("/")[1:]
        return target.joinpath(*rest) if rest else target

    return copy


def listed(window: MainWindow) -> list[str]:
    proxy = window.post_proxy
    return [proxy.index(row, 0).data(PATH_ROLE) for row in range(proxy.rowCount())]


def click_row(qtbot: QtBot, view: object, row: int) -> None:
    index = view.model().index(row, 0)  # type: ignore[attr-defined]
    rect = view.visualRect(index)  # type: ignore[attr-defined]
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # type: ignore[attr-defined]


def click_link(qtbot: QtBot, window: MainWindow, href: str) -> None:
    """Click the article's link to `href` where a person sees it."""
    document = window.article.document()
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            if fragment.charFormat().anchorHref() == href:
                cursor = QTextCursor(document)
                cursor.setPosition(fragment.position() + max(0, fragment.length() // 2))
                rect = window.article.cursorRect(cursor)
                point = QPoint(rect.center().x(), rect.center().y())
                qtbot.mouseClick(window.article.viewport(), Qt.MouseButton.LeftButton, pos=point)
                return
            iterator += 1
        block = block.next()
    raise AssertionError(f"no link to {href}")


def choose_language(qtbot: QtBot, window: MainWindow, label_start: str) -> None:
    """Pick a language with the keyboard, as a person does on the closed combo box."""
    box = window.language_box
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Home)
    for _ in range(box.count()):
        if box.currentText().startswith(label_start):
            return
        qtbot.keyClick(box, Qt.Key.Key_Down)
    raise AssertionError(f"no language {label_start!r}")


def test_the_language_choice_switches_every_post(
    qtbot: QtBot, make_window: WindowFactory, site: object
) -> None:
    root = site("jekyll-collection/_articles")  # type: ignore[operator]
    window = make_window(root, open_post="how-to-start.md")
    box = window.language_box
    assert box.isVisible()
    assert box.currentText() == "English (en) — 2"
    assert [box.itemText(i) for i in range(box.count())] == [
        "All languages (2)",
        "Chinese, Simplified Han (zh-hans) — 1",
        "English (en) — 2",
        "Japanese (ja) — 2",
        "Nigerian Pidgin (pcm) — 1",
    ]
    assert listed(window) == ["how-to-finish.md", "how-to-start.md"]
    choose_language(qtbot, window, "Japanese")
    assert listed(window) == ["ja/how-to-start.md", "ja/how-to-finish.md"]  # by title: 始 < 終
    qtbot.waitUntil(lambda: window.windowTitle().startswith("始め方"))
    assert window.counts_button.text().startswith("2 posts")
    choose_language(qtbot, window, "English")
    qtbot.waitUntil(lambda: window.windowTitle().startswith("How to start"))


def test_a_language_chip_opens_that_translation_in_place(
    qtbot: QtBot, make_window: WindowFactory, site: object
) -> None:
    root = site("jekyll-collection/_articles")  # type: ignore[operator]
    window = make_window(root, open_post="how-to-start.md")
    text = window.article.toPlainText()
    assert "en ja pcm zh-hans" in text
    click_link(qtbot, window, "reader-post:pcm/how-to-start.md")
    qtbot.waitUntil(lambda: window.windowTitle().startswith("How to start (Naija)"))
    assert window.post_view.currentIndex().data(PATH_ROLE) == "how-to-start.md"  # one row


def test_translations_are_one_row_with_their_languages(
    make_window: WindowFactory, site: object
) -> None:
    root = site("hugo-translations/content")  # type: ignore[operator]
    window = make_window(root)
    assert listed(window) == ["posts/gallery/index.md", "posts/notes.md", "posts/version.v2.md"]
    gallery = window.tag_model.index(window.tag_model.row_of_tag("gallery"), 0)
    assert gallery.data() == "Gallery  (1)"


def test_categories_have_their_own_section_and_filter_like_tags(
    qtbot: QtBot, make_window: WindowFactory, site: object
) -> None:
    window = make_window(site("jekyll-blog"))  # type: ignore[operator]
    rows = [window.tag_model.index(r, 0) for r in range(window.tag_model.rowCount())]
    header = next(
        r for r, index in enumerate(rows) if index.data(Qt.ItemDataRole.UserRole + 1)[0] == HEADER
    )
    assert rows[header].data() == "Categories"
    assert not rows[header].flags() & Qt.ItemFlag.ItemIsSelectable
    labels = [index.data() for index in rows[header + 1 :]]
    assert "release notes  (1)" in labels and "travel  (1)" in labels
    click_row(qtbot, window.tag_view, window.tag_model.row_of_category("travel"))
    assert listed(window) == ["_posts/2024-01-04-spaced.md"]


def test_a_category_chip_browses_that_category(
    qtbot: QtBot, make_window: WindowFactory, site: object
) -> None:
    window = make_window(site("jekyll-blog"), open_post="_posts/2024-01-04-spaced.md")  # type: ignore[operator]
    assert "▸ travel" in window.article.toPlainText()
    click_link(qtbot, window, "reader-category:diary")
    assert window.tag_view.currentIndex().data() == "diary  (1)"
    assert listed(window) == ["_posts/2024-01-04-spaced.md"]


def test_hidden_posts_are_shown_with_drafts_and_marked(
    qtbot: QtBot, make_window: WindowFactory, site: object
) -> None:
    window = make_window(site("hugo-unpublished/content"))  # type: ignore[operator]
    assert listed(window) == ["published.md", "local-list.md", "glossary/kept.md"]
    qtbot.mouseClick(window.drafts_box, Qt.MouseButton.LeftButton)
    reasons = {
        window.post_proxy.index(r, 0).data(PATH_ROLE): window.post_proxy.index(r, 0).data(
            HIDDEN_ROLE
        )
        for r in range(window.post_proxy.rowCount())
    }
    assert reasons["scheduled.md"] == "scheduled" and reasons["expired.md"] == "expired"
    assert reasons["_common/snippet.md"] == "unrendered"
    assert reasons["homepage/index.md"] == "headless"
    assert reasons["published.md"] == ""


def test_placeholders_for_a_cover_and_images_that_cannot_be_shown(
    make_window: WindowFactory, site: object
) -> None:
    root = site("images")  # type: ignore[operator]
    window = make_window(root, open_post="cover-not-an-image.md")
    assert "[cover — broken.png is not a readable image]" in window.article.toPlainText()
    assert window.counts_button.text() == "7 posts · 7 problems"
    window.open_post("inline.md")
    text = window.article.toPlainText()
    assert "[image: gone — gone.png not found]" in text
    assert "[image: corrupt — broken.png is not a readable image]" in text


def test_a_cascade_changed_on_disk_reads_the_library_again(
    qtbot: QtBot, make_window: WindowFactory, site: object
) -> None:
    root = site("hugo-unpublished/content")  # type: ignore[operator]
    window = make_window(root)
    assert "published.md" in listed(window)
    (root / "_index.md").write_text("---\ntitle: Home\ncascade:\n  draft: true\n---\n", "utf-8")
    qtbot.waitUntil(lambda: listed(window) == [], timeout=10_000)
    qtbot.waitUntil(lambda: window.counts_button.text() == "0 posts · 0 problems", timeout=10_000)
