"""Revision pairs of real Markdown articles from a git history, as reader's article text.

Used by bench/anchoring_real.py. The text comes from `reader.core.render` (the same article
text the window shows and notes count in), so the benchmark follows any change of renderer.
Git is driven through its command line (`git log`, `git cat-file --batch`), read-only.
"""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from reader.core.library.post import parse_post_bytes
from reader.core.render.pipeline import render_post

MARKDOWN_SUFFIXES = (".md", ".markdown")


@dataclass(frozen=True, slots=True)
class RevisionPair:
    """One article before and after one commit that changed its article text."""

    article: str
    commit: str
    old: str
    new: str


def _git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(repo), *args], check=True, capture_output=True, text=True
    )
    return done.stdout


def markdown_files(repo: Path, under: str) -> list[str]:
    """Every Markdown file ever present under `under` (a folder; "" for the whole repository)."""
    names = _git(repo, "log", "--all", "--format=", "--name-only", "--", under or ".")
    found = {name for name in names.splitlines() if name.endswith(MARKDOWN_SUFFIXES)}
    return sorted(found)


def _revisions(repo: Path, path: str) -> list[str]:
    """Commits that changed `path`, oldest first, following the first parent only."""
    log = _git(repo, "log", "--first-parent", "--format=%H", "--reverse", "--", path)
    return log.split()


class _Blobs:
    """`git cat-file --batch`: many blobs through one process."""

    def __init__(self, repo: Path) -> None:
        self._process = subprocess.Popen(
            ["git", "-C", str(repo), "cat-file", "--batch"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )

    def read(self, commit: str, path: str) -> bytes | None:
        assert self._process.stdin is not None and self._process.stdout is not None
        self._process.stdin.write(f"{commit}:{path}\n".encode())
        self._process.stdin.flush()
        header = self._process.stdout.readline().split()
        if len(header) < 3 or header[1] != b"blob":
            return None
        data = self._process.stdout.read(int(header[2]))
        self._process.stdout.read(1)  # the newline after the blob
        return data

    def close(self) -> None:
        assert self._process.stdin is not None
        self._process.stdin.close()
        self._process.wait()


def article_text(data: bytes, scratch: Path) -> str:
    """The article text of one revision, as reader renders it."""
    body = parse_post_bytes(data).body
    return render_post(body, post_dir=scratch, library_root=scratch).text


def revision_pairs(repo: Path, paths: list[str]) -> Iterator[RevisionPair]:
    """Consecutive revisions of each path whose article text differs, oldest first."""
    blobs = _Blobs(repo)
    try:
        with tempfile.TemporaryDirectory(prefix="reader-bench-") as scratch:
            for path in paths:
                previous: str | None = None
                for commit in _revisions(repo, path):
                    data = blobs.read(commit, path)
                    if data is None:  # deleted in this commit
                        previous = None
                        continue
                    text = article_text(data, Path(scratch))
                    if previous is not None and previous.strip() and text != previous:
                        yield RevisionPair(path, commit, previous, text)
                    previous = text
    finally:
        blobs.close()
