"""Exact-only notes (no stored context) after one known edit, for bench/anchoring_real.py.

Hand-written, imported or other tools' notes often hold only the quote. Each case takes a
sentence or clause that is unique in a real article, applies one edit inside it (a
one-character typo fix, or one word inserted), and re-anchors a target holding only `exact`
(and once more with the stored offsets too), by reader and by the baseline.

Without offsets, a case is a tie when another passage of the new text is as like the quote as
the edited one (bench/anchoring_truth.py, `quote_only_tie`): such a note holds nothing to choose
by, so ties are counted apart and left out of the quote-only share (orphaning them is right, any
placement is a guess). With offsets every case counts: the stored position chooses.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

from bench.anchoring_baseline import baseline_find
from bench.anchoring_edits import Edited, Post, Span
from bench.anchoring_samples import one_char_typo, one_word_inserted, unique_sentence
from bench.anchoring_truth import Kind, Truth, quote_only_tie
from reader.core.anchoring.reanchor import reanchor_target
from reader.core.notes.records import Target

RIGHT_OVERLAP = 0.7
OneEdit = Callable[[random.Random, Post, Span], Edited | None]
EXACT_ONLY_EDITS: tuple[tuple[str, OneEdit, float], ...] = (
    ("one-character typo fixed in the quote", one_char_typo, 0.97),
    ("one word inserted in the quote", one_word_inserted, 0.95),
)


def _right(found: tuple[int, int] | None, truth: Span) -> bool:
    if found is None:
        return False
    shared = min(found[1], truth.end) - max(found[0], truth.start)
    longer = max(found[1] - found[0], truth.end - truth.start, 1)
    return shared / longer >= RIGHT_OVERLAP


def _reader(text: str, target: Target) -> tuple[int, int] | None:
    anchor = reanchor_target(text, target).anchor
    return None if anchor is None else (anchor.start, anchor.end)


def _score(cases: list[tuple[str, Target, Span]], baseline: bool) -> dict[str, Any]:
    counts = {"reader": 0, "baseline": 0, "reader_offsets": 0, "baseline_offsets": 0}
    ties = 0
    for text, target, truth in cases:
        bare = Target(exact=target.exact)
        tie = quote_only_tie(target.exact, text, truth.start, truth.end)
        ties += tie
        counts["reader"] += not tie and _right(_reader(text, bare), truth)
        counts["reader_offsets"] += _right(_reader(text, target), truth)
        if baseline:
            counts["baseline"] += not tie and _right(baseline_find(text, bare), truth)
            counts["baseline_offsets"] += _right(baseline_find(text, target), truth)
    row: dict[str, Any] = {"notes": len(cases), "ties": ties}
    for key, value in counts.items():
        total = max(1, len(cases) - (0 if key.endswith("offsets") else ties))
        row[key] = value / total if baseline or not key.startswith("baseline") else None
    return row


def exact_only_rows(
    rng: random.Random, posts: list[Post], per_edit: int, baseline: bool
) -> list[dict[str, Any]]:
    """One row per edit: the share re-found by reader and baseline, without and with offsets."""
    rows: list[dict[str, Any]] = []
    usable = [post for post in posts if post.sentences]
    for name, edit, goal in EXACT_ONLY_EDITS:
        cases: list[tuple[str, Target, Span]] = []
        for _attempt in range(per_edit * 20):
            if len(cases) >= per_edit or not usable:
                break
            post = rng.choice(usable)
            span = unique_sentence(rng, post)
            if span is None:
                continue
            edited = edit(rng, post, span)
            if edited is None or edited.truth is None:
                continue
            quote = post.text[span.start : span.end]
            target = Target(exact=quote, start=span.start, end=span.end)
            cases.append((edited.text, target, edited.truth))
        rows.append({"edit": name, "goal": goal, **_score(cases, baseline)})
    return rows


def real_exact_only(edited: list[tuple[str, Target, Truth]], baseline: bool) -> dict[str, Any]:
    """The real history's edited passages (edited in place) re-run as exact-only notes."""
    cases = [
        (text, target, Span(truth.start, truth.end))
        for text, target, truth in edited
        if truth.kind is Kind.EDITED and truth.start is not None and truth.end is not None
    ]
    return {"edit": "real edits in place (edited class)", "goal": None, **_score(cases, baseline)}
