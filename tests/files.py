"""Small helpers for tests that build libraries on disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.library import scan as library_module
from reader.core.library import scan_cache
from reader.core.library.post import Post


def write(root: Path, rel: str, content: str | bytes) -> Path:
    """Write `content` (text as UTF-8) at `root/rel`, making its folders; returns the path."""
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def spy_on_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths `scan_with_cache` actually reads (rather than takes from the cache), filled
    in as it runs."""
    seen: list[str] = []
    original = library_module.read_jobs

    def spy(
        root: Path, jobs: list[tuple[str, str]], progress: object = None, context: object = None
    ) -> list[Post]:
        seen.extend(rel for _path, rel in jobs)
        return original(root, jobs, None, context)  # type: ignore[arg-type]

    monkeypatch.setattr(scan_cache, "read_jobs", spy)
    return seen
