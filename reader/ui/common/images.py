"""Image files read the safe way before Qt decodes them (Qt opening a FIFO would block)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QImageReader

from reader.core.library.safe_files import read_regular

MAX_IMAGE_BYTES = 64 * 1024 * 1024


def image_reader(path: Path, roots: Iterable[Path | str]) -> tuple[QImageReader, QBuffer] | None:
    """A reader of the image file at `path`, its bytes read through `read_regular` (inside
    `roots`, a regular file, at most MAX_IMAGE_BYTES); None when it cannot be read. Keep the
    buffer alive as long as the reader."""
    try:
        data = read_regular(path, roots, MAX_IMAGE_BYTES).data
    except OSError:
        return None
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    return QImageReader(buffer), buffer
