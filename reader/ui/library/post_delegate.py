"""Paints a post in the list: cover thumbnail, title, date, tags, categories, languages and
description."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from reader.core.library.entries import Entry
from reader.core.library.post import Post
from reader.ui.library.post_model import ENTRY_ROLE, HIDDEN_ROLE, POST_ROLE, date_text
from reader.ui.library.thumbnails import ThumbnailCache

THUMB = QSize(72, 48)
PADDING = 8
SHOWN_LANGUAGES = 6


def meta_line(entry: Entry) -> str:
    """Date · tags · ▸ categories · languages, as the row's second line shows them."""
    post = entry.post
    parts = [date_text(post) or "no date"]
    if post.tags:
        parts.append(", ".join(post.tags))
    if post.categories:
        parts.append("▸ " + ", ".join(post.categories))
    languages = [lang for lang in entry.languages if lang]
    if len(languages) > 1:
        more = len(languages) - SHOWN_LANGUAGES
        shown = " ".join(languages[:SHOWN_LANGUAGES]) + (f" +{more}" if more > 0 else "")
        parts.append(shown)
    text = "  ·  ".join(parts)
    return "⚠ " + text if post.problems else text


class PostDelegate(QStyledItemDelegate):
    """Two lines of text beside a small cover; hidden posts and problems are marked."""

    def __init__(self, thumbnails: ThumbnailCache, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._thumbnails = thumbnails

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        metrics = QFontMetrics(option.font)
        text_height = metrics.height() * 3 + 4
        return QSize(120, max(THUMB.height(), text_height) + 2 * PADDING)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        post = index.data(POST_ROLE)
        if not isinstance(post, Post):
            return
        widget = option.widget
        style = widget.style() if widget is not None else None
        painter.save()
        if style is not None:
            style.drawPrimitive(
                QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, widget
            )
        rect: QRect = option.rect.adjusted(PADDING, PADDING, -PADDING, -PADDING)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette: QPalette = option.palette
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        muted_role = (
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.PlaceholderText
        )

        thumb_rect = QRect(
            rect.right() - THUMB.width() + 1, rect.top(), THUMB.width(), THUMB.height()
        )
        ratio = widget.devicePixelRatioF() if widget is not None else 1.0
        pixmap = self._thumbnails.get(post.image, THUMB, ratio)
        text_right = rect.right()
        if pixmap is not None:
            source = QRect(0, 0, int(THUMB.width() * ratio), int(THUMB.height() * ratio))
            source.moveCenter(pixmap.rect().center())
            painter.drawPixmap(thumb_rect, pixmap, source)
            text_right = thumb_rect.left() - PADDING

        font: QFont = QFont(option.font)
        bold = QFont(font)
        bold.setBold(True)
        metrics = QFontMetrics(font)
        line = metrics.height()
        width = text_right - rect.left()

        painter.setFont(bold)
        painter.setPen(palette.color(text_role))
        reason = str(index.data(HIDDEN_ROLE) or "")
        title = post.title + (f"  ({reason})" if reason else "")
        title = QFontMetrics(bold).elidedText(title, Qt.TextElideMode.ElideRight, width)
        painter.drawText(
            QRect(rect.left(), rect.top(), width, line), Qt.AlignmentFlag.AlignLeft, title
        )

        painter.setFont(font)
        painter.setPen(palette.color(muted_role))
        entry = index.data(ENTRY_ROLE)
        meta = meta_line(entry if isinstance(entry, Entry) else Entry(post, (), (post,)))
        meta = metrics.elidedText(meta, Qt.TextElideMode.ElideRight, width)
        painter.drawText(
            QRect(rect.left(), rect.top() + line, width, line), Qt.AlignmentFlag.AlignLeft, meta
        )

        painter.setPen(palette.color(text_role))
        description = metrics.elidedText(post.description, Qt.TextElideMode.ElideRight, width)
        painter.drawText(
            QRect(rect.left(), rect.top() + 2 * line + 2, width, line),
            Qt.AlignmentFlag.AlignLeft,
            description,
        )
        painter.restore()
