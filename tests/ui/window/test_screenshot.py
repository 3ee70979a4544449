"""`reader --screenshot`: the window rendered off-screen to a PNG, then exit."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage


def run_reader(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_screenshot_of_the_bundled_article(tmp_path: Path) -> None:
    target = tmp_path / "shot.png"
    result = run_reader(
        "--open",
        "program-manager-vs-project-manager.md",
        "--size",
        "1200x800",
        "--theme",
        "light",
        "--screenshot",
        str(target),
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    image = QImage(str(target))
    assert (image.width(), image.height()) == (1200, 800)
    # The article pane's top holds the dark navy cover: sample a row of it.
    dark = sum(
        1
        for x in range(int(image.width() * 0.45), int(image.width() * 0.7), 10)
        if image.pixelColor(x, 120).lightness() < 90
    )
    assert dark > 10
    # The open post's row (selected, blue) shows its navy cover thumbnail too: the covers
    # decoded off the GUI thread have arrived before the picture is taken.
    navy = sum(
        1
        for x in range(312, 382, 2)
        for y in range(246, 292, 4)
        if image.pixelColor(x, y).lightness() < 70
    )
    assert navy > 50


def test_screenshot_in_dark_theme(tmp_path: Path) -> None:
    target = tmp_path / "dark.png"
    result = run_reader("--theme", "dark", "--size", "900x600", "--screenshot", str(target))
    assert result.returncode == 0, result.stderr
    image = QImage(str(target))
    assert image.pixelColor(5, image.height() - 40).lightness() < 90


def test_bad_library_and_bad_size_are_clear_errors(tmp_path: Path) -> None:
    missing = run_reader(str(tmp_path / "nope"), "--screenshot", str(tmp_path / "x.png"))
    assert missing.returncode == 2
    assert "no such folder" in missing.stderr
    bad_size = run_reader("--size", "huge", "--screenshot", str(tmp_path / "x.png"))
    assert bad_size.returncode == 2
    assert "WIDTHxHEIGHT" in bad_size.stderr
    assert not (tmp_path / "x.png").exists()
