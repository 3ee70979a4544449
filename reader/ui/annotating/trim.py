"""A selection made by hand rarely ends where the words do: trim it before it becomes a quote.

A drag that ends after "program, " means "program": spaces, and the commas, colons and dashes
that separate words from the next ones, are not part of a passage. Sentence ends (".", "?",
"!") and closing brackets or quotes stay when they end the passage, and go when they start it.

Pure text work; it lives beside the keys that use it until `reader.core.anchoring` (being
reworked) can take it.
"""

from __future__ import annotations

from typing import Final

_SPACE: Final = frozenset(" \t\n\r\f\v\u00a0\u2009\u200b\u202f\ufffc")
_TRAILING: Final = _SPACE | frozenset(",;:([{“‘«—–/")
_LEADING: Final = _SPACE | frozenset(",;:)]}”’».!?—–/")


def trimmed_span(text: str, start: int, end: int) -> tuple[int, int]:
    """[start, end) of `text` without separators at its edges; empty (start == end) when the
    selection held nothing but them."""
    start, end = max(0, start), min(len(text), end)
    while start < end and text[start] in _LEADING:
        start += 1
    while end > start and text[end - 1] in _TRAILING:
        end -= 1
    return start, end
