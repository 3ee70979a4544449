"""The one list of tags, attributes and classes an article may contain.

The sanitiser (`sanitize`) lets exactly these through; the finishing step (`html_finish`) and
the article text (`article_text`) read the same sets, so a tag cannot be allowed in one place
and unknown in another. Classes are an allowlist too: the finishing step turns the few it knows
(boxes, math, marks, task items, footnotes) into markup Qt's rich-text engine can lay out.
"""

from __future__ import annotations

from typing import Final

# Block-level elements: each starts a new block in Qt's layout and in the article text.
BLOCK_TAGS: Final = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "center",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "head",
        "header",
        "hgroup",
        "hr",
        "html",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)
INLINE_TAGS: Final = frozenset(
    [
        "a",
        "abbr",
        "acronym",
        "b",
        "bdi",
        "bdo",
        "br",
        "cite",
        "code",
        "col",
        "colgroup",
        "del",
        "dfn",
        "em",
        "i",
        "img",
        "ins",
        "kbd",
        "mark",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strike",
        "strong",
        "sub",
        "sup",
        "time",
        "tt",
        "u",
        "var",
        "wbr",
    ]
)
# Structural tags that never reach the body (the sanitiser drops them, keeping their text).
_DOCUMENT_ONLY: Final = frozenset({"body", "head", "html"})
ALLOWED_TAGS: Final = (BLOCK_TAGS | INLINE_TAGS) - _DOCUMENT_ONLY
VOID_TAGS: Final = frozenset({"br", "hr", "img", "wbr", "col", "meta"})

ALLOWED_ATTRIBUTES: Final[dict[str, frozenset[str]]] = {
    "*": frozenset({"id", "title", "lang", "dir"}),
    "a": frozenset({"href"}),
    "img": frozenset({"src", "alt", "width", "height"}),
    "span": frozenset({"style"}),
    "ol": frozenset({"start"}),
    "td": frozenset({"align", "colspan", "rowspan"}),
    "th": frozenset({"align", "colspan", "rowspan"}),
    "col": frozenset({"span"}),
    "colgroup": frozenset({"span"}),
}

# Classes the renderer itself writes and the finishing step turns into Qt markup.
BOX_CLASS: Final = "reader-box"  # admonitions, alerts, notices, details: one styled box
BOX_TITLE_CLASS: Final = "reader-box-title"
# A box's kind picks its colour: GitHub's five alerts, details, and any other shortcode.
BOX_KINDS: Final = ("note", "tip", "important", "warning", "caution", "details", "other")
MATH_CLASS: Final = "reader-math"
FOOTNOTES_CLASS: Final = "footnotes"
TASK_CLASSES: Final = frozenset({"checked", "unchecked"})  # Qt's own check-box list markers
ALLOWED_CLASSES: Final[dict[str, frozenset[str]]] = {
    "div": frozenset({BOX_CLASS, FOOTNOTES_CLASS, *(f"{BOX_CLASS}-{kind}" for kind in BOX_KINDS)}),
    "pre": frozenset({MATH_CLASS}),
    "p": frozenset({BOX_TITLE_CLASS}),
    "section": frozenset({FOOTNOTES_CLASS}),
    "li": TASK_CLASSES,
}
# The properties a ``style`` attribute may keep: Pygments' colours, never a URL or a layout.
ALLOWED_STYLE_PROPERTIES: Final = frozenset(
    {"color", "background-color", "font-weight", "font-style"}
)
URL_SCHEMES: Final = frozenset({"http", "https", "mailto"})
# Elements removed together with everything inside them.
DROPPED_WITH_CONTENT: Final = frozenset(
    {"script", "style", "iframe", "object", "embed", "noscript", "template", "title"}
)
