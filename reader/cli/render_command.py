"""`reader render`: a post as reader renders it — its HTML, its article text, JSON Lines or a PDF.

``text`` is exactly the article text that notes' ``start``/``end`` count in, so a script can
check or make offsets without the window; ``html`` is the body the window shows (without the
theme's style sheet). With ``--format json`` and no POST, every post of the library is printed,
one JSON object per line. ``pdf`` writes the annotated post for print to ``-o FILE``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, Literal, TextIO

from reader.cli.common import CommandError, load_library
from reader.core.export.collect import ScopeError, posts_in_scope
from reader.core.library.entries import View, shown_files
from reader.core.library.names import printable, printable_data
from reader.core.library.post import Post
from reader.core.library.scan import Library
from reader.core.render.pipeline import RenderedPost
from reader.core.render.post_file import render_file

FORMATS = ("html", "text", "json", "pdf")


def add_parser(sub: Any) -> None:
    """Add `render` to the sub-command parsers (`sub` is add_subparsers' result)."""
    parser: argparse.ArgumentParser = sub.add_parser(
        "render", help="print posts as reader renders them (HTML, article text or JSON Lines)"
    )
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="[LIBRARY] [POST ...]",
        help="the library folder (default: the bundled articles), then posts, relative to it "
        "or as paths to their files",
    )
    parser.add_argument("--format", default="html", help="html (default), text, json or pdf")
    parser.add_argument("--drafts", action="store_true", help="json of every post: drafts too")
    parser.add_argument(
        "--theme", default="light", choices=("light", "dark"), help="code colours (html, json)"
    )
    parser.add_argument("-o", "--output", type=Path, metavar="FILE", help="the PDF to write (pdf)")
    parser.add_argument(
        "--notes",
        type=Path,
        metavar="DIR",
        help="folder of notes files (pdf; default: LIBRARY/.annotations)",
    )
    parser.add_argument(
        "--notes-at",
        default="end",
        choices=("end", "beside"),
        help="pdf: notes as numbered footnotes at the end (default) or beside their passage",
    )


def _split_paths(paths: list[str]) -> tuple[Path | None, list[str]]:
    """LIBRARY is the first path when it is a folder; every other path names a post."""
    if paths and Path(paths[0]).is_dir():
        return Path(paths[0]), paths[1:]
    if paths and not Path(paths[0]).suffix and not Path(paths[0]).exists():
        raise CommandError(f"no such folder: {paths[0]}")
    return None, paths


def _posts(library: Library, names: list[str], drafts: bool) -> list[Post]:
    if not names:
        return shown_files(library, View(drafts=drafts))  # every translation: each is a file
    chosen: list[Post] = []
    for name in names:
        try:
            chosen.extend(posts_in_scope(library, post=name))
        except ScopeError as error:
            raise CommandError(str(error)) from error
    return chosen


def _record(post: Post, rendered: RenderedPost) -> dict[str, Any]:
    problems = [str(p) for p in post.problems] + [f"render: {n}" for n in rendered.notices]
    return {
        "path": post.path,
        "title": post.title,
        "html": rendered.body_html,
        "text": rendered.text,
        "problems": problems,
    }


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Print the posts asked for."""
    if args.format not in FORMATS:
        raise CommandError(f"unknown format {args.format!r} (choose html, text, json or pdf)")
    root, names = _split_paths(list(args.paths))
    if args.format != "json" and len(names) != 1:
        raise CommandError(f"--format {args.format} needs exactly one POST (json takes any)")
    if args.format == "pdf":
        return _write_pdf(args, root, names[0])
    if args.output is not None:
        raise CommandError("-o is for --format pdf; the other formats print to stdout")
    library = load_library(root)
    posts = _posts(library, names, args.drafts)
    theme: Literal["light", "dark"] = "dark" if args.theme == "dark" else "light"
    for post in posts:
        rendered = render_file(library.root.joinpath(*post.path.split("/")), library.root, theme)
        if args.format == "json":
            record = printable_data(_record(post, rendered))  # undecodable names escaped
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            continue
        for notice in rendered.notices:
            sys.stderr.write(printable(f"reader: warning: {post.path}: {notice}\n"))
        if args.format == "html":
            out.write(rendered.body_html + "\n")
        else:
            out.write(rendered.text + "\n")
    return 0


def _write_pdf(args: argparse.Namespace, root: Path | None, post: str) -> int:
    if args.output is None:
        raise CommandError("--format pdf needs -o FILE (a PDF is not printed to a terminal)")
    if args.output.is_dir():
        raise CommandError(f"{args.output} is a folder; give a file name")
    if not args.output.parent.is_dir():
        raise CommandError(f"no such folder: {args.output.parent}")
    if args.notes is not None and not args.notes.is_dir():
        raise CommandError(f"no such notes folder: {args.notes}")
    from reader.cli.pdf_output import write_post_pdf  # Qt is loaded only for a PDF

    write_post_pdf(root, post, args.notes, args.output, args.notes_at)
    return 0
