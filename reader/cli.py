"""The `reader` command: the GUI by default, sub-commands for headless work."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

from reader.cli_args import add_library_argument
from reader.core.library import Library, scan_library, visible_posts
from reader.core.post import Post, post_to_json
from reader.core.tags import build_tag_index
from reader.paths import bundled_articles

SUBCOMMANDS = ("list", "tags", "check", "export")


class CommandError(Exception):
    """A failure worded for the user: printed to stderr, exit status 2, nothing written."""


def build_parser() -> argparse.ArgumentParser:
    """The sub-command parser (`reader list|tags|check ...`)."""
    parser = argparse.ArgumentParser(prog="reader", description="Read and annotate Markdown posts.")
    sub = parser.add_subparsers(dest="command", required=True)

    listing = sub.add_parser("list", help="list posts, newest first")
    add_library_argument(listing)
    listing.add_argument("--tag", help="only posts with this tag (case-insensitive)")
    listing.add_argument("--drafts", action="store_true", help="include drafts")
    listing.add_argument("--json", action="store_true", help="print a JSON array")

    tags = sub.add_parser("tags", help="list tags with their post counts")
    add_library_argument(tags)
    tags.add_argument("--drafts", action="store_true", help="count drafts too")
    tags.add_argument("--json", action="store_true", help="print a JSON object")

    check = sub.add_parser("check", help="report every problem in posts and images")
    add_library_argument(check)
    check.add_argument("--json", action="store_true", help="print a JSON object")
    check.add_argument("--strict", action="store_true", help="exit 1 when there is any problem")

    from reader.export_command import add_export_parser  # imports this module: import late

    add_export_parser(sub)
    return parser


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


def _print_json(data: Any, out: TextIO) -> None:
    json.dump(data, out, ensure_ascii=False, indent=2)
    out.write("\n")


def _format_post_line(post: Post) -> str:
    date = (post.date_iso() or "(no date)")[:10]
    tags = f"  [{', '.join(post.tags)}]" if post.tags else ""
    draft = "  (draft)" if post.draft else ""
    return f"{date:<10}  {post.title}{tags}{draft}\n    {post.path}"


def cmd_list(args: argparse.Namespace, out: TextIO) -> int:
    """`reader list`: posts newest first, optionally by tag, as text or JSON."""
    library = load_library(args.library)
    posts = visible_posts(library.posts, tag=args.tag, drafts=args.drafts)
    if args.json:
        _print_json([post_to_json(post) for post in posts], out)
    else:
        for post in posts:
            out.write(_format_post_line(post) + "\n")
        if not posts:
            out.write("no posts" + (f" tagged {args.tag!r}" if args.tag else "") + "\n")
    return 0


def cmd_tags(args: argparse.Namespace, out: TextIO) -> int:
    """`reader tags`: each tag with its count, plus the untagged posts."""
    library = load_library(args.library)
    index = build_tag_index(visible_posts(library.posts, drafts=args.drafts))
    if args.json:
        _print_json(index.to_json(), out)
    else:
        width = max((len(tag.name) for tag in index.tags), default=0)
        width = max(width, len("(untagged)"))
        for tag in index.tags:
            out.write(f"{tag.name:<{width}}  {tag.count}\n")
        out.write(f"{'(untagged)':<{width}}  {index.untagged}\n")
    return 0


def cmd_check(args: argparse.Namespace, out: TextIO) -> int:
    """`reader check`: every problem; with --strict the exit status says whether there are any."""
    library = load_library(args.library)
    from reader.core.check_notes import notes_problems  # only `check` needs rendering

    problems = library.all_problems() + notes_problems(library)
    if args.json:
        rows = [{"path": p.path, "kind": p.kind, "message": p.message} for p in problems]
        _print_json({"problems": rows}, out)
    else:
        for problem in problems:
            out.write(f"{problem.path}: {problem.kind}: {problem.message}\n")
        count = len(problems)
        posts = len(library.posts)
        out.write(f"{posts} post(s), {count} problem(s)\n")
    return 1 if args.strict and problems else 0


def cmd_export(args: argparse.Namespace, out: TextIO) -> int:
    """`reader export`: notes in a format, to stdout or a file (logic in reader.export_command)."""
    from reader.export_command import run_export

    return run_export(args, out)


COMMANDS: dict[str, Callable[[argparse.Namespace, TextIO], int]] = {
    "list": cmd_list,
    "tags": cmd_tags,
    "check": cmd_check,
    "export": cmd_export,
}


def run_subcommand(argv: Sequence[str], out: TextIO, err: TextIO) -> int:
    """Parse and run one sub-command; user errors become a message and exit status 2."""
    args = build_parser().parse_args(list(argv))
    try:
        return COMMANDS[args.command](args, out)
    except CommandError as error:
        err.write(f"reader: error: {error}\n")
        return 2


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `reader` console script and `python -m reader`."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in SUBCOMMANDS:
        return run_subcommand(args, sys.stdout, sys.stderr)
    from reader.gui_main import gui_main

    return gui_main(args)
