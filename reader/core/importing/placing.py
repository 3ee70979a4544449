"""Placing an imported quote in the post's article text, with the normal re-anchoring.

reader's own notes keep their quote, context and offsets as exported (so a round trip changes
nothing), and are re-anchored as the window would. A quote from a web page (Hypothesis, another
Web Annotation tool) goes through the same chain of stages with one more before the fuzzy one:
exact, then with typography folded (`loose_match`), then approximate. Once found it is
re-targeted on the article text, so its context and offsets are reader's own from then on.
"""

from __future__ import annotations

from typing import Final

from reader.core.anchoring.reanchor import reanchor_target
from reader.core.anchoring.targets import (
    Anchor,
    AnchorStatus,
    Stage,
    approximate,
    exact_or_grown,
    find_anchor,
    make_target,
)
from reader.core.importing.loose_match import find_loosely
from reader.core.importing.model import READER, Incoming
from reader.core.notes.records import Target


def loosely(article_text: str, target: Target) -> Anchor | None:
    """The stage that folds typography away (an approximate match, so FUZZY)."""
    found = find_loosely(article_text, target.exact, target.prefix, target.suffix)
    return None if found is None else Anchor(found[0], found[1], AnchorStatus.FUZZY)


WEB_STAGES: Final[tuple[Stage, ...]] = (exact_or_grown, loosely, approximate)


def stored_target(incoming: Incoming) -> Target:
    """The target as the file gives it (offsets only from reader's own export)."""
    keep_offsets = incoming.origin == READER
    return Target(
        exact=incoming.exact,
        prefix=incoming.prefix,
        suffix=incoming.suffix,
        start=incoming.start if keep_offsets else None,
        end=incoming.end if keep_offsets else None,
    )


def place(article_text: str, incoming: Incoming) -> tuple[Target, AnchorStatus]:
    """The target to store and how the quote was found in the article text."""
    target = stored_target(incoming)
    if incoming.origin == READER:
        return target, reanchor_target(article_text, target).status
    anchor = find_anchor(article_text, target, WEB_STAGES)
    if anchor is None:
        return target, AnchorStatus.ORPHANED
    return make_target(article_text, anchor.start, anchor.end), anchor.status
