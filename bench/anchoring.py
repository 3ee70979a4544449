"""Anchoring benchmark: do notes survive realistic edits of real posts, and how fast?

    python bench/anchoring.py [LIBRARY] [--seed N] [--trials N]

Annotates random sentence-sized spans of the library's posts (the bundled articles by default),
applies one edit per note (bench/anchoring_edits.py), re-anchors the note and classifies it:

- right place: the re-found range and the true new range of the (edited) quote share at least
  70 % of the longer of the two; for "quoted passage deleted" the only right outcome is orphaned;
- wrong place: found, but not at the right place (any placement of a deleted passage);
- orphaned: not found.

Then times re-anchoring 1,000 notes on a 100 KB post built from the library's posts, after a
paragraph was inserted near its top and typos fixed in 1 % of the quotes. Deterministic per seed.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.anchoring_edits import EDITS, Post, Span, split_post, typo_fix
from reader.core.anchoring.reanchor import reanchor_annotations, reanchor_target
from reader.core.anchoring.targets import Anchor, make_target
from reader.core.library.post import read_text
from reader.core.library.scan import scan_library
from reader.core.notes.records import Annotation, new_annotation
from reader.core.render.pipeline import render_post

RIGHT_OVERLAP = 0.7
MIN_QUOTE, MAX_QUOTE = 20, 400
BIG_POST_CHARS = 100_000
BIG_POST_NOTES = 1_000
_WORD = re.compile(r"\b[a-z]{4,}\b")


def load_posts(root: Path) -> list[Post]:
    """Every post of the library as article text, the text notes are anchored in."""
    posts: list[Post] = []
    for post in scan_library(root).posts:
        path = root.joinpath(*post.path.split("/"))
        rendered = render_post(read_text(path).body, post_dir=path.parent, library_root=root)
        if rendered.text.strip():
            posts.append(split_post(rendered.text, tuple(e.title for e in rendered.toc)))
    return posts


def sample_quote(rng: random.Random, post: Post) -> Span | None:
    """A sentence, two sentences, or a clause of one; unique in the post, 20-400 characters."""
    if not post.sentences:
        return None
    index = rng.randrange(len(post.sentences))
    sentence = post.sentences[index]
    roll = rng.random()
    if roll < 0.2 and index + 1 < len(post.sentences):
        span = Span(sentence.start, post.sentences[index + 1].end)
    elif roll < 0.4:
        words = [m.start() for m in re.finditer(r"\S+", post.text[sentence.start : sentence.end])]
        if len(words) < 6:
            return None
        first = rng.randrange(len(words) - 4)
        last = rng.randrange(first + 4, len(words))
        ends = [m.end() for m in re.finditer(r"\S+", post.text[sentence.start : sentence.end])]
        span = Span(sentence.start + words[first], sentence.start + ends[last])
    else:
        span = sentence
    quote = post.text[span.start : span.end]
    if not MIN_QUOTE <= len(quote) <= MAX_QUOTE or "\n" in quote or post.text.count(quote) != 1:
        return None
    return span


def outcome(anchor: Anchor | None, truth: Span | None) -> str:
    """right, wrong or orphaned, as defined in the module docstring."""
    if anchor is None:
        return "right" if truth is None else "orphaned"
    if truth is None:
        return "wrong"
    shared = min(anchor.end, truth.end) - max(anchor.start, truth.start)
    longer = max(anchor.end - anchor.start, truth.end - truth.start)
    return "right" if shared / longer >= RIGHT_OVERLAP else "wrong"


def run_edits(posts: list[Post], rng: random.Random, trials: int) -> list[tuple[str, Counter[str]]]:
    """For each edit kind, `trials` notes edited and re-anchored; outcome and status counts."""
    rows: list[tuple[str, Counter[str]]] = []
    for name, edit, _keeps in EDITS:
        counts: Counter[str] = Counter()
        attempts = 0
        while counts["notes"] < trials and attempts < trials * 50:
            attempts += 1
            post, other = rng.choice(posts), rng.choice(posts)
            quote = sample_quote(rng, post)
            if quote is None:
                continue
            edited = edit(rng, post, quote, other)
            if edited is None:
                continue
            target = make_target(post.text, quote.start, quote.end)
            result = reanchor_target(edited.text, target)
            counts["notes"] += 1
            counts[outcome(result.anchor, edited.truth)] += 1
            counts["status:" + result.status.value] += 1
        rows.append((name, counts))
    return rows


def big_post(posts: list[Post], rng: random.Random) -> Post:
    """A 100 KB post from the library's posts, a third of its words varied so it rarely repeats."""
    vocabulary = sorted({w for post in posts for w in post.vocabulary if len(w) >= 4})
    parts: list[str] = []
    size = 0
    while size < BIG_POST_CHARS:
        for post in posts:
            varied = _WORD.sub(
                lambda m: rng.choice(vocabulary) if rng.random() < 0.3 else m.group(), post.text
            )
            parts.append(varied)
            size += len(varied) + 1
    return split_post("\n".join(parts)[:BIG_POST_CHARS], ())


