"""Finding a quote copied from a web page in reader's article text, typography aside.

A quote selected on the published page differs from the article text in ways that are not
edits: the site's generator turned straight quotes into curly ones and `--` into dashes, and
white space around line breaks and tags is laid out differently. The exact and fuzzy stages of
re-anchoring do not know about that, and rapidfuzz counts each curly quote as an edit; so
before them the quote is looked for with those differences folded away, mapping positions
back to the original text. No library folds and maps positions in one pass, hence this module.
"""

from __future__ import annotations

from typing import Final

_FOLD: Final = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u2033": '"',
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2015": "-",
    "\u2212": "-",
    "\u2026": "...",
    "\u00ad": "",
    "\u200b": "",
    "\u200c": "",
    "\u200d": "",
    "\ufeff": "",
    "\ufffc": "",
}


def fold(text: str) -> tuple[str, list[int]]:
    """The folded text, and for each of its characters the index it came from in `text`."""
    out: list[str] = []
    origin: list[int] = []
    previous = " "
    for index, char in enumerate(text):
        replacement = " " if char.isspace() else _FOLD.get(char, char)
        for piece in replacement:
            if piece == previous and piece in " -":
                continue  # runs of spaces or dashes count as one
            out.append(piece)
            origin.append(index)
            previous = piece
    return "".join(out), origin


def _agreement_before(folded: str, at: int, prefix: str) -> int:
    count = 0
    while count < min(len(prefix), at) and folded[at - 1 - count] == prefix[-1 - count]:
        count += 1
    return count


def _agreement_after(folded: str, at: int, suffix: str) -> int:
    count = 0
    while count < min(len(suffix), len(folded) - at) and folded[at + count] == suffix[count]:
        count += 1
    return count


def find_loosely(
    text: str, exact: str, prefix: str = "", suffix: str = ""
) -> tuple[int, int] | None:
    """Where `exact` is in `text` with typography and spacing folded: (start, end) in `text`.

    Among several copies the one whose surroundings agree best with `prefix` and `suffix`
    wins (then the first). None when the folded quote is not there.
    """
    folded_text, origin = fold(text)
    wanted = fold(exact)[0].strip()
    if not wanted:
        return None
    before = fold(prefix)[0].rstrip()
    after = fold(suffix)[0].lstrip()
    best: tuple[int, int] | None = None
    best_score = -1
    at = folded_text.find(wanted)
    while at != -1:
        end = at + len(wanted)
        lead = at - 1 if at > 0 and folded_text[at - 1] == " " else at
        trail = end + 1 if end < len(folded_text) and folded_text[end] == " " else end
        score = _agreement_before(folded_text, lead, before) + _agreement_after(
            folded_text, trail, after
        )
        if score > best_score:
            best, best_score = (origin[at], origin[end - 1] + 1), score
        at = folded_text.find(wanted, at + 1)
    return best
