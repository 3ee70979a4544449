"""`reader import [LIBRARY] FILE.json [--dry-run]`: notes from reader's export or Hypothesis.

The whole file is read, checked, matched and placed before anything is written; a file that
cannot be imported writes nothing. `--dry-run` prints the same report and stops there.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from reader.cli.common import CommandError, add_library_argument, load_library
from reader.core.importing.apply import apply_plan
from reader.core.importing.model import ImportFileError
from reader.core.importing.plan import build_plan
from reader.core.importing.report import format_report
from reader.core.importing.shapes import read_import_file
from reader.core.notes.store import NotesStore


def add_parser(sub: Any) -> argparse.ArgumentParser:
    """Add `import` to the sub-command parsers (`sub` is add_subparsers' result)."""
    parser: argparse.ArgumentParser = sub.add_parser(
        "import",
        help="import notes from reader's JSON export or a Hypothesis export",
        description="Import annotations (reader's `export --format json`, a Hypothesis export "
        "file or API search result) into the notes of the posts they belong to.",
    )
    add_library_argument(parser)
    parser.add_argument("file", type=Path, metavar="FILE.json", help="the file to import")
    parser.add_argument(
        "--dry-run", action="store_true", help="print what would be imported; write nothing"
    )
    parser.add_argument(
        "--notes",
        metavar="DIR",
        type=Path,
        help="notes folder to import into (default: LIBRARY/.annotations)",
    )
    return parser


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Plan the import, print the report, and write unless it is a dry run."""
    try:
        parsed = read_import_file(args.file)
    except ImportFileError as err:
        raise CommandError(f"{err}; nothing was imported") from None
    library = load_library(args.library)
    if args.notes is not None and args.notes.exists() and not args.notes.is_dir():
        raise CommandError(f"not a folder: {args.notes}")
    store = NotesStore(library.root, args.notes)
    plan = build_plan(library, store, parsed, args.file.name)
    if args.dry_run:
        out.write(format_report(plan, dry_run=True))
        return 0
    outcome = apply_plan(store, plan)
    out.write(format_report(plan, dry_run=False, outcome=outcome))
    if outcome.failures:
        raise CommandError(f"{len(outcome.failures)} post(s) could not be saved (see above)")
    return 0
