"""Attribute lists the way Goldmark and kramdown read them: ``## Title {#id .class}``, a line
``{.class}`` after a block, and kramdown's ``{: .class}`` / ``{:toc}`` lines.

mdit-py-plugins' attrs plugins read djot's syntax (inline attributes, block attributes on the
line *before* a block); Goldmark and kramdown put them at the end of a heading or on the line
*after* a block. This small core rule runs between block and inline parsing and removes those
lists from the text, keeping an ``id`` or ``class`` on the block it belongs to, so they never
show up as literal braces.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from mdit_py_plugins.attrs.parse import ParseError, parse

_TRAILING = re.compile(r"[ \t]*(\{[^{}\n]*\})[ \t]*$")
_LINE = re.compile(r"^[ \t]*(\{[^{}\n]*\})[ \t]*$", re.MULTILINE)
_KRAMDOWN = re.compile(r"^\{:[^{}\n]*\}$")


def attribute_list(text: str) -> dict[str, str] | None:
    """The attributes in `text` (one ``{...}`` list), or None when it is not a list."""
    text = text.strip()
    if _KRAMDOWN.match(text):
        return _kramdown(text[2:-1])
    if len(text) < 3 or (text[1] not in ".#" and "=" not in text):
        return None
    try:
        end, attrs = parse(text)
    except ParseError:
        return None
    return attrs if end == len(text) - 1 else None  # `end` is the index of the last brace


def _kramdown(inner: str) -> dict[str, str]:
    """kramdown IAL/ALD contents: keep ``#id`` and ``.class``, ignore references like ``toc``."""
    attrs: dict[str, str] = {}
    classes = []
    for part in inner.split():
        if part.startswith("#") and len(part) > 1:
            attrs["id"] = part[1:]
        elif part.startswith(".") and len(part) > 1:
            classes.append(part[1:])
    if classes:
        attrs["class"] = " ".join(classes)
    return attrs


def _apply(token: Token | None, attrs: dict[str, str]) -> None:
    if token is None:
        return
    if "id" in attrs:
        token.attrSet("id", attrs["id"])
    if "class" in attrs:
        token.attrSet("class", attrs["class"])


def _previous_open(tokens: list[Token], index: int) -> Token | None:
    """The opening token of the block that ends right before `index`, at the same level."""
    level = tokens[index].level
    for j in range(index - 1, -1, -1):
        if tokens[j].level == level and tokens[j].nesting == 1:
            return tokens[j]
        if tokens[j].level < level:
            return None
    return None


def _heading(tokens: list[Token], i: int) -> None:
    inline = tokens[i + 1]
    m = _TRAILING.search(inline.content)
    if m is None:
        return
    attrs = attribute_list(m.group(1))
    if attrs is None:
        return
    inline.content = inline.content[: m.start()]
    _apply(tokens[i], attrs)


def _paragraph(tokens: list[Token], i: int) -> bool:
    """Strip attribute lines from a paragraph; True when nothing else was left in it."""
    inline = tokens[i + 1]
    lines = inline.content.split("\n")
    first = attribute_list(lines[0]) if _LINE.match(lines[0]) else None
    if first is not None and len(lines) > 1:
        _apply(tokens[i], first)
        lines = lines[1:]
    last = attribute_list(lines[-1]) if _LINE.match(lines[-1]) else None
    if last is None:
        inline.content = "\n".join(lines)
        return False
    if len(lines) == 1:
        _apply(_previous_open(tokens, i), last)
        return True
    _apply(tokens[i], last)
    inline.content = "\n".join(lines[:-1])
    return False


def _table_row(tokens: list[Token], i: int) -> int:
    """A last table row holding only an attribute list (``{.class}`` after a table): its size."""
    j = i + 1
    cells = 0
    attrs: dict[str, str] | None = None
    while j < len(tokens) and tokens[j].type != "tr_close":
        if tokens[j].type == "inline":
            cells += 1
            text = tokens[j].content
            if cells == 1:
                attrs = attribute_list(text)
            elif text.strip():
                return 0
        j += 1
    if attrs is None or j + 1 >= len(tokens) or tokens[j + 1].type != "tbody_close":
        return 0
    return j - i + 1


def attributes_rule(state: StateCore) -> None:
    """Remove Goldmark/kramdown attribute lists, applying ids and classes to their blocks."""
    tokens = state.tokens
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.type == "heading_open" and i + 1 < len(tokens):
            _heading(tokens, i)
        elif (
            token.type == "paragraph_open"
            and i + 2 < len(tokens)
            and tokens[i + 1].type == "inline"
            and "{" in tokens[i + 1].content
            and _paragraph(tokens, i)
        ):
            i += 3
            continue
        elif token.type == "tr_open":
            size = _table_row(tokens, i)
            if size:
                i += size
                continue
        out.append(token)
        i += 1
    state.tokens = out


def attributes_plugin(md: MarkdownIt) -> None:
    """Install `attributes_rule` between block and inline parsing."""
    md.core.ruler.after("block", "reader_attributes", attributes_rule)
