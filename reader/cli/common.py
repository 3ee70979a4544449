"""What every sub-command shares: the LIBRARY argument, user errors, loading, JSON output."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any, TextIO

from reader.core.library.entries import View, default_language, language_counts
from reader.core.library.names import printable_data
from reader.core.library.scan import Library
from reader.core.library.scan_cache import scan_with_cache
from reader.paths import bundled_articles


class CommandError(Exception):
    """A failure worded for the user: printed to stderr, exit status 2, nothing written."""


def add_library_argument(parser: argparse.ArgumentParser) -> None:
    """The optional LIBRARY folder (the bundled articles when left out)."""
    parser.add_argument(
        "library",
        nargs="?",
        type=Path,
        default=None,
        help="folder of Markdown posts (default: the bundled articles)",
    )


def load_library(path: Path | None) -> Library:
    """Scan the given library, or the bundled articles; a bad path is a CommandError.

    Read through the scan cache the window keeps (the per-user cache folder,
    ``$XDG_CACHE_HOME/reader/scan``), with the same validation: a file whose size or mtime
    changed is read again. Writing that cache is the one write a read-only command makes, and
    it is outside the library; a cache that cannot be written is only slower.
    """
    root = path if path is not None else bundled_articles()
    if not root.exists():
        raise CommandError(f"no such folder: {root}")
    if not root.is_dir():
        raise CommandError(f"not a folder: {root}")
    try:
        return scan_with_cache(root)
    except OSError as error:
        raise CommandError(f"cannot read {root}: {error}") from error


def print_json(data: Any, out: TextIO) -> None:
    """Indented JSON with non-ASCII kept, and a final newline; file names that are not
    UTF-8 are escaped (``caf\\xe9.md``), so the output is always valid UTF-8 JSON."""
    json.dump(printable_data(data), out, ensure_ascii=False, indent=2)
    out.write("\n")


ALL_LANGUAGES = "all"


def add_view_arguments(parser: argparse.ArgumentParser, *, every_language: bool = False) -> None:
    """--drafts and --lang: which posts count (the window's "Show drafts" and Language)."""
    parser.add_argument(
        "--drafts",
        action="store_true",
        help="include drafts and what the site does not publish (scheduled, expired, headless…)",
    )
    default = "every language" if every_language else "the site's default language"
    parser.add_argument(
        "--lang",
        metavar="LANG",
        help=f"only posts in this language, or 'all' (default: {default})",
    )


def view_of(args: argparse.Namespace, library: Library, *, every_language: bool = False) -> View:
    """The view the options ask for; an unknown language is a CommandError."""
    drafts = bool(getattr(args, "drafts", False))
    wanted = getattr(args, "lang", None)
    if wanted is None:
        lang = None if every_language else default_language(library, View(drafts=drafts))
        return View(drafts=drafts, lang=lang)
    wanted = wanted.strip().lower()
    if wanted == ALL_LANGUAGES:
        return View(drafts=drafts)
    known = [code for code, _count in language_counts(library, View(drafts=True))]
    if wanted not in known:
        choices = ", ".join([ALL_LANGUAGES, *known])
        raise CommandError(f"no post in language {wanted!r}; choose one of {choices}")
    return View(drafts=drafts, lang=wanted)
