"""Which passages a reader would annotate, and the exact-only cases, for bench/anchoring_real.py.

Spans are what people select: a sentence, two sentences, or a clause of five or more words.
Some are drawn anywhere in the old text, the rest near the edit (on or next to a changed
range), where anchoring is put to the test. The exact-only cases take real sentences of the
corpus and apply one edit whose true result is known: a one-character typo fix, or one word
inserted between two words of the quote.
"""

from __future__ import annotations

import bisect
import random
import re
from dataclasses import dataclass

from bench.anchoring_edits import WORD, Edited, Post, Span, split_post

MIN_QUOTE, MAX_QUOTE = 20, 400
_TOKEN = re.compile(r"\S+")


@dataclass(frozen=True, slots=True)
class Sampled:
    span: Span
    near_change: bool


def _clause(rng: random.Random, text: str, sentence: Span) -> Span | None:
    """Five or more consecutive words of a sentence."""
    tokens = list(_TOKEN.finditer(text, sentence.start, sentence.end))
    if len(tokens) < 6:
        return None
    first = rng.randrange(len(tokens) - 4)
    last = rng.randrange(first + 4, len(tokens))
    return Span(tokens[first].start(), tokens[last].end())


def _shape(rng: random.Random, post: Post, index: int) -> Span | None:
    """A sentence, two sentences or a clause around sentence `index`; None if unsuitable."""
    sentence = post.sentences[index]
    roll = rng.random()
    if roll < 0.2 and index + 1 < len(post.sentences):
        span = Span(sentence.start, post.sentences[index + 1].end)
    elif roll < 0.45:
        clause = _clause(rng, post.text, sentence)
        if clause is None:
            return None
        span = clause
    else:
        span = sentence
    quote = post.text[span.start : span.end]
    if not MIN_QUOTE <= len(quote) <= MAX_QUOTE or not quote.strip():
        return None
    return span


def sample_spans(
    rng: random.Random,
    post: Post,
    changes: list[tuple[int, int]],
    anywhere: int,
    near: int,
) -> list[Sampled]:
    """Up to `anywhere` random spans and `near` spans on or next to the changed ranges."""
    if not post.sentences:
        return []
    starts = [s.start for s in post.sentences]
    found: dict[Span, Sampled] = {}
    for wanted, near_change in ((anywhere, False), (near, True)):
        if near_change and not changes:
            continue
        chosen = 0
        for _attempt in range(wanted * 20):
            if chosen >= wanted:
                break
            if near_change:
                lo, _hi = rng.choice(changes)
                index = max(0, bisect.bisect_right(starts, lo) - 1)
                index = min(len(starts) - 1, max(0, index + rng.choice((-1, 0, 0, 0, 1))))
            else:
                index = rng.randrange(len(post.sentences))
            span = _shape(rng, post, index)
            if span is None or span in found:
                continue
            found[span] = Sampled(span, near_change)
            chosen += 1
    return list(found.values())


def one_word_inserted(rng: random.Random, post: Post, quote: Span) -> Edited | None:
    """One word of the post's vocabulary inserted between two words of the quote."""
    words = list(WORD.finditer(post.text, quote.start, quote.end))
    if len(words) < 2:
        return None
    index = rng.randrange(1, len(words))
    before, after = words[index - 1].group().lower(), words[index].group().lower()
    choices = [w for w in post.vocabulary if len(w) > 2 and w not in (before, after)]
    if not choices:
        return None
    added = rng.choice(choices) + " "
    at = words[index].start()
    return Edited(
        post.text[:at] + added + post.text[at:], Span(quote.start, quote.end + len(added))
    )


def one_char_typo(rng: random.Random, post: Post, quote: Span) -> Edited | None:
    """One letter inside a word of the quote dropped, doubled or changed (one character)."""
    words = [w for w in WORD.finditer(post.text, quote.start, quote.end) if len(w.group()) >= 4]
    if not words:
        return None
    word = rng.choice(words)
    at = rng.randrange(word.start() + 1, word.end() - 1)
    text = post.text
    kind = rng.choice(("drop", "double", "change"))
    if kind == "drop":
        return Edited(text[:at] + text[at + 1 :], Span(quote.start, quote.end - 1))
    if kind == "double":
        return Edited(text[:at] + text[at] + text[at:], Span(quote.start, quote.end + 1))
    letter = rng.choice([c for c in "aeioustnrl" if c != text[at]])
    return Edited(text[:at] + letter + text[at + 1 :], quote)


def unique_sentence(rng: random.Random, post: Post) -> Span | None:
    """A sentence or clause that occurs once in the post (an exact-only note's quote)."""
    for _attempt in range(50):
        span = _shape(rng, post, rng.randrange(len(post.sentences)))
        if span is not None and post.text.count(post.text[span.start : span.end]) == 1:
            return span
    return None


def as_post(text: str) -> Post:
    return split_post(text, ())
