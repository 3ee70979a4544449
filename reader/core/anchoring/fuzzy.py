"""Approximate re-anchoring: find a quote the author has since edited, or decide it is gone.

Alignment and similarity come from rapidfuzz; this module only decides where to look and when a
match is good enough (reader/core/anchoring/evidence.py). It prefers an orphan to a wrong match:
a note is placed only where its stored context agrees, or, when the context was edited too, on
nearly the same words near where it was. A deleted passage never lands on a similar sentence
elsewhere.

Two paths:
- Bracketed: the stored prefix and suffix are still in the text, a quote's length apart. What
  lies between them is the quote's home (less any sentence added at either end of the gap). If
  every such gap is closed up, the passage was deleted and the note is orphaned.
- Open: the context was edited too. Candidates come from exact pieces of quote and context
  (reader/core/anchoring/seeds.py); each is aligned, scored on quote, prefix, suffix and
  distance (weights 50/20/20/2, as Hypothesis) and accepted on the evidence rules.
  A note with no stored context at all is placed only on a clear best candidate, or on the
  one nearest its stored position.
"""

from __future__ import annotations

import re
from typing import Final

from reader.core.anchoring.evidence import (
    EXACT_ONLY_ADDED,
    EXACT_ONLY_MARGIN,
    MIN_INTACT_SIDE,
    NO_CONTEXT_NEAR,
    FuzzyMatch,
    Scorer,
    edges_known,
    max_errors,
    words_kept,
)
from reader.core.anchoring.seeds import EDGE_CHARS, around, candidate_starts, edges
from reader.core.notes.records import Target

__all__ = [
    "FuzzyMatch",
    "bracketed_edit_outscores",
    "edges_known",
    "find_fuzzy",
    "grown_around",
    "home_still_there",
    "max_errors",
    "suggest_passage",
]

PROBE_CHARS: Final = 16  # characters of each context used to find the quote's brackets
MAX_BRACKET_PROBES: Final = 200  # occurrences of a context probe looked at
MAX_BRACKETS: Final = 16  # bracket pairs scored, nearest the old position first
CONTEXT_SLACK: Final = 32  # a gap may also hold this much of each (stripped) context
BRACKET_MIN_QUOTE: Final = 0.5
BRACKET_MIN_WORDS_KEPT: Final = 0.75  # or this share of its words in order (words were added)
CLOSED_CONTEXT: Final = 0.9  # both contexts this close around an empty gap: passage deleted
SENTENCE_ENDS: Final = ".!?"
SURE_QUOTE: Final = 0.9  # a candidate this like the quote ...
SURE_CONTEXT: Final = 0.9  # ... with both contexts this like theirs ends the search
RIVAL_MARGIN: Final = 0.05  # another acceptable place scoring this close: nothing says which
SUGGEST_MIN_QUOTE: Final = 0.4  # a suggestion for an orphan must resemble its quote this much
_WORDS: Final = re.compile(r"\w+")


# --- bracketed: both contexts still there ----------------------------------------------------


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


def _brackets(text: str, target: Target) -> list[tuple[int, int]]:
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


def _inner_range(scorer: Scorer, left: int, right: int) -> tuple[int, int]:
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
    if words_kept(quote, text[start:end]) < words_kept(quote, text[left:right]):
        return left, right
    start = start if _splits_off(text, start) and text[left:start].strip() else left
    end = end if _ends_before_split(text, end) and text[end:right].strip() else right
    return start, end


def _ends_before_split(text: str, at: int) -> bool:
    """True when a line or sentence ends at `at`: what follows is a new one."""
    rest = text[at:].lstrip(" \t")
    return rest.startswith("\n") or (
        text[at - 1 : at] in tuple(".!?:") and text[at : at + 1] == " "
    )


