"""Small cover thumbnails for the posts list, decoded once and cached."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPixmap

from reader.ui.common.images import image_reader


class ThumbnailCache:
    """Scaled covers keyed by file and size; a file that cannot be decoded is remembered too,
    so a broken image costs one attempt, not one per repaint."""

    def __init__(self, limit: int = 512) -> None:
        self._limit = limit
        self._cache: dict[tuple[str, int, int], QPixmap | None] = {}

    def get(self, path: Path | None, size: QSize, ratio: float) -> QPixmap | None:
        """The cover scaled to cover `size` (device-independent pixels), or None."""
        if path is None:
            return None
        key = (str(path), size.width(), size.height())
        if key in self._cache:
            return self._cache[key]
        if len(self._cache) >= self._limit:
            self._cache.pop(next(iter(self._cache)))
        pixmap = self._load(path, size, ratio)
        self._cache[key] = pixmap
        return pixmap

    @staticmethod
    def _load(path: Path, size: QSize, ratio: float) -> QPixmap | None:
        # The cover was resolved inside the library by the scan; it is read from its own
        # folder, safely (a FIFO or a link swapped in since would block or lead out).
        opened = image_reader(path, (path.parent,))
        if opened is None:
            return None
        reader, _buffer = opened
        reader.setAutoTransform(True)
        original = reader.size()
        if original.isValid() and original.width() > 0 and original.height() > 0:
            target = size * ratio
            scaled = original.scaled(target, Qt.AspectRatioMode.KeepAspectRatioByExpanding)
            reader.setScaledSize(scaled)
        image = reader.read()
        if image.isNull():
            return None
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(ratio)
        return pixmap
