"""Small phrases the window and the command line build from numbers (no Qt here)."""

from __future__ import annotations


def counted(count: int, noun: str) -> str:
    """`1 post`, `2 posts`, `0 problems`, `100,000 posts`."""
    return f"{count:,} {noun}" if count == 1 else f"{count:,} {noun}s"
