"""Approximate re-anchoring: find a quote the author has since edited, or decide it is gone.

Alignment and similarity come from rapidfuzz; this module only decides where to look and when a
match is good enough. It prefers an orphan to a wrong match: a note is placed only where its
stored context agrees, so a deleted passage never lands on a similar sentence elsewhere.

Two paths:
- Bracketed: the stored prefix and suffix are still in the text, a quote's length apart. Whatever
  lies between them is the quote's home; if it no longer resembles the quote, the passage was
  deleted or rewritten beyond recognition and the note is orphaned (no search elsewhere).
- Open: the context was edited too. Candidates come from rapidfuzz's best partial alignments
  (near the old position, then across the text); each is scored on quote, prefix, suffix and
  distance (weights 50/20/20/2, as Hypothesis) and must agree on context to be accepted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Final

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel, Levenshtein

from reader.core.notes.records import Target

PROBE_CHARS: Final = 16  # characters of each context used to find the quote's brackets
MAX_BRACKET_PROBES: Final = 200  # occurrences of a context probe looked at
MAX_BRACKETS: Final = 16  # bracket pairs scored, nearest the old position first
CONTEXT_SLACK: Final = 32  # a gap may also hold this much of each (stripped) context
QUOTE_WEIGHT: Final = 50.0
PREFIX_WEIGHT: Final = 20.0
SUFFIX_WEIGHT: Final = 20.0
POSITION_WEIGHT: Final = 2.0

# Acceptance thresholds (Levenshtein similarity, 0..1). Bracketed matches have both contexts,
# so half the quote may change (Hypothesis's allowance); open matches need more evidence.
BRACKET_MIN_QUOTE: Final = 0.5
BRACKET_MIN_WORDS_KEPT: Final = 0.75  # or this share of its words in order (words were added)
CLOSED_CONTEXT: Final = 0.9  # both contexts this close around an empty gap: passage deleted
OPEN_MIN_QUOTE_BOTH_SIDES: Final = 0.6
OPEN_MIN_CONTEXT_BOTH_SIDES: Final = 0.8
OPEN_MIN_QUOTE_ONE_SIDE: Final = 0.85
OPEN_MIN_CONTEXT_ONE_SIDE: Final = 0.95  # near-duplicate headings reach 0.875
OPEN_MIN_QUOTE_NO_CONTEXT: Final = 0.9
_WORDS: Final = re.compile(r"\w+")
NEAR_WINDOW: Final = 2048  # characters either side of the old position searched first
CHUNK_CHARS: Final = 8192  # the whole text is searched in chunks, each giving one candidate
MIN_PARTIAL_SCORE: Final = 50.0  # rapidfuzz partial_ratio (0..100) worth a closer look


@dataclass(frozen=True, slots=True)
class FuzzyMatch:
    """An approximate match: the range, and the similarity of quote and each context (0..1)."""

    start: int
    end: int
    quote: float
    prefix: float | None  # None: no stored context on that side to compare
    suffix: float | None
    score: float


def edges_known(target: Target) -> bool:
    """True when an empty context means a text edge, as in every target the app makes.

    A hand-written quote has no context at all; one the app made has some, or starts at 0
    with none because it spans the whole text.
    """
    return bool(target.prefix or target.suffix) or target.start == 0


def max_errors(length: int) -> int:
    """Edits a quote of this length may have suffered and still be found (as Hypothesis)."""
    return min(256, length // 2)


def _similarity(a: str, b: str) -> float:
    return float(Levenshtein.normalized_similarity(a, b))


def _trim(text: str, start: int, end: int, quote: str) -> tuple[int, int]:
    """Drop whitespace at the edges of a match unless the quote itself has it there."""
    if not quote[:1].isspace():
        while start < end and text[start].isspace():
            start += 1
    if not quote[-1:].isspace():
        while end > start and text[end - 1].isspace():
            end -= 1
    return start, end


class _Scorer:
    """Scores ranges of one text against one target."""

    def __init__(self, text: str, target: Target) -> None:
        self.text = text
        self.target = target
        self.known_edges = edges_known(target)

    def _side(self, stored: str, found: str, at_edge: bool) -> float | None:
        if stored:
            return _similarity(stored, found)
        if self.known_edges:
            return 1.0 if at_edge else 0.0
        return None

    def score(self, start: int, end: int) -> FuzzyMatch:
        text, target = self.text, self.target
        start, end = _trim(text, start, end, target.exact)
        quote = _similarity(target.exact, text[start:end]) if end > start else 0.0
        before = text[max(0, start - len(target.prefix)) : start]
        after = text[end : end + len(target.suffix)]
        prefix = self._side(target.prefix, before, not text[:start].strip())
        suffix = self._side(target.suffix, after, not text[end:].strip())
        hint = target.start
        distance = abs(start - hint) / max(1, len(text)) if hint is not None else 1.0
        total = (
            QUOTE_WEIGHT * quote
            + PREFIX_WEIGHT * (prefix or 0.0)
            + SUFFIX_WEIGHT * (suffix or 0.0)
            + POSITION_WEIGHT * (1.0 - min(1.0, distance))
        ) / (QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT)
        return FuzzyMatch(start, end, quote, prefix, suffix, total)


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


def _words_kept(quote: str, found: str) -> float:
    """The share of the quote's words still there, in order (words inserted cost nothing)."""
    words = _WORDS.findall(quote.casefold())
    if not words:
        return 0.0
    kept = _WORDS.findall(found.casefold())
    distance = Indel.distance(words, kept)
    return (len(words) + len(kept) - distance) / 2 / len(words)


