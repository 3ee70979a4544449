"""Markdown body → HTML for the reader view, plus the article text and outline that go with it.

`render_post` is pure and never raises: whatever the body holds, the reader gets something to
read, and `notices` says what was simplified (very large posts, nesting too deep to lay out,
more tables, links or list items than can be laid out quickly).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Literal

from reader.core.render.article_text import article_text
from reader.core.render.budget import too_slow_to_render
from reader.core.render.html_finish import ImageInfo, finish_html
from reader.core.render.long_words import breakable
from reader.core.render.markdown_html import MAX_NESTING, convert
from reader.core.render.sanitize import sanitize_html
from reader.core.render.site_markup import clean_markup
from reader.core.render.theme_css import article_css, palette

__all__ = ["ImageInfo", "RenderedPost", "TocEntry", "render_post", "wrap_document"]

LARGE_POST_BYTES = 1_000_000  # above this the reader is told the post is large
# Above this the post is shown as plain paragraphs: Qt's layout of a rendered 5 MB post takes
# most of a minute; plain paragraphs take about a second.
HUGE_POST_BYTES = 2_000_000
# Above this not even plain text is laid out (50 MB took 18 s and 870 MB here): a message.
MAX_SHOWN_BYTES = 10_000_000
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_SPACE_RUN = re.compile(r"[^\S\xa0]+")  # HTML collapses white space, but not no-break spaces


@dataclass(frozen=True, slots=True)
class TocEntry:
    """One heading of the outline; `anchor` is the heading's id in `html`."""

    level: int
    title: str
    anchor: str


@dataclass(frozen=True, slots=True)
class RenderedPost:
    """A rendered body: `html` is a full document for QTextBrowser, `text` its article text."""

    html: str
    body_html: str
    text: str
    toc: tuple[TocEntry, ...] = ()
    notices: tuple[str, ...] = ()
    images: tuple[ImageInfo, ...] = ()


def normalise_body(body: str) -> str:
    """Line endings to LF; NULs, control characters and lone surrogates out."""
    body = body.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    body = _CONTROL.sub("", body)
    return body.encode("utf-8", "replace").decode("utf-8")


def _plain_body(body: str) -> tuple[str, str]:
    """The fallback: paragraphs of escaped text, line breaks kept, no markup interpreted.

    Returns the HTML and its article text, computed directly (the same text `article_text`
    reads from that HTML, which a test checks) because parsing back a huge fallback is slow.
    """
    paragraphs = [p for p in _BLANK_LINE.split(body) if p.strip()]
    html = "".join(
        "<p>" + "<br>".join(escape(line) for line in p.split("\n")) + "</p>" for p in paragraphs
    )
    text = "\n".join("\n".join(map(_plain_line, p.split("\n"))) for p in paragraphs)
    return html, text.replace("\xa0", " ")


def _plain_line(line: str) -> str:
    """One line as HTML shows it: white space collapsed, none at its start, one kept at its end."""
    return _SPACE_RUN.sub(" ", line).lstrip(" ")


def wrap_document(body_html: str, theme: str = "light") -> str:
    """Put `body_html` in a document carrying the theme's article style sheet."""
    return (
        '<html><head><meta charset="utf-8"><style>'
        + article_css(theme)
        + "</style></head><body>"
        + body_html
        + "</body></html>"
    )


def _size_text(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def _markdown_html(
    body: str, theme: str, post_dir: Path, library_root: Path
) -> tuple[str, tuple[ImageInfo, ...], tuple[TocEntry, ...], bool]:
    """The rendered body, its images and outline, and whether nesting was too deep."""
    cleaned, labels = clean_markup(body, post_dir=post_dir, library_root=library_root)
    converted = convert(cleaned, pygments_style=palette(theme).pygments_style)
    safe = sanitize_html(converted.html)
    body_html, images = finish_html(
        safe, post_dir=post_dir, library_root=library_root, labels=labels
    )
    toc = tuple(TocEntry(h.level, h.title, h.anchor) for h in converted.headings)
    return body_html, images, toc, converted.deepest_level >= MAX_NESTING - 1


def render_post(
    body: str,
    *,
    post_dir: Path,
    library_root: Path,
    theme: Literal["light", "dark"] = "light",
) -> RenderedPost:
    """Render a post body (front matter already removed) for the reader view.

    Images resolve inside the library only; remote ones become placeholders and are never
    fetched. Nothing escapes: on any failure the body is shown as plain text with a notice.
    """
    notices: list[str] = []
    try:
        body = normalise_body(body if isinstance(body, str) else str(body))
    except Exception:  # pragma: no cover - str methods on a str do not fail
        body = ""
    size = len(body.encode("utf-8"))
    huge = size > HUGE_POST_BYTES
    if size > LARGE_POST_BYTES:
        extra = " It is shown as plain text to stay responsive." if huge else ""
        notices.append(f"This post is large ({_size_text(size)}).{extra}")
    body_html = ""
    text: str | None = None
    images: tuple[ImageInfo, ...] = ()
    toc: tuple[TocEntry, ...] = ()
    fallback = ""
    if size > MAX_SHOWN_BYTES:
        limit = _size_text(MAX_SHOWN_BYTES)
        notices[-1] = f"This post is too large to show ({_size_text(size)}; the limit is {limit})."
        body_html = f"<p>{escape(notices[-1])} Open it in a text editor.</p>"
    elif huge:
        body_html, text = _plain_body(body)
    elif too_slow_to_render(body):
        fallback = "too many links, table cells, list items or site tags to lay out quickly"
    else:
        try:
            body_html, images, toc, too_deep = _markdown_html(body, theme, post_dir, library_root)
            if too_deep:
                fallback = "nesting too deep"
        except RecursionError:
            fallback = "nesting too deep"
        except Exception as exc:
            fallback = f"the Markdown could not be rendered ({type(exc).__name__})"
    if fallback:
        notices.append(f"Rendering fell back to plain text: {fallback}.")
        (body_html, text), images, toc = _plain_body(body), (), ()
    return RenderedPost(
        html=wrap_document(breakable(body_html), theme),
        body_html=body_html,
        text=article_text(body_html) if text is None else text,
        toc=toc,
        notices=tuple(notices),
        images=images,
    )
