"""The `reader` command: the window by default, sub-commands for headless work."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from types import ModuleType
from typing import TextIO

from reader import __version__
from reader.cli.common import CommandError
from reader.core.library.names import printable

# Each sub-command's module, imported when that command runs: `reader tags` need not load
# the renderer, the anchoring and the exporters (a third of a warm start at 100,000 posts).
COMMANDS: dict[str, str] = {
    "list": "reader.cli.list_command",
    "tags": "reader.cli.tags_command",
    "check": "reader.cli.check_command",
    "export": "reader.cli.export_command",
    "import": "reader.cli.import_command",
    "render": "reader.cli.render_command",
}
SUBCOMMANDS = tuple(COMMANDS)


def command_module(name: str) -> ModuleType:
    """The module of the sub-command `name`."""
    return importlib.import_module(COMMANDS[name])


PIPE_CLOSED = 141  # what a shell reports for a tool ended by SIGPIPE


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The sub-command parser (`reader list|tags|check|export|render ...`); with `only`, the
    parser of that one sub-command (the others' modules are not imported)."""
    parser = argparse.ArgumentParser(prog="reader", description="Read and annotate Markdown posts.")
    sub = parser.add_subparsers(dest="command", required=True)
    for name in COMMANDS if only is None else (only,):
        command_module(name).add_parser(sub)
    return parser


def run_subcommand(argv: Sequence[str], out: TextIO, err: TextIO) -> int:
    """Parse and run one sub-command; user errors become a message and exit status 2.

    A reader of the output that goes away (``reader tags --json | head -3``) ends the
    command quietly, as Unix tools do: no traceback, exit status 141 (128 + SIGPIPE).
    """
    argv = list(argv)
    only = argv[0] if argv and argv[0] in COMMANDS else None
    args = build_parser(only).parse_args(argv)
    command: Callable[[argparse.Namespace, TextIO], int] = command_module(args.command).run
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
