"""Make and find text targets: a quote with its context, and offsets as a hint.

Finding runs a chain of stages, each tried only when the ones before found nothing, so a
fuzzy stage (for posts that changed) can be appended without touching the exact ones.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Final

from reader.core.annotations import Target

CONTEXT_CHARS: Final = 32


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


def _context_matches(text: str, start: int, end: int, target: Target) -> bool:
    return (
        _prefix_match(text, start, target.prefix) == len(target.prefix)
        and _suffix_match(text, end, target.suffix) == len(target.suffix)
    )


def exact_at_position(article_text: str, target: Target) -> Anchor | None:
    """The quote, with all of its context, exactly where the offsets say."""
    if target.start is None:
        return None
    start = target.start
    end = start + len(target.exact)
    if article_text[start:end] != target.exact:
        return None
    if not _context_matches(article_text, start, end, target):
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
    """Among repeats of the quote, the one whose prefix and suffix agree most, then nearest."""
    starts = occurrences(article_text, target.exact)
    if not starts:
        return None
    size = len(target.exact)
    hint = target.start

    def rank(at: int) -> tuple[int, int]:
        context = _prefix_match(article_text, at, target.prefix) + _suffix_match(
            article_text, at + size, target.suffix
        )
        distance = abs(at - hint) if hint is not None else at
        return (-context, distance)

    best = min(starts, key=rank)
    status = AnchorStatus.ANCHORED if hint in (None, best) else AnchorStatus.MOVED
    return Anchor(best, best + size, status)


DEFAULT_STAGES: Final[tuple[Stage, ...]] = (exact_at_position, exact_best_context)


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
