"""What a screen reader announces for the window's panes ("Article: Program Manager vs. …").

Names say what a pane is and what it holds now; descriptions say how to use it. The lists
name themselves as they change (see the browser and the panel); this module names the rest
and is called again whenever the open post changes.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtWidgets import QDockWidget, QLineEdit, QWidget

from reader.core.library.post import Post
from reader.ui.reading.article_view import ArticleView


class Described(Protocol):
    """The parts of the main window that are named here."""

    @property
    def article(self) -> ArticleView: ...
    @property
    def outline(self) -> QWidget: ...
    @property
    def outline_dock(self) -> QDockWidget: ...
    @property
    def annotations_panel(self) -> QDockWidget: ...
    @property
    def comparison(self) -> QDockWidget: ...
    @property
    def filter_box(self) -> QLineEdit: ...


def article_name(post: Post | None) -> str:
    """ "Article: <title>", or what the empty pane is."""
    return f"Article: {post.title}" if post is not None else "Article, no post open"


def describe_window(window: Described) -> None:
    """Name and describe the panes for the post open now."""
    post = window.article.current_post()
    window.article.setAccessibleName(article_name(post))
    window.article.setAccessibleDescription(
        "The post's text. Arrows scroll; Shift+arrows select; F7 shows a caret. "
        "H highlights the selection, N adds a note, 1 and 2 label a side, A sets an aspect."
    )
    window.outline.setAccessibleName("Outline")
    window.outline.setAccessibleDescription("The post's headings; Enter scrolls to one.")
    window.outline_dock.setAccessibleName("Outline pane")
    window.annotations_panel.setAccessibleName("Annotations pane")
    window.annotations_panel.setAccessibleDescription(
        "The post's notes in document order, with filters; Ctrl+Shift+A comes here."
    )
    window.comparison.setAccessibleName("Comparison pane")
    window.comparison.setAccessibleDescription("Aspects by sides; Ctrl+Shift+T comes here.")
