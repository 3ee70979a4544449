"""`reader [LIBRARY] [options]`: open the reading window, or render it to a PNG and exit."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from reader.cli.common import add_library_argument
from reader.paths import bundled_articles, resources_dir

BUNDLED_HOME_POST = "program-manager-vs-project-manager.md"  # opened on a first launch


def build_gui_parser() -> argparse.ArgumentParser:
    """Options of the window; sub-commands are listed in the epilog."""
    parser = argparse.ArgumentParser(
        prog="reader",
        description="Open the reading window on a folder of Markdown posts.",
        epilog="headless sub-commands: reader list|tags|check [LIBRARY] ... "
        "(see `reader list --help`)",
    )
    add_library_argument(parser)
    parser.add_argument("--open", metavar="POST", help="open this post (path in the library)")
    parser.add_argument("--theme", choices=("system", "light", "dark"), help="colour theme")
    parser.add_argument(
        "--notes",
        metavar="DIR",
        type=Path,
        help="keep notes in DIR (default: LIBRARY/.annotations)",
    )
    parser.add_argument("--size", metavar="WxH", type=_size, help="window size, e.g. 1400x900")
    parser.add_argument(
        "--screenshot",
        metavar="FILE.png",
        type=Path,
        help="render the window off-screen to a PNG and exit",
    )
    return parser


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT, got {text!r}") from None
    if not (200 <= width <= 8000 and 200 <= height <= 8000):
        raise argparse.ArgumentTypeError("width and height must be between 200 and 8000")
    return width, height


def gui_main(argv: Sequence[str]) -> int:
    """Parse the window's options and run it (or take the screenshot)."""
    args = build_gui_parser().parse_args(list(argv))
    root = args.library if args.library is not None else bundled_articles()
    if not root.is_dir():
        sys.stderr.write(f"reader: error: no such folder: {root}\n")
        return 2
    if args.screenshot is not None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"

    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from reader.ui.common.settings_keys import THEME
    from reader.ui.library.loader import LibraryLoader
    from reader.ui.window.closing import end_process
    from reader.ui.window.main_window import MainWindow
    from reader.ui.window.screenshot import take_screenshot
    from reader.ui.window.theme import ThemeController

    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    app.setApplicationName("reader")
    app.setOrganizationName("reader")
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "reader.svg")))
    if args.screenshot is not None:
        scratch = tempfile.TemporaryDirectory(prefix="reader-shot-")
        settings = QSettings(str(Path(scratch.name) / "settings.ini"), QSettings.Format.IniFormat)
    else:
        settings = QSettings()
    choice = args.theme or str(settings.value(THEME, "system"))
    themes = ThemeController(app, choice)
    window = MainWindow(
        settings,
        LibraryLoader(),
        themes,
        notes_dir=args.notes,
        home_posts={bundled_articles(): BUNDLED_HOME_POST},
    )
    if args.size is not None:
        window.resize(*args.size)
    window.open_library(root, args.open)
    if args.screenshot is not None:
        return take_screenshot(app, window, args.screenshot)
    window.show()
    end_process(app.exec())