def time_big_post(posts: list[Post], rng: random.Random) -> tuple[float, Counter[str]]:
    """Median time to re-anchor 1,000 notes on a 100 KB post after realistic edits."""
    post = big_post(posts, rng)
    notes: list[Annotation] = []
    quotes: list[Span] = []
    while len(notes) < BIG_POST_NOTES:
        quote = sample_quote(rng, post)
        if quote is not None:
            quotes.append(quote)
            notes.append(new_annotation(make_target(post.text, quote.start, quote.end)))
    text = post.text
    for quote in sorted(rng.sample(quotes, BIG_POST_NOTES // 100), key=lambda q: -q.start):
        fixed = typo_fix(rng, split_post(text, ()), quote, post)
        text = fixed.text if fixed is not None else text
    first_line = text.index("\n") + 1
    text = text[:first_line] + "A paragraph the author added near the top.\n" + text[first_line:]
    ordered = sorted(notes, key=lambda n: n.target.start or 0)
    timings: list[float] = []
    statuses: Counter[str] = Counter()
    for _ in range(5):
        started = time.perf_counter()
        results = reanchor_annotations(text, ordered)
        timings.append(time.perf_counter() - started)
        statuses = Counter(result.status.value for result in results)
    return statistics.median(timings), statuses


def _pct(counts: Counter[str], key: str) -> str:
    """A share with its count, e.g. `99.9 % (1998)`: a lone failure stays visible."""
    return f"{100 * counts[key] / max(1, counts['notes']):.1f} % ({counts[key]})"


def print_table(rows: list[tuple[str, Counter[str]]]) -> bool:
    """The results as a Markdown table; True when every target is met."""
    print("| Edit | Notes | Right place | Wrong place | Orphaned | Statuses |")
    print("|---|---:|---:|---:|---:|---|")
    met = True
    keeps = {name: kept for name, _edit, kept in EDITS}
    for name, counts in rows:
        statuses = ", ".join(
            f"{key.removeprefix('status:')} {value}"
            for key, value in sorted(counts.items())
            if key.startswith("status:")
        )
        print(
            f"| {name} | {counts['notes']} | {_pct(counts, 'right')} | {_pct(counts, 'wrong')} "
            f"| {_pct(counts, 'orphaned')} | {statuses} |"
        )
        right = counts["right"] / max(1, counts["notes"])
        met = met and counts["wrong"] == 0 and (right >= 0.99 or not keeps[name])
    return met


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("library", nargs="?", type=Path, default=None)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--trials", type=int, default=2000, help="notes per edit kind")
    args = parser.parse_args()
    root = args.library or Path(__file__).resolve().parent.parent / "articles"
    if not root.is_dir():
        print(f"not a folder: {root}", file=sys.stderr)
        return 2
    posts = [post for post in load_posts(root) if post.sentences]
    if not posts:
        print(f"no posts with text in {root}", file=sys.stderr)
        return 2
    rng = random.Random(args.seed)
    started = time.perf_counter()
    rows = run_edits(posts, rng, args.trials)
    met = print_table(rows)
    elapsed, statuses = time_big_post(posts, rng)
    print(
        f"\nRe-anchoring {BIG_POST_NOTES:,} notes on a {BIG_POST_CHARS // 1000} KB post: "
        f"{elapsed * 1000:.1f} ms ({', '.join(f'{k} {v}' for k, v in sorted(statuses.items()))})"
    )
    met = met and elapsed <= 0.1
    print(
        f"{len(posts)} posts, seed {args.seed}, {time.perf_counter() - started:.1f} s in all; "
        f"targets {'met' if met else 'NOT met'}"
    )
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
