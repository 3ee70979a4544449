"""Make and find text targets: a quote with its context, and offsets as a hint.

Finding runs a chain of stages, each tried only when the ones before found nothing, so a
fuzzy stage (for posts that changed) can be appended without touching the exact ones.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Final

from reader.core.anchoring.brackets import (
    bracketed_edit_outscores,
    grown_around,
    home_closed_up,
    home_still_there,
)
from reader.core.anchoring.evidence import (
    MIN_INTACT_SIDE,
    NO_CONTEXT_NEAR,
    context_disagrees,
    similarity,
)
from reader.core.anchoring.fuzzy import edges_known, find_fuzzy
from reader.core.notes.records import Target

CONTEXT_CHARS: Final = 32
CONTEXT_FADE: Final = 250  # characters from the stored position that cost a context's likeness


class AnchorStatus(Enum):
    """How a target was found in the current text."""

    ANCHORED = "anchored"  # the quote, with its context, where it was made
    MOVED = "moved"  # the same quote elsewhere
    FUZZY = "fuzzy"  # an approximate match (a later stage)
    ORPHANED = "orphaned"  # nowhere


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where a target sits in the text now."""

    start: int
    end: int
    status: AnchorStatus


Stage = Callable[[str, Target], Anchor | None]


def make_target(article_text: str, start: int, end: int) -> Target:
    """The target for the selection [start, end) of the article text."""
    if not 0 <= start < end <= len(article_text):
        raise ValueError(
            f"selection {start}..{end} is empty or outside the text (length {len(article_text)})"
        )
    return Target(
        exact=article_text[start:end],
        prefix=article_text[max(0, start - CONTEXT_CHARS) : start],
        suffix=article_text[end : end + CONTEXT_CHARS],
        start=start,
        end=end,
    )


def _prefix_match(text: str, at: int, prefix: str) -> int:
    """How many characters of `prefix`, read backwards, agree with the text before `at`."""
    count = 0
    limit = min(len(prefix), at)
    while count < limit and text[at - 1 - count] == prefix[-1 - count]:
        count += 1
    return count


def _suffix_match(text: str, at: int, suffix: str) -> int:
    """How many characters of `suffix` agree with the text from `at` on."""
    count = 0
    limit = min(len(suffix), len(text) - at)
    while count < limit and text[at + count] == suffix[count]:
        count += 1
    return count


def _whole_prefix(text: str, at: int, target: Target, matched: int) -> bool:
    """All of the prefix agrees; an empty one (of a made target) only at the text start."""
    return matched == len(target.prefix) and (
        bool(target.prefix) or not edges_known(target) or at == 0
    )


def _whole_suffix(text: str, end: int, target: Target, matched: int) -> bool:
    """All of the suffix agrees; an empty one (of a made target) only at the text end."""
    return matched == len(target.suffix) and (
        bool(target.suffix) or not edges_known(target) or end == len(text)
    )


def full_context_at(text: str, at: int, target: Target) -> bool:
    """True when the quote sits at `at` with all of its stored context around it.

    Plain `startswith` tests, no character loops: this runs for every note on every view.
    """
    prefix, suffix = target.prefix, target.suffix
    end = at + len(target.exact)
    if not text.startswith(target.exact, at) or not text.startswith(suffix, end):
        return False
    if at < len(prefix) or not text.startswith(prefix, at - len(prefix)):
        return False
    if edges_known(target):
        return (bool(prefix) or at == 0) and (bool(suffix) or end == len(text))
    return True


def exact_at_position(article_text: str, target: Target) -> Anchor | None:
    """The quote, with all of its context, exactly where the offsets say."""
    if target.start is None:
        return None
    start = target.start
    end = start + len(target.exact)
    if article_text[start:end] != target.exact:
        return None
    if not full_context_at(article_text, start, target):
        return None
    return Anchor(start, end, AnchorStatus.ANCHORED)


def occurrences(article_text: str, exact: str) -> list[int]:
    """Every start of `exact` in the text, overlapping ones included."""
    found: list[int] = []
    at = article_text.find(exact)
    while at != -1:
        found.append(at)
        at = article_text.find(exact, at + 1)
    return found


def exact_best_context(article_text: str, target: Target) -> Anchor | None:
    """Among repeats of the quote, the one with all of its context; else the one whose context
    is most like the stored one, less a context's worth for every CONTEXT_FADE characters it
    lies from the stored position.

    Parallel entries of a reference page share their context nearly char for char, and the
    edit that broke the note's own context (a neighbour sentence reworded) can leave a copy
    elsewhere agreeing more: closeness to where the note was made then decides. Similarity,
    not matched characters: one changed character next to the quote must not outweigh the
    rest of the context agreeing.
    """
    starts = occurrences(article_text, target.exact)
    if not starts:
        return None
    size = len(target.exact)
    hint = target.start
    whole = [at for at in starts if full_context_at(article_text, at, target)]
    if whole:
        best = min(whole, key=lambda at: abs(at - hint) if hint is not None else at)
    else:
        sided = [at for at in starts if _unique_side(article_text, at, target)]
        if len(sided) == 1:  # it moved with a context the text holds only there
            best = sided[0]
        else:
            best = max(starts, key=lambda at: _context_likeness(article_text, at, target))
        if _another_passage(article_text, best, target):
            return None  # left to the fuzzy stage, which looks at the note's own place
    status = AnchorStatus.ANCHORED if hint in (None, best) else AnchorStatus.MOVED
    return Anchor(best, best + size, status)


