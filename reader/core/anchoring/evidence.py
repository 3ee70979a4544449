"""How much a range of the new text looks like a note's stored quote and context.

Similarities come from rapidfuzz (Levenshtein and Indel); this module only combines them into
the evidence the fuzzy stage decides on, and says when that evidence is enough.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Final

from rapidfuzz.distance import Indel, Levenshtein

from reader.core.notes.records import Target

QUOTE_WEIGHT: Final = 50.0
PREFIX_WEIGHT: Final = 20.0
SUFFIX_WEIGHT: Final = 20.0
POSITION_WEIGHT: Final = 2.0

# Acceptance (0..1). The more of the stored context agrees, the more the quote may have changed.
BOTH_SIDES_CONTEXT: Final = 0.8  # both contexts this similar: the passage's own place
BOTH_SIDES_QUOTE: Final = 0.5  # ... half the quote may change (Hypothesis's allowance)
ONE_SIDE_CONTEXT: Final = 0.8  # one context this similar ...
ONE_SIDE_QUOTE: Final = 0.8  # ... and the quote this similar
MIN_INTACT_SIDE: Final = 16  # a whole stored context this long, unchanged, next to the match ...
INTACT_SIDE_QUOTE: Final = 0.75  # ... places an edited quote this similar (or with all its words)
NO_CONTEXT_QUOTE: Final = 0.9  # context edited too: nearly the same words, near where it was
NO_CONTEXT_NEAR: Final = 256  # ... within this many characters (plus twice the quote)
SUMMED_EVIDENCE: Final = 0.95  # near it: the quote plus what its context agrees beyond chance
ALONE_NEAR_QUOTE: Final = 0.75  # ... or, no further than its length from it, this like it
SUMMED_MIN_QUOTE: Final = 0.6  # ... the quote well above chance (unrelated sentences: ~0.45)
MIN_LINE_PIECE: Final = 8  # characters of a neighbouring line that identify it
LINE_ORDER_REACH: Final = 4  # contexts' lengths around a match looked at for neighbour lines
SUMMED_MIN_WORDS: Final = 0.6  # ... and most of its words kept
EXACT_ONLY_QUOTE: Final = 0.85  # no context stored at all (hand-written, imported)
EXACT_ONLY_ADDED: Final = 0.5  # ... or all its words kept, with at most half its length added
EXACT_ONLY_MARGIN: Final = 0.05  # ... and no other candidate within this of the best
SHARES_NOTHING: Final = 0.5  # a context less similar than this to the stored one: unrelated
EXTENT_ADDED_COST: Final = 0.15  # choosing edges: an added character against a kept one
_WORDS: Final = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class FuzzyMatch:
    """An approximate match: the range, and the evidence of quote and each context (0..1)."""

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


def similarity(a: str, b: str) -> float:
    return float(Levenshtein.normalized_similarity(a, b))


def quote_evidence(quote: str, found: str) -> float:
    """How well `found` stands for `quote`: Levenshtein similarity, or, when words were added,
    the share of the quote kept in order less half the share added (an insertion costs less
    than a rewrite of the same length)."""
    if not found or not quote:
        return 0.0
    kept = (len(quote) + len(found) - Indel.distance(quote, found)) / 2
    added = len(found) - kept
    return max(similarity(quote, found), (kept - added / 2) / len(quote))


def extent_fit(quote: str, found: str) -> float:
    """How well a range's extent fits an edited quote: as much of the quote as possible, each
    added character costing little (words inserted inside belong to the passage). Case aside."""
    if not found or not quote:
        return 0.0
    quote, found = quote.casefold(), found.casefold()
    kept = (len(quote) + len(found) - Indel.distance(quote, found)) / 2
    return (kept - EXTENT_ADDED_COST * (len(found) - kept)) / len(quote)


def words_kept(quote: str, found: str) -> float:
    """The share of the quote's words still there, in order (words inserted cost nothing)."""
    words = _WORDS.findall(quote.casefold())
    if not words:
        return 0.0
    kept = _WORDS.findall(found.casefold())
    distance = Indel.distance(words, kept)
    return (len(words) + len(kept) - distance) / 2 / len(words)


def context_disagrees(text: str, start: int, end: int, target: Target) -> bool:
    """True when the text around [start, end) shares nothing with the stored context on
    either side (as unrelated sentences do). Needs both contexts stored.

    A quote that was a whole line (paragraph, heading, list item) and still is one does not
    count: lines are reordered whole, and their neighbours are other lines. A quote inside a
    line carries the rest of its line as context; a copy with none of it is another passage.
    """
    prefix, suffix = target.prefix, target.suffix
    if not (prefix.strip() and suffix.strip()):
        return False
    before = text[max(0, start - len(prefix)) : start]
    after = text[end : end + len(suffix)]
    was_line = prefix.endswith("\n") and suffix.startswith("\n")
    line_now = (start == 0 or before.endswith("\n")) and (
        end == len(text) or after.startswith("\n")
    )
    if was_line and line_now:
        return False
    return (
        similarity(prefix, before) < SHARES_NOTHING and similarity(suffix, after) < SHARES_NOTHING
    )


