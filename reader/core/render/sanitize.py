"""Sanitise the HTML a post may carry, with nh3 (the maintained ammonia binding).

Posts are untrusted: scripts, frames, style sheets, event handlers and ``javascript:`` links go.
Pygments colours arrive as ``style`` attributes on spans; only plain colour and weight properties
survive, so no stylesheet can reach a URL.
"""

from __future__ import annotations

import nh3

_TAGS = frozenset(
    [
        "a",
        "abbr",
        "acronym",
        "b",
        "bdi",
        "bdo",
        "blockquote",
        "br",
        "caption",
        "center",
        "cite",
        "code",
        "col",
        "colgroup",
        "dd",
        "del",
        "details",
        "dfn",
        "div",
        "dl",
        "dt",
        "em",
        "figcaption",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "i",
        "img",
        "ins",
        "kbd",
        "li",
        "mark",
        "ol",
        "p",
        "pre",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strike",
        "strong",
        "sub",
        "summary",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "time",
        "tr",
        "tt",
        "u",
        "ul",
        "var",
        "wbr",
    ]
)
_ATTRIBUTES: dict[str, set[str]] = {
    "*": {"id", "title", "lang", "dir"},
    "a": {"href", "class"},
    "img": {"src", "alt", "width", "height"},
    "span": {"style", "class"},
    "div": {"class"},
    "code": {"class"},
    "pre": {"class"},
    "sup": {"class"},
    "ol": {"start"},
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan"},
    "col": {"span"},
    "colgroup": {"span"},
}
_STYLE_PROPERTIES = frozenset({"color", "background-color", "font-weight", "font-style"})
_URL_SCHEMES = frozenset({"http", "https", "mailto"})


def sanitize_html(html: str) -> str:
    """Return `html` with everything unsafe removed and everything readable kept."""
    return nh3.clean(
        html,
        tags=set(_TAGS),
        clean_content_tags={"script", "style", "iframe", "object", "embed", "noscript", "template"},
        attributes={k: set(v) for k, v in _ATTRIBUTES.items()},
        url_schemes=set(_URL_SCHEMES),
        strip_comments=True,
        link_rel=None,
        filter_style_properties=set(_STYLE_PROPERTIES),
    )
