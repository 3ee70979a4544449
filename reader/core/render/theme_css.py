"""Colours and the article style sheet (``resources/article.css``), limited to what Qt's
rich-text engine really honours.

Qt rich text (QTextBrowser) supports a CSS subset: type and class selectors in a ``<style>``
element, ``color``, ``background-color``, ``font-*``, ``line-height`` in percent, margins,
``border-collapse`` with the ``border``/``cellpadding`` table attributes. It ignores ``padding``
on blocks, ``border-left`` and ``max-width`` — so the view enforces the measure with margins
(see `SUGGESTED_MAX_WIDTH_EM`) and block quotes are set off by indent, colour and a tint.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from string import Template
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
    mark_bg: str
    math_text: str
    box_bg: str
    tip_bg: str
    important_bg: str
    warning_bg: str
    caution_bg: str


PALETTES: dict[Theme, Palette] = {
    "light": Palette(
        text="#1f2328",
        background="#ffffff",
        muted="#8a8f98",
        link="#0b57d0",
        code_bg="#f3f4f6",
        quote_text="#4b5563",
        quote_bg="#f6f7f9",
        rule="#c8ccd2",
        placeholder_bg="#eef0f3",
        pygments_style="friendly",
        mark_bg="#fff3a3",
        math_text="#3a4a6b",
        box_bg="#eef4fc",
        tip_bg="#edf7ef",
        important_bg="#f3effb",
        warning_bg="#fdf6e3",
        caution_bg="#fcefee",
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
        mark_bg="#6b5b12",
        math_text="#b9c7e6",
        box_bg="#1f2b3a",
        tip_bg="#1d3024",
        important_bg="#2b2440",
        warning_bg="#3a3019",
        caution_bg="#3d2224",
    ),
}

_MONO = "'DejaVu Sans Mono', 'Menlo', 'Consolas', monospace"


def palette(theme: str) -> Palette:
    """The palette for `theme`, light for anything unknown."""
    return PALETTES["dark"] if theme == "dark" else PALETTES["light"]


def _css_path() -> Path:
    """resources/article.css: inside the package in a wheel, beside it in a checkout (the rule
    of `reader.paths`, which core may not import)."""
    package = Path(__file__).resolve().parents[2]
    installed = package / "resources" / "article.css"
    return installed if installed.is_file() else package.parent / "resources" / "article.css"


@lru_cache(maxsize=1)
def _template() -> Template:
    text = _css_path().read_text(encoding="utf-8")
    return Template(re.sub(r"/\*.*?\*/\s*", "", text, flags=re.DOTALL))


@lru_cache(maxsize=4)
def article_css(theme: str) -> str:
    """The style sheet placed in every rendered article's ``<head>`` (resources/article.css)."""
    return _template().substitute(asdict(palette(theme)), mono=_MONO)
