"""The Hypothesis-style baseline: a text-quote selector found as dom-anchor-text-quote does.

Used by bench/anchoring_real.py to compare reader with the anchoring most web annotators use.
diff-match-patch's `match_main` (bitap) with a match distance of twice the text's length: the
prefix is searched first near the stored position, else the suffix; then the quote in slices of
32 characters (bitap's limit), each near where the previous one ended; the found range spans
all slices. A slice that cannot be matched orphans the note. Written from the library's
documented behaviour; no code of the JavaScript package is used.
"""

from __future__ import annotations

from diff_match_patch import diff_match_patch

from reader.core.notes.records import Target

SLICE = 32


def baseline_find(text: str, target: Target) -> tuple[int, int] | None:
    """Where the baseline places the target in `text`, or None (orphaned)."""
    dmp = diff_match_patch()
    dmp.Match_Distance = len(text) * 2
    exact = target.exact
    loc = target.start if target.start is not None else len(text) // 2
    found_prefix = False
    if target.prefix:
        at = dmp.match_main(text, target.prefix, loc)
        if at > -1:
            loc = at + len(target.prefix)
            found_prefix = True
    if target.suffix and not found_prefix:
        at = dmp.match_main(text, target.suffix, loc + len(exact))
        if at > -1:
            loc = at - len(exact)
    start, end = len(text) + 1, -1
    for first in range(0, len(exact), SLICE):
        piece = exact[first : first + SLICE]
        at = dmp.match_main(text, piece, max(0, min(loc, len(text))))
        if at == -1:
            return None
        loc = at + len(piece)
        start, end = min(start, at), max(end, at + len(piece))
    return start, end
