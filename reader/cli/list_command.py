"""`reader list`: posts newest first (translations as one entry), by tag, category or
language, as text or JSON."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from reader.cli.common import (
    add_library_argument,
    add_view_arguments,
    load_library,
    print_json,
    view_of,
)
from reader.core.library.entries import Entry, entries, filter_entries
from reader.core.library.names import printable
from reader.core.library.post import post_to_json

SHOWN_LANGUAGES = 12  # a post in 30 languages lists the first ones and says how many more


def add_parser(sub: Any) -> None:
    """Add `list` to the sub-command parsers (`sub` is add_subparsers' result)."""
    parser: argparse.ArgumentParser = sub.add_parser("list", help="list posts, newest first")
    add_library_argument(parser)
    parser.add_argument("--tag", help="only posts with this tag (case-insensitive)")
    parser.add_argument("--category", help="only posts in this category (case-insensitive)")
    add_view_arguments(parser)
    parser.add_argument("--json", action="store_true", help="print a JSON array")


def _entry_lines(entry: Entry, now: float) -> str:
    post = entry.post
    date = (post.date_iso() or "(no date)")[:10]
    tags = f"  [{', '.join(post.tags)}]" if post.tags else ""
    categories = f"  (in {', '.join(post.categories)})" if post.categories else ""
    hidden = post.hidden_reason(now)
    marker = f"  ({hidden})" if hidden else ""
    where = f"    {post.path}"
    if post.lang:
        where += f"  [{post.lang}]"
    others = [t.lang or "?" for t in entry.translations]
    if others:
        shown = ", ".join(others[:SHOWN_LANGUAGES])
        more = f" and {len(others) - SHOWN_LANGUAGES} more" if len(others) > SHOWN_LANGUAGES else ""
        where += f"  also in {shown}{more}"
    return printable(f"{date:<10}  {post.title}{tags}{categories}{marker}\n{where}")


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Print the posts."""
    library = load_library(args.library)
    view = view_of(args, library)
    now = view.moment()
    shown = filter_entries(entries(library, view), tag=args.tag, category=args.category)
    if args.json:
        rows = [post_to_json(entry.post, entry.translations, now) for entry in shown]
        print_json(rows, out)
    else:
        for entry in shown:
            out.write(_entry_lines(entry, now) + "\n")
        if not shown:
            wanted = [f"tagged {args.tag!r}" if args.tag else ""]
            wanted.append(f"in category {args.category!r}" if args.category else "")
            out.write(" ".join(["no posts", *(w for w in wanted if w)]) + "\n")
    return 0
