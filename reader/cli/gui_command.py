"""`reader [LIBRARY] [options]`: open the reading window, or render it to a PNG and exit."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from reader import __version__
from reader.cli.common import add_library_argument
from reader.paths import bundled_articles, resources_dir

BUNDLED_HOME_POST = "program-manager-vs-project-manager.md"  # opened on a first launch
POST_SUFFIXES = (".md", ".markdown")


def build_gui_parser() -> argparse.ArgumentParser:
    """Options of the window; sub-commands are listed in the epilog."""
    parser = argparse.ArgumentParser(
        prog="reader",
        description="Open the reading window on a folder of Markdown posts.",
        epilog="headless sub-commands: reader list|tags|check|export|import [LIBRARY] ... "
        "(see `reader list --help`)",
    )
    add_library_argument(parser)
    # The desktop entry runs `reader %F`: further files or folders dropped on it are ignored.
    parser.add_argument("more", nargs="*", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    parser.add_argument(
        "--install-desktop",
        action="store_true",
        help="add reader to the desktop's application menu (user's XDG data folder)",
    )
    parser.add_argument(
        "--uninstall-desktop", action="store_true", help="remove what --install-desktop added"
    )
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


def library_and_post(path: Path | None, open_post: str | None) -> tuple[Path, str | None]:
    """The library to open and the post to show; a post file (the file manager's "Open With",
    a file dropped on the menu entry) opens its folder at that post."""
    root = path if path is not None else bundled_articles()
    if open_post is None and root.suffix.lower() in POST_SUFFIXES and root.is_file():
        return root.parent, root.name
    return root, open_post


def gui_main(argv: Sequence[str]) -> int:
    """Parse the window's options and run it (or take the screenshot)."""
    args = build_gui_parser().parse_args(list(argv))
    if args.install_desktop or args.uninstall_desktop:
        from reader.cli.desktop_install import run_desktop

        action = "install" if args.install_desktop else "uninstall"
        return run_desktop(action, sys.stdout, sys.stderr)
    root, args.open = library_and_post(args.library, args.open)
    if args.more:
        sys.stderr.write(f"reader: opening {root}; one library is opened at a time\n")
    if not root.is_dir():
        sys.stderr.write(f"reader: error: no such folder: {root}\n")
        return 2
    if args.screenshot is not None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"

    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from reader.cli.desktop_install import APP_ID as DESKTOP_ID
    from reader.ui.common.settings_keys import THEME
    from reader.ui.library.loader import LibraryLoader
    from reader.ui.window.closing import end_process
    from reader.ui.window.main_window import MainWindow
    from reader.ui.window.screenshot import take_screenshot
    from reader.ui.window.theme import ThemeController
    from reader.ui.window.window_state import fit_on_screen

    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    app.setApplicationName("reader")
    app.setOrganizationName("reader")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(DESKTOP_ID)
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
    fit_on_screen(window)
    window.show()
    end_process(app.exec())
