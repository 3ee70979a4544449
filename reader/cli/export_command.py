"""`reader export`: notes of one post, a tag or the library, in any format, to stdout or a file.

Everything is computed before anything is written, and a file is replaced atomically, so a
failed export leaves no half-written file and stdout gets nothing on an error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, TextIO

from reader.cli.common import (
    CommandError,
    add_library_argument,
    add_view_arguments,
    load_library,
    view_of,
)
from reader.core.anchoring.targets import AnchorStatus
from reader.core.export.collect import ScopeError
from reader.core.export.formats import FORMATS, UnknownFormatError
from reader.core.export.model import ExportFilter
from reader.core.export.run import export_scope
from reader.core.library.names import printable
from reader.core.notes.atomic import atomic_write_bytes
from reader.core.notes.records import COLORS
from reader.core.notes.store import NotesStore

STATUSES = tuple(status.value for status in AnchorStatus)


def add_parser(sub: Any) -> argparse.ArgumentParser:
    """Add `export` to the sub-command parsers (`sub` is add_subparsers' result)."""
    parser: argparse.ArgumentParser = sub.add_parser(
        "export", help="export notes as markdown, json, csv, html or a comparison table"
    )
    add_library_argument(parser)
    parser.add_argument(
        "--format",
        default="markdown",
        metavar="FORMAT",
        help=f"one of {', '.join(FORMATS)} (default: markdown)",
    )
    parser.add_argument("--post", metavar="PATH", help="only this post (relative to the library)")
    parser.add_argument("--tag", help="only posts with this tag (case-insensitive)")
    parser.add_argument("--category", help="only posts in this category (case-insensitive)")
    add_view_arguments(parser, every_language=True)
    _repeatable(parser, "--side", help="only notes labelled with this side")
    _repeatable(parser, "--aspect", help="only notes with this aspect")
    _repeatable(
        parser,
        "--color",
        "--colour",
        metavar="COLOR",
        help=f"only notes of this colour: {', '.join(COLORS)}",
    )
    _repeatable(parser, "--note-tag", metavar="TAG", help="only notes carrying this tag")
    _repeatable(parser, "--status", help=f"only notes anchored so: {', '.join(STATUSES)}")
    parser.add_argument(
        "--notes",
        type=Path,
        metavar="DIR",
        help="folder of notes files (default: LIBRARY/.annotations)",
    )
    parser.add_argument("-o", "--output", type=Path, metavar="FILE", help="write to FILE")
    return parser


def _repeatable(
    parser: argparse.ArgumentParser, *flags: str, help: str, metavar: str | None = None
) -> None:
    """A filter option that may be given several times (any of the values matches)."""
    parser.add_argument(
        *flags, action="append", default=None, metavar=metavar, help=f"{help} (repeatable)"
    )


def _check_choices(values: list[str] | None, allowed: tuple[str, ...], what: str) -> None:
    for value in values or ():
        if value.strip().lower() not in allowed:
            raise CommandError(f"unknown {what} {value!r}; choose from {', '.join(allowed)}")


def export_filter(args: argparse.Namespace) -> ExportFilter:
    """The annotation filter the options ask for; unknown colours and statuses are errors."""
    _check_choices(args.color, COLORS, "colour")
    _check_choices(args.status, STATUSES, "status")
    statuses = None
    if args.status is not None:
        statuses = [AnchorStatus(value.strip().lower()) for value in args.status]
    return ExportFilter.of(
        colors=args.color,
        sides=args.side,
        aspects=args.aspect,
        tags=args.note_tag,
        statuses=statuses,
    )


def _write_output(path: Path, data: bytes) -> None:
    if path.is_dir():
        raise CommandError(f"{path} is a folder; give a file name")
    if not path.parent.is_dir():
        raise CommandError(f"no such folder: {path.parent}")
    try:
        atomic_write_bytes(path, data)
    except OSError as err:
        raise CommandError(f"cannot write {path}: {err.strerror or err}") from err


def _write_stdout(data: bytes, out: TextIO) -> None:
    """Exact bytes where stdout has them (CRLF and BOM kept, any console encoding)."""
    buffer = getattr(out, "buffer", None)
    if buffer is None:
        out.write(data.decode("utf-8"))
        return
    out.flush()
    buffer.write(data)
    buffer.flush()


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Run `reader export`; user errors raise CommandError before anything is written."""
    fmt = args.format.strip().lower()
    if fmt not in FORMATS:
        raise CommandError(f"unknown format {args.format!r}; choose one of {', '.join(FORMATS)}")
    wanted = export_filter(args)
    library = load_library(args.library)
    if args.notes is not None and not args.notes.is_dir():
        raise CommandError(f"no such notes folder: {args.notes}")
    store = NotesStore(library.root, args.notes, read_only=True)  # exporting only reads
    if store.refused_root is not None:
        sys.stderr.write(printable(f"reader: warning: {store.refused_root}\n"))
    try:
        result = export_scope(
            library,
            store,
            fmt,
            wanted,
            post=args.post,
            tag=args.tag,
            category=args.category,
            view=view_of(args, library, every_language=True),
        )
    except (ScopeError, UnknownFormatError) as err:
        raise CommandError(str(err)) from err
    for problem in result.problems:
        warning = f"reader: warning: {problem.path}: {problem.message}\n"
        sys.stderr.write(printable(warning))
    data = result.data
    if args.output is None:
        _write_stdout(data, out)
    else:
        _write_output(args.output, data)
    return 0
