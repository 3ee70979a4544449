"""What the article pane shows above a post's body: cover, title, date, tag chips, notices."""

from __future__ import annotations

import re
from html import escape

from PySide6.QtCore import QUrl

from reader.core.library.post import Post
from reader.core.render.pipeline import RenderedPost
from reader.core.render.theme_css import palette

TAG_SCHEME = "reader-tag"


_LEADING_H1 = re.compile(r"<h1\b[^>]*>.*?</h1>", re.DOTALL)


def leading_title(post: Post, rendered: RenderedPost) -> str:
    """The body's opening ``<h1>`` when it says the post's title (the title came from it)."""
    match = _LEADING_H1.match(rendered.body_html)
    first_line = rendered.text.split("\n", 1)[0]
    if match is None or " ".join(first_line.split()) != " ".join(post.title.split()):
        return ""
    return match.group(0)


def header_html(post: Post, rendered: RenderedPost, theme: str) -> tuple[str, str, int]:
    """The cover and title, the meta lines below them, and how many blocks come before the
    body. A title the body opens with is shown once: the body's own heading stands in."""
    colours = palette(theme)
    top = []
    if post.image is not None:
        cover = QUrl.fromLocalFile(str(post.image)).toString()
        top.append(
            f'<p style="line-height:100%; margin-bottom:16px;">'
            f'<img src="{escape(cover)}" alt="cover"></p>'
        )
    body_has_title = bool(leading_title(post, rendered))
    if not body_has_title:
        top.append(f"<h1>{escape(post.title)}</h1>")
    meta = []
    date = post.date_iso()
    if date is not None:
        meta.append(escape(date[:10]))
    if post.draft:
        meta.append("draft")
    chips = " ".join(
        f'<a href="{TAG_SCHEME}:{escape(tag, quote=True)}" '
        f'style="color:{colours.link}; text-decoration:none;">#{escape(tag)}</a>'
        for tag in post.tags
    )
    if chips:
        meta.append(chips)
    lines = [f'<p style="color:{colours.muted};">{" &nbsp;·&nbsp; ".join(meta) or "&nbsp;"}</p>']
    for notice in rendered.notices:
        lines.append(f'<p style="color:{colours.muted};"><i>{escape(notice)}</i></p>')
    if body_has_title:
        return "".join(top), "".join(lines), len(top)
    return "".join(top) + "".join(lines), "", len(top) + len(lines)