def _bracketed(scorer: Scorer, brackets: list[tuple[int, int]]) -> tuple[FuzzyMatch | None, bool]:
    """The best gap that still holds the quote, and whether the passage was deleted.

    A gap closed up (both contexts now meet) means the passage was deleted, unless a gap that
    still holds the quote lies nearer the old position: in repetitive text the contexts can
    meet by chance elsewhere.
    """
    best: FuzzyMatch | None = None
    best_left = 0
    closed_at: int | None = None
    hint = scorer.target.start if scorer.target.start is not None else 0
    for left, right in brackets:
        match = scorer.score(left, right)
        if _closed_up(match):
            distance = abs(left - hint)
            closed_at = distance if closed_at is None else min(closed_at, distance)
            continue
        match = scorer.score(*_inner_range(scorer, match.start, match.end))
        found = scorer.text[match.start : match.end]
        holds = match.quote >= BRACKET_MIN_QUOTE or (
            words_kept(scorer.target.exact, found) >= BRACKET_MIN_WORDS_KEPT
        )
        if holds and (best is None or match.score > best.score):
            best, best_left = match, left
    if closed_at is not None and (
        best is None or not _explains_more(best, closed_at, best_left, hint)
    ):
        return None, True
    return best, False


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
    for left, right in _brackets(text, target):
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


# --- open: context edited too ---------------------------------------------------------------


def _candidates(
    scorer: Scorer, *, any_support: bool = False, stop_at_sure: bool = False
) -> list[FuzzyMatch]:
    """Scored ranges at each seeded place, best supported first (`stop_at_sure`: no further
    once one is beyond doubt, which for an edited note is usually the first, at its old place)."""
    text = scorer.text
    matches: list[FuzzyMatch] = []
    seen: set[tuple[int, int]] = set()
    hint = scorer.target.start
    starts = candidate_starts(text, scorer.target, any_support=any_support)
    if hint is not None and hint < len(text):
        starts = [hint, *starts]  # where the note was made is always worth a look
    for at in starts:
        found = around(text, scorer.target, at)
        if found is None or found in seen:
            continue
        seen.add(found)
        matches.append(scorer.score(*found))
        if stop_at_sure and _beyond_doubt(matches[-1]):
            break
    return matches


def _beyond_doubt(match: FuzzyMatch) -> bool:
    """Nearly the quote, with both contexts nearly as stored: no other place can beat it."""
    sides = [side for side in (match.prefix, match.suffix) if side is not None]
    return len(sides) == 2 and min(sides) >= SURE_CONTEXT and match.quote >= SURE_QUOTE


def _overlap(a: FuzzyMatch, b: FuzzyMatch) -> bool:
    return a.start < b.end and b.start < a.end


def _exact_only(scorer: Scorer, matches: list[FuzzyMatch]) -> FuzzyMatch | None:
    """No stored context: the clear best candidate; among near equals the one nearest the
    stored position, or, with none stored, the only one that keeps every word of the quote
    ("(popular online)" is the quote with a word added, "(offline)" another sentence)."""
    good = sorted((m for m in matches if scorer.acceptable(m)), key=lambda m: -m.quote)
    if not good:
        return None
    best = good[0]
    rivals = [
        m for m in good[1:] if not _overlap(m, best) and m.quote >= best.quote - EXACT_ONLY_MARGIN
    ]
    if not rivals:
        return best
    hint = scorer.target.start
    if hint is not None:
        return min([best, *rivals], key=lambda m: (abs(m.start - hint), -m.quote))
    whole = [m for m in (best, *rivals) if scorer.words_all_kept(m, share=EXACT_ONLY_ADDED)]
    return whole[0] if len(whole) == 1 else None  # nothing says which: orphaned


def _open(scorer: Scorer) -> FuzzyMatch | None:
    matches = _candidates(scorer, stop_at_sure=scorer.has_context)
    if any(not scorer.near(m) for m in matches) and home_still_there(scorer.text, scorer.target):
        matches = [m for m in matches if scorer.near(m)]  # edited in place: stays or orphaned
    if not scorer.has_context and not edges_known(scorer.target):
        return _exact_only(scorer, matches)
    good = [m for m in matches if scorer.acceptable(m)]
    if not good:
        return None
    best = max(good, key=lambda m: m.score)
    rivals = [m for m in good if not _overlap(m, best) and m.score >= best.score - RIVAL_MARGIN]
    return None if rivals else best  # two places fit about as well (parallel entries): orphaned


def find_fuzzy(text: str, target: Target) -> FuzzyMatch | None:
    """The best approximate match of the target, or None when the note should be orphaned."""
    if not target.exact or not text:
        return None
    scorer = Scorer(text, target)
    brackets = _brackets(text, target)
    if brackets:
        best, closed = _bracketed(scorer, brackets)
        if best is not None or closed:
            return best
    return _open(scorer)