def _context_likeness(text: str, at: int, target: Target) -> tuple[float, int]:
    """How like the stored context the text around a copy at `at` is (0..2), less its distance
    from the stored position in contexts' worth; then the nearest (the first without offsets).

    The copy at the stored position itself counts a context extra: the text before it is
    likely unchanged, and a copy pasted right after the quote takes over its suffix, not the
    place where it was made."""
    end = at + len(target.exact)
    likeness = _side_likeness(
        target, target.prefix, text[max(0, at - len(target.prefix)) : at], at == 0
    ) + _side_likeness(
        target, target.suffix, text[end : end + len(target.suffix)], end == len(text)
    )
    if target.start is None:
        return likeness, -at
    distance = abs(at - target.start)
    bonus = 1.0 if distance == 0 else 0.0
    return likeness + bonus - distance / CONTEXT_FADE, -distance


def _side_likeness(target: Target, stored: str, found: str, at_edge: bool) -> float:
    """One side's likeness; an empty context of a made target stands for a text edge."""
    if stored or not edges_known(target):
        return similarity(stored, found)
    return 1.0 if at_edge else 0.0


def _another_passage(text: str, at: int, target: Target) -> bool:
    """True for a copy without all of its context that is not the note's passage: where the
    stored context still brackets an edit of the quote with more evidence than the copy
    (a typo fixed in the note's passage, the same sentence unfixed in a parallel one). Far
    from the old position also when its context shares nothing with the stored one on either
    side (the passage was deleted and this is another one like it), or, with no whole stored context
    beside it, the note's own place is still there holding an edit of the quote (the passage
    was edited in place). The exact quote with a whole context beside it outweighs an edited
    one at the old place: the evidence of the text beats the position; unless that context
    also still stands at the note's place, closed up (home_closed_up)."""
    hint = target.start
    end = at + len(target.exact)
    if bracketed_edit_outscores(text, target, at, end):
        return True
    if context_disagrees(text, at, end, target) and home_still_there(text, target):
        return True
    if hint is None or abs(at - hint) <= NO_CONTEXT_NEAR + 2 * len(target.exact):
        return False
    if _whole_side(text, at, end, target) and home_closed_up(text, target):
        return True  # the context beside the copy also still stands at the note's place
    if context_disagrees(text, at, end, target):
        return True
    return not _whole_side(text, at, end, target) and home_still_there(text, target)


def _whole_side(text: str, start: int, end: int, target: Target) -> bool:
    """True when a whole stored context of some length touches [start, end) in the text."""
    prefix, suffix = target.prefix, target.suffix
    return (
        len(prefix.strip()) >= MIN_INTACT_SIDE and text.startswith(prefix, start - len(prefix))
    ) or (len(suffix.strip()) >= MIN_INTACT_SIDE and text.startswith(suffix, end))


def _unique_side(text: str, at: int, target: Target) -> bool:
    """True when a whole stored context of some length, found nowhere else in the text,
    touches the copy at `at`: that sentence moved with the quote, wherever it went; a copy
    with no such context nearer the old place is another passage (a context that stands more
    than once is a template, which says nothing)."""
    end = at + len(target.exact)
    if edges_known(target) and (
        (not target.prefix and at == 0) or (not target.suffix and end == len(text))
    ):
        return True  # an empty context of a made target is the text's edge, which is one
    return any(
        len(side.strip()) >= MIN_INTACT_SIDE and text.startswith(side, edge) and _once(text, side)
        for side, edge in ((target.prefix, at - len(target.prefix)), (target.suffix, end))
        if edge >= 0
    )


def _once(text: str, piece: str) -> bool:
    first = text.find(piece)
    return first != -1 and text.find(piece, first + 1) == -1


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _cuts_a_word(text: str, anchor: Anchor, target: Target) -> bool:
    """True when a hit starts or ends inside a word where the quote was made at a word's edge."""
    quote, before, after = target.exact, target.prefix[-1:], target.suffix[:1]
    now_before, now_after = text[anchor.start - 1 : anchor.start], text[anchor.end : anchor.end + 1]
    cut_start = _is_word(quote[0]) and bool(before) and not _is_word(before)
    cut_end = _is_word(quote[-1]) and bool(after) and not _is_word(after)
    return (cut_start and anchor.start > 0 and _is_word(now_before)) or (
        cut_end and _is_word(now_after[:1] or " ")
    )


def exact_or_grown(article_text: str, target: Target) -> Anchor | None:
    """The best exact repeat; unless it lacks context because words were added inside it.

    "say so" still matches the start of "say something, so": when the stored context brackets
    a longer passage that is the quote with words inserted, that passage is the note's home.
    """
    anchor = exact_best_context(article_text, target)
    if anchor is None or not _cuts_a_word(article_text, anchor, target):
        return anchor
    grown = grown_around(article_text, target, anchor.start, anchor.end)
    return anchor if grown is None else Anchor(grown.start, grown.end, AnchorStatus.FUZZY)


def approximate(article_text: str, target: Target) -> Anchor | None:
    """An approximate match for a quote the author edited (see fuzzy_anchor); None: orphaned."""
    match = find_fuzzy(article_text, target)
    return None if match is None else Anchor(match.start, match.end, AnchorStatus.FUZZY)


DEFAULT_STAGES: Final[tuple[Stage, ...]] = (exact_at_position, exact_or_grown, approximate)


def find_anchor(
    article_text: str, target: Target, stages: Sequence[Stage] = DEFAULT_STAGES
) -> Anchor | None:
    """Where the target is now, trying each stage in turn; None means orphaned."""
    if not target.exact:
        return None
    for stage in stages:
        anchor = stage(article_text, target)
        if anchor is not None:
            return anchor
    return None


def locate(article_text: str, target: Target) -> tuple[int, int] | None:
    """The (start, end) of the target in the text, or None when it cannot be found."""
    anchor = find_anchor(article_text, target)
    return None if anchor is None else (anchor.start, anchor.end)
