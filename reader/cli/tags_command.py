"""`reader tags`: each tag with its count, plus the untagged posts."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from reader.cli.common import add_library_argument, load_library, print_json
from reader.core.library.scan import visible_posts
from reader.core.library.tags import build_tag_index


def add_parser(sub: Any) -> None:
    """Add `tags` to the sub-command parsers."""
    parser: argparse.ArgumentParser = sub.add_parser(
        "tags", help="list tags with their post counts"
    )
    add_library_argument(parser)
    parser.add_argument("--drafts", action="store_true", help="count drafts too")
    parser.add_argument("--json", action="store_true", help="print a JSON object")


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Print the tag index."""
    library = load_library(args.library)
    index = build_tag_index(visible_posts(library.posts, drafts=args.drafts))
    if args.json:
        print_json(index.to_json(), out)
    else:
        width = max((len(tag.name) for tag in index.tags), default=0)
        width = max(width, len("(untagged)"))
        for tag in index.tags:
            out.write(f"{tag.name:<{width}}  {tag.count}\n")
        out.write(f"{'(untagged)':<{width}}  {index.untagged}\n")
    return 0
