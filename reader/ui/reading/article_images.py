"""Images in the article: decoded from local files only, and fitted to the text width."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QSize, QUrl
from PySide6.QtGui import QImage, QTextCursor, QTextDocument, QTextImageFormat

from reader.ui.common.images import image_reader

MAX_IMAGE_PIXELS = 4096  # larger images are decoded scaled down to this width


def read_image(
    path: Path, device_pixel_ratio: float, roots: Iterable[Path | str] = ()
) -> QImage | None:
    """Decode a local image (huge ones scaled down); None when it is not an image. `roots`
    are where it may be read from (default: its own folder)."""
    opened = image_reader(path, tuple(roots) or (path.parent,))
    if opened is None:
        return None
    reader, _buffer = opened
    reader.setAutoTransform(True)
    size = reader.size()
    if size.isValid() and size.width() > MAX_IMAGE_PIXELS:
        height = round(size.height() * MAX_IMAGE_PIXELS / size.width())
        reader.setScaledSize(QSize(MAX_IMAGE_PIXELS, max(1, height)))
    image = reader.read()
    if image.isNull():
        return None
    image.setDevicePixelRatio(device_pixel_ratio)
    return image


def fit_images(document: QTextDocument, available: float) -> None:
    """Give every image a display width of at most `available` (its pixels stay sharp)."""
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            fmt = fragment.charFormat()
            if fmt.isImageFormat():
                _fit_image(document, fragment.position(), fmt.toImageFormat(), available)
            iterator += 1
        block = block.next()


def _fit_image(
    document: QTextDocument, position: int, fmt: QTextImageFormat, available: float
) -> None:
    resource = document.resource(QTextDocument.ResourceType.ImageResource, QUrl(fmt.name()))
    if not isinstance(resource, QImage) or resource.isNull():
        return
    natural = resource.width() / max(1.0, resource.devicePixelRatio())
    width = min(natural, available)
    height = width * resource.height() / max(1, resource.width())
    if abs(fmt.width() - width) < 0.5:
        return
    fmt.setWidth(width)
    fmt.setHeight(height)
    cursor = QTextCursor(document)
    cursor.setPosition(position)
    cursor.setPosition(position + 1, QTextCursor.MoveMode.KeepAnchor)
    cursor.setCharFormat(fmt)
