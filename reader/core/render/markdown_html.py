"""Markdown to HTML with markdown-it-py in CommonMark mode, plus what Goldmark and GitHub add.

CommonMark is what Hugo (Goldmark), GitHub (cmark-gfm) and Obsidian follow, and markdown-it-py
passes all of its spec examples. On top of it: GFM tables, strikethrough, task lists and alerts
(markdown-it-py), footnotes, definition lists and ``$$`` math blocks (mdit-py-plugins), heading
and block attributes (`block_attributes`). Code is coloured by Pygments with inline styles; the
language is the first word of the fence's info string (``go {file="x"}`` and ``rust,ignore``
both name their language). Everything here writes only tags and classes of `allowlist`; the
sanitiser runs on the result anyway, since raw HTML from the post passes through.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.footnote import footnote_plugin
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexer import Lexer
from pygments.lexers import get_lexer_by_name
from pygments.util import ClassNotFound

from reader.core.render.allowlist import BOX_CLASS, BOX_TITLE_CLASS, MATH_CLASS
from reader.core.render.block_attributes import attributes_plugin
from reader.core.render.site_markup import TOKEN_RE

# Deeper nesting is unreadable and slow for Qt to lay out; markdown-it stops parsing there,
# which `render_post` notices (see `deepest_level`) and answers with plain text.
MAX_NESTING = 40
# Pygments is a regex engine per language: code past this size is shown uncoloured.
MAX_HIGHLIGHT_CHARS = 100_000
_LANGUAGE = re.compile(r"[^\s,{]+")
_MATH_LANGUAGES = frozenset({"math", "latex-math"})
_SLUG_DROP = re.compile(r"[^\w\- ]")


@dataclass(frozen=True, slots=True)
class Heading:
    """One heading as the outline lists it; `anchor` is its id in the HTML."""

    level: int
    title: str
    anchor: str


@dataclass(frozen=True, slots=True)
class Converted:
    """The HTML of a body, its headings and the deepest block nesting markdown-it reached."""

    html: str
    headings: tuple[Heading, ...]
    deepest_level: int


def language_of(info: str) -> str:
    """The language a fence names: its info string's first word, up to a comma or brace."""
    match = _LANGUAGE.match(info.strip())
    return match.group(0).lower() if match else ""


def slug(text: str) -> str:
    """A heading id as Hugo and GitHub make it: lower case, punctuation out, spaces to hyphens."""
    text = unicodedata.normalize("NFC", text).strip().lower()
    return _SLUG_DROP.sub("", text).replace(" ", "-")


@lru_cache(maxsize=4)
def _formatter(style: str) -> HtmlFormatter[str]:
    return HtmlFormatter(nowrap=True, noclasses=True, style=style)


@lru_cache(maxsize=256)
def _lexer(language: str) -> Lexer | None:
    """Pygments' lexer for a language name (its lookup walks every lexer: once per name)."""
    try:
        return get_lexer_by_name(language, stripnl=False, ensurenl=False)
    except ClassNotFound:
        return None


def highlight_code(code: str, language: str, style: str) -> str:
    """Code as HTML spans coloured by Pygments, or escaped when the language is unknown."""
    lexer = _lexer(language) if language and len(code) <= MAX_HIGHLIGHT_CHARS else None
    if lexer is not None:
        return highlight(code, lexer, _formatter(style))
    return escape(code, quote=False)


