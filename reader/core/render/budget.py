"""Estimate, before rendering, how long a body would take to render and lay out.

markdown-it-py is linear on every input (it passes the CommonMark spec's pathological cases),
but its constant factors differ by construct: a table cell, a list item or an unclosed ``[``
costs tens of microseconds, plain prose almost nothing. A 100,000-row table is several seconds
of parsing and far more of Qt layout. Counting these in one linear pass lets `render_post`
show such a post as plain text with a notice instead of keeping the reader waiting. The
weights are costs of the whole pipeline (site markup, parse, highlight, sanitise, finish,
article text) in microseconds of CPU time, fitted to ``python bench/render.py --hostile`` on
a 2-CPU machine; they err on the slow side.
"""

from __future__ import annotations

import re
from typing import Final

BUDGET_US: Final = 1_500_000  # render in well under two seconds, or fall back

_PER_BYTE: Final = 0.6
_PER_LINE: Final = 30.0
_PER_ITEM: Final = 80.0  # a list item or heading line
_PER_CELL: Final = 60.0  # "|": a table cell boundary
_PER_BRACKET: Final = 70.0  # "[": a possible link, footnote or task marker
_PER_IMAGE: Final = 150.0  # "![": a possible image (resolved on disk when it is one)
_PER_LINK: Final = 60.0  # "](": a link destination
_PER_EMPHASIS: Final = 15.0  # "*", "_" or "~"
_PER_TAG: Final = 20.0  # "<": raw HTML, sanitised too
_PER_TEMPLATE: Final = 100.0  # "{{" or "{%": a shortcode or Liquid tag, parsed and rewritten
_PER_FENCE: Final = 600.0  # "```" or "~~~": half a code block, coloured by Pygments

_ITEM_LINES: Final = re.compile(r"^[ \t>]*(?:[-*+]|\d{1,9}[.)]|#{1,6})[ \t]", re.MULTILINE)


def estimated_render_us(body: str) -> float:
    """A rough, pessimistic estimate, in microseconds, of rendering `body`."""
    count = body.count
    cost = _PER_BYTE * len(body) + _PER_LINE * count("\n")
    cost += _PER_CELL * count("|") + _PER_BRACKET * count("[") + _PER_IMAGE * count("![")
    cost += _PER_LINK * count("](") + _PER_TAG * count("<")
    cost += _PER_TEMPLATE * (count("{{") + count("{%"))
    cost += _PER_FENCE * (count("```") + count("~~~"))
    cost += _PER_EMPHASIS * (count("*") + count("_") + count("~"))
    if cost > BUDGET_US:
        return cost
    return cost + _PER_ITEM * sum(1 for _ in _ITEM_LINES.finditer(body))


def too_slow_to_render(body: str) -> bool:
    """True when rendering `body` as Markdown would take longer than the budget."""
    return estimated_render_us(body) > BUDGET_US
