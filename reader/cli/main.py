"""The `reader` command: the window by default, sub-commands for headless work."""

from __future__ import annotations

import argparse
import os
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
from reader.core.library.names import printable

COMMANDS: dict[str, ModuleType] = {
    "list": list_command,
    "tags": tags_command,
    "check": check_command,
    "export": export_command,
    "import": import_command,
    "render": render_command,
}
SUBCOMMANDS = tuple(COMMANDS)
PIPE_CLOSED = 141  # what a shell reports for a tool ended by SIGPIPE


def build_parser() -> argparse.ArgumentParser:
    """The sub-command parser (`reader list|tags|check|export|render ...`)."""
    parser = argparse.ArgumentParser(prog="reader", description="Read and annotate Markdown posts.")
    sub = parser.add_subparsers(dest="command", required=True)
    for module in COMMANDS.values():
        module.add_parser(sub)
    return parser


def run_subcommand(argv: Sequence[str], out: TextIO, err: TextIO) -> int:
    """Parse and run one sub-command; user errors become a message and exit status 2.

    A reader of the output that goes away (``reader tags --json | head -3``) ends the
    command quietly, as Unix tools do: no traceback, exit status 141 (128 + SIGPIPE).
    """
    args = build_parser().parse_args(list(argv))
    command: Callable[[argparse.Namespace, TextIO], int] = COMMANDS[args.command].run
    try:
        status = command(args, out)
        out.flush()
        return status
    except CommandError as error:
        err.write(printable(f"reader: error: {error}\n"))
        return 2
    except BrokenPipeError:
        _silence(out)
        return PIPE_CLOSED


def _silence(out: TextIO) -> None:
    """Point the closed output at /dev/null, so the flush at exit cannot fail again."""
    try:
        fileno = out.fileno()
    except (OSError, ValueError):
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, fileno)
    finally:
        os.close(devnull)


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
