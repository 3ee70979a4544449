"""The `reader` command: the window by default, sub-commands for headless work."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from types import ModuleType
from typing import TextIO

from reader import __version__
from reader.cli import (
    check_command,
    export_command,
    import_command,
    list_command,
    render_command,
    tags_command,
)
from reader.cli.common import CommandError

COMMANDS: dict[str, ModuleType] = {
    "list": list_command,
    "tags": tags_command,
    "check": check_command,
    "export": export_command,
    "import": import_command,
    "render": render_command,
}
SUBCOMMANDS = tuple(COMMANDS)


def build_parser() -> argparse.ArgumentParser:
    """The sub-command parser (`reader list|tags|check|export|render ...`)."""
    parser = argparse.ArgumentParser(prog="reader", description="Read and annotate Markdown posts.")
    sub = parser.add_subparsers(dest="command", required=True)
    for module in COMMANDS.values():
        module.add_parser(sub)
    return parser


def run_subcommand(argv: Sequence[str], out: TextIO, err: TextIO) -> int:
    """Parse and run one sub-command; user errors become a message and exit status 2."""
    args = build_parser().parse_args(list(argv))
    command: Callable[[argparse.Namespace, TextIO], int] = COMMANDS[args.command].run
    try:
        return command(args, out)
    except CommandError as error:
        err.write(f"reader: error: {error}\n")
        return 2


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `reader` console script and `python -m reader`."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] in (["--version"], ["-V"]):
        sys.stdout.write(f"reader {__version__}\n")
        return 0
    if args and args[0] in SUBCOMMANDS:
        return run_subcommand(args, sys.stdout, sys.stderr)
    from reader.cli.gui_command import gui_main

    return gui_main(args)
