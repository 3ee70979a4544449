"""Markdown body → HTML for the reader view, plus the article text and outline that go with it.

`render_post` is pure and never raises: whatever the body holds, the reader gets something to
read, and `notices` says what was simplified (very large posts, nesting too deep to lay out).
"""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any, Literal

import markdown

from reader.core.render.article_text import article_text
from reader.core.render.budget import too_slow_to_render
from reader.core.render.html_finish import ImageInfo, finish_html
from reader.core.render.sanitize import sanitize_html
from reader.core.render.site_markup import TOKEN_RE, clean_markup
from reader.core.render.theme_css import article_css, palette

__all__ = ["ImageInfo", "RenderedPost", "TocEntry", "render_post", "wrap_document"]

LARGE_POST_BYTES = 1_000_000  # above this the reader is told the post is large
# Above this the post is shown as plain paragraphs: Qt's layout of a rendered 5 MB post takes
# most of a minute (and Python-Markdown about 10 s), plain paragraphs take about a second.
HUGE_POST_BYTES = 2_000_000
# Above this not even plain text is laid out (50 MB took 18 s and 870 MB here): a message.
MAX_SHOWN_BYTES = 10_000_000
MAX_NESTING = 48  # deeper block nesting is unreadable in the view and slow to lay out
_DEEP_QUOTE = re.compile(r"^[ \t]*(?:>[ \t]*){200}", re.MULTILINE)
_DEEP_INDENT = re.compile(r"^[ \t]{800}", re.MULTILINE)
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_NESTING_TAGS = re.compile(r"<(/?)(blockquote|ul|ol|dl|table|div)\b", re.IGNORECASE)


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


def _extensions(theme: str) -> tuple[list[str], dict[str, dict[str, Any]]]:
    config: dict[str, dict[str, Any]] = {
        "codehilite": {
            "noclasses": True,
            "guess_lang": False,
            "pygments_style": palette(theme).pygments_style,
            "css_class": "codehilite",
        },
        "toc": {"permalink": False},
    }
    names = ["tables", "fenced_code", "codehilite", "footnotes", "def_list", "toc", "sane_lists"]
    return names, config


def _normalise(body: str) -> str:
    """Line endings to LF; NULs, control characters and lone surrogates out."""
    body = body.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    body = _CONTROL.sub("", body)
    return body.encode("utf-8", "replace").decode("utf-8")


def _flatten_toc(tokens: list[dict[str, Any]], out: list[TocEntry]) -> None:
    for token in tokens:
        title = TOKEN_RE.sub("", html_lib.unescape(str(token.get("name", "")))).strip()
        out.append(TocEntry(int(token.get("level", 1)), title, str(token.get("id", ""))))
        _flatten_toc(list(token.get("children", [])), out)


def _max_nesting(html: str) -> int:
    depth = deepest = 0
    for m in _NESTING_TAGS.finditer(html):
        depth = max(0, depth - 1) if m.group(1) else depth + 1
        deepest = max(deepest, depth)
    return deepest


def _plain_body(body: str) -> str:
    """The fallback: paragraphs of escaped text, line breaks kept, no markup interpreted."""
    paragraphs = [p for p in re.split(r"\n[ \t]*\n", body) if p.strip()]
    return "".join(
        "<p>" + "<br>".join(escape(line) for line in p.split("\n")) + "</p>" for p in paragraphs
    )


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
) -> tuple[str, tuple[ImageInfo, ...], tuple[TocEntry, ...]]:
    cleaned, labels = clean_markup(body)
    names, config = _extensions(theme)
    md = markdown.Markdown(extensions=names, extension_configs=config, output_format="html")
    converted = md.convert(cleaned)
    toc: list[TocEntry] = []
    _flatten_toc(list(getattr(md, "toc_tokens", [])), toc)
    safe = sanitize_html(converted)
    body_html, images = finish_html(
        safe, post_dir=post_dir, library_root=library_root, labels=labels
    )
    return body_html, images, tuple(toc)


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
        body = _normalise(body if isinstance(body, str) else str(body))
    except Exception:  # pragma: no cover - str methods on a str do not fail
        body = ""
    size = len(body.encode("utf-8"))
    huge = size > HUGE_POST_BYTES
    if size > LARGE_POST_BYTES:
        extra = " It is shown as plain text to stay responsive." if huge else ""
        notices.append(f"This post is large ({_size_text(size)}).{extra}")
    body_html = ""
    images: tuple[ImageInfo, ...] = ()
    toc: tuple[TocEntry, ...] = ()
    fallback = ""
    if size > MAX_SHOWN_BYTES:
        limit = _size_text(MAX_SHOWN_BYTES)
        notices[-1] = f"This post is too large to show ({_size_text(size)}; the limit is {limit})."
        body_html = f"<p>{escape(notices[-1])} Open it in a text editor.</p>"
    elif huge:
        body_html = _plain_body(body)
    elif _DEEP_QUOTE.search(body) or _DEEP_INDENT.search(body):
        fallback = "nesting too deep"
    elif too_slow_to_render(body):
        fallback = "too many links, table cells or list items to lay out quickly"
    else:
        try:
            body_html, images, toc = _markdown_html(body, theme, post_dir, library_root)
            if _max_nesting(body_html) > MAX_NESTING:
                fallback = "nesting too deep"
        except RecursionError:
            fallback = "nesting too deep"
        except Exception as exc:
            fallback = f"the Markdown could not be rendered ({type(exc).__name__})"
    if fallback:
        notices.append(f"Rendering fell back to plain text: {fallback}.")
        body_html, images, toc = _plain_body(body), (), ()
    return RenderedPost(
        html=wrap_document(body_html, theme),
        body_html=body_html,
        text=article_text(body_html),
        toc=toc,
        notices=tuple(notices),
        images=images,
    )
