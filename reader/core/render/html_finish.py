"""The last pass over sanitised HTML: resolve images, insert labels, add trusted markup.

It runs after the sanitiser, so what it adds (table borders, ``file://`` image URLs, label spans,
the tables that draw boxes) is trusted. It reads the same allowlist as the sanitiser and drops
any tag outside it. Qt's rich-text engine knows neither ``<mark>``, ``<details>`` nor padded,
tinted ``<div>`` boxes, so those become what it does lay out: a classed span, and a one-cell
table (the only block Qt gives a background, a border and padding). It also removes
whitespace between blocks, which Qt would otherwise glue onto the previous block, so the
view's text stays predictable for `article_text`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser
from pathlib import Path

from reader.core.library.image_probe import probe_image
from reader.core.library.locations import RefKind, image_roots, resolve_reference
from reader.core.render.allowlist import (
    ALLOWED_TAGS,
    BLOCK_TAGS,
    BOX_CLASS,
    BOX_KINDS,
    BOX_TITLE_CLASS,
    FOOTNOTES_CLASS,
    MATH_CLASS,
    TASK_CLASSES,
    VOID_TAGS,
)
from reader.core.render.site_markup import TOKEN_RE

__all__ = ["BLOCK_TAGS", "VOID_TAGS", "ImageInfo", "finish_html", "placeholder_text"]

# A code block's final newline would show as an empty last line in Qt.
_PRE_TRAILING_NEWLINE = re.compile(r"\n((?:</code>|</span>)*)</pre>")
# Block elements Qt does not know would run into the text around them.
_RENAMED = {
    **dict.fromkeys(("address", "article", "aside", "figure", "main"), "div"),
    **dict.fromkeys(("footer", "header", "hgroup", "nav", "section"), "div"),
    "figcaption": "p",
    "mark": "span",
    "strike": "s",
}
_KEEP_ATTRS = frozenset(
    {"href", "id", "title", "lang", "dir", "start", "align", "colspan", "rowspan", "span", "style"}
)
# One class per element (Qt's style sheets match a single class name), and the colour on the
# cell: Qt paints no table background under the article's border-collapse.
_BOX_TABLE = (
    '<table class="box" width="100%" border="0" cellspacing="0" cellpadding="10">'
    '<tr><td class="box-{kind}">'
)
# Qt sizes headings itself and ignores CSS font sizes there; it leaves h6 at the body size, so
# h5 (one step smaller) came out smaller than h6. Two steps smaller restores the order.
_H6_FONT = '<font size="1">'


@dataclass(frozen=True, slots=True)
class ImageInfo:
    """One image reference in the body and what became of it (`path` only when shown)."""

    src: str
    alt: str
    kind: RefKind
    path: Path | None = None
    host: str = ""
    reason: str = ""

    @property
    def shown(self) -> bool:
        """True when the view loads the file; otherwise a placeholder stands in."""
        return self.path is not None


def resolve_image(src: str, alt: str, post_dir: Path, library_root: Path) -> ImageInfo:
    """Resolve one ``src`` and check, from its header and dimensions, that a local file is an
    image reader can show (the same probe the scan uses for covers).

    The one place an image reference is judged.
    """
    ref = resolve_reference(src, post_dir, library_root)
    if ref.kind is RefKind.LOCAL and ref.path is not None:
        probe = probe_image(ref.path, image_roots(library_root))
        if not probe.ok:
            return ImageInfo(src, alt, RefKind.LOCAL, None, "", f"{src} {probe.problem}")
        return ImageInfo(src, alt, RefKind.LOCAL, ref.path)
    return ImageInfo(src, alt, ref.kind, None, ref.host, ref.reason)


def placeholder_text(info: ImageInfo) -> str:
    """What a person sees instead of an image that is not loaded."""
    alt = f": {info.alt}" if info.alt.strip() else ""
    if info.kind is RefKind.REMOTE:
        where = info.host or "remote"
        return f"[image{alt} — {where}, not loaded]"
    return f"[image{alt} — {info.reason or 'not shown'}]"


def image_html(info: ImageInfo, title: str = "") -> str:
    """The markup for one resolved image: the file, or a placeholder saying why not."""
    if info.path is not None:
        extra = f' title="{escape(title)}"' if title else ""
        return f'<img src="{escape(info.path.as_uri())}" alt="{escape(info.alt)}"{extra}>'
    return f'<span class="placeholder">{escape(placeholder_text(info), quote=False)}</span>'


def _box_kind(classes: list[str]) -> str | None:
    if BOX_CLASS not in classes:
        return None
    for kind in BOX_KINDS:
        if f"{BOX_CLASS}-{kind}" in classes:
            return kind
    return "other"


class _Finisher(HTMLParser):
    def __init__(self, post_dir: Path, library_root: Path, labels: list[tuple[str, bool]]) -> None:
        super().__init__(convert_charrefs=True)
        self.post_dir = post_dir
        self.library_root = library_root
        self.labels = labels
        self.out: list[str] = []
        self.images: list[ImageInfo] = []
        self.pre_depth = 0
        self.after_block = True  # whitespace-only text here would attach to a block in Qt
        self.divs: list[str] = []  # what each open <div> (or <details>) became: "div" or "box"
        self.open_blocks = 0
        self.loose_p = False  # a <p> opened here around inline content outside any block

    def _inline_here(self) -> None:
        """Inline content outside every block (raw HTML after a block) gets a paragraph of its
        own: Qt would glue it onto the previous block, and the article text would disagree."""
        if self.open_blocks == 0 and not self.loose_p:
            self.out.append("<p>")
            self.loose_p = True

    def _block_here(self, opening: bool) -> None:
        if self.loose_p:
            self.out.append("</p>")
            self.loose_p = False
            self.after_block = True
        self.open_blocks = max(0, self.open_blocks + (1 if opening else -1))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs)
        if tag not in VOID_TAGS:
            self.handle_endtag(tag)

    def _start(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            return
        values = {k: _untoken(v or "") for k, v in attrs}
        classes = values.get("class", "").split()
        if tag in BLOCK_TAGS:
            self._block_here(tag not in VOID_TAGS)
        else:
            self._inline_here()
        if tag == "img":
            info = resolve_image(
                values.get("src", ""), values.get("alt", ""), self.post_dir, self.library_root
            )
            self.images.append(info)
            self.out.append(image_html(info, values.get("title", "")))
            self.after_block = False
            return
        if tag in ("div", "details"):
            kind = "details" if tag == "details" else _box_kind(classes)
            if kind is not None:
                self.divs.append("box")
                self.out.append(_BOX_TABLE.format(kind=kind))
                self.after_block = True
                return
            self.divs.append("div")
        kept = {k: v for k, v in values.items() if k in _KEEP_ATTRS}
        if tag != "span":
            kept.pop("style", None)
        new_class = _class_for(tag, classes)
        if new_class:
            kept["class"] = new_class
        tag = _RENAMED.get(tag, tag)
        if tag == "summary":
            tag, kept["class"] = "p", "box-title"
        if tag == "table":
            kept.update({"border": "1", "cellspacing": "0", "cellpadding": "6"})
        anchor = kept.get("id", "")
        if tag == "a" and anchor:
            kept["name"] = anchor
        text = "".join(f' {k}="{escape(v)}"' for k, v in kept.items())
        self.out.append(f"<{tag}{text}>")
        if anchor and tag != "a" and tag not in VOID_TAGS:
            self.out.append(f'<a name="{escape(anchor)}"></a>')
        if tag == "h6":
            self.out.append(_H6_FONT)
        if tag == "pre":
            self.pre_depth += 1
        self.after_block = tag in BLOCK_TAGS or tag == "br"

    def handle_endtag(self, tag: str) -> None:
        if tag not in ALLOWED_TAGS or tag in VOID_TAGS:
            return
        if tag in BLOCK_TAGS:
            self._block_here(False)
        if tag in ("div", "details") and self.divs:
            if self.divs.pop() == "box":
                self.out.append("</td></tr></table>")
                self.after_block = True
                return
            tag = "div"
        tag = _RENAMED.get(tag, tag)
        if tag == "summary":
            tag = "p"
        if tag == "pre" and self.pre_depth:
            self.pre_depth -= 1
        if tag == "h6":
            self.out.append("</font>")
        self.out.append(f"</{tag}>")
        self.after_block = tag in BLOCK_TAGS

    def handle_data(self, data: str) -> None:
        if not self.pre_depth and self.after_block and not data.strip(" \t\n\r\f"):
            return
        if not data.strip(" \t\n\r\f") and self.open_blocks == 0 and not self.loose_p:
            return
        self._inline_here()
        self.after_block = False
        pos = 0
        for m in TOKEN_RE.finditer(data):
            self.out.append(escape(data[pos : m.start()], quote=False))
            self.out.append(self._label(int(m.group(1))))
            pos = m.end()
        self.out.append(escape(data[pos:], quote=False))

    def _label(self, index: int) -> str:
        if not 0 <= index < len(self.labels):
            return ""
        text, muted = self.labels[index]
        if muted:
            return f'<span class="muted">{escape(text, quote=False)}</span>'
        return escape(text, quote=False)

    def close_open_boxes(self) -> None:
        """A box left open by the source still ends as a whole table."""
        if self.loose_p:
            self.out.append("</p>")
            self.loose_p = False
        while self.divs:
            if self.divs.pop() == "box":
                self.out.append("</td></tr></table>")


def _class_for(tag: str, classes: list[str]) -> str:
    """The class (if any) the article's style sheet knows this element by."""
    if tag == "mark":
        return "mark"
    if tag == "li":
        return next((c for c in classes if c in TASK_CLASSES), "")
    if tag == "pre" and MATH_CLASS in classes:
        return "math"
    if tag == "p" and BOX_TITLE_CLASS in classes:
        return "box-title"
    if tag in ("div", "section") and FOOTNOTES_CLASS in classes:
        return "footnote"
    return ""


def _untoken(value: str) -> str:
    return TOKEN_RE.sub("", value)


def finish_html(
    html: str, *, post_dir: Path, library_root: Path, labels: list[tuple[str, bool]]
) -> tuple[str, tuple[ImageInfo, ...]]:
    """Return the final body HTML and what each image reference resolved to."""
    finisher = _Finisher(post_dir, library_root, labels)
    finisher.feed(_PRE_TRAILING_NEWLINE.sub(r"\1</pre>", html))
    finisher.close()
    finisher.close_open_boxes()
    return "".join(finisher.out), tuple(finisher.images)
