"""`reader list`: posts newest first, optionally by tag, as text or JSON."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from reader.cli.common import add_library_argument, load_library, print_json
from reader.core.library.names import printable
from reader.core.library.post import Post, post_to_json
from reader.core.library.scan import visible_posts


def add_parser(sub: Any) -> None:
    """Add `list` to the sub-command parsers (`sub` is add_subparsers' result)."""
    parser: argparse.ArgumentParser = sub.add_parser("list", help="list posts, newest first")
    add_library_argument(parser)
    parser.add_argument("--tag", help="only posts with this tag (case-insensitive)")
    parser.add_argument("--drafts", action="store_true", help="include drafts")
    parser.add_argument("--json", action="store_true", help="print a JSON array")


def _post_line(post: Post) -> str:
    date = (post.date_iso() or "(no date)")[:10]
    tags = f"  [{', '.join(post.tags)}]" if post.tags else ""
    draft = "  (draft)" if post.draft else ""
    return printable(f"{date:<10}  {post.title}{tags}{draft}\n    {post.path}")


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Print the posts."""
    library = load_library(args.library)
    posts = visible_posts(library.posts, tag=args.tag, drafts=args.drafts)
    if args.json:
        print_json([post_to_json(post) for post in posts], out)
    else:
        for post in posts:
            out.write(_post_line(post) + "\n")
        if not posts:
            out.write("no posts" + (f" tagged {args.tag!r}" if args.tag else "") + "\n")
    return 0