class _Renderer(RendererHTML):
    """HTML for the few tokens reader shows its own way (code, tasks, alerts, math)."""

    def fence(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        token = tokens[idx]
        language = language_of(token.info)
        if language in _MATH_LANGUAGES:
            return _math(token.content)
        code = highlight_code(token.content, language, str(env.get("pygments_style", "default")))
        return f"<pre><code>{code}</code></pre>\n"

    def code_block(
        self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        return f"<pre><code>{escape(tokens[idx].content, quote=False)}</code></pre>\n"

    def list_item_open(
        self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        meta = tokens[idx].meta
        if meta and "checked" in meta:
            return f'<li class="{"checked" if meta["checked"] else "unchecked"}">'
        return "<li>"

    def alert_open(
        self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        kind = str(tokens[idx].meta.get("kind", "note")).lower()
        return f'<div class="{BOX_CLASS} {BOX_CLASS}-{kind}">\n'

    def alert_title_open(
        self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        return f'<p class="{BOX_TITLE_CLASS}">'


def _math_block(
    self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return _math(tokens[idx].content)


def _math(tex: str) -> str:
    return f'<pre class="{MATH_CLASS}"><code>{escape(tex.strip(), quote=False)}</code></pre>\n'


def _footnote_caption(
    self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return str(tokens[idx].meta["id"] + 1)


def _footnote_anchor(
    self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    name = self.rules["footnote_anchor_name"](tokens, idx, options, env)
    sub = tokens[idx].meta.get("subId", 0)
    return f' <a href="#fnref{name}{f":{sub}" if sub > 0 else ""}">\u21a9</a>'


def _footnote_block_open(
    self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return '<hr>\n<section class="footnotes">\n<ol>\n'


def _heading_text(inline: Token) -> str:
    parts = [
        child.content for child in inline.children or () if child.type in ("text", "code_inline")
    ]
    return TOKEN_RE.sub("", "".join(parts)).strip()


def _heading_ids(state: StateCore) -> None:
    """Give every heading an id (Hugo's rule, made unique) and collect the outline."""
    seen: dict[str, int] = {}
    headings: list[Heading] = []
    tokens = state.tokens
    for i, token in enumerate(tokens):
        if token.type != "heading_open" or i + 1 >= len(tokens):
            continue
        title = _heading_text(tokens[i + 1])
        anchor = str(token.attrGet("id") or slug(title) or "heading")
        if anchor in seen:
            seen[anchor] += 1
            anchor = f"{anchor}-{seen[anchor]}"
        seen.setdefault(anchor, 0)
        token.attrSet("id", anchor)
        headings.append(Heading(int(token.tag[1]), title, anchor))
    state.env["reader_headings"] = headings


def _cell_alignment(state: StateCore) -> None:
    """Table alignment as the ``align`` attribute Qt reads (markdown-it writes a style)."""
    for token in state.tokens:
        if token.type in ("th_open", "td_open"):
            style = str(token.attrGet("style") or "")
            if style.startswith("text-align:"):
                token.attrs.pop("style", None)
                token.attrSet("align", style.partition(":")[2].strip())


class _Parser(MarkdownIt):
    """Every link is made, as cmark-gfm makes it; the sanitiser then drops an unsafe URL
    (``javascript:``, ``file:``) and keeps the text, instead of the source showing literally."""

    def validateLink(self, url: str) -> bool:
        return True


@lru_cache(maxsize=2)
def parser() -> MarkdownIt:
    """The one configured parser (markdown-it instances are reusable between documents)."""
    md = _Parser("commonmark", {"maxNesting": MAX_NESTING}, renderer_cls=_Renderer)
    md.enable(["table", "strikethrough"])
    md.options["tasklists"] = True
    md.options["alerts"] = True
    md.options["xhtmlOut"] = False
    md.use(footnote_plugin, inline=False)
    md.use(deflist_plugin)
    md.use(dollarmath_plugin, allow_labels=False, allow_blank_lines=False)
    md.disable("math_inline")  # a lone "$" is money far more often than mathematics
    md.use(attributes_plugin)
    md.core.ruler.push("reader_heading_ids", _heading_ids)
    md.core.ruler.push("reader_cell_alignment", _cell_alignment)
    md.add_render_rule("math_block", _math_block)
    md.add_render_rule("math_block_label", _math_block)
    md.add_render_rule("footnote_caption", _footnote_caption)
    md.add_render_rule("footnote_anchor", _footnote_anchor)
    md.add_render_rule("footnote_block_open", _footnote_block_open)
    return md


def convert(markdown: str, *, pygments_style: str) -> Converted:
    """Render Markdown (site markup already rewritten) to unsanitised HTML."""
    md = parser()
    env: dict[str, Any] = {"pygments_style": pygments_style}
    tokens = md.parse(markdown, env)
    deepest = max((token.level for token in tokens), default=0)
    html = md.renderer.render(tokens, md.options, env)
    return Converted(html, tuple(env.get("reader_headings", ())), deepest)
