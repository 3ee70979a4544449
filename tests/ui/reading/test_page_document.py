"""A large page parsed in slices (in the render worker) is the document `setHtml` makes, and
the window shows a large post in it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reader.ui.reading.page_document import fill, first_element, slices
from tests.ui.conftest import WindowFactory

STYLE = "<style>h2 { margin-top: 18px; } p { margin-bottom: 12px; } li { color: #123456; }</style>"


def page(sections: int) -> str:
    parts = []
    for n in range(sections):
        parts.append(
            f'<h2 id="s{n}"><a name="s{n}"></a>Section {n}</h2>'
            f"<p>Plain <b>bold {n}</b> and <i>italic</i> and <code>code</code>.</p>"
            f"<ul><li>one {n}</li><li>two <a href='#s0'>link</a></li></ul>"
            f"<table><tr><td>cell {n}</td><td>more</td></tr></table>"
            f"<blockquote><p>quoted {n}</p></blockquote><pre>pre {n}\n  kept</pre>"
        )
    return f"<html><head>{STYLE}</head><body>{''.join(parts)}</body></html>"


def shape(document: QTextDocument) -> list[Any]:
    found: list[Any] = []
    block = document.begin()
    while block.isValid():
        fmt = block.blockFormat()
        found.append(
            (
                block.text(),
                fmt.topMargin(),
                fmt.bottomMargin(),
                fmt.headingLevel(),
                fmt.leftMargin(),
                fmt.indent(),
                block.textList() is not None,
            )
        )
        iterator = block.begin()
        while not iterator.atEnd():
            char = iterator.fragment().charFormat()
            found.append(
                (
                    iterator.fragment().text(),
                    char.fontWeight(),
                    char.fontItalic(),
                    char.anchorHref(),
                    char.anchorNames(),
                    char.foreground().color().name(),
                    char.fontFixedPitch(),
                )
            )
            iterator += 1
        block = block.next()
    return found


def test_a_page_filled_in_slices_is_the_page_set_whole(qapp: QApplication) -> None:
    html = page(60)
    body = html[html.index("<body>") + 6 : html.rindex("</body>")]
    assert len(slices(body, 2000)) > 5
    assert "".join(slices(body, 2000)) == body
    whole, sliced = QTextDocument(), QTextDocument()
    whole.setHtml(html)
    fill(sliced, html, size=2000)
    assert sliced.toRawText() == whole.toRawText()
    assert shape(sliced) == shape(whole)


def test_slices_begin_only_at_a_paragraph_or_a_heading() -> None:
    body = "<ul><li>a</li></ul>" * 50 + "<p>x</p>" + "<table><tr><td>b</td></tr></table>" * 50
    parts = slices(body, 10)
    assert len(parts) == 2
    assert parts[1].startswith("<p>x</p>")
    assert first_element(parts[1]) == "<p>x</p>"


def test_a_large_post_is_shown_whole(
    qtbot: QtBot, make_window: WindowFactory, tmp_path: Path
) -> None:
    sections = "".join(
        f"\n## Part {n}\n\nWords of part {n}. " + "More words. " * 300 for n in range(80)
    )
    (tmp_path / "big.md").write_text("# Big\n" + sections + "\n\nThe very end.\n", "utf-8")
    (tmp_path / "small.md").write_text("# Small\n\nShort.\n", "utf-8")
    window = make_window(tmp_path, "small.md")
    with qtbot.waitSignal(window.renderer.rendered, timeout=30_000):
        window.open_post("big.md")
    text = window.article.toPlainText()
    assert text.startswith("Big") and "Part 79" in text and text.rstrip().endswith("The very end.")
    assert window.article.document().parent() is window.article
