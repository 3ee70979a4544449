"""Map positions in the reader view to offsets in the article text, and back.

The view (a QTextDocument) counts positions in UTF-16 code units and shows images as U+FFFC,
paragraph and table boundaries as U+2029/U+2028/U+FDD0/U+FDD1, and non-breaking spaces as such.
After normalising those, its text is normally identical to `article_text` — then the
map is an identity with a few shifts. Where the two still differ (odd raw HTML, or a header the
view shows before the body), a greedy alignment matches the text they share exactly and sends
the positions in between to the nearest shared one, always monotonically.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

# (from, to) in the view's text; chained str.replace (memchr-fast) instead of str.translate,
# which looks every character up in a dict: 40 ms a call on a 1 MB post, on the GUI thread.
_VIEW_NORMAL: tuple[tuple[str, str], ...] = (
    ("\ufdd0", "\n"),
    ("\ufdd1", "\n"),
    ("\u2029", "\n"),
    ("\u2028", "\n"),
    ("\xa0", " "),
    ("\ufffc", ""),
)
_SPECIAL = re.compile("[\ufffc\U00010000-\U0010ffff]")
_SPECIAL_AND_BREAKS = re.compile("[\ufffc\u200b\U00010000-\U0010ffff]")
BREAK = "\u200b"  # zero-width space: the view's breaks in over-long words (render/long_words)
_KEY = 12  # characters used to find where the two texts meet again
_NEAR = 6  # the largest local edit tried before searching further
_WINDOW = 512  # how far to look for that meeting point before searching everything
_MAX_FAR_SEARCHES = 64  # bounds the worst case on two unrelated texts


@dataclass(frozen=True, slots=True)
class _Runs:
    """Pieces where one coordinate advances with the other: x = x0 + (y - y0), ends inclusive."""

    src: tuple[int, ...]
    dst: tuple[int, ...]
    length: tuple[int, ...]

    def forward(self, pos: int, *, prefer_end: bool = False) -> int:
        return _map(pos, self.src, self.dst, self.length, prefer_end)

    def backward(self, pos: int, *, prefer_end: bool = False) -> int:
        return _map(pos, self.dst, self.src, self.length, prefer_end)


def _map(
    pos: int, src: tuple[int, ...], dst: tuple[int, ...], length: tuple[int, ...], end: bool
) -> int:
    if not src:
        return 0
    k = max(0, bisect_right(src, pos) - 1)
    if end and k > 0 and src[k] == pos and src[k - 1] + length[k - 1] == pos:
        k -= 1  # at a boundary shared with the previous run, stay before the gap
    if pos <= src[k] + length[k]:
        return dst[k] + max(0, pos - src[k])
    return dst[k] + length[k]


def normalise_view_text(view_text: str) -> str:
    """The view's text as article text would show it: separators as \\n, no object characters."""
    for old, new in _VIEW_NORMAL:
        if old in view_text:
            view_text = view_text.replace(old, new)
    return view_text


def _view_runs(view_text: str, *, drop_breaks: bool = False) -> _Runs:
    """Runs from normalised-text index (src) to UTF-16 view position (dst); with
    `drop_breaks`, zero-width spaces count in the view only, as object characters do."""
    src: list[int] = [0]
    dst: list[int] = [0]
    length: list[int] = []
    n = v = last = 0
    for m in (_SPECIAL_AND_BREAKS if drop_breaks else _SPECIAL).finditer(view_text):
        step = m.start() - last
        n += step
        v += step
        length.append(n - src[-1])
        if view_text[m.start()] in "\ufffc\u200b":
            v += 1
        else:
            n += 1
            v += 2
        src.append(n)
        dst.append(v)
        last = m.end()
    length.append(n + len(view_text) - last - src[-1])
    return _Runs(tuple(src), tuple(dst), tuple(length))


