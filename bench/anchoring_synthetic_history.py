"""A second, held-out revision history for bench/anchoring_real.py, made from other text.

    python bench/anchoring_synthetic_history.py OUT [--files N] [--revisions N] [--seed N]

The real-edit benchmark's history (opensource.guide) is what the anchoring was studied on. This
builds a git repository in OUT from Hugo documentation pages (../shared/corpora/hugo-docs, a
different project, style and markup: shortcodes, code, tables, definition lists) and commits a
run of revisions to each, every one applying a few edits of the kinds real authors make to the
Markdown source: a letter fixed, words inserted, deleted or replaced, a clause added, a sentence
deleted or added, a paragraph moved or deleted. Then

    python bench/anchoring_real.py OUT --under content

measures it like the real one (ground truth still comes from the character diff, never from
these edits). Only prose lines are edited: front matter, code fences, tables and shortcode
lines are left alone, as authors mostly do. Git is driven through its command line.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

HUGO = Path("hugo-docs") / "content"
SENTENCE = re.compile(r"[A-Z][^.!?\n]*[.!?]")
WORD = re.compile(r"[A-Za-z]{2,}")
MIN_SIZE, MAX_SIZE = 4_000, 40_000

Lines = list[str]
Edit = Callable[[random.Random, Lines, list[str]], bool]


def _prose(lines: Lines) -> list[int]:
    """Indexes of prose lines: outside front matter and code fences, not tables or shortcodes."""
    found: list[int] = []
    fence = front = False
    for index, line in enumerate(lines):
        stripped = line.strip()
        if index == 0 and stripped in ("---", "+++"):
            front = True
            continue
        if front:
            front = stripped not in ("---", "+++")
            continue
        if stripped.startswith(("```", "~~~")):
            fence = not fence
            continue
        if fence or not stripped or stripped.startswith(("|", "{{", "<", "#", "[")):
            continue
        if len(SENTENCE.findall(line)) >= 1 and len(line) >= 60:
            found.append(index)
    return found


def _pick_sentence(rng: random.Random, lines: Lines) -> tuple[int, re.Match[str]] | None:
    prose = _prose(lines)
    if not prose:
        return None
    index = rng.choice(prose)
    sentences = list(SENTENCE.finditer(lines[index]))
    return (index, rng.choice(sentences)) if sentences else None


def _words(rng: random.Random, vocabulary: list[str], count: int) -> str:
    return " ".join(rng.choice(vocabulary) for _ in range(count))


def typo_fixed(rng: random.Random, lines: Lines, vocabulary: list[str]) -> bool:
    picked = _pick_sentence(rng, lines)
    if picked is None:
        return False
    index, sentence = picked
    words = [w for w in WORD.finditer(lines[index], *sentence.span()) if len(w.group()) >= 5]
    if not words:
        return False
    word = rng.choice(words)
    at = rng.randrange(word.start() + 1, word.end() - 1)
    line = lines[index]
    lines[index] = line[:at] + rng.choice(("", line[at] * 2, "e", "a")) + line[at + 1 :]
    return True


def _replace_words(
    rng: random.Random, lines: Lines, vocabulary: list[str], drop: int, add: int
) -> bool:
    picked = _pick_sentence(rng, lines)
    if picked is None:
        return False
    index, sentence = picked
    words = list(WORD.finditer(lines[index], *sentence.span()))
    if len(words) < drop + 3:
        return False
    first = rng.randrange(1, len(words) - drop) if drop else rng.randrange(1, len(words))
    line = lines[index]
    start = words[first].start()
    end = words[first + drop - 1].end() if drop else start
    new = _words(rng, vocabulary, add)
    glue = " " if drop == 0 else ""
    lines[index] = line[:start] + new + glue + line[end:].lstrip(" " if drop and not add else "")
    return True


def words_inserted(rng: random.Random, lines: Lines, vocabulary: list[str]) -> bool:
    return _replace_words(rng, lines, vocabulary, 0, rng.randint(1, 3))


def words_deleted(rng: random.Random, lines: Lines, vocabulary: list[str]) -> bool:
    return _replace_words(rng, lines, vocabulary, rng.randint(1, 2), 0)


def clause_reworded(rng: random.Random, lines: Lines, vocabulary: list[str]) -> bool:
    return _replace_words(rng, lines, vocabulary, rng.randint(2, 5), rng.randint(2, 5))


def clause_added(rng: random.Random, lines: Lines, vocabulary: list[str]) -> bool:
    picked = _pick_sentence(rng, lines)
    if picked is None:
        return False
    index, sentence = picked
    line, end = lines[index], sentence.end() - 1
    lines[index] = line[:end] + ", " + _words(rng, vocabulary, rng.randint(3, 8)) + line[end:]
    return True


def sentence_deleted(rng: random.Random, lines: Lines, vocabulary: list[str]) -> bool:
    picked = _pick_sentence(rng, lines)
    if picked is None:
        return False
    index, sentence = picked
    line = lines[index]
    lines[index] = (line[: sentence.start()] + line[sentence.end() :].lstrip(" ")).rstrip()
    return True


def sentence_added(rng: random.Random, lines: Lines, vocabulary: list[str]) -> bool:
    picked = _pick_sentence(rng, lines)
    if picked is None:
        return False
    index, sentence = picked
    line, at = lines[index], sentence.end()
    new = _words(rng, vocabulary, rng.randint(6, 14)).capitalize() + "."
    lines[index] = line[:at] + " " + new + line[at:]
    return True


def paragraph_moved(rng: random.Random, lines: Lines, vocabulary: list[str]) -> bool:
    prose = _prose(lines)
    if len(prose) < 3:
        return False
    source = rng.choice(prose)
    moved = lines.pop(source)
    # before another paragraph (not inside a list or definition), as a paragraph of its own
    starts = [i for i in _prose(lines) if i > 0 and not lines[i - 1].strip()]
    target = rng.choice(starts or [source])
    lines[target:target] = [moved, ""]
    return True


def paragraph_deleted(rng: random.Random, lines: Lines, vocabulary: list[str]) -> bool:
    prose = _prose(lines)
    if len(prose) < 3:
        return False
    del lines[rng.choice(prose)]
    return True


EDITS: tuple[tuple[Edit, int], ...] = (  # (edit, weight): small edits are the common ones
    (typo_fixed, 3),
    (words_inserted, 3),
    (words_deleted, 2),
    (clause_reworded, 3),
    (clause_added, 2),
    (sentence_deleted, 2),
    (sentence_added, 2),
    (paragraph_moved, 1),
    (paragraph_deleted, 1),
)


def corpus() -> Path:
    """The Hugo pages in the nearest `shared/corpora` above the project ($READER_CORPORA first)."""
    if os.environ.get("READER_CORPORA"):
        return Path(os.environ["READER_CORPORA"]) / HUGO
    for folder in Path(__file__).resolve().parents[1:]:
        if (folder / "shared" / "corpora" / HUGO).is_dir():
            return folder / "shared" / "corpora" / HUGO
    return Path("../shared/corpora") / HUGO


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


def build(out: Path, files: int, revisions: int, seed: int) -> int:
    """The repository in `out`: `files` pages, each committed `revisions` more times."""
    rng = random.Random(seed)
    root = corpus()
    pages = sorted(
        path
        for path in root.rglob("*.md")
        if MIN_SIZE <= path.stat().st_size <= MAX_SIZE and path.name != "_index.md"
    )
    chosen = sorted(rng.sample(pages, min(files, len(pages))))
    out.mkdir(parents=True, exist_ok=True)
    _git(out, "init", "-q")
    _git(out, "config", "user.email", "bench@example.invalid")
    _git(out, "config", "user.name", "bench")
    texts: dict[Path, Lines] = {}
    for page in chosen:
        relative = Path("content") / page.relative_to(root)
        texts[relative] = page.read_text(encoding="utf-8").split("\n")
        (out / relative).parent.mkdir(parents=True, exist_ok=True)
        (out / relative).write_text("\n".join(texts[relative]), encoding="utf-8")
    _git(out, "add", "-A")
    _git(out, "commit", "-q", "-m", "pages as published")
    edits, weights = zip(*EDITS, strict=True)
    commits = 0
    for _round in range(revisions):
        for relative, lines in texts.items():
            before = "\n".join(lines)
            vocabulary = sorted({w.lower() for w in WORD.findall(before) if len(w) > 2})
            for _edit in range(rng.randint(1, 3)):
                rng.choices(edits, weights)[0](rng, lines, vocabulary)
            if "\n".join(lines) == before:
                continue
            (out / relative).write_text("\n".join(lines), encoding="utf-8")
            _git(out, "commit", "-q", "-am", f"edit {relative.name}")
            commits += 1
    return commits


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--files", type=int, default=12)
    parser.add_argument("--revisions", type=int, default=20, help="revisions per page")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if not corpus().is_dir():
        print(f"no corpus at {corpus()}", file=sys.stderr)
        return 2
    if args.out.exists() and any(args.out.iterdir()):
        print(f"{args.out} exists and is not empty", file=sys.stderr)
        return 2
    commits = build(args.out, args.files, args.revisions, args.seed)
    print(f"{commits} revisions of {args.files} pages in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
