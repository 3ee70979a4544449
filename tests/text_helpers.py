"""Small helpers shared by tests."""

from __future__ import annotations


def occurrences(text: str, quote: str) -> int:
    """How many times `quote` occurs in `text`, overlapping ones included."""
    count, at = 0, text.find(quote)
    while at >= 0:
        count += 1
        at = text.find(quote, at + 1)
    return count
