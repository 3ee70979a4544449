"""Placing an imported quote in the post's article text, with the normal re-anchoring.

reader's own notes keep their quote, context and offsets as exported (so a round trip changes
nothing). A quote from a web page (Hypothesis, another Web Annotation tool) is looked for
exactly, then with typography folded (`loose_match`), then approximately; once found it is
re-targeted on the article text, so its context and offsets are reader's own from then on.
"""

from __future__ import annotations

from reader.core.anchoring.reanchor import reanchor_target
from reader.core.anchoring.targets import AnchorStatus, make_target
from reader.core.importing.loose_match import find_loosely
from reader.core.importing.model import READER, Incoming
from reader.core.notes.records import Target


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
    result = reanchor_target(article_text, target)
    if incoming.origin == READER:
        return target, result.status
    if result.anchor is not None and result.status is not AnchorStatus.FUZZY:
        return make_target(article_text, result.anchor.start, result.anchor.end), result.status
    loose = find_loosely(article_text, incoming.exact, incoming.prefix, incoming.suffix)
    if loose is not None:
        return make_target(article_text, *loose), AnchorStatus.FUZZY
    if result.anchor is not None:
        return make_target(article_text, result.anchor.start, result.anchor.end), result.status
    return target, AnchorStatus.ORPHANED
