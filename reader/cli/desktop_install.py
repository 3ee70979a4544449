"""`reader --install-desktop` / `--uninstall-desktop`: the menu entry, icons and AppStream data.

Files go to the user's XDG data folder (`$XDG_DATA_HOME`, else ~/.local/share), where desktop
environments look for per-user applications: `applications/<id>.desktop`,
`icons/hicolor/<size>/apps/<id>.png|svg` and `metainfo/<id>.metainfo.xml`. The entry runs this
very installation of reader by absolute path (a virtual environment's `bin/` is rarely on the
menu's PATH), with `%F` so files and folders dropped on it are opened. Each file is written
atomically; uninstalling removes exactly these files and nothing else.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Final, TextIO

from reader import __version__
from reader.core.notes.atomic import atomic_write_bytes
from reader.paths import resources_dir

APP_ID: Final = "io.github.readerapp.reader"
PNG_SIZES: Final = (48, 128, 256)
_RESERVED: Final = set(" \t\n\"'\\><~|&;$*?#()`")

DrawPng = Callable[[Path, int], bytes]


def data_home(environ: dict[str, str] | None = None) -> Path:
    """The user's XDG data folder; a relative XDG_DATA_HOME is ignored, as the spec says."""
    env = os.environ if environ is None else environ
    configured = env.get("XDG_DATA_HOME", "")
    if configured and os.path.isabs(configured):
        return Path(configured)
    return Path(env.get("HOME") or Path.home()) / ".local" / "share"


def launcher() -> list[str]:
    """The command that starts this installation of reader."""
    beside = Path(sys.executable).parent / "reader"
    if beside.is_file() and os.access(beside, os.X_OK):
        return [str(beside)]
    found = shutil.which("reader")
    if found:
        return [os.path.abspath(found)]
    return [sys.executable, "-m", "reader"]


def _quote(argument: str) -> str:
    """One Exec argument, quoted as the Desktop Entry specification requires."""
    argument = argument.replace("%", "%%")
    if not any(char in _RESERVED for char in argument):
        return argument
    escaped = "".join("\\" + c if c in '"`$\\' else c for c in argument)
    return f'"{escaped}"'


def _string_value(text: str) -> str:
    """A desktop-file string value: backslashes and control characters escaped."""
    return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")


def exec_line(argv: Sequence[str]) -> str:
    """The Exec value for `argv` (before `%F`)."""
    return _string_value(" ".join(_quote(argument) for argument in argv))


def desktop_entry(argv: Sequence[str]) -> str:
    """The .desktop file's text for a launcher command."""
    template = (resources_dir() / "desktop" / f"{APP_ID}.desktop.in").read_text(encoding="utf-8")
    return (
        template.replace("@EXEC@", exec_line(argv))
        .replace("@TRYEXEC@", _string_value(argv[0]))
        .replace("@APP_ID@", APP_ID)
    )


def icon_svg() -> Path:
    """The one source of the icon."""
    return resources_dir() / "icons" / "reader.svg"


def metainfo_source() -> Path:
    """The AppStream file shipped in the package."""
    return resources_dir() / "desktop" / f"{APP_ID}.metainfo.xml"


def installed_files(home: Path) -> dict[str, Path]:
    """What installing writes, by kind: entry, metainfo, svg and png-<size>."""
    icons = home / "icons" / "hicolor"
    files = {
        "entry": home / "applications" / f"{APP_ID}.desktop",
        "metainfo": home / "metainfo" / f"{APP_ID}.metainfo.xml",
        "svg": icons / "scalable" / "apps" / f"{APP_ID}.svg",
    }
    for size in PNG_SIZES:
        files[f"png-{size}"] = icons / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
    return files


def _default_draw(svg: Path, size: int) -> bytes:
    from reader.ui.common.icons import render_png

    return render_png(svg, size)


def install(home: Path, argv: Sequence[str], draw: DrawPng = _default_draw) -> list[Path]:
    """Write the entry, icons and metainfo; all is made before anything is written."""
    files = installed_files(home)
    contents = {
        "entry": desktop_entry(argv).encode("utf-8"),
        "metainfo": metainfo_source().read_bytes(),
        "svg": icon_svg().read_bytes(),
    }
    for size in PNG_SIZES:
        contents[f"png-{size}"] = draw(icon_svg(), size)
    for kind, path in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(path, contents[kind])
    icons = home / "icons" / "hicolor"
    os.utime(icons)  # icon caches notice a new icon by the theme folder's time
    return list(files.values())


def uninstall(home: Path) -> list[Path]:
    """Remove what `install` wrote (and only that); returns the files removed."""
    removed = []
    for path in installed_files(home).values():
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        removed.append(path)
    return removed


def run_desktop(action: str, out: TextIO, err: TextIO) -> int:
    """`--install-desktop` or `--uninstall-desktop`; errors are worded, exit status 2."""
    home = data_home()
    try:
        if action == "install":
            written = install(home, launcher())
            out.write(f"reader {__version__}: desktop entry installed in {home}\n")
            out.writelines(f"  {path}\n" for path in written)
            return 0
        removed = uninstall(home)
    except (OSError, ValueError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        err.write(f"reader: error: cannot {action} the desktop entry in {home}: {reason}\n")
        return 2
    if not removed:
        out.write(f"no desktop entry of reader was installed in {home}\n")
    else:
        out.write(f"desktop entry removed from {home}\n")
        out.writelines(f"  {path}\n" for path in removed)
    return 0
