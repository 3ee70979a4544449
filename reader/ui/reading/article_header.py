"""The article's header: the cover (or a placeholder saying why it is not shown), the title,
and the meta line: date, why a hidden post is not published, tag and category chips, and
the post's languages (each a link to that translation)."""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from html import escape
from urllib.parse import quote, urlsplit

from PySide6.QtCore import QUrl

from reader.core.library.post import Post
from reader.core.render.pipeline import RenderedPost
from reader.core.render.theme_css import palette

TAG_SCHEME = "reader-tag"
CATEGORY_SCHEME = "reader-category"
TRANSLATION_SCHEME = "reader-post"
_LEADING_H1 = re.compile(r"<h1\b[^>]*>.*?</h1>", re.DOTALL)


def leading_title(post: Post, rendered: RenderedPost) -> str:
    """The body's opening ``<h1>`` when it says the post's title (the title came from it)."""
    match = _LEADING_H1.match(rendered.body_html)
    first_line = rendered.text.split("\n", 1)[0]
    if match is None or " ".join(first_line.split()) != " ".join(post.title.split()):
        return ""
    return match.group(0)


def cover_placeholder(post: Post) -> str:
    """What stands in for a cover that is not shown: the reason the scan gave, or the host of
    a remote one (never fetched)."""
    ref = post.image_ref or ""
    for problem in post.problems:
        if problem.kind == "image" and problem.message.startswith("cover "):
            return f"[cover — {problem.message.removeprefix('cover ')}]"
    host = urlsplit(ref if "://" in ref else "http:" + ref).hostname if "/" in ref else ""
    return f"[cover — {host or ref}, not loaded]"


def _chip(scheme: str, value: str, text: str, colour: str) -> str:
    return (
        f'<a href="{scheme}:{escape(quote(value, safe="/"), quote=True)}" '
        f'style="color:{colour}; text-decoration:none;">{escape(text)}</a>'
    )


def _meta(post: Post, theme: str, translations: Sequence[Post]) -> str:
    colours = palette(theme)
    meta = []
    date = post.date_iso()
    if date is not None:
        meta.append(escape(date[:10]))
    hidden = post.hidden_reason(time.time())
    if hidden:
        meta.append(escape(hidden))
    tags = " ".join(_chip(TAG_SCHEME, tag, f"#{tag}", colours.link) for tag in post.tags)
    if tags:
        meta.append(tags)
    categories = " ".join(
        _chip(CATEGORY_SCHEME, name, f"▸ {name}", colours.link) for name in post.categories
    )
    if categories:
        meta.append(categories)
    if translations:
        languages = [f"<b>{escape(post.lang or '?')}</b>"]
        languages += [
            _chip(TRANSLATION_SCHEME, other.path, other.lang or other.path, colours.link)
            for other in translations
        ]
        meta.append(" ".join(languages))
    return f'<p style="color:{colours.muted};">{" &nbsp;·&nbsp; ".join(meta) or "&nbsp;"}</p>'


def header_html(
    post: Post, rendered: RenderedPost, theme: str, translations: Sequence[Post] = ()
) -> tuple[str, str, int]:
    """The cover and title, the meta lines below them, and how many blocks come before the
    body. A title the body opens with is shown once: the body's own heading stands in."""
    top = []
    if post.image is not None:
        cover = QUrl.fromLocalFile(str(post.image)).toString()
        top.append(
            f'<p style="line-height:100%; margin-bottom:16px;">'
            f'<img src="{escape(cover)}" alt="cover"></p>'
        )
    elif post.image_ref:
        placeholder = escape(cover_placeholder(post), quote=False)
        top.append(f'<p><span class="placeholder">{placeholder}</span></p>')
    body_has_title = bool(leading_title(post, rendered))
    if not body_has_title:
        top.append(f"<h1>{escape(post.title)}</h1>")
    lines = [_meta(post, theme, translations)]
    muted = palette(theme).muted
    for notice in rendered.notices:
        lines.append(f'<p style="color:{muted};"><i>{escape(notice)}</i></p>')
    if body_has_title:
        return "".join(top), "".join(lines), len(top)
    return "".join(top) + "".join(lines), "", len(top) + len(lines)
