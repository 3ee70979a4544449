"""Estimate, before rendering, how long Python-Markdown would take on a body.

A few kilobytes of hostile Markdown can hang the reader: each unmatched ``[`` makes the link
scanner read to the end of its paragraph (quadratic), and every link, footnote, table cell or
emphasis costs tens to hundreds of microseconds. Counting these in one linear pass lets
`render_post` fall back to plain text instead of freezing. The weights are measured costs
(see bench/render.py) in microseconds; the estimate is rough but errs on the slow side.
"""

from __future__ import annotations

import re
from typing import Final

BUDGET_US: Final = 4_000_000  # about four seconds of Python-Markdown on a typical machine

_PER_BYTE: Final = 0.3
_PER_LINK: Final = 60.0  # "](" or "][": a link or an image
_PER_FOOTNOTE: Final = 150.0  # "[^": a footnote reference or definition
_PER_CELL: Final = 30.0  # "|": a table cell boundary
_PER_EMPHASIS: Final = 17.0  # "*" or "_"
_PER_ITEM: Final = 40.0  # a list item or heading line
_PER_SCAN: Final = 0.2  # one character visited while looking for a closing bracket

_BLOCKS: Final = re.compile(r"\n[ \t]*\n")
_ITEM_LINES: Final = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)]|#{1,6})[ \t]", re.MULTILINE)


def _scan_cost(block: str) -> int:
    """Characters the link scanner visits in one paragraph: from each ``[`` to its ``]`` and
    from each ``](`` to its ``)``, or to the end of the paragraph when nothing closes it."""
    if "[" not in block:
        return 0
    end = len(block)
    cost = 0
    brackets: list[int] = []
    parens: list[int] = []
    for match in re.finditer(r"[\[\]()]", block):
        ch, at = match.group(), match.start()
        if ch == "[":
            brackets.append(at)
        elif ch == "]" and brackets:
            cost += at - brackets.pop()
            if block.startswith("(", at + 1):
                parens.append(at + 1)
        elif ch == ")" and parens:
            cost += at - parens.pop()
    cost += sum(end - at for at in brackets) + sum(end - at for at in parens)
    return cost


def estimated_render_us(body: str) -> float:
    """A rough estimate, in microseconds, of converting `body` with Python-Markdown."""
    cost = _PER_BYTE * len(body)
    cost += _PER_LINK * (body.count("](") + body.count("]["))
    cost += _PER_FOOTNOTE * body.count("[^")
    cost += _PER_CELL * body.count("|")
    cost += _PER_EMPHASIS * (body.count("*") + body.count("_"))
    cost += _PER_ITEM * sum(1 for _ in _ITEM_LINES.finditer(body))
    if cost > BUDGET_US:
        return cost
    if "[" in body:
        cost += _PER_SCAN * sum(_scan_cost(block) for block in _BLOCKS.split(body))
    return cost


def too_slow_to_render(body: str) -> bool:
    """True when rendering `body` as Markdown would take longer than the budget."""
    return estimated_render_us(body) > BUDGET_US
