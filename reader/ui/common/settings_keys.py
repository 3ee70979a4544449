"""Names of the values kept in QSettings, in one place."""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QSettings

GEOMETRY = "window/geometry"
WINDOW_STATE = "window/state"
SPLITTER = "window/splitter"
THEME = "view/theme"
ZOOM = "view/zoom"
CARET_BROWSING = "view/caret_browsing"
SHOW_DRAFTS = "view/show_drafts"
TAGS_BY_COUNT = "view/tags_by_count"  # the tags pane lists the most used first
RECENT = "library/recent"
LAST_LIBRARY = "library/last"
PRINT_NOTES_AT = "print/notes_at"  # "end" or "beside"
PDF_FOLDER = "print/pdf_folder"
IMPORT_FOLDER = "import/folder"
MAX_RECENT = 8


def library_key(root: Path) -> str:
    """A short stable key for per-library values (reading positions)."""
    return hashlib.sha1(str(root.resolve()).encode("utf-8")).hexdigest()[:16]


def position_key(root: Path, post_path: str) -> str:
    """Where the reading position of one post is kept."""
    digest = hashlib.sha1(post_path.encode("utf-8")).hexdigest()[:16]
    return f"positions/{library_key(root)}/{digest}"


def last_post_key(root: Path) -> str:
    """Where the post last open in a library is kept."""
    return f"last_post/{library_key(root)}"


def read_float(settings: QSettings, key: str, default: float) -> float:
    """A number from QSettings (ini files give strings back), or `default`."""
    try:
        return float(str(settings.value(key, default)))
    except (TypeError, ValueError):
        return default


def read_bool(settings: QSettings, key: str, default: bool = False) -> bool:
    """A flag from QSettings (ini files give "true"/"false" strings back)."""
    value = settings.value(key, default)
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1", "yes")
    return bool(value)


def read_list(settings: QSettings, key: str) -> list[str]:
    """A list of strings (QSettings returns a bare string for a one-item list)."""
    value = settings.value(key, [])
    if isinstance(value, list | tuple):
        return [str(item) for item in value]
    return [str(value)] if value else []
