"""Colours and the article style sheet, limited to what Qt's rich-text engine really honours.

Qt rich text (QTextBrowser) supports a CSS subset: type and class selectors in a ``<style>``
element, ``color``, ``background-color``, ``font-*``, ``line-height`` in percent, margins,
``border-collapse`` with the ``border``/``cellpadding`` table attributes. It ignores ``padding``
on blocks, ``border-left`` and ``max-width`` — so the view enforces the measure with margins
(see `SUGGESTED_MAX_WIDTH_EM`) and block quotes are set off by indent, colour and a tint.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Theme = Literal["light", "dark"]

# A comfortable measure is 60–75 characters; about 38em of body text.
SUGGESTED_MAX_WIDTH_EM = 38


@dataclass(frozen=True, slots=True)
class Palette:
    """The colours one theme uses; `pygments_style` colours code."""

    text: str
    background: str
    muted: str
    link: str
    code_bg: str
    quote_text: str
    quote_bg: str
    rule: str
    placeholder_bg: str
    pygments_style: str


PALETTES: dict[Theme, Palette] = {
    "light": Palette(
        text="#1f2328",
        background="#ffffff",
        muted="#5f6670",  # 5.8:1 on white (WCAG AA); was #8a8f98, 3.3:1
        link="#0b57d0",
        code_bg="#f3f4f6",
        quote_text="#4b5563",
        quote_bg="#f6f7f9",
        rule="#c8ccd2",
        placeholder_bg="#eef0f3",
        pygments_style="friendly",
    ),
    "dark": Palette(
        text="#e4e6eb",
        background="#1e1f22",
        muted="#8d939c",
        link="#8ab4f8",
        code_bg="#2b2d31",
        quote_text="#b8bec8",
        quote_bg="#26282c",
        rule="#4a4f57",
        placeholder_bg="#2f3237",
        pygments_style="monokai",
    ),
}


def palette(theme: str) -> Palette:
    """The palette for `theme`, light for anything unknown."""
    return PALETTES["dark"] if theme == "dark" else PALETTES["light"]


def article_css(theme: str) -> str:
    """The style sheet placed in every rendered article's ``<head>``."""
    p = palette(theme)
    mono = "'DejaVu Sans Mono', 'Menlo', 'Consolas', monospace"
    return f"""
body {{ color: {p.text}; background-color: {p.background}; }}
p, li, dd, dt, td, th {{ line-height: 150%; }}
p {{ margin-top: 0px; margin-bottom: 12px; }}
h1 {{ font-size: 200%; font-weight: 600; margin-top: 18px; margin-bottom: 10px; }}
h2 {{ font-size: 160%; font-weight: 600; margin-top: 18px; margin-bottom: 8px; }}
h3 {{ font-size: 130%; font-weight: 600; margin-top: 14px; margin-bottom: 6px; }}
h4 {{ font-size: 115%; font-weight: 600; margin-top: 12px; margin-bottom: 6px; }}
h5, h6 {{ font-size: 100%; font-weight: 600; margin-top: 10px; margin-bottom: 4px; }}
a {{ color: {p.link}; }}
code, kbd, samp, tt {{ font-family: {mono}; background-color: {p.code_bg}; }}
pre {{ font-family: {mono}; background-color: {p.code_bg}; margin-top: 4px;
       margin-bottom: 12px; }}
blockquote {{ color: {p.quote_text}; background-color: {p.quote_bg}; margin-left: 24px;
              margin-right: 12px; font-style: italic; }}
table {{ border-collapse: collapse; border-color: {p.rule}; margin-bottom: 12px; }}
th {{ font-weight: 600; background-color: {p.code_bg}; }}
dt {{ font-weight: 600; }}
dd {{ margin-left: 24px; }}
hr {{ color: {p.rule}; }}
.muted {{ color: {p.muted}; font-size: small; }}
.placeholder {{ color: {p.muted}; background-color: {p.placeholder_bg}; font-size: small; }}
.footnote {{ font-size: small; }}
"""
