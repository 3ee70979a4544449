"""Notes as Markdown for Obsidian or any notes folder: one section per post, quotes as quotes.

Headings give Obsidian's outline one entry per post and per note; tags become `#tags` where
Obsidian accepts them. Quotes and notes are escaped (markdown_escape), so whatever they hold
stays text inside its own section.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from reader.core.anchoring.targets import AnchorStatus
from reader.core.export.markdown_escape import block_quote, code_span, escape_block, escape_inline
from reader.core.export.model import STATUS_NOTES, ExportedAnnotation, ExportedPost, annotated

_OBSIDIAN_TAG: Final = re.compile(r"^[\w/-]*[^\W\d][\w/-]*$")


def hashtag(tag: str) -> str:
    """`#tag` where Obsidian would read it as a tag, else the escaped text."""
    compact = "-".join(tag.split())
    if _OBSIDIAN_TAG.match(compact):
        return f"#{compact}"
    return escape_inline(tag)


def _label(text: str) -> str:
    """A hand-typed label on one line, spacing tidied, made literal."""
    return escape_inline(" ".join(text.split()))


def _heading(item: ExportedAnnotation, number: int) -> str:
    labels = [label for label in (item.annotation.side, item.annotation.aspect) if label]
    words = " · ".join(_label(label) for label in labels) or "Note"
    return f"### {number}. {words}"


def _details(item: ExportedAnnotation) -> list[str]:
    note = item.annotation
    rows: list[str] = []
    if note.side:
        rows.append(f"- Side: {_label(note.side)}")
    if note.aspect:
        rows.append(f"- Aspect: {_label(note.aspect)}")
    if note.tags:
        rows.append(f"- Tags: {' '.join(hashtag(tag) for tag in note.tags)}")
    rows.append(f"- Colour: {note.color}")
    if item.status is not AnchorStatus.ANCHORED:
        rows.append(f"- Status: **{item.status.value}** ({STATUS_NOTES[item.status]})")
    return rows


def _annotation_lines(item: ExportedAnnotation, number: int) -> list[str]:
    lines = [_heading(item, number), "", *block_quote(item.quote), ""]
    note = escape_block(item.annotation.note)
    if note:
        lines += [*note, ""]
    lines += [*_details(item), ""]
    return lines


def _post_lines(post: ExportedPost) -> list[str]:
    lines = [f"## {_label(post.title)}", ""]
    if post.date:
        lines.append(f"- Date: {post.date[:10]}")
    if post.tags:
        lines.append(f"- Tags: {' '.join(hashtag(tag) for tag in post.tags)}")
    if post.sides:
        lines.append(f"- Sides: {' vs. '.join(_label(side) for side in post.sides)}")
    lines += [f"- Source: {code_span(post.path)}", f"- Notes: {len(post.annotations)}", ""]
    for number, item in enumerate(post.annotations, start=1):
        lines += _annotation_lines(item, number)
    return lines


def to_markdown(posts: Sequence[ExportedPost], *, title: str = "Reader notes") -> str:
    """The notes of the posts as one Markdown document (posts without notes are left out)."""
    lines = [f"# {_label(title)}", ""]
    shown = annotated(posts)
    if not shown:
        lines += ["No notes match.", ""]
    for post in shown:
        lines += _post_lines(post)
    return "\n".join(lines).rstrip("\n") + "\n"
