"""Small cover thumbnails for the posts list: decoded on demand, off the GUI thread, cached.

Only the rows painted ask for a cover; the first paint of a row shows no cover, a worker
thread reads and decodes it (as a QImage: QPixmap belongs to the GUI thread), and the list is
repainted when it arrives. Scrolling through 100,000 posts never waits for a decoder.
"""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

from PySide6.QtCore import QObject, QSize, Qt, Signal, Slot
from PySide6.QtGui import QImage, QPixmap

from reader.ui.common.background import WorkerThreads
from reader.ui.common.images import image_reader

Key = tuple[str, int, int]
MAX_DECODING = 2  # worker threads decoding at once
MAX_WAITING = 64  # covers asked for and not decoded yet: the oldest (scrolled past) dropped


def decode_cover(path: Path, size: QSize, ratio: float) -> QImage | None:
    """The cover scaled to cover `size` (device-independent pixels), or None (any thread)."""
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
    return None if image.isNull() else image


class _Decoder(QObject):
    """Decodes one cover in a worker thread."""

    done = Signal(object, object)  # key, QImage or None

    def __init__(self, key: Key, path: Path, size: QSize, ratio: float) -> None:
        super().__init__()
        self._key, self._path, self._size, self._ratio = key, path, QSize(size), ratio

    @Slot()
    def run(self) -> None:
        self.done.emit(self._key, decode_cover(self._path, self._size, self._ratio))

    def fail(self, _reason: str) -> None:
        """A cover that cannot be decoded is no cover."""
        self.done.emit(self._key, None)


class ThumbnailCache(QObject):
    """Scaled covers keyed by file and size; a file that cannot be decoded is remembered too,
    so a broken image costs one attempt, not one per repaint. `arrived` when a cover is
    ready (the list repaints)."""

    arrived = Signal()

    def __init__(self, limit: int = 512, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._limit = limit
        self._cache: OrderedDict[Key, QPixmap | None] = OrderedDict()
        self._ratios: dict[Key, float] = {}
        self._waiting: OrderedDict[Key, tuple[Path, QSize, float]] = OrderedDict()
        self._decoding: set[Key] = set()
        self._workers = WorkerThreads()

    def get(self, path: Path | None, size: QSize, ratio: float) -> QPixmap | None:
        """The cover scaled to cover `size`, or None: none, or not decoded yet (asked for)."""
        if path is None:
            return None
        key = (str(path), size.width(), size.height())
        if key in self._cache:
            self._cache.move_to_end(key)
            return self._cache[key]
        if key not in self._decoding:
            self._waiting[key] = (path, QSize(size), ratio)
            self._waiting.move_to_end(key)  # the rows painted last are wanted first
            while len(self._waiting) > MAX_WAITING:
                self._waiting.popitem(last=False)
            self._start()
        return None

    def busy(self) -> bool:
        """True while covers are being decoded (tests)."""
        return bool(self._waiting or self._decoding)

    def _start(self) -> None:
        while self._waiting and len(self._decoding) < MAX_DECODING:
            key, (path, size, ratio) = self._waiting.popitem(last=True)
            self._decoding.add(key)
            self._ratios[key] = ratio
            decoder = _Decoder(key, path, size, ratio)
            decoder.done.connect(self._on_decoded)
            self._workers.start(decoder, decoder.run, decoder.fail)

    @Slot(object, object)
    def _on_decoded(self, key: Key, image: QImage | None) -> None:
        self._decoding.discard(key)
        pixmap: QPixmap | None = None
        if image is not None:
            pixmap = QPixmap.fromImage(image)
            pixmap.setDevicePixelRatio(self._ratios.pop(key, 1.0))
        self._cache[key] = pixmap
        while len(self._cache) > self._limit:
            self._cache.popitem(last=False)
        self._start()
        self.arrived.emit()

    def cancel(self) -> None:
        """Closing: decoders under way are not waited for."""
        self._waiting.clear()
        self._workers.cancel()
