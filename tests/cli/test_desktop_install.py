"""`reader --install-desktop`: a valid entry, icons and AppStream data in XDG_DATA_HOME; undone."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from reader import __version__
from reader.cli import desktop_install
from reader.cli.desktop_install import APP_ID, data_home, exec_line, install, installed_files
from reader.cli.main import main

DESKTOP_FILE_VALIDATE = shutil.which("desktop-file-validate")
APPSTREAMCLI = shutil.which("appstreamcli")


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "xdg-data"
    monkeypatch.setenv("XDG_DATA_HOME", str(folder))
    return folder


def run_main(*argv: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_install_writes_every_file_into_xdg_data_home(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run_main("--install-desktop", capsys=capsys)
    assert (status, err) == (0, "")
    files = installed_files(home)
    for path in files.values():
        assert path.is_file(), path
        assert str(path) in out
    entry = files["entry"].read_text(encoding="utf-8")
    assert re.search(r"^Exec=.+ %F$", entry, re.MULTILINE)
    assert f"Icon={APP_ID}\n" in entry
    assert files["svg"].read_bytes() == desktop_install.icon_svg().read_bytes()


def test_pngs_are_drawn_from_the_svg_at_each_size(home: Path) -> None:
    from PySide6.QtGui import QImage

    install(home, ["reader"])
    for size in (48, 128, 256):
        image = QImage(str(installed_files(home)[f"png-{size}"]))
        assert (image.width(), image.height()) == (size, size)
        assert image.pixelColor(size // 2, size // 10).alpha() == 255  # the icon's body
        assert image.pixelColor(0, 0).alpha() == 0  # a transparent corner


@pytest.mark.skipif(DESKTOP_FILE_VALIDATE is None, reason="desktop-file-utils is not installed")
def test_the_entry_passes_desktop_file_validate(home: Path) -> None:
    assert DESKTOP_FILE_VALIDATE is not None
    install(home, ["/opt/my apps/bin/reader"])
    result = subprocess.run(
        [DESKTOP_FILE_VALIDATE, str(installed_files(home)["entry"])],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == ""


@pytest.mark.skipif(APPSTREAMCLI is None, reason="appstream is not installed")
def test_the_metainfo_passes_appstreamcli(home: Path) -> None:
    assert APPSTREAMCLI is not None
    result = subprocess.run(
        [APPSTREAMCLI, "validate", "--no-net", str(desktop_install.metainfo_source())],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_metainfo_names_this_release_and_the_entry() -> None:
    root = ElementTree.parse(desktop_install.metainfo_source()).getroot()
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == f"{APP_ID}.desktop"
    versions = [release.get("version") for release in root.iter("release")]
    assert versions[0] == __version__


@pytest.mark.parametrize(
    ("argv", "line"),
    [
        (["/usr/bin/reader"], "/usr/bin/reader"),
        (["/opt/my apps/reader"], '"/opt/my apps/reader"'),
        (["/x/100%/reader"], "/x/100%%/reader"),
        (['/a"b/$c/reader'], '"/a\\\\"b/\\\\$c/reader"'),
        (["/py/python3", "-m", "reader"], "/py/python3 -m reader"),
    ],
)
def test_exec_quoting_follows_the_specification(argv: list[str], line: str) -> None:
    assert exec_line(argv) == line


def test_uninstall_removes_only_its_own_files(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    install(home, ["reader"])
    other = home / "applications" / "someone-else.desktop"
    other.write_text("[Desktop Entry]\n", encoding="utf-8")
    status, out, _ = run_main("--uninstall-desktop", capsys=capsys)
    assert status == 0 and "removed" in out
    assert not any(path.exists() for path in installed_files(home).values())
    assert other.is_file()
    status, out, _ = run_main("--uninstall-desktop", capsys=capsys)
    assert status == 0 and "no desktop entry" in out


def test_a_relative_xdg_data_home_is_ignored(tmp_path: Path) -> None:
    assert data_home({"XDG_DATA_HOME": "rel/dir", "HOME": str(tmp_path)}) == (
        tmp_path / ".local" / "share"
    )
    assert data_home({"XDG_DATA_HOME": str(tmp_path / "d")}) == tmp_path / "d"


def test_a_folder_that_cannot_be_written_is_a_clear_error(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home.parent.mkdir(parents=True, exist_ok=True)
    home.write_text("a file where the folder should be", encoding="utf-8")
    status, out, err = run_main("--install-desktop", capsys=capsys)
    assert status == 2 and out == ""
    assert (
        err.startswith("reader: error: cannot install the desktop entry") and "Traceback" not in err
    )


def test_the_entry_runs_this_installation() -> None:
    command = desktop_install.launcher()
    assert Path(command[0]).is_absolute()
    assert command == [str(Path(sys.executable).parent / "reader")] or command[1:] == [
        "-m",
        "reader",
    ]


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_main("--version", capsys=capsys) == (0, f"reader {__version__}\n", "")
    result = subprocess.run(
        [sys.executable, "-m", "reader", "--version"], capture_output=True, text=True, timeout=60
    )
    assert result.stdout == f"reader {__version__}\n"


def test_version_matches_the_installed_distribution() -> None:
    from importlib.metadata import version

    assert version("reader") == __version__


def test_help_lists_the_desktop_options() -> None:
    from reader.cli.gui_command import build_gui_parser

    text = io.StringIO()
    build_gui_parser().print_help(text)
    assert "--install-desktop" in text.getvalue() and "--version" in text.getvalue()


def test_a_post_file_opens_its_folder_at_that_post(articles: Path) -> None:
    from reader.cli.gui_command import library_and_post

    post = articles / "program-manager-vs-project-manager.md"
    assert library_and_post(post, None) == (articles, post.name)
    assert library_and_post(articles, None) == (articles, None)
    assert library_and_post(post, "other.md") == (post, "other.md")