def _closed_up(match: FuzzyMatch) -> bool:
    """True when both contexts now meet with nothing between them: the passage was deleted."""
    return (
        match.end <= match.start
        and (match.prefix is None or match.prefix >= CLOSED_CONTEXT)
        and (match.suffix is None or match.suffix >= CLOSED_CONTEXT)
    )


def _bracketed(scorer: _Scorer, brackets: list[tuple[int, int]]) -> FuzzyMatch | None:
    """The best gap that still holds the quote; None when the passage is gone."""
    best: FuzzyMatch | None = None
    for left, right in brackets:
        match = scorer.score(left, right)
        if _closed_up(match):
            return None
        found = scorer.text[match.start : match.end]
        holds = match.quote >= BRACKET_MIN_QUOTE or (
            _words_kept(scorer.target.exact, found) >= BRACKET_MIN_WORDS_KEPT
        )
        if holds and (best is None or match.score > best.score):
            best = match
    return best


def grown_around(text: str, target: Target, start: int, end: int) -> FuzzyMatch | None:
    """A bracketed passage around an exact hit that is the quote with words added inside.

    It must start with the quote's first word, end with its last and keep all its words.
    """
    words = _WORDS.findall(target.exact.casefold())
    if not words:
        return None
    scorer = _Scorer(text, target)
    for left, right in _brackets(text, target):
        if not left <= start < end <= right:
            continue
        match = scorer.score(left, right)
        found = _WORDS.findall(text[match.start : match.end].casefold())
        if (match.start, match.end) == (start, end) or not found:
            continue
        same_ends = found[0] == words[0] and found[-1] == words[-1]
        if same_ends and _words_kept(target.exact, text[match.start : match.end]) == 1.0:
            return match
    return None


# --- open: context edited too ---------------------------------------------------------------


def _source_to_text(opcodes: Any, index: int, *, end_side: bool) -> int:
    """Map a boundary in the aligned pattern to the text, leaving edge insertions outside."""
    char = index - 1 if end_side else index
    for op in opcodes:
        if op.tag == "insert" or not op.src_start <= char < op.src_end:
            continue
        if op.tag == "delete":
            return int(op.dest_start)
        return int(op.dest_start + (char - op.src_start) + (1 if end_side else 0))
    return 0


def _align(scorer: _Scorer, seed_start: int, seed_end: int) -> FuzzyMatch:
    """Align prefix + quote + suffix around a seed and score the quote's part."""
    text, target = scorer.text, scorer.target
    margin = max_errors(len(target.exact)) + 8
    lo = max(0, seed_start - len(target.prefix) - margin)
    hi = min(len(text), seed_end + len(target.suffix) + margin)
    pattern = target.prefix + target.exact + target.suffix
    opcodes = Levenshtein.opcodes(pattern, text[lo:hi])
    first = len(target.prefix)
    last = first + len(target.exact)
    start = lo + _source_to_text(opcodes, first, end_side=False)
    end = lo + _source_to_text(opcodes, last, end_side=True)
    return scorer.score(start, max(start, end))


def _acceptable(match: FuzzyMatch) -> bool:
    sides = [side for side in (match.prefix, match.suffix) if side is not None]
    if not sides:
        return match.quote >= OPEN_MIN_QUOTE_NO_CONTEXT
    if len(sides) == 2 and min(sides) >= OPEN_MIN_CONTEXT_BOTH_SIDES:
        return match.quote >= OPEN_MIN_QUOTE_BOTH_SIDES
    return max(sides) >= OPEN_MIN_CONTEXT_ONE_SIDE and match.quote >= OPEN_MIN_QUOTE_ONE_SIDE


def _best_alignment(text: str, quote: str, lo: int, hi: int) -> tuple[int, int] | None:
    """rapidfuzz's best partial alignment of the quote within text[lo:hi], if any is close."""
    found = fuzz.partial_ratio_alignment(quote, text[lo:hi], score_cutoff=MIN_PARTIAL_SCORE)
    if found is None or found.score < MIN_PARTIAL_SCORE:
        return None
    return lo + found.dest_start, lo + found.dest_end


def _windows(text: str, target: Target) -> list[tuple[int, int]]:
    """Ranges to search: around the old position first, then the whole text in chunks."""
    size = len(target.exact)
    overlap = size + max_errors(size)
    windows: list[tuple[int, int]] = []
    if target.start is not None:
        reach = max(NEAR_WINDOW, 4 * size)
        windows.append((max(0, target.start - reach), target.start + size + reach))
    step = max(CHUNK_CHARS, 4 * size)
    for lo in range(0, max(1, len(text) - overlap), step):
        windows.append((lo, min(len(text), lo + step + overlap)))
    return windows


def _open(scorer: _Scorer) -> FuzzyMatch | None:
    text, quote = scorer.text, scorer.target.exact
    if len(text) * 2 < len(quote):
        return None
    best: FuzzyMatch | None = None
    tried: set[tuple[int, int]] = set()
    for lo, hi in _windows(text, scorer.target):
        seed = _best_alignment(text, quote, lo, hi)
        if seed is None or seed in tried:
            continue
        tried.add(seed)
        match = _align(scorer, *seed)
        if _acceptable(match) and (best is None or match.score > best.score):
            best = match
    return best


def find_fuzzy(text: str, target: Target) -> FuzzyMatch | None:
    """The best approximate match of the target, or None when the note should be orphaned."""
    if not target.exact or not text:
        return None
    scorer = _Scorer(text, target)
    brackets = _brackets(text, target)
    if brackets:
        return _bracketed(scorer, brackets)
    return _open(scorer)
