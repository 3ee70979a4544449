"""Approximate re-anchoring: find a quote the author has since edited, or decide it is gone.

Alignment and similarity come from rapidfuzz; this module only decides where to look and when a
match is good enough (reader/core/anchoring/evidence.py). It prefers an orphan to a wrong match:
a note is placed only where its stored context agrees, or, when the context was edited too, on
nearly the same words near where it was. A deleted passage never lands on a similar sentence
elsewhere.

Two paths:
- Bracketed (reader/core/anchoring/brackets.py): the stored prefix and suffix are still in the
  text, a quote's length apart. What lies between them is the quote's home (less any sentence
  added at either end of the gap). If every such gap is closed up, the passage was deleted.
- Open: the context was edited too. Candidates come from exact pieces of quote and context
  (reader/core/anchoring/seeds.py); each is aligned, scored on quote, prefix, suffix and
  distance (weights 50/20/20/2, as Hypothesis) and accepted on the evidence rules.
  A note with no stored context at all is placed only on a clear best candidate (a
  character's edit or more nearer its quote than any other), or on the one nearest its stored
  position.
"""

from __future__ import annotations

import re
from typing import Final

from reader.core.anchoring.brackets import (
    bracket_pairs,
    bracketed,
    home_still_there,
    inner_range,
    lines_closed_up,
)
from reader.core.anchoring.evidence import (
    EXACT_ONLY_ADDED,
    EXACT_ONLY_MARGIN,
    FuzzyMatch,
    Scorer,
    edges_known,
    max_errors,
)
from reader.core.anchoring.seeds import (
    MAX_BARE_CANDIDATES,
    MAX_CANDIDATES,
    around,
    candidate_starts,
)
from reader.core.notes.records import Target

__all__ = ["FuzzyMatch", "edges_known", "find_fuzzy", "max_errors", "suggest_passage"]

SENTENCE_ENDS: Final = ".!?"
SURE_QUOTE: Final = 0.9  # a candidate this like the quote ...
SURE_CONTEXT: Final = 0.9  # ... with both contexts this like theirs ends the search
RIVAL_MARGIN: Final = 0.05  # another acceptable place scoring this close: nothing says which
EXACT_ONLY_RIVAL_EDITS: Final = 1.0  # ... or within this many characters' edits of it
SUGGEST_MIN_QUOTE: Final = 0.4  # a suggestion for an orphan must resemble its quote this much
_WORDS: Final = re.compile(r"\w+")


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
    bare = not scorer.has_context and hint is None
    most = MAX_BARE_CANDIDATES if bare else MAX_CANDIDATES
    starts = candidate_starts(text, scorer.target, any_support=any_support, most=most)
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


def _same_place(a: FuzzyMatch, b: FuzzyMatch) -> bool:
    """True when two ranges share at least half of the shorter: in repetitive text ranges
    that overlap by less are two places ("aaa aaa aaa" at 0 and at 8), not one."""
    shared = min(a.end, b.end) - max(a.start, b.start)
    return shared * 2 >= min(a.end - a.start, b.end - b.start)


def _repeated(text: str, match: FuzzyMatch) -> bool:
    """True when the matched text also stands at another place (in repetitive text one seed
    cluster can cover several copies: "aaa aaa aaa" at 0 and at 8)."""
    found = text[match.start : match.end]
    at = text.find(found)
    while at != -1:
        other = FuzzyMatch(at, at + len(found), match.quote, None, None, match.score)
        if not _same_place(other, match):
            return True
        at = text.find(found, at + 1)
    return False


def _exact_only(scorer: Scorer, matches: list[FuzzyMatch]) -> FuzzyMatch | None:
    """No stored context: the clear best candidate; among near equals the one nearest the
    stored position, or, with none stored, the only one that keeps every word of the quote
    ("(popular online)" is the quote with a word added, "(offline)" another sentence)."""
    good = sorted((m for m in matches if scorer.acceptable(m)), key=lambda m: -m.quote)
    if not good:
        return None
    best = good[0]
    rivals = [
        m
        for m in good[1:]
        if not _same_place(m, best) and m.quote >= best.quote - EXACT_ONLY_MARGIN
    ]
    if not rivals:  # unless the same text stands elsewhere too: nothing says which
        return None if scorer.target.start is None and _repeated(scorer.text, best) else best
    hint = scorer.target.start
    if hint is not None:
        return min([best, *rivals], key=lambda m: (abs(m.start - hint), -m.quote))
    whole = [m for m in (best, *rivals) if scorer.words_all_kept(m, share=EXACT_ONLY_ADDED)]
    grown = [m for m in whole if _more_words(scorer, m)]
    if len(grown) == 1:
        return grown[0]
    lead = EXACT_ONLY_RIVAL_EDITS / len(scorer.target.exact)
    if not grown and all(m.quote <= best.quote - lead for m in rivals):
        return best  # a character's edit or more nearer the quote than any other
    return None  # nothing says which: orphaned


def _more_words(scorer: Scorer, match: FuzzyMatch) -> bool:
    """True when the match has more words than the quote: words were added, the edit that
    keeping all of them stands for (the same words in another case or punctuation are a
    parallel passage as much as an edit)."""
    found = scorer.text[match.start : match.end]
    return len(_WORDS.findall(found)) > len(_WORDS.findall(scorer.target.exact))


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
    if lines_closed_up(text, target):
        return None  # the quote's lines are gone from between their neighbours
    scorer = Scorer(text, target)
    brackets = bracket_pairs(text, target)
    if brackets:
        best, closed = bracketed(scorer, brackets)
        if best is not None:
            return best
        if closed:
            return _closed_inside(scorer, brackets)
    return _open(scorer)


def _closed_inside(scorer: Scorer, brackets: list[tuple[int, int]]) -> FuzzyMatch | None:
    """Contexts that meet are a deleted passage, unless the stored prefix met the suffix
    only because the edited passage itself now ends with the prefix's words (two sentences
    merged): an acceptable match that ends right where they meet, reaching back further than
    the prefix, holds the closure, and is the note's passage."""
    match = _open(scorer)
    if match is None:
        return None
    reach = len(scorer.target.prefix)
    for left, right in brackets:
        if not scorer.text[left:right].strip() and match.end == left and left - match.start > reach:
            return match
    return None


def suggest_passage(text: str, target: Target) -> FuzzyMatch | None:
    """For an orphan: the passage most like its quote, for the person to judge (never applied
    on its own). Any candidate the seeds find or a context gap holds, with some likeness."""
    if not target.exact or not text:
        return None
    scorer = Scorer(text, target)
    found = _candidates(scorer, any_support=True)
    found += [
        scorer.score(*inner_range(scorer, left, right))
        for left, right in bracket_pairs(text, target)
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