def _inside_word(text: str, at: int) -> bool:
    """True when `at` falls between two letters or digits of one word."""
    return 0 < at < len(text) and text[at - 1].isalnum() and text[at].isalnum()


def _once(text: str, piece: str) -> bool:
    at = text.find(piece)
    return at != -1 and text.find(piece, at + 1) == -1


def _unique_line(text: str, line: str) -> int | None:
    """Where `line` (of some length) stands as a whole line, if it does exactly once."""
    if len(line.strip()) < MIN_LINE_PIECE:
        return None
    whole = f"\n{line}\n"
    at = text.find(whole)
    return at + 1 if at != -1 and text.find(whole, at + 1) == -1 else None


def trim(text: str, start: int, end: int, quote: str) -> tuple[int, int]:
    """Drop whitespace at the edges of a match unless the quote itself has it there."""
    if not quote[:1].isspace():
        while start < end and text[start].isspace():
            start += 1
    if not quote[-1:].isspace():
        while end > start and text[end - 1].isspace():
            end -= 1
    return start, end


class Scorer:
    """Scores ranges of one text against one target."""

    def __init__(self, text: str, target: Target) -> None:
        self.text = text
        self.target = target
        self.known_edges = edges_known(target)
        self.has_context = bool(target.prefix or target.suffix)

    def _side(self, stored: str, found: str, at_edge: bool) -> float | None:
        if stored:
            return similarity(stored, found)
        if self.known_edges:
            return 1.0 if at_edge else 0.0
        return None

    def score(self, start: int, end: int) -> FuzzyMatch:
        text, target = self.text, self.target
        start, end = trim(text, start, end, target.exact)
        quote = quote_evidence(target.exact, text[start:end]) if end > start else 0.0
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

    def near(self, match: FuzzyMatch) -> bool:
        """True when the match lies about where the note was made."""
        if self.target.start is None:
            return False
        reach = NO_CONTEXT_NEAR + 2 * len(self.target.exact)
        return abs(match.start - self.target.start) <= reach

    def acceptable(self, match: FuzzyMatch) -> bool:
        """Enough evidence to place the note here: context agreement buys quote changes.

        With context stored, a match whose context disagrees on both sides is taken only when
        it is nearly the quote and lies near the old position: a deleted passage must not move
        to a similar sentence elsewhere. Without any stored context the quote alone decides.
        """
        if self.out_of_line_order(match):
            return False
        if not self.near(match):  # far away, a context the text repeats shows no place
            match = self._recurring_sides_dropped(match)
        sides = [side for side in (match.prefix, match.suffix) if side is not None]
        if not sides:  # only the quote: nearly it, or all of its words with a few added
            return (
                match.quote >= EXACT_ONLY_QUOTE
                or self.words_all_kept(match, share=EXACT_ONLY_ADDED)
                or self.one_word_added(match)
            )
        if len(sides) == 2 and min(sides) >= BOTH_SIDES_CONTEXT and match.quote >= BOTH_SIDES_QUOTE:
            return True
        if self._one_side_intact(match) and (
            match.quote >= INTACT_SIDE_QUOTE or self.words_all_kept(match)
        ):
            return True
        if max(sides) >= ONE_SIDE_CONTEXT and match.quote >= ONE_SIDE_QUOTE:
            return True
        if not self.near(match):
            return False
        return match.quote >= NO_CONTEXT_QUOTE or self._evidence_adds_up(match, sides)

    def _evidence_adds_up(self, match: FuzzyMatch, sides: list[float]) -> bool:
        """Near the old place, a changed quote and a partly changed context add up: the
        quote's similarity plus how far each context agrees beyond chance (SHARES_NOTHING),
        the other side counting half. Context at chance level (a parallel sentence nearby:
        "every week" for "every month") adds nothing.

        One side must still agree (as ONE_SIDE_CONTEXT says): the entries of a reference page
        share their template, so a merely similar context is no sign of the note's place;
        unless the passage stands right where the note was made (_alone_near). The
        quote must stay well above the likeness of unrelated sentences, keep most of its words,
        and not take in a line break it did not have (that is a neighbour's text).
        """
        found = self.text[match.start : match.end]
        if match.quote < SUMMED_MIN_QUOTE or found.count("\n") > self.target.exact.count("\n"):
            return False
        if words_kept(self.target.exact, found) < SUMMED_MIN_WORDS or self._a_neighbour(found):
            return False
        if self._alone_near(match):
            return True
        best, other = max(sides), min(sides) if len(sides) == 2 else 0.0
        if best < ONE_SIDE_CONTEXT:  # templated text (reference entries) is that alike
            return False
        above = max(0.0, best - SHARES_NOTHING) + max(0.0, other - SHARES_NOTHING) / 2
        return match.quote + above >= SUMMED_EVIDENCE

    def _a_neighbour(self, found: str) -> bool:
        """True when `found` is a line the stored context shows beside the quote's own: it
        starts as the line after it began, or ends as the line before it ended."""
        prefix, suffix = self.target.prefix, self.target.suffix
        after = suffix.split("\n", 1)[1].split("\n", 1)[0].strip() if "\n" in suffix else ""
        before = prefix.rsplit("\n", 1)[0].rsplit("\n", 1)[-1].strip() if "\n" in prefix else ""
        return (len(after) >= MIN_LINE_PIECE and found.startswith(after)) or (
            len(before) >= MIN_LINE_PIECE and found.endswith(before)
        )

    def _one_side_intact(self, match: FuzzyMatch) -> bool:
        """True when a whole stored context (of some length) still touches the match."""
        prefix, suffix = self.target.prefix, self.target.suffix
        return (len(prefix) >= MIN_INTACT_SIDE and match.prefix == 1.0) or (
            len(suffix) >= MIN_INTACT_SIDE and match.suffix == 1.0
        )

    def words_all_kept(self, match: FuzzyMatch, share: float = 1.0) -> bool:
        """Every word of the quote is still there in order, with at most `share` of its
        length added."""
        found = self.text[match.start : match.end]
        added = len(found) - len(self.target.exact)
        return (
            added <= share * len(self.target.exact) and words_kept(self.target.exact, found) == 1.0
        )

    def one_word_added(self, match: FuzzyMatch) -> bool:
        """The quote with one word inserted inside it, however long the word: every word kept
        in order, the first and last the quote's own (a short quote grows by half with one)."""
        quote = _WORDS.findall(self.target.exact.casefold())
        found = _WORDS.findall(self.text[match.start : match.end].casefold())
        return (
            len(quote) >= 2
            and len(found) == len(quote) + 1
            and (found[0], found[-1]) == (quote[0], quote[-1])
            and words_kept(self.target.exact, self.text[match.start : match.end]) == 1.0
        )

    def _alone_near(self, match: FuzzyMatch) -> bool:
        """Right where the note was made (no further than its quote's length), a passage still
        much like the quote, with whole words at its edges as the quote had: its context was
        rewritten with it, and nothing else stands there."""
        hint, quote = self.target.start, self.target.exact
        if hint is None or abs(match.start - hint) > len(quote) or match.quote < ALONE_NEAR_QUOTE:
            return False
        text = self.text
        cut_start = _inside_word(text, match.start) and not _inside_word(
            self.target.prefix[-1:] + quote[:1], 1
        )
        cut_end = _inside_word(text, match.end) and not _inside_word(
            quote[-1:] + self.target.suffix[:1], 1
        )
        return not (cut_start or cut_end)

    def out_of_line_order(self, match: FuzzyMatch) -> bool:
        """True when, just before the match or in it, stands the line the stored suffix shows
        after the quote's own, or just after it or in it the line the stored prefix shows
        before it: lines keep their order, so that is the next (or previous) entry of the same
        kind, its own gone. Only a line found once in the text says where it is."""
        prefix, suffix, text = self.target.prefix, self.target.suffix, self.text
        after = suffix.split("\n")[1] if suffix.count("\n") >= 2 else ""
        before = prefix.split("\n")[-2] if prefix.count("\n") >= 2 else ""
        reach = LINE_ORDER_REACH * max(len(prefix), len(suffix))
        at = _unique_line(text, after)
        if at is not None and match.start - reach <= at < match.end:
            return True
        at = _unique_line(text, before)
        return at is not None and match.start < at + len(before) and at < match.end + reach

    def _recurring_sides_dropped(self, match: FuzzyMatch) -> FuzzyMatch:
        """The match with each side that agrees whole but stands more than once in the text
        counted as not agreeing: the template every entry of a reference page shares (" No
        slashes. It returns ...") says nothing of which entry the note was on."""
        prefix, suffix = match.prefix, match.suffix
        if prefix == 1.0 and len(self.target.prefix.strip()) >= MIN_INTACT_SIDE:
            prefix = 0.0 if not _once(self.text, self.target.prefix) else prefix
        if suffix == 1.0 and len(self.target.suffix.strip()) >= MIN_INTACT_SIDE:
            suffix = 0.0 if not _once(self.text, self.target.suffix) else suffix
        return dataclasses.replace(match, prefix=prefix, suffix=suffix)
