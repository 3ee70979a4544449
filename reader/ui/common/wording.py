"""Small phrases the window builds from numbers."""

from __future__ import annotations


def counted(count: int, noun: str) -> str:
    """`1 post`, `2 posts`, `0 problems`."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
