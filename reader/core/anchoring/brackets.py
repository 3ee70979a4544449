"""The bracketed path of fuzzy re-anchoring: where the stored prefix and suffix still stand.

When both stored contexts are still in the text, a quote's length apart, what lies between them
is the quote's home (less any sentence added at either end of the gap); if every such gap is
closed up, the passage was deleted. The same brackets say whether the note's own place is still
there holding an edit of its quote, which keeps an exact copy elsewhere from taking the note.
Plain `str.find` for the brackets; similarities from rapidfuzz through evidence.py.
"""

from __future__ import annotations

import re
from typing import Final

from reader.core.anchoring.evidence import (
    MIN_INTACT_SIDE,
    NO_CONTEXT_NEAR,
    FuzzyMatch,
    Scorer,
    edges_known,
    max_errors,
    words_kept,
)
from reader.core.anchoring.seeds import EDGE_CHARS, around, edges, hits_in
from reader.core.notes.records import Target

PROBE_CHARS: Final = 16  # characters of each context used to find the quote's brackets
MAX_BRACKET_PROBES: Final = 200  # occurrences of a context probe looked at
MAX_BRACKETS: Final = 16  # bracket pairs scored, nearest the old position first
CONTEXT_SLACK: Final = 32  # a gap may also hold this much of each (stripped) context
BRACKET_MIN_QUOTE: Final = 0.5
BRACKET_MIN_WORDS_KEPT: Final = 0.75  # or this share of its words in order (words were added)
CLOSED_CONTEXT: Final = 0.9  # both contexts this close around an empty gap: passage deleted
CLOSED_LINES_MIN: Final = 12  # characters of two neighbour lines closed up that say where
_WORDS: Final = re.compile(r"\w+")


def _left_edges(text: str, target: Target) -> list[int]:
    """Where the stored prefix (trailing spaces aside) now ends; the text start if it had none."""
    probe = target.prefix.rstrip()[-PROBE_CHARS:]
    if not probe:
        return [0] if edges_known(target) and not target.prefix else []
    found: list[int] = []
    at = text.find(probe)
    while at != -1 and len(found) < MAX_BRACKET_PROBES:
        found.append(at + len(probe))
        at = text.find(probe, at + 1)
    return found


def _right_edges(text: str, target: Target, left: int, reach: int) -> list[int]:
    """Every place after `left`, within `reach`, where the stored suffix now starts."""
    probe = target.suffix.lstrip()[:PROBE_CHARS]
    if not probe:
        if not edges_known(target) or target.suffix:
            return []
        return [len(text)] if len(text) - left <= reach else []
    found: list[int] = []
    at = text.find(probe, left, left + reach + len(probe))
    while at != -1 and len(found) < MAX_BRACKET_PROBES:
        found.append(at)
        at = text.find(probe, at + 1, left + reach + len(probe))
    return found


def bracket_pairs(text: str, target: Target) -> list[tuple[int, int]]:
    """(left, right) pairs of intact context around a gap no longer than the quote may be."""
    size = len(target.exact)
    reach = size + max_errors(size) + 2 * CONTEXT_SLACK
    pairs = [
        (left, right)
        for left in _left_edges(text, target)
        for right in _right_edges(text, target, left, reach)
    ]
    hint = target.start if target.start is not None else 0
    return sorted(pairs, key=lambda pair: abs(pair[0] - hint))[:MAX_BRACKETS]


def _closed_up(match: FuzzyMatch) -> bool:
    """True when both contexts now meet with nothing between them: the passage was deleted."""
    return (
        match.end <= match.start
        and (match.prefix is None or match.prefix >= CLOSED_CONTEXT)
        and (match.suffix is None or match.suffix >= CLOSED_CONTEXT)
    )


def _splits_off(text: str, at: int) -> bool:
    """True when `at` is a line or sentence boundary: text before it ends a line or sentence."""
    before = text[:at].rstrip(" \t")
    return at == 0 or before.endswith("\n") or (before[-1:] in ".!?:" and at > len(before))


def inner_range(scorer: Scorer, left: int, right: int) -> tuple[int, int]:
    """The part of a gap that is the quote: a line or sentence added at either end stays out.

    The quote's head and tail are aligned within the gap. What falls outside is cut only at a
    line or sentence boundary and only when no word of the quote is lost: words added at the
    quote's end are part of the edited passage, a new sentence before it is not.
    """
    text, quote = scorer.text, scorer.target.exact
    if (right - left) - len(quote) <= EDGE_CHARS // 2:
        return left, right
    found = edges(text, quote, left, right)
    if found is None:
        return left, right
    start, end = max(left, found[0]), min(right, found[1])
    whole = words_kept(quote, text[left:right])
    # Each cut on its own: an end aligned short of the quote's last words still leaves the
    # start's cut (a line added before) good.
    if words_kept(quote, text[start:right]) < whole:
        start = left
    if words_kept(quote, text[start:end]) < whole:
        end = right
    start = start if _splits_off(text, start) and text[left:start].strip() else left
    end = end if _ends_before_split(text, end) and text[end:right].strip() else right
    return start, end


