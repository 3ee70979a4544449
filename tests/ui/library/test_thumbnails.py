"""Cover thumbnails arrive from a worker thread; a broken cover is tried once."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize
from pytestqt.qtbot import QtBot

from reader.ui.library.thumbnails import ThumbnailCache
from tests.image_helpers import write_png

SIZE = QSize(48, 48)


def test_a_cover_arrives_later_and_a_broken_one_is_tried_once(qtbot: QtBot, tmp_path: Path) -> None:
    cover = write_png(tmp_path / "cover.png", 8, 8)
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\nnot an image")
    cache = ThumbnailCache()
    assert cache.get(cover, SIZE, 1.0) is None  # asked for: decoded off the GUI thread
    with qtbot.waitSignal(cache.arrived, timeout=5000):
        pass
    pixmap = cache.get(cover, SIZE, 1.0)
    assert pixmap is not None and not pixmap.isNull()
    assert cache.get(broken, SIZE, 1.0) is None
    qtbot.waitUntil(lambda: not cache.busy(), timeout=5000)
    assert cache.get(broken, SIZE, 1.0) is None and not cache.busy()  # remembered: no retry
    assert cache.get(None, SIZE, 1.0) is None
