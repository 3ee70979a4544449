"""The view's positions map exactly to article-text offsets, on every bundled post and fixture.

The rendered HTML is loaded into a real QTextBrowser; ranges are selected with QTextCursor and
compared with `reader.core` article text through `reader.core.render.posmap`, in both directions.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QTextBrowser
from pytestqt.qtbot import QtBot

from reader.core.library.frontmatter import parse_front_matter
from reader.core.render.pipeline import RenderedPost, render_post
from reader.core.render.posmap import BREAK, PosMap, normalise_view_text

ROOT = Path(__file__).resolve().parents[3]
ARTICLES = ROOT / "articles"
FIXTURES = ROOT / "tests" / "fixtures" / "render"
BUNDLED = sorted(ARTICLES.rglob("*.md"))
FIXTURE_POSTS = sorted(FIXTURES.glob("*.md"))
EXTRA = {
    "deep-quotes": ">" * 2000 + " deep\n\nafter",
    "empty": "",
    "nul": "a\x00b\n\n| x |\n|---|\n| \x00 |\n",
    "emoji-table": "| 😀 | 👨‍👩‍👧 |\n|---|---|\n| 🇫🇷 | ![i](img/red.png) |\n\ntext 😀 end",
}


def _render(path: Path, root: Path) -> RenderedPost:
    text = path.read_bytes().decode("utf-8", "replace")
    return render_post(parse_front_matter(text).body, post_dir=path.parent, library_root=root)


def _view(qtbot: QtBot, rendered: RenderedPost) -> QTextBrowser:
    browser = QTextBrowser()
    qtbot.addWidget(browser)
    browser.setHtml(rendered.html)
    return browser


def _utf16_slice(text: str, start: int, end: int) -> str:
    data = text.encode("utf-16-le")
    return data[2 * start : 2 * end].decode("utf-16-le")


def _ranges(text: str, seed: str) -> list[tuple[int, int]]:
    """Every word, a few whole lines, and random ranges (some spanning blocks and tables)."""
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)][:400]
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)][:100]
    rng = random.Random(seed)
    spans = [
        tuple(sorted((rng.randint(0, len(text)), rng.randint(0, len(text))))) for _ in range(150)
    ]
    return words + lines + [(a, b) for a, b in spans] + [(0, len(text))]


def _check_roundtrip(qtbot: QtBot, rendered: RenderedPost, seed: str) -> PosMap:
    browser = _view(qtbot, rendered)
    doc = browser.document()
    raw = doc.toRawText()
    article = rendered.text
    pm = PosMap(raw, article)
    added_breaks = BREAK not in article  # the view's breaks in over-long words

    def clean(view_text: str) -> str:
        normal = normalise_view_text(view_text)
        return normal.replace(BREAK, "") if added_breaks else normal

    for start, end in _ranges(article, seed):
        v_start, v_end = pm.view_range(start, end)
        shown = clean(_utf16_slice(raw, v_start, v_end))
        assert shown == article[start:end], (start, end)
        assert pm.article_range(v_start, v_end) == (start, end)
        if doc.findBlock(v_start).blockNumber() == doc.findBlock(v_end).blockNumber():
            # Within one block Qt's own selection agrees (across table cells Qt selects
            # whole cells, which the annotation layer handles).
            cursor = QTextCursor(doc)
            cursor.setPosition(v_start)
            cursor.setPosition(v_end, QTextCursor.MoveMode.KeepAnchor)
            assert (cursor.selectionStart(), cursor.selectionEnd()) == (v_start, v_end)
            assert clean(cursor.selectedText()) == article[start:end]
    # From the view side: select word by word with the cursor, as a reader does.
    cursor = QTextCursor(doc)
    for _ in range(300):
        begin = cursor.position()
        if not cursor.movePosition(
            QTextCursor.MoveOperation.NextWord, QTextCursor.MoveMode.KeepAnchor
        ):
            break
        a_start, a_end = pm.article_range(begin, cursor.position())
        selected = clean(cursor.selectedText()).replace("\u2029", "\n")
        assert article[a_start:a_end] == selected
        cursor.clearSelection()
    return pm


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_bundled_posts_roundtrip(qtbot: QtBot, path: Path) -> None:
    rendered = _render(path, ARTICLES)
    assert rendered.text.strip()
    _check_roundtrip(qtbot, rendered, path.name)


@pytest.mark.parametrize("path", FIXTURE_POSTS, ids=lambda p: p.name)
def test_fixture_posts_roundtrip_and_match_qt_exactly(qtbot: QtBot, path: Path) -> None:
    rendered = _render(path, FIXTURES)
    pm = _check_roundtrip(qtbot, rendered, path.name)
    assert pm.identical, "article text should equal the view's normalised text"


@pytest.mark.parametrize("name", sorted(EXTRA))
def test_hostile_bodies_roundtrip(qtbot: QtBot, name: str) -> None:
    rendered = render_post(EXTRA[name], post_dir=FIXTURES, library_root=FIXTURES)
    pm = _check_roundtrip(qtbot, rendered, name)
    assert pm.identical


def test_header_shown_above_the_body_is_skipped(qtbot: QtBot) -> None:
    rendered = _render(FIXTURES / "lists.md", FIXTURES)
    header = "<h1>A title</h1><p>2024-01-01 · tag</p>"
    browser = QTextBrowser()
    qtbot.addWidget(browser)
    browser.setHtml(rendered.html.replace("<body>", "<body>" + header))
    raw = browser.document().toRawText()
    pm = PosMap(raw, rendered.text)
    offset = rendered.text.index("nested bold")
    v_start, v_end = pm.view_range(offset, offset + len("nested bold"))
    assert _utf16_slice(raw, v_start, v_end) == "nested bold"
    assert pm.to_article(raw.index("A title")) == 0
