"""Where in the new text an edited quote may now be: seeds from exact pieces, then the edges.

A quote the author edited still holds unchanged pieces, and so does its stored context. Each
occurrence of a piece votes for where the quote would start; votes close together make one
candidate. This is plain `str.find`, so only a few places are aligned closely instead of the
whole text (seed and extend). rapidfuzz then finds each candidate's edges.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from reader.core.anchoring.evidence import extent_fit, max_errors, words_kept
from reader.core.notes.records import Target

MIN_PIECE: Final = 6
MAX_PIECE: Final = 16
MAX_PIECES: Final = 8
MAX_HITS_PER_PIECE: Final = 32  # a piece found more often than this says nothing
MAX_CANDIDATES: Final = 5
MAX_BARE_CANDIDATES: Final = 16  # a quote without context or offsets: parallel entries of a
# reference page all get as many votes as its edited self, so more are looked at
EDGE_CHARS: Final = 24  # the quote's head and tail aligned to find its new edges
MAX_SLACK: Final = 96  # how far an edge may move from the seed alignment
LONG_QUOTE: Final = 64  # longer quotes are seeded from the votes, not aligned whole
_FIRST_WORD: Final = re.compile(r"^\S*?\w+")  # "(online" of "(online) ...": up to a word's end
_LAST_WORD: Final = re.compile(r"\w+\S*$")  # "online)" of "... (online)": from a word's start
CONTEXT_FIT: Final = 0.1  # choosing edges, each context's likeness weighs this (a passage ends
# where its suffix starts)
POLISH: Final = 3  # characters each edge may move in the final whole-quote alignment


def _pieces(quote: str, *, small: bool = False) -> list[tuple[int, str]]:
    """(offset, piece) of the quote: both ends and evenly spaced between (`small`: many short
    pieces, which survive a heavy rewrite)."""
    size = MIN_PIECE if small else max(MIN_PIECE, min(MAX_PIECE, len(quote) // 3))
    if len(quote) < size:
        return [(0, quote)]
    most = 4 * MAX_PIECES if small else MAX_PIECES
    count = min(most, max(2, len(quote) // size))
    step = (len(quote) - size) / (count - 1)
    offsets = sorted({round(i * step) for i in range(count)})
    return [(at, quote[at : at + size]) for at in offsets if quote[at : at + size].strip()]


def _hits(text: str, piece: str) -> list[int]:
    found: list[int] = []
    at = text.find(piece)
    while at != -1:
        if len(found) == MAX_HITS_PER_PIECE:
            return []
        found.append(at)
        at = text.find(piece, at + 1)
    return found


def _votes(text: str, target: Target, *, small: bool = False) -> list[tuple[int, int]]:
    """(expected quote start, piece number) from every piece of quote and context found."""
    quote = target.exact
    votes: list[tuple[int, int]] = []
    for number, (offset, piece) in enumerate(_pieces(quote, small=small)):
        votes += [(hit - offset, number) for hit in _hits(text, piece)]
    probe = target.prefix.rstrip()[-MAX_PIECE:]
    if len(probe) >= MIN_PIECE:
        gap = len(target.prefix) - len(target.prefix.rstrip())
        votes += [(hit + len(probe) + gap, -1) for hit in _hits(text, probe)]
    probe = target.suffix.lstrip()[:MAX_PIECE]
    if len(probe) >= MIN_PIECE:
        gap = len(target.suffix) - len(target.suffix.lstrip())
        votes += [(hit - gap - len(quote), -2) for hit in _hits(text, probe)]
    return votes


def candidate_starts(
    text: str, target: Target, *, any_support: bool = False, most: int = MAX_CANDIDATES
) -> list[int]:
    """Likely new starts of the quote, best supported first (then nearest the old position).

    `any_support` keeps places that only one piece points to (suggestions for orphans)."""
    votes = sorted(_votes(text, target, small=any_support))
    if not votes:
        return []
    tolerance = max(MIN_PIECE, max_errors(len(target.exact)))
    clusters: list[list[tuple[int, int]]] = [[votes[0]]]
    for vote in votes[1:]:
        if vote[0] - clusters[-1][-1][0] <= tolerance:
            clusters[-1].append(vote)
        else:
            clusters.append([vote])
    hint = target.start if target.start is not None else 0

    def rank(cluster: list[tuple[int, int]]) -> tuple[int, int]:
        support = len({number for _at, number in cluster})
        return (-support, abs(_centre(cluster) - hint))

    pieces = len(_pieces(target.exact, small=any_support))
    needed = 1 if pieces < 4 or any_support else 2  # one hit of a long quote's piece says little
    supported = [c for c in clusters if len({number for _at, number in c}) >= needed]
    best = sorted(supported, key=rank)[:most]
    return [max(0, _centre(cluster)) for cluster in best]


def _centre(cluster: list[tuple[int, int]]) -> int:
    return sorted(at for at, _number in cluster)[len(cluster) // 2]


def _best_edge(text: str, piece: str, lo: int, hi: int, *, start: bool) -> int:
    """Where `piece` best begins (start) or ends (not start) in text[lo:hi] (rapidfuzz)."""
    lo, hi = max(0, lo), min(len(text), hi)
    found = fuzz.partial_ratio_alignment(piece, text[lo:hi])
    if found is None:
        return lo if start else hi
    return lo + (found.dest_start if start else found.dest_end)


def _token_hits(text: str, token: str, lo: int, hi: int, *, start: bool) -> set[int]:
    """Starts (or ends) of `token` in text[lo:hi], a few at most."""
    found: set[int] = set()
    if len(token) < 2:
        return found
    at = text.find(token, max(0, lo), max(0, hi))
    while at != -1 and len(found) < 4:
        found.add(at if start else at + len(token))
        at = text.find(token, at + 1, max(0, hi))
    return found


def edges(
    text: str,
    quote: str,
    lo: int,
    hi: int,
    expected: int | None = None,
    context: tuple[set[int], set[int]] = (set(), set()),
    target: Target | None = None,
) -> tuple[int, int] | None:
    """The quote's new range around text[lo:hi].

    rapidfuzz's best alignment gives a first range (for a long quote whose start the seeds
    already say, that start is used instead: aligning it whole is slow); the quote's head and
    tail aligned on their own, and its first and last words found exactly, give other edges
    (words added inside make the passage longer). The pair of edges whose range best stands
    for the quote wins.
    """
    lo, hi = max(0, lo), min(len(text), hi)
    if expected is not None and len(quote) > LONG_QUOTE:
        seed_start = max(lo, min(expected, hi - 1))
        seed_end = min(hi, seed_start + len(quote))
    else:
        found = fuzz.partial_ratio_alignment(quote, text[lo:hi])
        if found is None or found.dest_end <= found.dest_start:
            return None
        seed_start, seed_end = lo + found.dest_start, lo + found.dest_end
    slack = min(MAX_SLACK, max_errors(len(quote)) + 8)
    size = min(EDGE_CHARS, len(quote))
    head, tail = quote[:size], quote[-size:]
    starts = {
        seed_start,
        _best_edge(text, head, seed_start - slack, seed_start + slack + size, start=True),
    }
    ends = {
        seed_end,
        _best_edge(text, tail, seed_end - slack - size, seed_end + slack, start=False),
    }
    tokens = quote.split()
    if tokens:  # the first and last words as written, and without what an edit came between
        first_words, last_words = _end_words(quote)
        for token in first_words:
            starts |= _token_hits(text, token, seed_start - slack, seed_start + slack, start=True)
        for token in last_words:
            ends |= _token_hits(text, token, seed_end - slack, seed_end + slack, start=False)
    starts |= context[0]
    ends |= context[1]
    aim = seed_start if expected is None else expected
    if expected is not None:  # the expected start itself, and the end a quote's length on
        starts.add(expected)
        ends.add(min(len(text), expected + len(quote)))
    pairs = [(a, b) for a in starts for b in ends if b > a]
    if not pairs:
        return _polish(text, quote, seed_start, seed_end)

    def fit(pair: tuple[int, int]) -> float:  # the quote's fit, and a little the context's
        value = extent_fit(quote, text[pair[0] : pair[1]])
        if target is not None and target.prefix:
            before = text[max(0, pair[0] - len(target.prefix)) : pair[0]]
            value += CONTEXT_FIT * Levenshtein.normalized_similarity(target.prefix, before)
        if target is not None and target.suffix:
            after = text[pair[1] : pair[1] + len(target.suffix)]
            value += CONTEXT_FIT * Levenshtein.normalized_similarity(target.suffix, after)
        return float(value)

    best = max(pairs, key=lambda p: (fit(p), -abs(p[0] - aim)))
    return _polish(text, quote, *best)


@lru_cache(maxsize=4096)
def _end_words(quote: str) -> tuple[frozenset[str], frozenset[str]]:
    """The quote's first and last tokens, and its first and last words with the punctuation
    on their outer side only ("(online)" also as "online)"). Cached: a note's quote is looked
    up at several candidates."""
    tokens = quote.split()
    head, tail = (tokens[0], tokens[-1]) if tokens else ("", "")
    first, last = _FIRST_WORD.search(head), _LAST_WORD.search(tail)
    return (
        frozenset(t for t in (head, first.group() if first else "") if t),
        frozenset(t for t in (tail, last.group() if last else "") if t),
    )


def _polish(text: str, quote: str, start: int, end: int) -> tuple[int, int]:
    """Each edge moved by up to a few characters where the whole quote aligns best, unless
    that loses a word of the quote (a short word before an inserted one is still the quote's)
    or cuts into a word where the edge stood between words ("metada" of "metadata")."""

    def fit(lo: int, hi: int) -> float:  # a changed letter at an edge belongs to the quote
        return float(Levenshtein.normalized_similarity(quote, text[lo:hi]))

    def allowed(at: int, was: int) -> bool:
        return _inside_word(text, was) or not _inside_word(text, at)

    ends = [
        hi
        for hi in range(max(start + 1, end - POLISH), min(len(text), end + POLISH) + 1)
        if allowed(hi, end)
    ]
    end = max(ends, key=lambda hi: (fit(start, hi), -abs(hi - end)), default=end)
    starts = [
        lo
        for lo in range(max(0, start - POLISH), min(end - 1, start + POLISH) + 1)
        if allowed(lo, start)
    ]
    polished = max(starts, key=lambda lo: (fit(lo, end), -abs(lo - start)), default=start)
    if words_kept(quote, text[polished:end]) < words_kept(quote, text[start:end]):
        return start, end
    return polished, end


def _inside_word(text: str, at: int) -> bool:
    """True when `at` falls between two letters or digits of one word."""
    return 0 < at < len(text) and text[at - 1].isalnum() and text[at].isalnum()


def around(text: str, target: Target, at: int) -> tuple[int, int] | None:
    """The quote's range near an expected start `at`; where the stored context still touches
    the text near there, its edges are candidates too (a passage ends where its suffix starts)."""
    quote = target.exact
    slack = min(MAX_SLACK, max_errors(len(quote))) + MIN_PIECE
    context = _context_edges(text, target, at - slack - len(quote), at + 2 * len(quote) + slack)
    return edges(
        text,
        quote,
        at - slack,
        at + len(quote) + slack,
        expected=at,
        context=context,
        target=target,
    )


def _context_edges(text: str, target: Target, lo: int, hi: int) -> tuple[set[int], set[int]]:
    """Starts just after the stored prefix, and ends just before the stored suffix, in [lo, hi]."""
    starts: set[int] = set()
    ends: set[int] = set()
    lo, hi = max(0, lo), min(len(text), hi)
    prefix, suffix = target.prefix, target.suffix
    if len(prefix.strip()) >= MIN_PIECE:
        starts = {at + len(prefix) for at in hits_in(text, prefix, lo, hi)}
    if len(suffix.strip()) >= MIN_PIECE:
        ends = set(hits_in(text, suffix, lo, hi))
    return starts, ends


def hits_in(text: str, piece: str, lo: int, hi: int) -> list[int]:
    """Starts of `piece` in text[lo:hi] (it may run past `hi`), four at most."""
    found: list[int] = []
    at = text.find(piece, lo, hi + len(piece))
    while at != -1 and len(found) < 4:
        found.append(at)
        at = text.find(piece, at + 1, hi + len(piece))
    return found
