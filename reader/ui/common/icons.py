"""The application icon drawn at any size from its one SVG source.

The PNG sizes a desktop's icon theme wants (48, 128, 256 px) are drawn when the desktop entry is
installed, by Qt's own SVG renderer, rather than kept as binary copies in the repository: the
SVG stays the single source, and a changed icon can never ship with stale PNGs.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from reader.ui.common.headless import gui_application


class IconError(ValueError):
    """The SVG cannot be drawn (missing or invalid)."""


def render_png(svg: Path, size: int) -> bytes:
    """The SVG drawn into a square transparent PNG of `size` pixels."""
    gui_application()
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise IconError(f"{svg} is not an SVG image Qt can draw")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):  # type: ignore[call-overload]  # the stub wants bytes
        raise IconError(f"the {size} px icon could not be encoded as PNG")
    buffer.close()
    return bytes(data.data())
