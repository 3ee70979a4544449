"""Images in the article: decoded from local files only, and fitted to the text width."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QSize, QUrl
from PySide6.QtGui import (
    QImage,
    QTextBlock,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
    QTextImageFormat,
    QTextTable,
)

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


OBJECT = "\ufffc"  # the character an image (any inline object) stands as in the text


def fit_images(document: QTextDocument, available: float) -> None:
    """Give every image a display width of at most `available` (its pixels stay sharp).

    Only the blocks holding an object character are looked at: walking every fragment of a
    1 MB post from Python took 130 ms of the GUI thread, for a post without a single image.
    """
    text = document.toRawText()
    position = text.find(OBJECT)
    seen = -1
    while position >= 0:
        block = document.findBlock(position)
        if block.isValid() and block.blockNumber() != seen:
            seen = block.blockNumber()
            _fit_block(document, block, available)
        position = text.find(OBJECT, position + 1)


def _fit_block(document: QTextDocument, block: QTextBlock, available: float) -> None:
    """Fit the images of one block (and give it single line height when it has any)."""
    iterator = block.begin()
    has_image = False
    while not iterator.atEnd():
        fragment = iterator.fragment()
        fmt = fragment.charFormat()
        if fmt.isImageFormat():
            if not has_image:
                room = _room_in(document, block, available)
            has_image = True
            _fit_image(document, fragment.position(), fmt.toImageFormat(), room)
        iterator += 1
    if has_image:
        _single_line_height(document, block)


def _room_in(document: QTextDocument, block: QTextBlock, available: float) -> float:
    """The width a line of `block` has: less than the text width inside a list, a definition,
    a quote or a table cell, where an image fitted to the whole text width would widen the
    article (and make it scroll sideways)."""
    fmt = block.blockFormat()
    indent = document.indentWidth()
    room = available - fmt.leftMargin() - fmt.rightMargin() - fmt.indent() * indent
    text_list = block.textList()
    if text_list is not None:
        room -= text_list.format().indent() * indent
    table: QTextTable | None = QTextCursor(block).currentTable()
    while table is not None:
        shape = table.format()
        edges = 2 * (shape.cellPadding() + shape.border() + shape.cellSpacing())
        room = room / max(1, table.columns()) - edges
        parent = table.parentFrame()
        table = parent if isinstance(parent, QTextTable) else None
    return max(32.0, room)


def _single_line_height(document: QTextDocument, block: QTextBlock) -> None:
    """The article's 150 % line height would add half an image's height below it: a gap."""
    fmt = block.blockFormat()
    single = QTextBlockFormat.LineHeightTypes.SingleHeight.value
    if fmt.lineHeightType() == single:
        return
    fmt.setLineHeight(100.0, single)
    cursor = QTextCursor(block)
    cursor.setBlockFormat(fmt)


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
