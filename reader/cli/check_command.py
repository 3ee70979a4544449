"""`reader check`: every problem; with --strict the exit status says whether there are any."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from reader.cli.common import CommandError, add_library_argument, load_library, print_json
from reader.core.library.names import printable


def add_parser(sub: Any) -> None:
    """Add `check` to the sub-command parsers."""
    parser: argparse.ArgumentParser = sub.add_parser(
        "check", help="report every problem in posts and images"
    )
    add_library_argument(parser)
    parser.add_argument("--json", action="store_true", help="print a JSON object")
    parser.add_argument("--strict", action="store_true", help="exit 1 when there is any problem")
    parser.add_argument(
        "--notes",
        type=Path,
        metavar="DIR",
        help="folder of notes files (default: LIBRARY/.annotations)",
    )


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Print every problem of the library and its notes."""
    library = load_library(args.library)
    if args.notes is not None and not args.notes.is_dir():
        raise CommandError(f"no such notes folder: {args.notes}")
    from reader.core.check.notes_check import notes_problems  # only `check` needs rendering

    problems = library.all_problems() + notes_problems(library, args.notes)
    if args.json:
        rows = [{"path": p.path, "kind": p.kind, "message": p.message} for p in problems]
        print_json({"problems": rows}, out)
    else:
        for problem in problems:
            out.write(printable(f"{problem.path}: {problem.kind}: {problem.message}\n"))
        out.write(f"{len(library.posts)} post(s), {len(problems)} problem(s)\n")
    return 1 if args.strict and problems else 0
