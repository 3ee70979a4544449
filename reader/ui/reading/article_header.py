"""What the article pane shows above a post's body: cover, title, date, tag chips, notices."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QUrl

from reader.core.library.post import Post
from reader.core.render.pipeline import RenderedPost
from reader.core.render.theme_css import palette

TAG_SCHEME = "reader-tag"


def header_html(post: Post, rendered: RenderedPost, theme: str) -> tuple[str, int]:
    """The blocks shown above the body, and how many blocks they are (to find the body)."""
    colours = palette(theme)
    blocks = []
    if post.image is not None:
        cover = QUrl.fromLocalFile(str(post.image)).toString()
        blocks.append(
            f'<p style="line-height:100%; margin-bottom:16px;">'
            f'<img src="{escape(cover)}" alt="cover"></p>'
        )
    blocks.append(f"<h1>{escape(post.title)}</h1>")
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
    blocks.append(
        f'<p style="color:{colours.muted};">{" &nbsp;·&nbsp; ".join(meta) or "&nbsp;"}</p>'
    )
    for notice in rendered.notices:
        blocks.append(f'<p style="color:{colours.muted};"><i>{escape(notice)}</i></p>')
    return "".join(blocks), len(blocks)
