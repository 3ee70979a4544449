"""Arguments shared by the window and the sub-commands."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_library_argument(parser: argparse.ArgumentParser) -> None:
    """The optional LIBRARY folder (the bundled articles when left out)."""
    parser.add_argument(
        "library",
        nargs="?",
        type=Path,
        default=None,
        help="folder of Markdown posts (default: the bundled articles)",
    )
