"""Paint the cover images of the bundled library (``articles/``) with Qt.

Every cover is drawn from scratch with ``QImage`` + ``QPainter``: flat shapes, vertical gradients
and a short caption, 1200x630 pixels, with a small palette so the PNGs stay small.

Run from the project root (no display needed)::

    QT_QPA_PLATFORM=offscreen python tools/draw_covers.py [--out articles]

The output is deterministic for a given Qt version and font set, so re-running it only changes
the files when the drawing code changes.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QGuiApplication,
    QImage,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPen,
)

WIDTH = 1200
HEIGHT = 630
FONT_FAMILY = "DejaVu Sans"

Painter = Callable[[QPainter], None]


def rgb(hex_code: str, alpha: int = 255) -> QColor:
    """A colour from ``#rrggbb`` with an optional alpha (0-255)."""
    color = QColor(hex_code)
    color.setAlpha(alpha)
    return color


def background(p: QPainter, top: str, bottom: str) -> None:
    """Fill the canvas with a vertical gradient (rows are uniform, so PNG compresses it well)."""
    gradient = QLinearGradient(0, 0, 0, HEIGHT)
    gradient.setColorAt(0.0, rgb(top))
    gradient.setColorAt(1.0, rgb(bottom))
    p.fillRect(QRectF(0, 0, WIDTH, HEIGHT), QBrush(gradient))


def caption(p: QPainter, title: str, subtitle: str, color: str = "#f4f1ea") -> None:
    """A short caption at the bottom left: a bold line and a lighter one."""
    p.setPen(rgb(color))
    font = QFont(FONT_FAMILY)
    font.setPixelSize(44)
    font.setBold(True)
    p.setFont(font)
    p.drawText(QPointF(72, HEIGHT - 92), title)
    font.setBold(False)
    font.setPixelSize(24)
    p.setFont(font)
    p.setPen(rgb(color, 190))
    p.drawText(QPointF(74, HEIGHT - 52), subtitle)


def person(p: QPainter, x: float, y: float, scale: float, color: QColor) -> None:
    """A simple glyph of a person: a round head above rounded shoulders."""
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(color)
    head = 18 * scale
    p.drawEllipse(QPointF(x, y), head, head)
    body = QPainterPath()
    body.addRoundedRect(
        QRectF(x - 30 * scale, y + 26 * scale, 60 * scale, 46 * scale), 26 * scale, 26 * scale
    )
    p.drawPath(body)


def cover_program_vs_project(p: QPainter) -> None:
    """Program vs. project: a wide ring holding several small blocks, one of them in focus."""
    background(p, "#1d2b45", "#2e4466")
    # The program: a large translucent disc with an outline.
    p.setPen(QPen(rgb("#f2b84b"), 6))
    p.setBrush(rgb("#3b5683"))
    p.drawEllipse(QPointF(770, 270), 245, 245)
    # The projects inside it: rounded blocks on a gentle arc.
    blocks = [(600, 190), (700, 120), (820, 135), (905, 225), (640, 300), (760, 330)]
    for i, (bx, by) in enumerate(blocks):
        highlighted = i == 4
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(rgb("#e9685a") if highlighted else rgb("#f4f1ea", 215))
        p.drawRoundedRect(QRectF(bx, by, 92, 70), 14, 14)
    # The project manager's block, pulled out to the left with a dashed link.
    dash = QPen(rgb("#e9685a"), 4, Qt.PenStyle.DashLine)
    p.setPen(dash)
    p.drawLine(QPointF(640, 335), QPointF(420, 300))
    p.setPen(QPen(rgb("#e9685a"), 6))
    p.setBrush(rgb("#e9685a", 60))
    p.drawRoundedRect(QRectF(230, 215, 190, 150), 24, 24)
    # Three task bars inside the focused project.
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(rgb("#f4f1ea"))
    for row, length in enumerate((120, 86, 140)):
        p.drawRoundedRect(QRectF(256, 246 + row * 36, length, 16), 8, 8)
    caption(p, "Program  ·  Project", "the bigger picture, and one piece of it delivered well")


