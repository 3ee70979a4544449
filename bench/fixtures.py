"""Posts and notes the run benchmark measures on: a 4 KB post with 50 notes, a 100 KB post
with 1,000, and notes on some posts of the synthetic library."""

from __future__ import annotations

import random
import struct
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from bench.synthetic import post_text
from reader.core.anchoring.targets import make_target
from reader.core.library.post import read_text
from reader.core.notes.records import Annotation, NotesDocument, new_annotation
from reader.core.notes.store import NotesStore
from reader.core.render.pipeline import render_post

WHEN = datetime(2026, 1, 1, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class NotedPost:
    """A post written into the library, its article text and the notes made on it."""

    rel: str
    text: str
    annotations: tuple[Annotation, ...]


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def tiny_png(red: int) -> bytes:
    """A valid 2x2 PNG, so that cover thumbnails decode as real covers would."""
    header = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    rows = b"".join(b"\x00" + bytes([red, 80, 160]) * 2 for _ in range(2))
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(rows))
        + _chunk(b"IEND", b"")
    )


def real_covers(content: Path) -> None:
    """Replace the synthetic library's signature-only covers by decodable images."""
    for index, cover in enumerate(sorted((content / "images").glob("*.png"))):
        cover.write_bytes(tiny_png(index * 20))


def write_post(content: Path, rel: str, size: int, seed: int) -> str:
    """A post of at least `size` bytes (front matter + body); returns its article text."""
    rng = random.Random(seed)
    paragraphs = 6
    text = post_text(rng, seed, paragraphs)
    while len(text.encode("utf-8")) < size:
        paragraphs = paragraphs * 2
        text = post_text(random.Random(seed), seed, paragraphs)
    path = content / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return render_post(read_text(path).body, post_dir=path.parent, library_root=content).text


def make_notes(text: str, count: int, seed: int) -> tuple[Annotation, ...]:
    """`count` notes on spans spread through the text, as a reader would make them."""
    rng = random.Random(seed)
    notes = []
    step = max(1, (len(text) - 60) // count)
    for index in range(count):
        start = min(index * step + rng.randint(0, max(0, step - 40)), len(text) - 41)
        target = make_target(text, start, start + rng.randint(12, 40))
        notes.append(new_annotation(target, note=f"note {index} on this passage", now=WHEN))
    return tuple(notes)


def noted_post(content: Path, rel: str, size: int, notes: int, seed: int) -> NotedPost:
    """Write a post of `size` bytes and `notes` notes on it (saved in its notes file)."""
    text = write_post(content, rel, size, seed)
    annotations = make_notes(text, notes, seed)
    NotesStore(content).save(rel, NotesDocument(article=rel, annotations=annotations))
    return NotedPost(rel, text, annotations)


def annotate_some(content: Path, every: int = 100, notes: int = 5) -> int:
    """Notes on every `every`-th post of the synthetic library; returns how many posts."""
    store = NotesStore(content)
    posts = sorted(content.rglob("post-*.md"))[::every]
    for index, path in enumerate(posts):
        rel = path.relative_to(content).as_posix()
        text = render_post(read_text(path).body, post_dir=path.parent, library_root=content).text
        annotations = make_notes(text, notes, index)
        store.save(rel, NotesDocument(article=rel, annotations=annotations))
    return len(posts)
