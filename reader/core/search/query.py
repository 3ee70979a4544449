"""What the user typed, as a query; what a hit shows (its snippet and marked words).

FTS5 reads quotes, `*`, `:`, `-`, AND/OR/NOT and parentheses as syntax: the user's words are
quoted here so that anything typed is a word, never an operator (and never an error).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

HIT_START, HIT_END = "\x02", "\x03"  # snippet markers, turned into spans
_WORD = re.compile(r"\w+")
_PART = re.compile(r'"([^"]*)"?|([^\s"]+)')
_MARKERS: Final = re.compile(f"([{HIT_START}{HIT_END}])")


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One result: the post, where it matched, and a snippet with the matches marked.

    `highlights` are (start, end) spans of `snippet`. For a note match, `annotation` is the
    note's id and `offset` its article-text start; body, title and tag matches have no offset
    (see `match_offset`).
    """

    path: str
    title: str
    kind: str  # "post" or "note"
    snippet: str
    highlights: tuple[tuple[int, int], ...]
    annotation: str | None = None
    offset: int | None = None


def fts_query(text: str, prefixes: bool = True) -> str | None:
    """The user's words as a safe FTS5 query: quoted phrases stay phrases, other words match
    as prefixes (as whole words without `prefixes`: a query whose matches are some of the
    first's), and nothing the user types is read as an operator. None when no words."""
    parts: list[str] = []
    star = "*" if prefixes else ""
    for phrase, loose in _PART.findall(text):
        if phrase:
            words = _WORD.findall(phrase)
            if words:
                parts.append('"' + " ".join(words) + '"')
        else:
            parts.extend(f'"{word}"{star}' for word in _WORD.findall(loose))
    return " ".join(parts) or None


def query_terms(text: str) -> list[str]:
    """The LIKE fallback's terms, lower-cased: each quoted phrase, and each other word."""
    terms: list[str] = []
    for phrase, loose in _PART.findall(text):
        if phrase:
            words = _WORD.findall(phrase)
            if words:
                terms.append(" ".join(words).lower())
        else:
            terms.extend(word.lower() for word in _WORD.findall(loose))
    return terms


def split_snippet(marked: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A snippet with markers → plain text and the spans that were marked."""
    text: list[str] = []
    spans: list[tuple[int, int]] = []
    length = 0
    start = -1
    for piece in _MARKERS.split(marked):
        if piece == HIT_START:
            start = length
        elif piece == HIT_END:
            if start >= 0:
                spans.append((start, length))
            start = -1
        else:
            text.append(piece)
            length += len(piece)
    return "".join(text), tuple(spans)


def match_offset(article_text: str, hit: SearchHit) -> int | None:
    """Where the hit's first marked words are in the article text (case-insensitive)."""
    if hit.offset is not None:
        return hit.offset
    words = [hit.snippet[s:e] for s, e in hit.highlights] or []
    for word in words:
        pattern = r"\b" + r"\W+".join(re.escape(w) for w in _WORD.findall(word))
        found = re.search(pattern, article_text, re.IGNORECASE)
        if found:
            return found.start()
    return None


def plain_snippet(text: str, words: list[str], width: int = 120) -> str:
    """A snippet around the first word, with the words marked (the LIKE fallback's snippet)."""
    lowered = text.lower()
    at = min((i for i in (lowered.find(w) for w in words) if i >= 0), default=0)
    start = max(0, at - width // 3)
    piece = text[start : start + width]
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    marked = pattern.sub(lambda m: f"{HIT_START}{m.group(0)}{HIT_END}", piece)
    return ("…" if start else "") + marked + ("…" if start + width < len(text) else "")
