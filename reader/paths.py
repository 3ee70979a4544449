"""Where the bundled articles and resources live, in an installed wheel or in a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    """A wheel carries the folder inside the package (``reader/<name>``); a checkout and an
    editable install keep it at the top of the repository, beside the package."""
    installed = _PACKAGE / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name


def bundled_articles() -> Path:
    """The embedded default library."""
    return _data_dir("articles")


def resources_dir() -> Path:
    """Stylesheets, article CSS, icons and the placeholder cover."""
    return _data_dir("resources")