def _common_prefix(a: str, i: int, b: str, j: int) -> int:
    """Length of the common prefix of a[i:] and b[j:], compared in growing chunks."""
    limit = min(len(a) - i, len(b) - j)
    done, step = 0, 64
    while done < limit:
        size = min(step, limit - done)
        if a[i + done : i + done + size] == b[j + done : j + done + size]:
            done += size
            step *= 2
        elif size == 1:
            break
        else:
            step = max(1, size // 2)
    return done


def _nearby(a: str, i: int, b: str, j: int) -> tuple[int, int] | None:
    """A small substitution, insertion or deletion: the closest (i', j') where a key agrees."""
    for total in range(1, 2 * _NEAR + 1):
        for di in range(max(0, total - _NEAR), min(total, _NEAR) + 1):
            ii, jj = i + di, j + total - di
            key = a[ii : ii + _KEY]
            if (
                key
                and key == b[jj : jj + len(key)]
                and (len(key) == _KEY or ii + len(key) == len(a))
            ):
                return ii, jj
    return None


def _resync(a: str, i: int, b: str, j: int, far: bool) -> tuple[int, int] | None:
    """Where a[i:] and b[j:] meet again: the nearest spot where a key of one occurs in the other."""
    best: tuple[int, int] | None = None
    for key_src, key_at, other, other_at, swap in ((b, j, a, i, False), (a, i, b, j, True)):
        key = key_src[key_at : key_at + _KEY]
        if len(key) < _KEY and key_at + len(key) < len(key_src):
            continue
        if not key.strip():
            continue
        stop = len(other) if far else min(len(other), other_at + _WINDOW + len(key))
        found = other.find(key, other_at, stop)
        if found < 0:
            continue
        candidate = (key_at, found) if swap else (found, key_at)
        skip = found - other_at
        if best is None or skip < (best[0] - i) + (best[1] - j):
            best = candidate
    return best


def _align(view: str, article: str) -> _Runs:
    """Greedy alignment: matched runs from view index (src) to article offset (dst)."""
    src: list[int] = []
    dst: list[int] = []
    length: list[int] = []
    i = j = 0
    far_searches = 0
    while i < len(view) and j < len(article):
        k = _common_prefix(view, i, article, j)
        if k:
            src.append(i)
            dst.append(j)
            length.append(k)
            i += k
            j += k
            continue
        a_space, b_space = view[i].isspace(), article[j].isspace()
        if a_space or b_space:
            i += a_space
            j += b_space
            continue
        meet = _nearby(view, i, article, j) or _resync(view, i, article, j, far=False)
        if meet is None and far_searches < _MAX_FAR_SEARCHES:
            far_searches += 1
            meet = _resync(view, i, article, j, far=True)
        i, j = meet if meet is not None else (i + 1, j + 1)
    if not src or src[0] != 0 or dst[0] != 0:
        src.insert(0, 0)
        dst.insert(0, 0)
        length.insert(0, 0)
    return _Runs(tuple(src), tuple(dst), tuple(length))


class PosMap:
    """Two-way map between view positions (Qt, UTF-16 units) and article-text offsets.

    Article offsets index the Python ``str`` article text (code points), as stored in notes.
    """

    def __init__(self, view_text: str, article_text: str) -> None:
        self.article_text = article_text
        normal = normalise_view_text(view_text)
        # Breaks the view added in over-long words; a text with zero-width spaces of its own
        # keeps them all, and the alignment below finds the added ones.
        drop_breaks = BREAK in normal and BREAK not in article_text
        if drop_breaks:
            normal = normal.replace(BREAK, "")
        self._view = _view_runs(view_text, drop_breaks=drop_breaks)
        self.identical = normal == article_text
        if self.identical:
            self._text = _Runs((0,), (0,), (len(normal),))
        else:
            self._text = _align(normal, article_text)
        self._view_len = len(view_text.encode("utf-16-le")) // 2
        self._article_len = len(article_text)

    def to_article(self, view_pos: int, *, prefer_end: bool = False) -> int:
        """The article offset for a view position (clamped to the texts)."""
        view_pos = min(max(0, view_pos), self._view_len)
        n = self._view.backward(view_pos, prefer_end=prefer_end)
        return min(self._text.forward(n, prefer_end=prefer_end), self._article_len)

    def to_view(self, offset: int, *, prefer_end: bool = False) -> int:
        """The view position for an article offset; `prefer_end` keeps an end before an image."""
        offset = min(max(0, offset), self._article_len)
        n = self._text.backward(offset, prefer_end=prefer_end)
        return min(self._view.forward(n, prefer_end=prefer_end), self._view_len)

    def article_range(self, view_start: int, view_end: int) -> tuple[int, int]:
        """A view selection as article offsets (start ≤ end)."""
        start = self.to_article(view_start)
        return start, max(start, self.to_article(view_end, prefer_end=True))

    def view_range(self, start: int, end: int) -> tuple[int, int]:
        """Article offsets as a view selection (start ≤ end)."""
        first = self.to_view(start)
        return first, max(first, self.to_view(end, prefer_end=True))
