"""Where the reader was: the passage at the top of each post, and the post last read.

A position is kept as text, not pixels: the article-text offset of the first character in view
and a short quote from there (with its context), re-found in the post's current text the way a
note is (`reader.core.anchoring`). A paragraph added or removed above it, a new zoom, theme or
window width, none of them moves what the reader sees. Values that cannot be read (an older
pixel-era number, a hand-edited settings file) fall back to the number or to the top.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Final

from PySide6.QtCore import QSettings

from reader.core.anchoring.reanchor import reanchor_target
from reader.core.anchoring.targets import make_target
from reader.core.notes.records import Target
from reader.ui.common import settings_keys as keys

QUOTE_CHARS: Final = 48


def position_value(article_text: str, offset: int) -> str:
    """What to keep for a reading position at `offset` of `article_text` (JSON)."""
    if offset <= 0 or offset >= len(article_text):
        return json.dumps({"offset": 0})
    end = min(len(article_text), offset + QUOTE_CHARS)
    target = make_target(article_text, offset, end)
    return json.dumps(
        {
            "offset": offset,
            "exact": target.exact,
            "prefix": target.prefix,
            "suffix": target.suffix,
        },
        ensure_ascii=False,
    )


def find_position(article_text: str, value: object) -> int:
    """The offset in `article_text` where a kept position is now (0 when unknown)."""
    if value is None:
        return 0
    try:
        data = json.loads(str(value))
    except (TypeError, ValueError):
        return 0
    if isinstance(data, int | float) and not isinstance(data, bool):
        return _clamp(int(data), article_text)  # a bare offset, as older versions kept it
    if not isinstance(data, dict):
        return 0
    offset = data.get("offset")
    hint = _clamp(offset, article_text) if isinstance(offset, int) else 0
    exact = data.get("exact")
    if not isinstance(exact, str) or not exact or hint < 0:
        return hint
    prefix, suffix = data.get("prefix", ""), data.get("suffix", "")
    try:
        target = Target(
            exact=exact,
            prefix=prefix if isinstance(prefix, str) else "",
            suffix=suffix if isinstance(suffix, str) else "",
            start=hint,
            end=hint + len(exact),
        )
    except ValueError:
        return hint
    found = reanchor_target(article_text, target).anchor
    return found.start if found is not None else hint


def _clamp(offset: object, article_text: str) -> int:
    """A usable offset, or 0 for anything that is not one (negative, past the end, a flag)."""
    if not isinstance(offset, int) or isinstance(offset, bool):
        return 0
    return offset if 0 <= offset < len(article_text) else 0


class ReadingPlaces:
    """Reads and writes reading positions and the last post, per library, in QSettings."""

    def __init__(self, settings: QSettings) -> None:
        self._settings = settings

    def save(self, root: Path, post_path: str, article_text: str, offset: int) -> None:
        """Keep the position of `post_path` at `offset` of its article text."""
        value = position_value(article_text, offset)
        self._settings.setValue(keys.position_key(root, post_path), value)

    def find(self, root: Path, post_path: str, article_text: str) -> int:
        """Where to scroll `post_path` to (an offset of its current article text)."""
        return find_position(article_text, self._settings.value(keys.position_key(root, post_path)))

    def remember_post(self, root: Path, post_path: str) -> None:
        """The post now open is the one to reopen next time."""
        self._settings.setValue(keys.last_post_key(root), post_path)

    def last_post(self, root: Path) -> str | None:
        """The post open when this library was last closed, if any."""
        value = self._settings.value(keys.last_post_key(root))
        return value if isinstance(value, str) and value else None


def posts_to_open(last: str | None, home: str | None, newest: str | None) -> list[str]:
    """What a library opens on, in order of preference: the post last read there, the
    library's own article, the newest post listed."""
    return [path for path in (last, home, newest) if path]
