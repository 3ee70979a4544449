"""Re-anchor every note of a post against its current text, quickly, without touching the file.

The view and `reader check` call this whenever a post is shown or checked. Most notes are exact
hits, so the exact path is kept cheap: the stored position is checked first, then the position
shifted by the offset the previous note moved by (an insertion above shifts everything after it
alike), and only then the whole text. Approximate matching runs only for the few notes left.

A fuzzy result is a proposal: the file keeps what the user made until they confirm or edit the
note, when `confirm_target` stores the new quote, context and offsets.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from reader.core.anchoring.fuzzy import suggest_passage
from reader.core.anchoring.targets import (
    Anchor,
    AnchorStatus,
    approximate,
    exact_at_position,
    exact_or_grown,
    full_context_at,
    make_target,
)
from reader.core.notes.records import Annotation, NotesDocument, Target, edit


@dataclass(frozen=True, slots=True)
class ReanchorResult:
    """Where one note sits now; `proposed_target` is set for fuzzy matches, to store on confirm."""

    annotation_id: str
    anchor: Anchor | None
    status: AnchorStatus
    proposed_target: Target | None = None


def _unique_near(text: str, at: int, target: Target) -> bool:
    """True when no other copy of quote-with-context lies as close to the old position as `at`.

    Then `at` is what the exact search would choose (full context wins, then the nearest), so
    the shortcut never disagrees with find_anchor, as exports and the view must agree.
    """
    hint = target.start if target.start is not None else 0
    reach = abs(at - hint)
    whole = target.prefix + target.exact + target.suffix
    lo = max(0, hint - reach - len(target.prefix))
    hi = hint + reach + len(target.exact) + len(target.suffix)
    found = text.find(whole, lo, hi)
    return (
        found != -1 and found + len(target.prefix) == at and text.find(whole, found + 1, hi) == -1
    )


def _exact(text: str, target: Target, shift: int) -> Anchor | None:
    """The exact stages, trying the position moved by `shift` before searching the text."""
    anchor = exact_at_position(text, target)
    if anchor is not None:
        return anchor
    if target.start is not None and shift:
        at = target.start + shift
        if at >= 0 and full_context_at(text, at, target) and _unique_near(text, at, target):
            return Anchor(at, at + len(target.exact), AnchorStatus.MOVED)
    return exact_or_grown(text, target)


def reanchor_target(article_text: str, target: Target, shift: int = 0) -> ReanchorResult:
    """Where one target is now (exact, moved, fuzzy or orphaned), with no annotation id."""
    return _result("", article_text, target, shift)


def _result(ident: str, text: str, target: Target, shift: int) -> ReanchorResult:
    anchor = _exact(text, target, shift) or approximate(text, target)
    if anchor is None:
        return ReanchorResult(ident, None, AnchorStatus.ORPHANED)
    if anchor.status is not AnchorStatus.FUZZY:
        return ReanchorResult(ident, anchor, anchor.status)
    proposed = dataclasses.replace(make_target(text, anchor.start, anchor.end), extra=target.extra)
    return ReanchorResult(ident, anchor, anchor.status, proposed)


def reanchor_annotations(
    article_text: str, annotations: Iterable[Annotation]
) -> list[ReanchorResult]:
    """Re-anchor live annotations (tombstones skipped), in the order given."""
    results: list[ReanchorResult] = []
    shift = 0
    for annotation in annotations:
        if annotation.is_deleted:
            continue
        target = annotation.target
        result = _result(annotation.id, article_text, target, shift)
        if result.anchor is not None and target.start is not None:
            shift = result.anchor.start - target.start
        results.append(result)
    return results


def reanchor_document(article_text: str, document: NotesDocument) -> list[ReanchorResult]:
    """Every live note of a post against the post's current article text, in document order."""
    return reanchor_annotations(article_text, document.live())


def suggestion(article_text: str, target: Target) -> Anchor | None:
    """A passage to offer an orphaned note for re-attaching: the one most like its quote."""
    match = suggest_passage(article_text, target)
    return None if match is None else Anchor(match.start, match.end, AnchorStatus.FUZZY)


def confirm_target(
    annotation: Annotation, anchor: Anchor, article_text: str, *, now: datetime | None = None
) -> Annotation:
    """The annotation re-targeted at `anchor` (a confirmed fuzzy match or a re-attachment).

    The quote, context and offsets are taken from the current text; `modified` moves forward
    so the change wins a merge. Keys the app does not know are kept.
    """
    target = make_target(article_text, anchor.start, anchor.end)
    target = dataclasses.replace(target, extra=annotation.target.extra)
    return edit(annotation, target=target, now=now)