def _ends_before_split(text: str, at: int) -> bool:
    """True when a line or sentence ends at `at`: what follows is a new one."""
    rest = text[at:].lstrip(" \t")
    return rest.startswith("\n") or (
        text[at - 1 : at] in tuple(".!?:") and text[at : at + 1] == " "
    )


def bracketed(scorer: Scorer, brackets: list[tuple[int, int]]) -> tuple[FuzzyMatch | None, bool]:
    """The best gap that still holds the quote, and whether the passage was deleted.

    A gap closed up (both contexts now meet) means the passage was deleted, unless a gap that
    still holds the quote lies nearer the old position: in repetitive text the contexts can
    meet by chance elsewhere.
    """
    best: FuzzyMatch | None = None
    best_left = 0
    closed_at: int | None = None
    hint = scorer.target.start if scorer.target.start is not None else 0
    home = [pair for pair in brackets if _whole_bracket(scorer, *pair)]
    home_holds = len(home) == 1 and _holding(scorer, *home[0]) is not None
    for left, right in brackets:
        match = scorer.score(left, right)
        if _closed_up(match):
            distance = abs(left - hint)
            closed_at = distance if closed_at is None else min(closed_at, distance)
            continue
        if home_holds and (left, right) not in home:
            continue  # the one gap between both whole stored contexts holds it: its place
        held = _holding(scorer, left, right)
        if held is not None and (best is None or held.score > best.score):
            best, best_left = held, left
    if closed_at is not None and (
        best is None or not _explains_more(best, closed_at, best_left, hint)
    ):
        return None, True
    return best, False


def _holding(scorer: Scorer, left: int, right: int) -> FuzzyMatch | None:
    """The part of a gap that still holds the quote (most of its likeness or its words),
    unless it is the next entry in line, its own gone (a closed-up home)."""
    match = scorer.score(left, right)
    match = scorer.score(*inner_range(scorer, match.start, match.end))
    found = scorer.text[match.start : match.end]
    holds = match.quote >= BRACKET_MIN_QUOTE or (
        words_kept(scorer.target.exact, found) >= BRACKET_MIN_WORDS_KEPT
    )
    return match if holds and not scorer.out_of_line_order(match) else None


def _whole_bracket(scorer: Scorer, left: int, right: int) -> bool:
    """True when the whole stored prefix ends at `left` and the whole suffix starts at `right`
    (probes of their ends also match the entries of a template that differ beyond them)."""
    prefix, suffix = scorer.target.prefix.rstrip(), scorer.target.suffix.lstrip()
    if len(prefix) < MIN_INTACT_SIDE or len(suffix) < MIN_INTACT_SIDE:
        return False
    text = scorer.text
    return text.startswith(prefix, left - len(prefix)) and text.startswith(suffix, right)


def _explains_more(best: FuzzyMatch, closed_at: int, best_left: int, hint: int) -> bool:
    """True when a gap holding the quote beats a closed-up one: nearer the old position, or
    as near with both contexts agreeing (the suffix may start like the quote itself)."""
    if abs(best_left - hint) < closed_at:
        return True
    sides = [side for side in (best.prefix, best.suffix) if side is not None]
    return bool(sides) and min(sides) >= CLOSED_CONTEXT and best.quote >= CLOSED_CONTEXT


def grown_around(text: str, target: Target, start: int, end: int) -> FuzzyMatch | None:
    """A bracketed passage around an exact hit that is the quote with words added inside.

    It must start with the quote's first word, end with its last and keep all its words.
    """
    words = _WORDS.findall(target.exact.casefold())
    if not words:
        return None
    scorer = Scorer(text, target)
    for left, right in bracket_pairs(text, target):
        if not left <= start < end <= right:
            continue
        match = scorer.score(left, right)
        found = _WORDS.findall(text[match.start : match.end].casefold())
        if (match.start, match.end) == (start, end) or not found:
            continue
        same_ends = found[0] == words[0] and found[-1] == words[-1]
        if same_ends and words_kept(target.exact, text[match.start : match.end]) == 1.0:
            return match
    return None


def bracketed_edit_outscores(text: str, target: Target, start: int, end: int) -> bool:
    """True when the stored prefix and suffix still bracket an edit of the quote nearer the
    old position than [start, end), and that passage's evidence (quote and context) beats
    the range's: a copy of the quote without its context is then another passage, and the
    edit at the note's own place is the note's."""
    if target.start is None or not (target.prefix.strip() and target.suffix.strip()):
        return False
    brackets = bracket_pairs(text, target)
    if not brackets:
        return False
    scorer = Scorer(text, target)
    best, _closed = bracketed(scorer, brackets)
    if best is None or (best.start < end and start < best.end):
        return False  # the same place (in repetitive text the brackets overlap the copy)
    if abs(best.start - target.start) >= abs(start - target.start):
        return False
    if not scorer.acceptable(best):
        return False
    if best.prefix == 1.0 and best.suffix == 1.0:
        return True  # both whole contexts still around it: no copy lacking one beats that
    return best.score > scorer.score(start, end).score


