"""Realistic edits to a post's article text, each knowing where the quoted passage went.

Used by bench/anchoring.py. Every edit returns the new text and the true new range of the
(edited) quote, or None as the range when the passage is gone; an edit that does not apply
to this quote (no other sentence to delete, say) returns None so the caller draws again.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass

WORD = re.compile(r"[A-Za-z]+")
SENTENCE = re.compile(r"\S.*?(?:[.!?][\"')\]]*(?=\s|$)|$)")


@dataclass(frozen=True, slots=True)
class Span:
    """A range of the article text."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Edited:
    """The text after an edit, and where the quote truly is now (None: deleted)."""

    text: str
    truth: Span | None


@dataclass(frozen=True, slots=True)
class Post:
    """One post's article text, split the ways the edits need."""

    text: str
    sentences: tuple[Span, ...]
    lines: tuple[Span, ...]  # paragraphs, headings and list items: one per line
    headings: tuple[int, ...]  # starts of heading lines
    vocabulary: tuple[str, ...]


def split_post(text: str, headings: tuple[str, ...]) -> Post:
    """Sentences, lines and heading starts of an article text."""
    sentences: list[Span] = []
    lines: list[Span] = []
    heading_starts: list[int] = []
    wanted = set(headings)
    at = 0
    for line in text.split("\n"):
        if line.strip():
            lines.append(Span(at, at + len(line)))
            if line.strip() in wanted:
                heading_starts.append(at)
            for match in SENTENCE.finditer(line):
                sentences.append(Span(at + match.start(), at + match.end()))
        at += len(line) + 1
    vocabulary = tuple(sorted({w.lower() for w in WORD.findall(text)}))
    return Post(text, tuple(sentences), tuple(lines), tuple(heading_starts), vocabulary)


def _shift(span: Span, at: int, delta: int) -> Span:
    """`span` after inserting (delta > 0) or removing text at `at`, outside the span."""
    return Span(span.start + delta, span.end + delta) if at <= span.start else span


def _words_inside(post: Post, quote: Span) -> list[Span]:
    found = WORD.finditer(post.text, quote.start, quote.end)
    return [Span(m.start(), m.end()) for m in found]


def _similar_word(rng: random.Random, post: Post, old: str) -> str:
    """Another word of the post about as long as `old` (a rewrite, not an expansion)."""
    near = [w for w in post.vocabulary if abs(len(w) - len(old)) <= 1 and w != old.lower()]
    return rng.choice(near or list(post.vocabulary))


def typo_fix(rng: random.Random, post: Post, quote: Span, other: Post) -> Edited | None:
    """One or two letters of a word inside the quote changed, dropped, doubled or swapped."""
    words = [w for w in _words_inside(post, quote) if w.end - w.start >= 4]
    if not words:
        return None
    word = rng.choice(words)
    at = rng.randrange(word.start + 1, word.end - 1)
    text = post.text
    kind = rng.choice(("swap", "drop", "double", "change"))
    if kind == "swap":
        if text[at] == text[at + 1]:
            return None
        new, delta = text[:at] + text[at + 1] + text[at] + text[at + 2 :], 0
    elif kind == "drop":
        new, delta = text[:at] + text[at + 1 :], -1
    elif kind == "double":
        new, delta = text[:at] + text[at] + text[at:], 1
    else:
        letter = rng.choice([c for c in "aeioustnrl" if c != text[at]])
        new, delta = text[:at] + letter + text[at + 1 :], 0
    return Edited(new, Span(quote.start, quote.end + delta))


def words_inserted(rng: random.Random, post: Post, quote: Span, other: Post) -> Edited | None:
    """One to three words added between two words of the quote."""
    words = _words_inside(post, quote)
    if len(words) < 2:
        return None
    index = rng.randrange(1, len(words))
    at = words[index].start
    longer = [w for w in post.vocabulary if len(w) > 2]
    new_words = [rng.choice(longer) for _ in range(rng.randint(1, 3))]
    before, after = (post.text[w.start : w.end].lower() for w in words[index - 1 : index + 1])
    if new_words[0] == after or new_words[-1] == before:
        return None  # "a b" -> "a b x b": the same as adding "b x" before, not inside
    added = " ".join(new_words) + " "
    new = post.text[:at] + added + post.text[at:]
    return Edited(new, Span(quote.start, quote.end + len(added)))


def paragraph_before(rng: random.Random, post: Post, quote: Span, other: Post) -> Edited | None:
    """A paragraph from another post inserted at a line start before the quote."""
    starts = [line.start for line in post.lines if line.start <= quote.start] or [0]
    at = rng.choice(starts)
    first = rng.randrange(len(other.sentences))
    chosen = other.sentences[first : first + rng.randint(1, 3)]
    paragraph = " ".join(other.text[s.start : s.end] for s in chosen) + "\n"
    if post.text[quote.start : quote.end] in paragraph:
        return None  # the paragraph must be unrelated, not another copy of the quote
    new = post.text[:at] + paragraph + post.text[at:]
    return Edited(new, _shift(quote, at, len(paragraph)))


def sentence_deleted(rng: random.Random, post: Post, quote: Span, other: Post) -> Edited | None:
    """A sentence that does not overlap the quote removed, with the space after it."""
    unrelated = [s for s in post.sentences if s.end <= quote.start or s.start >= quote.end]
    if not unrelated:
        return None
    gone = rng.choice(unrelated)
    end = gone.end
    while end < len(post.text) and post.text[end] == " ":
        end += 1
    new = post.text[: gone.start] + post.text[end:]
    return Edited(new, _shift(quote, gone.start, gone.start - end))


