"""The article's layout: title once, no sideways scrolling, no gap under images, heading sizes
in order, marks and read-only task boxes, and a post that cannot be shown says why."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage, QTextBlock, QTextBlockFormat, QTextCursor
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from reader.core.library.post import Post, read_post
from reader.core.render.pipeline import render_post
from reader.ui.reading.article_view import ArticleView
from reader.ui.reading.post_renderer import RenderJob, run_job
from tests.ui.conftest import WindowFactory


def _view(qtbot: QtBot, root: Path, body: str, post: Post | None = None) -> ArticleView:
    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(700, 600)
    view.set_library_root(root)
    view.show()
    rendered = render_post(body, post_dir=root, library_root=root)
    view.show_post(post or Post(path="p.md", title="A title"), rendered, "light")
    return view


def _blocks(view: ArticleView) -> list[str]:
    out = []
    block = view.document().begin()
    while block.isValid():
        out.append(block.text())
        block = block.next()
    return out


def test_a_title_taken_from_the_first_heading_is_shown_once(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "p.md"
    path.write_text("# Only once\n\nThe body.\n", encoding="utf-8")
    post = read_post(path, tmp_path)
    assert post.title == "Only once"
    view = _view(qtbot, tmp_path, path.read_text(encoding="utf-8"), post)
    assert view.toPlainText().count("Only once") == 1
    start = view.rendered().text.index("The body.")  # type: ignore[union-attr]
    view.select_article_range(start, start + len("The body."))
    assert view.textCursor().selectedText() == "The body."
    assert view.article_range_of_selection() == (start, start + len("The body."))


def test_a_title_from_front_matter_still_heads_the_article(qtbot: QtBot, tmp_path: Path) -> None:
    view = _view(qtbot, tmp_path, "# A different heading\n\nText.\n")
    assert _blocks(view)[0] == "A title" and "A different heading" in _blocks(view)


def test_long_code_lines_wrap_inside_their_box(qtbot: QtBot, tmp_path: Path) -> None:
    view = _view(
        qtbot, tmp_path, "```\n" + "word " * 200 + "\n```\n\n- ```\n  " + "x" * 300 + "\n  ```\n"
    )
    qtbot.waitUntil(lambda: view.document().size().width() <= view.viewport().width())
    assert view.horizontalScrollBar().maximum() == 0


def test_a_scaled_image_leaves_no_gap_below_it(qtbot: QtBot, tmp_path: Path) -> None:
    image = QImage(2000, 1000, QImage.Format.Format_RGB32)
    image.fill(QColor("red"))
    image.save(str(tmp_path / "big.png"))
    view = _view(qtbot, tmp_path, "Before\n\n![big](big.png)\n\nDefinition\n: ![big](big.png)\n")
    layout = view.document().documentLayout()
    image_blocks = [b for b in _iter_blocks(view) if b.text() == "\ufffc"]
    assert len(image_blocks) == 2
    for block in image_blocks:
        fmt = block.blockFormat()
        assert fmt.lineHeightType() == QTextBlockFormat.LineHeightTypes.SingleHeight.value
        image_height = block.begin().fragment().charFormat().toImageFormat().height()
        assert layout.blockBoundingRect(block).height() <= image_height + 30
    assert view.horizontalScrollBar().maximum() == 0


def _iter_blocks(view: ArticleView) -> list[QTextBlock]:
    blocks = []
    block = view.document().begin()
    while block.isValid():
        blocks.append(block)
        block = block.next()
    return blocks


def test_heading_sizes_decrease_from_h1_to_h6(qtbot: QtBot, tmp_path: Path) -> None:
    body = "".join(f"{'#' * level} Level {level}\n\ntext\n\n" for level in range(1, 7))
    view = _view(qtbot, tmp_path, body)
    sizes = {}
    for block in _iter_blocks(view):
        level = block.blockFormat().headingLevel()
        if level and block.text().startswith("Level"):
            cursor = QTextCursor(block)
            cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
            sizes[level] = cursor.charFormat().font().pointSizeF()
    assert sorted(sizes) == [1, 2, 3, 4, 5, 6]
    assert all(sizes[n] > sizes[n + 1] for n in range(1, 6)), sizes


@pytest.mark.qt_log_ignore("Mouse event .* not accepted")  # a read-only view ignores the click
def test_marks_are_highlighted_and_task_boxes_cannot_be_ticked(
    qtbot: QtBot, tmp_path: Path
) -> None:
    view = _view(qtbot, tmp_path, "- [ ] Milk\n- [x] Eggs\n\nA <mark>marked</mark> word.\n")
    blocks = {b.text(): b for b in _iter_blocks(view)}
    marker = QTextBlockFormat.MarkerType
    assert blocks["Milk"].blockFormat().marker() == marker.Unchecked
    assert blocks["Eggs"].blockFormat().marker() == marker.Checked
    text_start = view.cursorRect(QTextCursor(blocks["Milk"]))
    # On the box: the same click ticks it in an editable view (checked when this was written).
    where = QPoint(text_start.left() - 10, text_start.center().y())
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert blocks["Milk"].blockFormat().marker() == marker.Unchecked
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.toPlainText().index("marked") + 2)
    assert cursor.charFormat().background().color().alpha() > 0
    assert cursor.charFormat().background().style() != Qt.BrushStyle.NoBrush


def test_a_binary_post_says_why_it_cannot_be_shown(
    qtbot: QtBot, make_window: WindowFactory, tmp_path: Path
) -> None:
    (tmp_path / "ok.md").write_text("# Fine\n\ntext\n", encoding="utf-8")
    (tmp_path / "blob.md").write_bytes(b"\x89PNG\x00\x00\x01binary")
    post = read_post(tmp_path / "blob.md", tmp_path)
    rendered = run_job(RenderJob(post, tmp_path, "light"))
    assert any("cannot be shown: binary file" in n for n in rendered.notices)
    window = make_window(tmp_path)
    window.open_post("blob.md")
    qtbot.waitUntil(lambda: "cannot be shown" in window.article.toPlainText())