def cover_product_vs_project(p: QPainter) -> None:
    """Product vs. project: a compass (why and what) beside a calendar strip (when and how)."""
    background(p, "#f3efe6", "#e6dfd0")
    ink = rgb("#23303f")
    # Compass on the left.
    p.setPen(QPen(ink, 8))
    p.setBrush(rgb("#ffffff"))
    p.drawEllipse(QPointF(330, 250), 150, 150)
    p.setPen(QPen(ink, 3))
    for angle in range(0, 360, 30):
        p.save()
        p.translate(330, 250)
        p.rotate(angle)
        p.drawLine(QPointF(0, -132), QPointF(0, -118))
        p.restore()
    needle = QPainterPath()
    needle.moveTo(330, 130)
    needle.lineTo(352, 250)
    needle.lineTo(330, 370)
    needle.lineTo(308, 250)
    needle.closeSubpath()
    p.save()
    p.translate(330, 250)
    p.rotate(35)
    p.translate(-330, -250)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(rgb("#d9534f"))
    p.setClipRect(QRectF(0, 0, WIDTH, 250))
    p.drawPath(needle)
    p.setClipping(False)
    p.setBrush(ink)
    p.setClipRect(QRectF(0, 250, WIDTH, HEIGHT))
    p.drawPath(needle)
    p.restore()
    p.setBrush(rgb("#f3efe6"))
    p.setPen(QPen(ink, 4))
    p.drawEllipse(QPointF(330, 250), 12, 12)
    # Calendar strip on the right: a grid of days, a few of them marked as milestones.
    left, top, cell, gap = 610, 120, 62, 12
    for row in range(4):
        for col in range(7):
            x = left + col * (cell + gap)
            y = top + row * (cell + gap)
            milestone = (row, col) in {(0, 4), (2, 1), (3, 5)}
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(rgb("#2f7d78") if milestone else rgb("#23303f", 30))
            p.drawRoundedRect(QRectF(x, y, cell, cell), 10, 10)
    p.setPen(QPen(rgb("#2f7d78"), 5, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    p.drawLine(QPointF(left, top - 30), QPointF(left + 7 * (cell + gap) - gap, top - 30))
    caption(p, "Product  ·  Project", "why and what, beside when and how", color="#23303f")


def cover_program_vs_product_owner(p: QPainter) -> None:
    """Program manager and product owner: one winding roadmap, two kinds of marker on it."""
    background(p, "#123c3a", "#1c5450")
    road = QPainterPath()
    road.moveTo(60, 380)
    road.cubicTo(300, 120, 480, 460, 700, 250)
    road.cubicTo(860, 100, 1000, 200, 1140, 150)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.setPen(QPen(rgb("#0b2826"), 46, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    p.drawPath(road)
    p.setPen(QPen(rgb("#f4f1ea", 200), 5, Qt.PenStyle.DashLine, Qt.PenCapStyle.RoundCap))
    p.drawPath(road)
    # Gates (program checkpoints) as squares and backlog items (product choices) as circles.
    for t, gate in (
        (0.08, True),
        (0.22, False),
        (0.33, False),
        (0.47, True),
        (0.6, False),
        (0.7, False),
        (0.83, True),
        (0.94, False),
    ):
        point = road.pointAtPercent(t)
        p.setPen(QPen(rgb("#0b2826"), 4))
        if gate:
            p.setBrush(rgb("#f2b84b"))
            p.drawRect(QRectF(point.x() - 22, point.y() - 22, 44, 44))
        else:
            p.setBrush(rgb("#7fd1c7"))
            p.drawEllipse(point, 17, 17)
    person(p, 930, 380, 1.4, rgb("#f2b84b"))
    person(p, 1040, 380, 1.4, rgb("#7fd1c7"))
    caption(p, "Two hats, one roadmap", "checkpoints across teams, choices inside the backlog")


def cover_em_vs_tpm(p: QPainter) -> None:
    """Engineering manager vs. TPM: a tight team on the left, a web of team-to-team links right."""
    background(p, "#2a2238", "#3b3150")
    # Left: one team, people gathered around a shared circle.
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(rgb("#f4f1ea", 28))
    p.drawEllipse(QPointF(300, 250), 190, 190)
    for dx, dy in ((-80, -70), (40, -100), (110, 10), (-20, 40), (-120, 60)):
        person(p, 300 + dx, 230 + dy, 1.1, rgb("#f0a868"))
    # Right: several teams as nodes joined by dependency lines.
    nodes = [
        QPointF(700, 140),
        QPointF(880, 110),
        QPointF(1050, 190),
        QPointF(760, 330),
        QPointF(960, 350),
        QPointF(1100, 420),
        QPointF(640, 420),
    ]
    links = [(0, 1), (1, 2), (0, 3), (1, 4), (3, 4), (4, 5), (3, 6), (2, 4)]
    p.setPen(QPen(rgb("#8fb8e8", 170), 4))
    for a, b in links:
        p.drawLine(nodes[a], nodes[b])
    p.setPen(QPen(rgb("#2a2238"), 4))
    for i, node in enumerate(nodes):
        p.setBrush(rgb("#f0a868") if i == 3 else rgb("#8fb8e8"))
        p.drawEllipse(node, 30, 30)
    caption(p, "People  ·  Programs", "growing one team, and connecting many")


def cover_portfolio_vs_program(p: QPainter) -> None:
    """Portfolio vs. program: many candidate tiles, a few chosen and grouped into one program."""
    background(p, "#ece7dc", "#dcd4c4")
    ink = rgb("#2b2f36")
    chosen = {(0, 2), (1, 0), (1, 3), (2, 1), (3, 2)}
    for row in range(4):
        for col in range(5):
            x = 70 + col * 84
            y = 70 + row * 84
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(rgb("#3f7cac") if (row, col) in chosen else rgb("#2b2f36", 40))
            p.drawRoundedRect(QRectF(x, y, 66, 66), 12, 12)
    # A funnel of arrows from the grid to the program on the right.
    p.setPen(QPen(ink, 5, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    for y in (150, 230, 310):
        p.drawLine(QPointF(520, y), QPointF(640, 230))
    arrow = QPainterPath()
    arrow.moveTo(640, 230)
    arrow.lineTo(700, 230)
    p.drawPath(arrow)
    head = QPainterPath()
    head.moveTo(720, 230)
    head.lineTo(696, 214)
    head.lineTo(696, 246)
    head.closeSubpath()
    p.setBrush(ink)
    p.drawPath(head)
    # The program: a container with the chosen projects laid out as a timeline.
    p.setPen(QPen(rgb("#3f7cac"), 6))
    p.setBrush(rgb("#3f7cac", 36))
    p.drawRoundedRect(QRectF(750, 90, 380, 290), 30, 30)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(rgb("#3f7cac"))
    for i, (offset, length) in enumerate(((0, 170), (60, 200), (140, 150), (90, 240), (30, 120))):
        p.drawRoundedRect(QRectF(790 + offset, 124 + i * 48, length, 24), 12, 12)
    caption(p, "Portfolio  ·  Program", "choosing the work, then steering it", color="#2b2f36")


COVERS: dict[str, Painter] = {
    "coverimg/img_post1.png": cover_program_vs_project,
    "coverimg/product-vs-project.png": cover_product_vs_project,
    "coverimg/two-hats.png": cover_program_vs_product_owner,
    "coverimg/em-vs-tpm.png": cover_em_vs_tpm,
    "portfolio-vs-program-management/cover.png": cover_portfolio_vs_program,
}


def render(painter_fn: Painter) -> QImage:
    """Paint one cover onto a fresh opaque image."""
    image = QImage(WIDTH, HEIGHT, QImage.Format.Format_RGB32)
    image.fill(QColor("#ffffff"))
    p = QPainter(image)
    try:
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        painter_fn(p)
    finally:
        p.end()
    # Opaque 8-bit colour only: no alpha channel to store.
    return image.convertToFormat(QImage.Format.Format_RGB888)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--out",
        type=Path,
        default=Path(__file__).resolve().parent.parent / "articles",
        help="library folder to write the covers into (default: the bundled articles/)",
    )
    args = parser.parse_args(argv)
    out: Path = args.out

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    for relative, painter_fn in COVERS.items():
        target = out / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        image = render(painter_fn)
        # Format from the suffix; for PNG, quality 0 means the strongest (lossless) compression.
        if not image.save(str(target), None, 0):
            print(f"error: could not write {target}", file=sys.stderr)
            return 1
        print(f"{target}  {target.stat().st_size // 1024} KB")
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
