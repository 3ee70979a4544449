"""A tooltip shows a person's text as typed, whatever markup it holds."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication

from reader.ui.common.tooltips import plain_tooltip


@pytest.mark.parametrize(
    "text",
    [
        "<b>Key</b> point",
        "Budget | cost <script>alert(1)</script> **owner**",
        "two\nlines  with   spaces",
        "&amp; stays &amp;",
    ],
)
def test_qt_shows_the_characters_typed(qapp: QApplication, text: str) -> None:
    document = QTextDocument()
    document.setHtml(plain_tooltip(text))
    assert document.toPlainText() == text