def _blocks(post: Post) -> list[Span]:
    """Sections (heading to heading) when the post has two or more, else its lines."""
    if len(post.headings) >= 2:
        bounds = [0, *post.headings] if post.headings[0] > 0 else list(post.headings)
        ends = [*bounds[1:], len(post.text)]
        return [Span(lo, hi) for lo, hi in zip(bounds, ends, strict=True)]
    return [Span(line.start, line.end + 1) for line in post.lines]


def sections_swapped(rng: random.Random, post: Post, quote: Span, other: Post) -> Edited | None:
    """The quote's section (or paragraph) swapped with the one before or after it."""
    text = post.text if post.text.endswith("\n") else post.text + "\n"
    blocks = [Span(b.start, len(text) if b.end >= len(post.text) else b.end) for b in _blocks(post)]
    home = [i for i, b in enumerate(blocks) if b.start <= quote.start and quote.end <= b.end]
    if not home or len(blocks) < 2:
        return None
    i = home[0]
    j = rng.choice([k for k in (i - 1, i + 1) if 0 <= k < len(blocks)])
    a, b = (blocks[i], blocks[j]) if i < j else (blocks[j], blocks[i])
    if a.end != b.start:
        return None
    first, second = text[a.start : a.end], text[b.start : b.end]
    new = text[: a.start] + second + first + text[b.end :]
    delta = len(second) if i < j else -len(first)  # i < j: the quote's block moves down
    return Edited(new, Span(quote.start + delta, quote.end + delta))


def rewritten_30(rng: random.Random, post: Post, quote: Span, other: Post) -> Edited | None:
    """Words making up at most 30 % of the quote replaced by others: a clause or scattered."""
    words = _words_inside(post, quote)
    budget = 0.3 * (quote.end - quote.start)
    if rng.random() < 0.5:  # a contiguous clause
        first = rng.randrange(len(words))
        chosen: list[Span] = []
        for word in words[first:]:
            if sum(w.end - w.start for w in chosen) + word.end - word.start > budget:
                break
            chosen.append(word)
    else:  # scattered words
        chosen = []
        for word in rng.sample(words, len(words)):
            if sum(w.end - w.start for w in chosen) + word.end - word.start <= budget:
                chosen.append(word)
    if not chosen:
        return None
    text, delta = post.text, 0
    for word in sorted(chosen, key=lambda w: w.start, reverse=True):
        old = text[word.start : word.end]
        new_word = _similar_word(rng, post, old)
        text = text[: word.start] + new_word + text[word.end :]
        delta += len(new_word) - len(old)
    return Edited(text, Span(quote.start, quote.end + delta))


def passage_deleted(rng: random.Random, post: Post, quote: Span, other: Post) -> Edited | None:
    """The sentences holding the quote removed: the note must come out orphaned."""
    around = [s for s in post.sentences if s.end > quote.start and s.start < quote.end]
    start = min([quote.start, *(s.start for s in around)])
    end = max([quote.end, *(s.end for s in around)])
    while end < len(post.text) and post.text[end] == " ":
        end += 1
    return Edited(post.text[:start] + post.text[end:], None)


def quote_duplicated(rng: random.Random, post: Post, quote: Span, other: Post) -> Edited | None:
    """The quoted words repeated as a paragraph of their own somewhere else in the post."""
    starts = [line.start for line in post.lines if not line.start <= quote.start <= line.end]
    if not starts:
        return None
    at = rng.choice(starts)
    copy = post.text[quote.start : quote.end] + "\n"
    return Edited(post.text[:at] + copy + post.text[at:], _shift(quote, at, len(copy)))


def typo_and_context_rewritten(
    rng: random.Random, post: Post, quote: Span, other: Post
) -> Edited | None:
    """A typo fixed in the quote and the sentence just before it 30 % rewritten.

    The stored prefix no longer matches, so only the stricter open search can find the note.
    """
    before = [s for s in post.sentences if s.end <= quote.start and quote.start - s.end <= 2]
    fixed = typo_fix(rng, post, quote, other)
    if not before or fixed is None or fixed.truth is None:
        return None
    lines = split_post(fixed.text, ())
    rewritten = rewritten_30(rng, lines, before[-1], other)
    if rewritten is None or rewritten.truth is None:
        return None
    delta = rewritten.truth.end - before[-1].end
    return Edited(rewritten.text, Span(fixed.truth.start + delta, fixed.truth.end + delta))


Edit = Callable[[random.Random, Post, Span, Post], Edited | None]

# (name, edit, keeps at least 70 % of the quote)
EDITS: tuple[tuple[str, Edit, bool], ...] = (
    ("typo fixed in quote", typo_fix, True),
    ("words inserted in quote", words_inserted, True),
    ("paragraph inserted before", paragraph_before, True),
    ("unrelated sentence deleted", sentence_deleted, True),
    ("sections swapped", sections_swapped, True),
    ("30 % of quote rewritten", rewritten_30, True),
    ("quote duplicated elsewhere", quote_duplicated, True),
    ("quoted passage deleted", passage_deleted, False),
    ("typo in quote + sentence before rewritten", typo_and_context_rewritten, True),
)
