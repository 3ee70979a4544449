"""`reader tags`: each tag with its count (each post once, whatever its translations), the
untagged posts, and the categories the same way."""

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
from reader.core.library.entries import tag_indexes
from reader.core.library.tags import TagIndex


def add_parser(sub: Any) -> None:
    """Add `tags` to the sub-command parsers."""
    parser: argparse.ArgumentParser = sub.add_parser(
        "tags", help="list tags and categories with their post counts"
    )
    add_library_argument(parser)
    add_view_arguments(parser)
    parser.add_argument("--json", action="store_true", help="print a JSON object")


def _write(index: TagIndex, none_label: str, out: TextIO) -> None:
    width = max((len(tag.name) for tag in index.tags), default=0)
    width = max(width, len(none_label))
    for tag in index.tags:
        out.write(f"{tag.name:<{width}}  {tag.count}\n")
    out.write(f"{none_label:<{width}}  {index.untagged}\n")


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Print the tag index, then the category index."""
    library = load_library(args.library)
    # From the scan cache's columns when it can: no post object is built for the counts.
    tags, categories = tag_indexes(library, view_of(args, library))
    if args.json:
        data = tags.to_json()
        data["categories"] = tags_json(categories)
        data["uncategorized"] = categories.untagged
        print_json(data, out)
    else:
        _write(tags, "(untagged)", out)
        if categories.tags:
            out.write("\ncategories:\n")
            _write(categories, "(uncategorized)", out)
    return 0


def tags_json(index: TagIndex) -> list[dict[str, object]]:
    """Names and counts, as `reader tags --json` prints them."""
    return [{"name": tag.name, "count": tag.count} for tag in index.tags]