def suggest_passage(text: str, target: Target) -> FuzzyMatch | None:
    """For an orphan: the passage most like its quote, for the person to judge (never applied
    on its own). Any candidate the seeds find or a context gap holds, with some likeness."""
    if not target.exact or not text:
        return None
    scorer = Scorer(text, target)
    found = _candidates(scorer, any_support=True)
    found += [
        scorer.score(*_inner_range(scorer, left, right)) for left, right in _brackets(text, target)
    ]
    likely = [m for m in found if m.end > m.start and m.quote >= SUGGEST_MIN_QUOTE]
    best = max(likely, key=lambda m: m.score, default=None)
    if best is not None and target.exact[:1].isalnum():  # not from the middle of punctuation
        start = best.start
        while start < best.end and not text[start].isalnum():
            start += 1
        best = scorer.score(start, best.end)
    if best is None or target.exact[-1:] not in SENTENCE_ENDS:
        return best
    # A quote that ends a sentence is offered up to the end of the sentence it is most like.
    found_text = text[best.start : best.end]
    cut = max(found_text.rfind(mark + " ") for mark in SENTENCE_ENDS)
    if cut >= len(found_text) // 2:
        return scorer.score(best.start, best.start + cut + 1)
    return best


def bracketed_edit_outscores(text: str, target: Target, start: int, end: int) -> bool:
    """True when the stored prefix and suffix still bracket an edit of the quote nearer the
    old position than [start, end), and that passage's evidence (quote and context) beats
    the range's: a copy of the quote without its context is then another passage, and the
    edit at the note's own place is the note's."""
    if target.start is None or not (target.prefix.strip() and target.suffix.strip()):
        return False
    brackets = _brackets(text, target)
    if not brackets:
        return False
    scorer = Scorer(text, target)
    best, _closed = _bracketed(scorer, brackets)
    if best is None or (best.start < end and start < best.end):
        return False  # the same place (in repetitive text the brackets overlap the copy)
    if abs(best.start - target.start) >= abs(start - target.start):
        return False
    return scorer.acceptable(best) and best.score > scorer.score(start, end).score


def home_still_there(text: str, target: Target) -> bool:
    """True when the note's own place is still there near where it was made, holding something
    else: the stored prefix and suffix bracket a non-empty gap, or one whole stored context (of
    some length) touches text that neither is the quote nor closes up on the other context.
    Its passage was then edited in place, so an exact copy far away whose context disagrees
    is another passage, not this one moved (a moved passage leaves its contexts closed up
    behind it)."""
    if target.start is None:
        return False
    reach = NO_CONTEXT_NEAR + 2 * len(target.exact)
    if target.prefix.strip() and target.suffix.strip():
        brackets = _brackets(text, target)
        if any(
            abs(left - target.start) <= reach and text[left:right].strip()
            for left, right in brackets
        ):
            return True
    return _one_side_rewritten(text, target, reach)


def _one_side_rewritten(text: str, target: Target, reach: int) -> bool:
    """A whole stored context (of some length) still at the note's place, touching a passage
    the fuzzy rules would place the note on: the passage was edited there. A moved section
    leaves its neighbour next to unrelated text, which they reject."""
    hint, prefix, suffix, quote = target.start or 0, target.prefix, target.suffix, target.exact
    scorer = Scorer(text, target)
    homes: list[tuple[int, int, int]] = []  # expected start, and the range it must stay in
    if len(prefix.strip()) >= MIN_INTACT_SIDE:
        lo = max(0, hint - reach - len(prefix))
        for at in _hits_near(text, prefix, lo, hint + reach):
            homes.append((at + len(prefix), at + len(prefix), len(text)))
    if len(suffix.strip()) >= MIN_INTACT_SIDE:
        end = hint + len(quote)
        for at in _hits_near(text, suffix, max(0, end - reach), end + reach):
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


def _hits_near(text: str, piece: str, lo: int, hi: int) -> list[int]:
    """Starts of `piece` in text[lo:hi], a few at most."""
    found: list[int] = []
    at = text.find(piece, lo, hi + len(piece))
    while at != -1 and len(found) < 4:
        found.append(at)
        at = text.find(piece, at + 1, hi + len(piece))
    return found
