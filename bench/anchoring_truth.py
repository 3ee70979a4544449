"""Ground truth for a real edit: where a passage of the old text went, from a character diff.

Used by bench/anchoring_real.py. Nothing here uses reader's anchoring code: the diff is
diff-match-patch's `diff_main` with its semantic clean-up (so chance one-letter agreements inside
a rewritten sentence do not count as survival), and moved passages are found with difflib.

A passage (a range of the old text) is
- intact: every character survives, contiguously (in place, or moved whole elsewhere);
- edited: at least half of its characters survive, in place or in a passage moved elsewhere,
  and they make at least half of the new range;
- rewritten: more than a tenth survives, but not enough for "edited" (reported; orphaning it
  or placing it on its range are both fine, placing it anywhere else is wrong);
- deleted: less than a tenth survives and no copy of it was inserted elsewhere;
- ambiguous (left out): the quote with its whole stored context occurs twice in the old text,
  or it was moved to two places, so no anchoring could know which copy is the note's.

A note holding only its quote (no context, no offsets) after a known edit is a tie, left out of
the quote-only figure, when the new text holds, away from the edited passage, another passage
that is at most as many character edits (Levenshtein) from the quote as the edited passage is:
"benefit-2.md" with a letter dropped is as like "benefit-1.md" as its own line, and nothing in
such a note can choose. See `quote_only_tie`.
"""

from __future__ import annotations

import bisect
import difflib
from dataclasses import dataclass
from enum import Enum

from diff_match_patch import diff_match_patch
from rapidfuzz.distance import Levenshtein
from rapidfuzz.fuzz import partial_ratio_alignment

EDITED_MIN_KEPT = 0.5
DELETED_MAX_KEPT = 0.1
DIFF_TIMEOUT_S = 0.0  # no time limit: the same diff on a busy machine as on a quiet one


class Kind(Enum):
    INTACT = "intact"
    EDITED = "edited"
    REWRITTEN = "rewritten"
    DELETED = "deleted"
    AMBIGUOUS = "ambiguous"  # left out: no anchoring could tell which copy the note was on


@dataclass(frozen=True, slots=True)
class Truth:
    """What became of a passage: its class, and its range in the new text (None: deleted)."""

    kind: Kind
    start: int | None
    end: int | None
    kept: float  # share of its characters that survive
    moved: bool = False


@dataclass(frozen=True, slots=True)
class _Op:
    tag: int  # -1 delete, 0 equal, 1 insert
    a0: int
    a1: int
    b0: int
    b1: int


