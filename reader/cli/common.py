"""What every sub-command shares: the LIBRARY argument, user errors, loading, JSON output."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any, TextIO

from reader.core.library.names import printable_data
from reader.core.library.scan import Library, scan_library
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
    """Scan the given library, or the bundled articles; a bad path is a CommandError."""
    root = path if path is not None else bundled_articles()
    if not root.exists():
        raise CommandError(f"no such folder: {root}")
    if not root.is_dir():
        raise CommandError(f"not a folder: {root}")
    try:
        return scan_library(root)
    except OSError as error:
        raise CommandError(f"cannot read {root}: {error}") from error


def print_json(data: Any, out: TextIO) -> None:
    """Indented JSON with non-ASCII kept, and a final newline; file names that are not
    UTF-8 are escaped (``caf\\xe9.md``), so the output is always valid UTF-8 JSON."""
    json.dump(printable_data(data), out, ensure_ascii=False, indent=2)
    out.write("\n")
