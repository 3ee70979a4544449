"""`reader [LIBRARY] [options]`: open the reading window (the GUI arrives with issue 3)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path


def build_gui_parser() -> argparse.ArgumentParser:
    """Options of the window; sub-commands are listed in the epilog."""
    return argparse.ArgumentParser(
        prog="reader",
        description="Open the reading window on a folder of Markdown posts.",
        epilog="sub-commands: reader list|tags|check [LIBRARY] ... (see reader list --help)",
    )


def gui_main(argv: Sequence[str]) -> int:
    """Parse the window's options and open it."""
    parser = build_gui_parser()
    parser.add_argument("library", nargs="?", type=Path, default=None)
    parser.parse_args(list(argv))
    sys.stderr.write("reader: the reading window is not built yet; try `reader list`.\n")
    return 0
