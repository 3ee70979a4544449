"""Markdown export: sections per post, quotes as block quotes, labels, status when not anchored."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

from reader.core.anchoring.targets import AnchorStatus
from reader.core.export.markdown_format import hashtag, to_markdown
from tests.core.export.export_records import item, post


def test_one_section_per_annotated_post_with_its_metadata() -> None:
    text = to_markdown(
        [
            post(
                item("q1", note="n1", side="A", aspect="Scope", tags=["x"], color="green"),
                path="dir/a b.md",
                title="A vs. B",
                tags=["careers"],
            ),
            post(path="empty.md", title="Nothing here"),
        ]
    )
    assert text.startswith("# Reader notes\n\n## A vs. B\n")
    assert "- Date: 2024-05-06\n- Tags: #careers\n- Sides: A vs. B\n" in text
    assert "- Source: `dir/a b.md`\n- Notes: 1\n" in text
    assert "### 1. A · Scope\n\n> q1\n\nn1\n\n- Side: A\n- Aspect: Scope\n- Tags: #x\n" in text
    assert "- Colour: green\n" in text and "Status" not in text
    assert "Nothing here" not in text
    assert text.endswith("\n") and not text.endswith("\n\n")


def test_no_notes_says_so() -> None:
    assert to_markdown([post()]) == "# Reader notes\n\nNo notes match.\n"


def test_status_is_shown_when_not_anchored() -> None:
    text = to_markdown([post(item("q", status=AnchorStatus.ORPHANED))])
    assert "- Status: **orphaned** (the quote is no longer in the post)" in text
    assert "### 1. Note" in text


def test_hostile_quote_and_note_stay_inside_their_section() -> None:
    quote = "line | one\n# heading\n- item\n<script>alert(1)</script>\n```\n    code"
    note = "---\n## not a heading\n1. not a list"
    text = to_markdown([post(item(quote, note=note, aspect="**bold** # x"))])
    html = MarkdownIt("commonmark").enable("table").render(text)
    assert re.findall(r"<h(\d)", html) == ["1", "2", "3"]
    assert "<script" not in html and "<table" not in html and "<hr" not in html
    assert "<ol" not in html and "<strong>bold" not in html
    assert html.count("<code") == 1  # only the source path
    quoted = [line for line in text.splitlines() if line.startswith(">")]
    assert len(quoted) == 6


def test_hashtags_only_where_obsidian_reads_them() -> None:
    assert hashtag("growth mindset") == "#growth-mindset"
    assert hashtag("2024") == "2024"  # all digits is not a tag in Obsidian
    assert hashtag("a&b") == "a\\&b"
    assert hashtag("café/notes") == "#café/notes"
