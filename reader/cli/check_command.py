"""`reader check`: every problem of the posts that count, as the window's status bar counts
them; with --strict the exit status says whether there are any."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from reader.cli.common import (
    CommandError,
    add_library_argument,
    add_view_arguments,
    load_library,
    print_json,
    view_of,
)
from reader.core.library.names import printable
from reader.ui.common.wording import counted


def add_parser(sub: Any) -> None:
    """Add `check` to the sub-command parsers."""
    parser: argparse.ArgumentParser = sub.add_parser(
        "check", help="report every problem in posts, images and notes"
    )
    add_library_argument(parser)
    add_view_arguments(parser)
    parser.add_argument("--json", action="store_true", help="print a JSON object")
    parser.add_argument("--strict", action="store_true", help="exit 1 when there is any problem")
    parser.add_argument(
        "--notes",
        type=Path,
        metavar="DIR",
        help="folder of notes files (default: LIBRARY/.annotations)",
    )


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Print every problem of the library's posts, images and notes."""
    library = load_library(args.library)
    if args.notes is not None and not args.notes.is_dir():
        raise CommandError(f"no such notes folder: {args.notes}")
    view = view_of(args, library)
    from reader.core.check.library_check import LibraryChecker  # only `check` renders

    report = LibraryChecker(library.root, args.notes).check(library, view)
    problems = report.problems
    if args.json:
        rows = [{"path": p.path, "kind": p.kind, "message": p.message} for p in problems]
        print_json({"problems": rows}, out)
    else:
        for problem in problems:
            out.write(printable(f"{problem.path}: {problem.kind}: {problem.message}\n"))
        out.write(f"{counted(report.posts, 'post')}, {counted(len(problems), 'problem')}\n")
    return 1 if args.strict and problems else 0