def home_still_there(text: str, target: Target) -> bool:
    """True when the note's own place is still there near where it was made, holding something
    else: the stored prefix and suffix bracket a non-empty gap, or one whole stored context (of
    some length) touches text that neither is the quote nor closes up on the other context.
    Its passage was then edited in place, so an exact copy far away whose context disagrees
    is another passage, not this one moved (a moved passage leaves its contexts closed up
    behind it)."""
    if target.start is None or home_closed_up(text, target):
        return False  # the contexts meet there: the passage left (a wider pair is chance)
    reach = NO_CONTEXT_NEAR + 2 * len(target.exact)
    if target.prefix.strip() and target.suffix.strip():
        brackets = bracket_pairs(text, target)
        if any(
            abs(left - target.start) <= reach and text[left:right].strip()
            for left, right in brackets
        ):
            return True
    return _one_side_rewritten(text, target, reach)


def home_closed_up(text: str, target: Target) -> bool:
    """True when the stored prefix and suffix meet, nothing between them, near where the note
    was made: its passage left (deleted or moved), and what stayed is there. A copy of the
    quote elsewhere with one of those contexts whole beside it then is a duplicate that stood
    there before, not the passage moved: the context that moved with it would not be at home.
    """
    if target.start is None or not (target.prefix.strip() and target.suffix.strip()):
        return False
    reach = NO_CONTEXT_NEAR + 2 * len(target.exact)
    return any(
        abs(left - target.start) <= reach and not text[left:right].strip()
        for left, right in bracket_pairs(text, target)
    )


def lines_closed_up(text: str, target: Target) -> bool:
    """True when the line the stored prefix shows before the quote's own and the line its
    suffix shows after it now follow each other, once in the text and near where the note was
    made: the quote's lines between them are gone (a deleted reference entry), and a like
    passage elsewhere is another entry. A neighbour cut off at the context's edge counts as
    the end (or start) of its line; the two together must be long enough to say where."""
    prefix, suffix = target.prefix, target.suffix
    if "\n" not in prefix or "\n" not in suffix:
        return False
    before, after = prefix.split("\n")[-2], suffix.split("\n")[1]
    if not (before.strip() and after.strip()):
        return False
    first = prefix.split("\n")[-1] + target.exact.split("\n")[0]
    last = target.exact.split("\n")[-1] + suffix.split("\n")[0]
    if _alike_at(first, after, start=True) or _alike_at(last, before, start=False):
        return False  # templated lines: the closure may be the quote's own lines, edited
    joined = ("\n" if prefix.count("\n") >= 2 else "") + before + "\n" + after
    joined += "\n" if suffix.count("\n") >= 2 else ""
    if len(joined.strip()) < CLOSED_LINES_MIN:
        return False
    at = text.find(joined)
    if at == -1 or text.find(joined, at + 1) != -1:
        return False
    if target.start is None:
        return True
    return abs(at + len(joined) // 2 - target.start) <= NO_CONTEXT_NEAR + 2 * len(target.exact)


def _alike_at(line: str, other: str, *, start: bool) -> bool:
    """True when the shorter of two lines begins (or ends) the other."""
    short, long_ = sorted((line.strip(), other.strip()), key=len)
    return long_.startswith(short) if start else long_.endswith(short)


def _one_side_rewritten(text: str, target: Target, reach: int) -> bool:
    """A whole stored context (of some length) still at the note's place, touching a passage
    the fuzzy rules would place the note on: the passage was edited there. A moved section
    leaves its neighbour next to unrelated text, which they reject."""
    hint, prefix, suffix, quote = target.start or 0, target.prefix, target.suffix, target.exact
    scorer = Scorer(text, target)
    homes: list[tuple[int, int, int]] = []  # expected start, and the range it must stay in
    if len(prefix.strip()) >= MIN_INTACT_SIDE:
        lo = max(0, hint - reach - len(prefix))
        for at in hits_in(text, prefix, lo, hint + reach):
            homes.append((at + len(prefix), at + len(prefix), len(text)))
    if len(suffix.strip()) >= MIN_INTACT_SIDE:
        end = hint + len(quote)
        for at in hits_in(text, suffix, max(0, end - reach), end + reach):
            homes.append((max(0, at - len(quote)), 0, at))
    for at, lo, hi in homes:
        found = around(text, target, at)
        if found is None:
            continue
        start, end = max(lo, found[0]), min(hi, found[1])
        if end <= start or quote in text[start:end]:
            continue  # the quote itself is there: the exact search's business
        if scorer.acceptable(scorer.score(start, end)):
            return True
    return False
