"""A synthetic library of realistic posts, shared by the benchmarks."""

from __future__ import annotations

import random
from pathlib import Path

WORDS = (
    "program project manager scope budget risk stakeholder roadmap delivery team schedule "
    "milestone vision strategy outcome benefit portfolio agile scrum sprint backlog owner "
    "product quality resource dependency governance report status review plan execute"
).split()
TAGS = [f"tag{i}" for i in range(60)] + ["Agile", "agile", "Careers", "management"]


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 20))]
    return " ".join(words).capitalize() + "."


def post_text(rng: random.Random, index: int, body_paragraphs: int = 6) -> str:
    """One post with Hugo-like YAML front matter and a few paragraphs of body."""
    tags = rng.sample(TAGS, rng.randint(0, 4))
    day = f"20{rng.randint(10, 25):02d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    front = [
        "---",
        f'title: "Post number {index}: {_sentence(rng)[:40]}"',
        f"date: {day}T{rng.randint(0, 23):02d}:30:00+01:00",
        f"tags: [{', '.join(tags)}]",
        "categories: [notes]",
        f'description: "{_sentence(rng)}"',
        f"image: /images/cover{index % 10}.png",
        f"draft: {'true' if index % 50 == 0 else 'false'}",
        "---",
        "",
    ]
    body = []
    for section in range(body_paragraphs):
        if section % 3 == 0:
            body.append(f"## Section {section}\n")
        body.append(" ".join(_sentence(rng) for _ in range(rng.randint(3, 7))) + "\n")
    return "\n".join(front) + "\n".join(body)


def make_library(root: Path, posts: int, seed: int = 7) -> Path:
    """Write `posts` posts under `root/content` in nested folders; returns the library root."""
    rng = random.Random(seed)
    content = root / "content"
    (content / "images").mkdir(parents=True, exist_ok=True)
    for cover in range(10):
        (content / "images" / f"cover{cover}.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    for index in range(posts):
        folder = content / f"section{index % 20}" / f"year{index % 7}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"post-{index}.md").write_text(post_text(rng, index), encoding="utf-8")
    return content
