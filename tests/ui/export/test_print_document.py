"""The printed post's document: highlights, numbers after passages, notes, side marks, images."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication

from reader.core.export.printable import PrintablePost, printable_post
from reader.core.library.scan import scan_library
from reader.core.notes.files import parse_bytes
from reader.ui.export.print_document import PrintTextDocument, build_print_document
from tests.conftest import ARTICLES, FIXTURES

SEED = "program-manager-vs-project-manager.md"


@pytest.fixture
def printable(qapp: QApplication) -> PrintablePost:
    post = scan_library(ARTICLES).find(SEED)
    assert post is not None
    data = (FIXTURES / "export" / "notes" / f"{SEED}.yaml").read_bytes()
    return printable_post(ARTICLES, post, parse_bytes(data, SEED))


def test_each_numbered_passage_is_followed_by_its_number(printable: PrintablePost) -> None:
    printed = build_print_document(printable, ARTICLES)
    text = printed.document.toPlainText()
    for note in printable.placed:
        quote = note.annotation.target.exact
        at = text.find(quote + str(note.number))
        assert at != -1, quote
    assert text.index("Notes\n") > text.index("lasting impact")  # the notes come at the end
    assert "Notes whose passage is no longer in the post" in text


def test_side_marks_cover_the_labelled_passages(printable: PrintablePost) -> None:
    printed = build_print_document(printable, ARTICLES)
    text = printed.document.toPlainText()
    labelled = [n for n in printable.placed if n.side_index is not None]
    assert len(printed.marks) == len(labelled) == 10
    for mark, note in zip(printed.marks, labelled, strict=True):
        quote = note.annotation.target.exact
        assert text[mark.start : mark.start + len(quote)] == quote
        assert mark.side_index == note.side_index


def test_notes_beside_their_passage(printable: PrintablePost) -> None:
    printed = build_print_document(printable, ARTICLES, "beside")
    text = printed.document.toPlainText()
    first = printable.placed[0]
    passage = text.index(first.annotation.target.exact)
    note = text.index("1  Many projects under one umbrella.", passage)
    assert note < text.index("What is a Project Manager?")
    assert "Notes\n" not in text  # no section at the end, except for the gone passages
    assert "Notes whose passage is no longer in the post" in text


def test_markup_in_notes_is_text(printable: PrintablePost) -> None:
    printed = build_print_document(printable, ARTICLES)
    text = printed.document.toPlainText()
    assert '<script>alert("x")</script> [link](http://example.com) `code`' in text
    assert "<script>" not in printed.document.toHtml().replace("&lt;script&gt;", "")


def test_only_images_inside_the_library_are_loaded(tmp_path: Path, qapp: QApplication) -> None:
    document = PrintTextDocument(ARTICLES)
    image = QTextDocument.ResourceType.ImageResource.value
    inside = QUrl.fromLocalFile(str(ARTICLES / "coverimg" / "img_post1.png"))
    outside = tmp_path / "secret.png"
    outside.write_bytes((ARTICLES / "coverimg" / "img_post1.png").read_bytes())
    assert document.loadResource(image, inside) is not None
    assert document.loadResource(image, QUrl.fromLocalFile(str(outside))) is None
    assert document.loadResource(image, QUrl("https://example.com/x.png")) is None
