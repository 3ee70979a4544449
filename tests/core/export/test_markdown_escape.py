"""Escaped text renders as the same text and cannot open headings, lists, HTML or tables."""

from __future__ import annotations

import re
from html import unescape

from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from reader.core.export.markdown_escape import (
    block_quote,
    code_span,
    escape_block,
    escape_inline,
    escape_line,
    lines_of,
    table_cell,
)

HOSTILE = (
    '# Heading | pipe <script>alert("x")</script> **bold** _em_ `code` [l](http://x) '
    "![i](y.png) [[wiki]] ==mark== %%hidden%% $x$ ^id #tag ~~s~~ R&D {attr}"
)


def _render(source: str) -> str:
    """markdown-it-py in CommonMark mode with tables, as reader (and Obsidian) renders."""
    html: str = MarkdownIt("commonmark").enable("table").render(source)
    return html.rstrip("\n")


def _text_of(html: str) -> str:
    """Rendered text, with any backslash CommonMark left (before non-punctuation) removed."""
    return re.sub(r"\\(.)", r"\1", unescape(re.sub(r"<[^>]+>", "", html)))


def test_inline_escape_renders_as_the_same_text() -> None:
    html = _render(escape_inline(HOSTILE))
    assert re.findall(r"<(\w+)", html) == ["p"]
    assert _text_of(html) == HOSTILE


def test_inline_escape_is_the_commonmark_escape_of_meaningful_characters() -> None:
    assert escape_inline("a|b <i> *x* [[w]] ==h== #t R&D") == (
        "a\\|b \\<i\\> \\*x\\* \\[\\[w\\]\\] \\=\\=h\\=\\= \\#t R\\&D"
    )
    assert escape_inline("plain words, dots. and (parens) — “quotes” café") == (
        "plain words, dots. and (parens) — “quotes” café"
    )


def test_line_start_markers_are_defused() -> None:
    for line, kept in [
        ("- item", "- item"),
        ("+ item", "+ item"),
        ("1. first", "1. first"),
        ("2) second", "2) second"),
        ("> quote", "> quote"),
        ("    code", "code"),
        ("---", "---"),
        ("===", "==="),
        ("```", "```"),
    ]:
        html = _render("para\n\n" + escape_line(line))
        assert re.findall(r"<(\w+)", html) == ["p", "p"], line
        assert _text_of(html).split("\n")[-1] == kept


def test_block_quote_prefixes_every_line_and_keeps_paragraphs() -> None:
    lines = block_quote("one\n# two\r\n\n- three\u2028four")
    assert lines == ["> one", "> \\# two", ">", "> \\- three", "> four"]
    html = _render("\n".join(lines))
    assert set(re.findall(r"<(\w+)", html)) == {"blockquote", "p"}


def test_empty_text_gives_no_lines() -> None:
    assert escape_block("  \n ") == [] and block_quote("") == []
    assert lines_of("a\rb\x00c") == ["a", "bc"]


def test_table_cell_is_one_line_with_pipes_escaped() -> None:
    cell = table_cell("a | b\n\n<b>c</b>\r\n- d")
    assert "\n" not in cell and cell.count("<br>") == 2
    html = _render(f"| h |\n|---|\n| {cell} |")
    assert html.count("<td>") == 1 and "<b>" not in html
    assert "a | b" in _text_of(html)


def test_code_span_fence_outgrows_backticks() -> None:
    assert code_span("a.md") == "`a.md`"
    assert code_span("a``b.md") == "```a``b.md```"
    assert code_span("`x") == "`` `x ``"
    assert _text_of(_render(code_span("we`ird.md"))) == "we`ird.md"


@given(st.text(alphabet=st.sampled_from(list("#*_-+>|<>`[]()!=~$%^&\\ab1. \n")), max_size=40))
def test_any_punctuation_stays_inside_the_quote(text: str) -> None:
    lines = block_quote(text)
    html = _render("\n".join(lines)) if lines else ""
    tags = set(re.findall(r"<(\w+)", html))
    assert tags <= {"blockquote", "p"}