class EditMap:
    """The character diff of one revision pair, and passage lookups on it."""

    def __init__(self, old: str, new: str) -> None:
        self.old, self.new = old, new
        dmp = diff_match_patch()
        dmp.Diff_Timeout = DIFF_TIMEOUT_S
        diffs = dmp.diff_main(old, new)
        dmp.diff_cleanupSemantic(diffs)
        self.ops: list[_Op] = []
        a = b = 0
        for tag, chunk in diffs:
            size = len(chunk)
            if tag == 0:
                self.ops.append(_Op(0, a, a + size, b, b + size))
                a, b = a + size, b + size
            elif tag == -1:
                self.ops.append(_Op(-1, a, a + size, b, b))
                a += size
            else:
                self.ops.append(_Op(1, a, a, b, b + size))
                b += size
        self._a_starts = [op.a0 for op in self.ops]
        self.inserts = [op for op in self.ops if op.tag == 1]

    def changes(self) -> list[tuple[int, int]]:
        """Ranges of the old text touched by the edit (an insertion is an empty range)."""
        return [(op.a0, op.a1) for op in self.ops if op.tag != 0]

    def _op_at(self, a: int) -> int:
        """Index of the deleting or equal op holding old character `a`."""
        index = bisect.bisect_right(self._a_starts, a) - 1
        while index < len(self.ops) and not (
            self.ops[index].tag != 1 and self.ops[index].a0 <= a < self.ops[index].a1
        ):
            index += 1
        return index

    def _kept(self, start: int, end: int) -> tuple[int, list[tuple[int, int]]]:
        """Characters of old[start:end] that survive in place, and their new ranges."""
        kept = 0
        ranges: list[tuple[int, int]] = []
        index = self._op_at(start)
        while index < len(self.ops) and self.ops[index].a0 < end:
            op = self.ops[index]
            if op.tag == 0:
                lo, hi = max(start, op.a0), min(end, op.a1)
                if hi > lo:
                    kept += hi - lo
                    ranges.append((op.b0 + lo - op.a0, op.b0 + hi - op.a0))
            index += 1
        return kept, ranges

    def _inside_replacement(self, index: int, a: int) -> int:
        """New position of old boundary `a` inside deleted op `index`: pro rata in its stead."""
        op = self.ops[index]
        following = self.ops[index + 1] if index + 1 < len(self.ops) else None
        if following is None or following.tag != 1:
            return op.b0
        share = (a - op.a0) / (op.a1 - op.a0)
        return following.b0 + round(share * (following.b1 - following.b0))

    def _new_start(self, start: int) -> int:
        index = self._op_at(start)
        op = self.ops[index]
        return op.b0 + (start - op.a0) if op.tag == 0 else self._inside_replacement(index, start)

    def _new_end(self, end: int) -> int:
        index = self._op_at(end - 1)
        op = self.ops[index]
        return op.b0 + (end - op.a0) if op.tag == 0 else self._inside_replacement(index, end)

    def _trimmed(self, quote: str, start: int, end: int) -> tuple[int, int]:
        """The new range without edge whitespace the quote does not have."""
        if not quote[:1].isspace():
            while start < end and self.new[start].isspace():
                start += 1
        if not quote[-1:].isspace():
            while end > start and self.new[end - 1].isspace():
                end -= 1
        return start, end

    def _moved(self, quote: str) -> Truth | None:
        """The quote found in text inserted elsewhere: whole (intact) or mostly (edited)."""
        best: tuple[int, int, int] | None = None  # matched characters, start, end
        for op in self.inserts:
            if (op.b1 - op.b0) * 2 < len(quote):
                continue
            inserted = self.new[op.b0 : op.b1]
            at = inserted.find(quote)
            if at != -1:
                if inserted.find(quote, at + 1) != -1:
                    return Truth(Kind.AMBIGUOUS, None, None, 1.0, moved=True)
                return Truth(Kind.INTACT, op.b0 + at, op.b0 + at + len(quote), 1.0, moved=True)
            matcher = difflib.SequenceMatcher(None, quote, inserted, autojunk=False)
            blocks = [block for block in matcher.get_matching_blocks() if block.size >= 4]
            if not blocks:
                continue
            # Only the blocks around the largest one: a passage, not words strewn over a page.
            largest = max(blocks, key=lambda block: block.size)
            blocks = [block for block in blocks if abs(block.b - largest.b) <= len(quote)]
            matched = sum(block.size for block in blocks)
            first, last = blocks[0], blocks[-1]
            spread = last.b + last.size - first.b
            compact = matched >= EDITED_MIN_KEPT * spread
            if compact and (best is None or matched > best[0]):
                best = (matched, op.b0 + first.b, op.b0 + last.b + last.size)
        if best is not None and best[0] >= EDITED_MIN_KEPT * len(quote):
            return Truth(Kind.EDITED, best[1], best[2], best[0] / len(quote), moved=True)
        return None

    def truth(self, start: int, end: int, prefix: str = "", suffix: str = "") -> Truth:
        """What became of old[start:end] (its stored context, to spot indistinguishable copies)."""
        whole = prefix + self.old[start:end] + suffix
        first = self.old.find(whole)
        if first != -1 and self.old.find(whole, first + 1) != -1:
            return Truth(Kind.AMBIGUOUS, None, None, 0.0)
        size = end - start
        kept, ranges = self._kept(start, end)
        share = kept / size
        if kept == size and len(ranges) == 1:
            return Truth(Kind.INTACT, ranges[0][0], ranges[0][1], 1.0)
        quote = self.old[start:end]
        new_start, new_end = self._trimmed(quote, self._new_start(start), self._new_end(end))
        # Edited: half the passage survives, and survivors make at least half of the new range
        # (a passage split by a new paragraph is not one passage any more).
        compact = kept >= EDITED_MIN_KEPT * max(1, new_end - new_start)
        if share >= EDITED_MIN_KEPT and compact:
            return Truth(Kind.EDITED, new_start, new_end, share)
        moved = self._moved(quote)
        if moved is not None:
            return moved
        if share > DELETED_MAX_KEPT and new_end > new_start:
            return Truth(Kind.REWRITTEN, new_start, new_end, share)
        return Truth(Kind.DELETED, None, None, share)


def _best_substring_edits(quote: str, window: str) -> int:
    """Fewest character edits turning `quote` into some substring of `window` (Sellers)."""
    row = [0] * (len(window) + 1)
    for i, char in enumerate(quote, 1):
        previous, row[0] = row[0], i
        for j, other in enumerate(window, 1):
            current = min(previous + (char != other), row[j] + 1, row[j - 1] + 1)
            previous, row[j] = row[j], current
    return min(row)


def _nearest_rival(quote: str, text: str, slack: int) -> int | None:
    """Character edits from `quote` to the passage of `text` most like it (rapidfuzz finds
    where; the exact count is taken in that place widened by `slack`); None: nothing there."""
    if len(text) < max(1, len(quote) // 2):
        return None
    alignment = partial_ratio_alignment(quote, text)
    if alignment is None:
        return None
    lo = max(0, alignment.dest_start - slack)
    hi = min(len(text), alignment.dest_end + slack)
    return _best_substring_edits(quote, text[lo:hi])


def quote_only_tie(quote: str, new: str, start: int, end: int) -> bool:
    """Whether a quote-only note on new[start:end] (its passage after the edit) is a tie: some
    passage wholly outside that range is no more edits from the quote than the range is."""
    own = Levenshtein.distance(quote, new[start:end])
    if own == 0:
        return False
    slack = own + 2
    for side in (new[:start], new[end:]):
        rival = _nearest_rival(quote, side, slack)
        if rival is not None and rival <= own:
            return True
    return False
