"""Put arbitrary text into Markdown so it reads as the same text and cannot change structure.

Quotes and notes may hold `|`, `#`, `<script>`, `[links]`, fences or list markers; written
as-is they would start headings, tables, raw HTML or Obsidian tags and links. CommonMark lets a
backslash make any ASCII punctuation literal, so the few characters with meaning are escaped
and line-start markers are defused; everything else is left readable.
"""

from __future__ import annotations

import re
from typing import Final

# Inline meaning in CommonMark, GFM or Obsidian: emphasis, code, links, raw HTML, entities,
# tables, strikethrough, ==highlight==, %%comments%%, $math$, ^block ids, #tags, [[links]].
_INLINE: Final = re.compile(r"([\\`*_\[\]<>|~=%$^#&{}])")
# At the start of a line: list items, ordered lists, setext underlines, block quotes.
_LINE_START: Final = re.compile(r"^([-+:]|\d+(?=[.)]))")
_BREAKS: Final = re.compile(r"\r\n|[\r\n\v\f\x85\u2028\u2029]")
_CONTROL: Final = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def lines_of(text: str) -> list[str]:
    """The text split on every kind of line break, control characters dropped."""
    return _BREAKS.split(_CONTROL.sub("", text))


def escape_inline(text: str) -> str:
    """One line of text made literal for Markdown (and for a Markdown table cell)."""
    return _INLINE.sub(r"\\\1", _CONTROL.sub("", text))


def escape_line(line: str) -> str:
    """A line made literal, including markers that only count at the start of a line."""
    stripped = line.strip()  # leading spaces would make an indented code block
    escaped = escape_inline(stripped)
    match = _LINE_START.match(escaped)
    if match is None:
        return escaped
    if match.group(1)[0].isdigit():
        end = match.end()
        return escaped[:end] + "\\" + escaped[end:]
    return "\\" + escaped


def escape_block(text: str) -> list[str]:
    """Text as literal Markdown lines; blank lines kept (they separate paragraphs)."""
    lines = [escape_line(line) for line in lines_of(text.strip())]
    return lines if any(lines) else []


def block_quote(text: str) -> list[str]:
    """Text as a Markdown block quote: every line prefixed, so nothing leaks out of it."""
    return [f"> {line}" if line else ">" for line in escape_block(text)]


def table_cell(text: str) -> str:
    """Text for one table cell: one line, `|` escaped, line breaks as `<br>`."""
    return "<br>".join(escape_line(line) for line in lines_of(text.strip()) if line.strip())


def code_span(text: str) -> str:
    """Text as inline code, with a fence longer than any run of backticks inside it."""
    clean = " ".join(lines_of(text))
    longest = max((len(run) for run in re.findall(r"`+", clean)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if clean.startswith("`") or clean.endswith("`") else ""
    return f"{fence}{pad}{clean}{pad}{fence}"
