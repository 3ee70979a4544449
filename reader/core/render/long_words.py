"""Break opportunities in words too long for Qt to lay out, for the view's HTML only.

Qt's line breaking is quadratic in the length of a run it cannot break: one 500,000-character
word (a pasted base64 blob, a minified line) held the window for 19 s, while the same text
with a break every 2,000 characters lays out in 0.2 s. So runs of text longer than
`LONG_RUN` characters without white space get a zero-width space every `EVERY` characters.
Only text between tags is touched, never an attribute, never inside `<pre>` (which does not
wrap, and lays out quickly) and never inside a character reference. The article text notes
count in is made before this and never holds these marks; the view↔text map aligns past
them (a text may hold zero-width spaces of its own, so they are not simply dropped).
No library does this: nh3 and markdown-it-py leave text as it is.
"""

from __future__ import annotations

import re
from typing import Final

from reader.core.render import posmap

BREAK: Final = posmap.BREAK
LONG_RUN: Final = 1000
EVERY: Final = 500
_LONG: Final = re.compile(rf"[^\s<>]{{{LONG_RUN}}}")
_PIECES: Final = re.compile(r"(<[^>]*>)")
_PRE_OPEN: Final = re.compile(r"<pre[\s>]", re.IGNORECASE)
_PRE_CLOSE: Final = re.compile(r"</pre\s*>", re.IGNORECASE)
_RUN: Final = re.compile(rf"[^\s<>]{{{LONG_RUN},}}")
_REFERENCE: Final = re.compile(r"&#?\w{1,32};")


def breakable(html: str) -> str:
    """`html` with a zero-width space every `EVERY` characters of each over-long word."""
    if _LONG.search(html) is None:
        return html
    pieces = _PIECES.split(html)
    in_pre = 0
    for index, piece in enumerate(pieces):
        if index % 2:  # a tag
            if _PRE_OPEN.match(piece):
                in_pre += 1
            elif _PRE_CLOSE.match(piece):
                in_pre = max(0, in_pre - 1)
        elif not in_pre and len(piece) >= LONG_RUN:
            pieces[index] = _RUN.sub(_broken_run, piece)
    return "".join(pieces)


def _broken_run(match: re.Match[str]) -> str:
    run = match.group()
    out: list[str] = []
    start = 0
    while len(run) - start > EVERY:
        cut = start + EVERY
        amp = run.rfind("&", start, cut)
        if amp >= 0:
            reference = _REFERENCE.match(run, amp)
            if reference is not None and reference.end() > cut:
                cut = reference.end()  # never inside "&amp;"
        out.append(run[start:cut])
        start = cut
    out.append(run[start:])
    return BREAK.join(out)
