"""The last pass over sanitised HTML: resolve images, insert labels, add trusted markup.

It runs after the sanitiser, so what it adds (table borders, ``file://`` image URLs, label spans)
is trusted. It also removes whitespace between blocks, which Qt would otherwise glue onto the
previous block, so the view's text stays predictable for `article_text`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser
from pathlib import Path

from reader.core.library.image_probe import probe_image
from reader.core.library.locations import RefKind, image_roots, resolve_reference
from reader.core.render.site_markup import TOKEN_RE

BLOCK_TAGS = frozenset(
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
VOID_TAGS = frozenset({"br", "hr", "img", "wbr", "col", "meta"})
# A code block's final newline would show as an empty last line in Qt.
_PRE_TRAILING_NEWLINE = re.compile(r"\n((?:</code>|</span>)*)</pre>")
# Block elements Qt does not know would run into the text around them.
_RENAMED = {
    **dict.fromkeys(("address", "article", "aside", "details", "figure"), "div"),
    **dict.fromkeys(("footer", "header", "hgroup", "nav", "section"), "div"),
    "summary": "p",
    "figcaption": "p",
}
_KEEP_ATTRS = frozenset(
    {"href", "id", "title", "lang", "dir", "start", "align", "colspan", "rowspan", "span", "style"}
)


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
    """Resolve one ``src`` and check, from its header, that a local file is an image reader
    can show (the same probe the scan uses for covers)."""
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

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, closed=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, closed=True)

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], *, closed: bool) -> None:
        values = {k: _untoken(v or "") for k, v in attrs}
        if tag == "img":
            self._image(values)
            self.after_block = False
            return
        tag = _RENAMED.get(tag, tag)
        kept = {k: v for k, v in values.items() if k in _KEEP_ATTRS}
        if tag != "span":
            kept.pop("style", None)
        if tag == "table":
            kept.update({"border": "1", "cellspacing": "0", "cellpadding": "6"})
        if tag == "div" and "footnote" in values.get("class", "").split():
            kept["class"] = "footnote"
        text = "".join(f' {k}="{escape(v)}"' for k, v in kept.items())
        self.out.append(f"<{tag}{text}>")
        if tag.startswith("h") and tag[1:].isdigit() and "id" in kept:
            self.out.append(f'<a name="{escape(kept["id"])}"></a>')
        if tag == "pre":
            self.pre_depth += 1
        self.after_block = tag in BLOCK_TAGS or tag == "br"

    def handle_endtag(self, tag: str) -> None:
        tag = _RENAMED.get(tag, tag)
        if tag in VOID_TAGS:
            return
        if tag == "pre" and self.pre_depth:
            self.pre_depth -= 1
        self.out.append(f"</{tag}>")
        self.after_block = tag in BLOCK_TAGS

    def handle_data(self, data: str) -> None:
        if not self.pre_depth and self.after_block and not data.strip(" \t\n\r\f"):
            return
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

    def _image(self, values: dict[str, str]) -> None:
        src, alt = values.get("src", ""), values.get("alt", "")
        info = resolve_image(src, alt, self.post_dir, self.library_root)
        self.images.append(info)
        if info.path is not None:
            title = values.get("title", "")
            extra = f' title="{escape(title)}"' if title else ""
            self.out.append(f'<img src="{escape(info.path.as_uri())}" alt="{escape(alt)}"{extra}>')
        else:
            text = escape(placeholder_text(info), quote=False)
            self.out.append(f'<span class="placeholder">{text}</span>')


def _untoken(value: str) -> str:
    return TOKEN_RE.sub("", value)


def finish_html(
    html: str, *, post_dir: Path, library_root: Path, labels: list[tuple[str, bool]]
) -> tuple[str, tuple[ImageInfo, ...]]:
    """Return the final body HTML and what each image reference resolved to."""
    finisher = _Finisher(post_dir, library_root, labels)
    finisher.feed(_PRE_TRAILING_NEWLINE.sub(r"\1</pre>", html))
    finisher.close()
    return "".join(finisher.out), tuple(finisher.images)
