"""The article text: the plain text of a rendered body, as Qt's rich-text view lays it out.

Annotations store offsets into this text, and the command line computes it without Qt, so it is
defined here from the rendered HTML by the rules Qt's HTML importer follows, which the view's
``toPlainText()`` then shows (after `reader.core.render.posmap` normalises it):

- each block (paragraph, heading, list item, code line) is one line; lines are joined by ``\\n``;
  empty blocks vanish, except code lines and horizontal rules;
- whitespace collapses as in HTML (a trailing space in a block is kept), except in ``<pre>``;
  ``<br>`` is a ``\\n`` inside a block; non-breaking spaces read as spaces; list markers are not
  text;
- each table cell starts with a ``\\n`` (Qt's cell marker) even when empty, the table ends with a
  ``\\n`` (Qt's end-of-frame marker), and the block after a table is separated by one more ``\\n``
  only when the table's last cell has text — Qt's own rule, followed so offsets agree;
- images are not text (Qt shows U+FFFC, which the position map skips), but they make a block real.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from reader.core.render.html_finish import BLOCK_TAGS

_SPACE_RUN = re.compile(r"([^\S\xa0]+)")
_SKIP = frozenset({"style", "script", "title", "head"})
_CELLS = frozenset({"td", "th"})
_TABLE_PARTS = frozenset({"table", "thead", "tbody", "tfoot", "tr"})


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.current: list[str] = []
        self.real = False  # the current block exists even without text (image, code line)
        self.pending_sep = False  # a block was written: the next one needs a separator
        self.last_real = False  # whether the latest block inside a table cell had content
        self.space_pending = False
        self.line_start = True  # whitespace here is dropped (block start or after <br>)
        self.pre_depth = 0
        self.pre_fresh = False  # HTML drops a newline right after <pre>
        self.skip_depth = 0

    def end_block(self) -> None:
        """Close the current block, writing it (and a separator) if it is real."""
        if self.space_pending:
            self.current.append(" ")
            self.space_pending = False
        if self.current or self.real:
            if self.pending_sep:
                self.out.append("\n")
            self.out.extend(self.current)
            self.pending_sep = True
            self.last_real = True
        self.current = []
        self.real = False
        self.line_start = True

    def _separator(self) -> None:
        """A table cell or end-of-table marker: always one character."""
        self.end_block()
        self.out.append("\n")
        self.pending_sep = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.pre_fresh = False  # only a newline right after <pre> itself goes (not <pre><code>)
        if tag in _SKIP:
            self.skip_depth += 1
        elif tag == "br":
            if self.space_pending:
                self.current.append(" ")
                self.space_pending = False
            self.current.append("\n")
            self.line_start = True
        elif tag == "img":
            self._flush_space()
            self.real = True
            self.line_start = False
        elif tag in _CELLS:
            self._separator()
            self.last_real = False
        elif tag == "hr":
            self._block_start()
            self.real = True
            self.end_block()
        elif tag in _TABLE_PARTS:
            self.end_block()
        elif tag in BLOCK_TAGS:
            self._block_start()
            if tag == "pre":
                self.pre_depth += 1
                self.pre_fresh = True

    def _block_start(self) -> None:
        """Qt starts a new block as soon as a block element opens after one with content."""
        self.end_block()
        if self.pending_sep:
            self.out.append("\n")
            self.pending_sep = False

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag == "table":
            self.end_block()
            last = self.last_real
            self._separator()
            self.pending_sep = last
        elif tag in BLOCK_TAGS and tag != "hr":
            if tag == "pre" and self.pre_depth:
                self.pre_depth -= 1
            self.end_block()

    def _flush_space(self) -> None:
        if self.space_pending:
            self.current.append(" ")
            self.space_pending = False

    def handle_data(self, data: str) -> None:
        if self.skip_depth:
            return
        if self.pre_depth:
            if self.pre_fresh and data.startswith("\n"):
                data = data[1:]
            self.pre_fresh = False
            for i, line in enumerate(data.split("\n")):
                if i:
                    self.real = True
                    self.end_block()
                    self.real = True
                self.current.append(line)
            return
        for part in _SPACE_RUN.split(data):
            if not part:
                continue
            if part[0] != "\xa0" and part.isspace():
                if not self.line_start:
                    self.space_pending = True
            else:
                self._flush_space()
                self.current.append(part)
                self.line_start = False


def article_text(html: str) -> str:
    """Return the article text of rendered `html` (see the module docstring for the rules)."""
    collector = _Collector()
    collector.feed(html)
    collector.close()
    collector.end_block()
    return "".join(collector.out).replace("\xa0", " ")
