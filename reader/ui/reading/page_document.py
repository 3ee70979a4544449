"""The article's page (header and body) as HTML, and as a QTextDocument made in any thread.

Qt parsing the HTML of a 1 MB post (`setHtml`) held the GUI thread 150 ms. QTextDocument is
reentrant: a large post's document is made in the render worker, next to the rendering, moved
to the GUI thread, and the view only adopts it. Parsing loads no resource (images are asked
for at layout, by then from the view, which allows only the library's own).

PySide holds the interpreter's lock through a call into Qt, so one `setHtml` of 1.7 MB would
still hold the GUI thread's Python (its slots, its painting) 150 ms. A large page is parsed
in slices instead, each a few hundred ms of text fewer: the first by `setHtml`, the others
inserted at the end, cut between top-level elements before a paragraph or a heading. Each
slice's first block is opened with the formats it has when parsed alone (an insertion merges
it into the block it lands in), so the document is the one `setHtml` makes, format for format.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont, QTextCursor, QTextDocument

from reader.core.library.post import Post
from reader.core.render.pipeline import RenderedPost
from reader.ui.reading.article_header import header_html, leading_title

SLICE_CHARS: Final = 100_000  # of HTML parsed in one call: about 15 ms
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?(/?)>")
_VOID = frozenset({"area", "base", "br", "col", "hr", "img", "input", "link", "meta", "wbr"})
_SIMPLE_START = re.compile(r"<(?:p|h[1-6])\b", re.IGNORECASE)  # where a slice may begin


@dataclass(frozen=True, slots=True)
class Page:
    """The page's HTML, and how many blocks the header takes (the body starts after)."""

    html: str
    header_blocks: int


@dataclass(frozen=True, slots=True)
class BuiltPage:
    """A page's document, and what it was made for (the view adopts it only for that)."""

    document: QTextDocument
    header_blocks: int
    post: Post
    theme: str
    font: QFont


def page_of(
    post: Post, rendered: RenderedPost, theme: str, translations: Sequence[Post] = ()
) -> Page:
    """The header (cover, title, meta line) put before the rendered body."""
    header, meta, header_blocks = header_html(post, rendered, theme, translations)
    html = rendered.html.replace("<body>", "<body>" + header, 1)
    if meta:  # the body's first heading is the title: the meta lines go right below it
        title = leading_title(post, rendered)
        html = html.replace(title, title + meta, 1)
    return Page(html, header_blocks)


def build_page(
    post: Post, rendered: RenderedPost, theme: str, translations: Sequence[Post], font: QFont
) -> BuiltPage | None:
    """The page's document, parsed here (any thread) and handed to the GUI thread; None when
    its body cannot be cut in slices (then the GUI thread's `setHtml` costs the same, and a
    document adopted whole is laid out whole at once: a 500 KB line took seconds)."""
    page = page_of(post, rendered, theme, translations)
    start, end = page.html.find("<body>"), page.html.rfind("</body>")
    if start < 0 or end < start or len(slices(page.html[start + len("<body>") : end])) < 2:
        return None
    document = QTextDocument()
    document.setDefaultFont(font)
    fill(document, page.html)
    app = QCoreApplication.instance()
    if app is not None:
        document.moveToThread(app.thread())
    return BuiltPage(document, page.header_blocks, post, theme, QFont(font))


def fill(document: QTextDocument, html: str, size: int = SLICE_CHARS) -> None:
    """`document.setHtml(html)`, in slices of about `size` characters of the body."""
    start, end = html.find("<body>"), html.rfind("</body>")
    if start < 0 or end < start or end - start <= size:
        document.setHtml(html)
        return
    head, tail = html[: start + len("<body>")], html[end:]
    parts = slices(html[len(head) : end], size)
    document.setHtml(head + parts[0] + tail)
    for part in parts[1:]:
        alone = QTextDocument()  # the formats of the slice's first block, parsed alone
        alone.setDefaultFont(document.defaultFont())
        alone.setHtml(head + first_element(part) + tail)
        cursor = QTextCursor(document)
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertBlock(alone.begin().blockFormat(), alone.begin().charFormat())
        cursor.insertHtml(head + part + tail)


def _depths(body: str) -> list[tuple[int, int]]:
    """(end of tag, depth after it) for every tag that opens or closes an element."""
    found: list[tuple[int, int]] = []
    depth = 0
    for match in _TAG.finditer(body):
        if match.group(3) or match.group(2).lower() in _VOID:
            continue
        depth += -1 if match.group(1) else 1
        found.append((match.end(), depth))
    return found


def slices(body: str, size: int = SLICE_CHARS) -> list[str]:
    """`body` cut between top-level elements, each piece at least `size` characters, the
    next one starting with a paragraph or a heading (never inside a list or a table)."""
    parts: list[str] = []
    start = 0
    for position, depth in _depths(body):
        if depth == 0 and position - start >= size and _SIMPLE_START.match(body, position):
            parts.append(body[start:position])
            start = position
    parts.append(body[start:])
    return parts


def first_element(body: str) -> str:
    """The first top-level element of `body` (all of it when it never closes)."""
    for position, depth in _depths(body):
        if depth == 0:
            return body[:position]
    return body
