"""The article pane: cover, title, date, chips (tags, categories, languages) and the rendered
body, in one QTextBrowser (the header is made in `article_header`).

Images are loaded only from local files inside the library (the renderer already replaced
remote ones by placeholders); anything else asked for is refused and remembered, so a test can
prove that nothing was fetched.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QDesktopServices,
    QFont,
    QHelpEvent,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QTextBrowser, QToolTip, QWidget

from reader.core.library.locations import image_roots
from reader.core.library.post import Post
from reader.core.render.pipeline import RenderedPost
from reader.core.render.posmap import PosMap
from reader.core.render.theme_css import palette
from reader.ui.common.tooltips import plain_tooltip
from reader.ui.reading.article_header import CATEGORY_SCHEME, TAG_SCHEME, TRANSLATION_SCHEME
from reader.ui.reading.article_images import fit_images, read_image
from reader.ui.reading.article_measure import apply_measure, selected_span, text_width
from reader.ui.reading.caret import (
    CARET_FLAGS,
    CARET_WIDTH,
    READING_FLAGS,
    place_caret_in_view,
    reading_key,
    selects,
)
from reader.ui.reading.highlights import (
    HighlightSpec,
    extra_selections,
    paint_side_markers,
)
from reader.ui.reading.page_document import BuiltPage, page_of
from reader.ui.reading.scrolling import reveal

ZOOM_STEPS = (0.7, 0.8, 0.9, 1.0, 1.1, 1.25, 1.4, 1.6, 1.8, 2.0, 2.4)


class ArticleView(QTextBrowser):
    """Shows one post; maps view positions to article-text offsets for annotations."""

    tagClicked = Signal(str)
    categoryClicked = Signal(str)
    translationClicked = Signal(str)  # the library-relative path of the translation
    zoomChanged = Signal(float)
    caretBrowsingChanged = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self._caret_browsing = False
        self.setTextInteractionFlags(READING_FLAGS)
        self.refused_urls: list[str] = []
        self._allowed_roots: tuple[Path, ...] = ()
        self._zoom_index = ZOOM_STEPS.index(1.0)
        self._base_point_size = self.font().pointSizeF() if self.font().pointSizeF() > 0 else 11.0
        self._post: Post | None = None
        self._rendered: RenderedPost | None = None
        self._body_start = 0
        self._posmap: PosMap | None = None
        self._highlights: list[HighlightSpec] = []
        self._theme = "light"
        self._flash_id: str | None = None
        self._flash_timer = QTimer(self)
        self._flash_timer.setSingleShot(True)
        self._flash_timer.timeout.connect(self._end_flash)
        self.anchorClicked.connect(self._on_anchor)

    # -- content ---------------------------------------------------------------------------
    def set_library_root(self, root: Path) -> None:
        """Images may come from where the library's images may (`image_roots`)."""
        self._allowed_roots = tuple(Path(folder) for folder in image_roots(root))

    def show_post(
        self,
        post: Post,
        rendered: RenderedPost,
        theme: str,
        translations: Sequence[Post] = (),
        built: BuiltPage | None = None,
    ) -> None:
        """Replace the content with `post` rendered as `rendered`; `translations` are offered
        as language chips. `built`: its document, made in a worker (adopted when it was made
        for this post, theme and zoom)."""
        self._post, self._rendered = post, rendered
        self._theme = theme
        self._highlights = []
        self.setExtraSelections([])
        font = self._zoomed_font()
        if built is not None and (built.post, built.theme, built.font) == (post, theme, font):
            built.document.setParent(self)  # deleted with the view, or when replaced
            self.setDocument(built.document)
            header_blocks = built.header_blocks
        else:
            page = page_of(post, rendered, theme, translations)
            self.document().setDefaultFont(font)
            self.setHtml(page.html)
            header_blocks = page.header_blocks
        self._body_start = self.document().findBlockByNumber(header_blocks).position()
        self._posmap = None
        self._fit_images()
        self._apply_measure()

    def clear_post(self, message: str = "") -> None:
        """Show an empty state with a short message."""
        self._post, self._rendered, self._posmap = None, None, None
        self._body_start = 0
        self._highlights = []
        self.setExtraSelections([])
        muted = palette(self._theme).muted
        self.setHtml(f'<p style="color:{muted};">{escape(message)}</p>' if message else "")

    def current_post(self) -> Post | None:
        """The post shown, if any."""
        return self._post

    def rendered(self) -> RenderedPost | None:
        """The rendering shown, if any."""
        return self._rendered

    # -- positions -------------------------------------------------------------------------
    def body_start(self) -> int:
        """Document position where the body begins (after cover, title and meta)."""
        return self._body_start

    def posmap(self) -> PosMap | None:
        """The map between body positions in the view and article-text offsets (lazy)."""
        if self._posmap is None and self._rendered is not None:
            view_text = self.document().toRawText()[self._body_start :]
            self._posmap = PosMap(view_text, self._rendered.text)
        return self._posmap

    def article_range_of_selection(self) -> tuple[int, int] | None:
        """The selection as article-text offsets, or None when nothing of the body is selected."""
        cursor = self.textCursor()
        posmap = self.posmap()
        if posmap is None or not cursor.hasSelection():
            return None
        low, high = selected_span(cursor)
        start = max(low, self._body_start) - self._body_start
        end = high - self._body_start
        if end <= start:
            return None
        return posmap.article_range(start, end)

    def view_range(self, start: int, end: int) -> tuple[int, int]:
        """Document positions of an article-text range."""
        posmap = self.posmap()
        if posmap is None:
            return (self._body_start, self._body_start)
        view_start, view_end = posmap.view_range(start, end)
        return view_start + self._body_start, view_end + self._body_start

    def select_article_range(self, start: int, end: int) -> None:
        """Select (and scroll to) an article-text range, as a person's selection would."""
        view_start, view_end = self.view_range(start, end)
        cursor = QTextCursor(self.document())
        cursor.setPosition(view_start)
        cursor.setPosition(view_end, QTextCursor.MoveMode.KeepAnchor)
        self._set_cursor_keeping_scroll(cursor)
        reveal(self, view_start, view_end)

    def _set_cursor_keeping_scroll(self, cursor: QTextCursor) -> None:
        bar = self.verticalScrollBar()
        value = bar.value()
        self.setTextCursor(cursor)
        bar.setValue(value)

    def top_article_offset(self) -> int:
        """Article offset of the first character visible at the top (the reading position)."""
        position = self.cursorForPosition(self.viewport().rect().topLeft()).position()
        posmap = self.posmap()
        if posmap is None or position <= self._body_start:
            return 0
        return posmap.to_article(position - self._body_start)

    def scroll_to_article_offset(self, offset: int) -> None:
        """Scroll so that article offset `offset` is at the top of the view."""
        if offset <= 0 or self.posmap() is None:
            self.verticalScrollBar().setValue(0)
            return
        view_start, _ = self.view_range(offset, offset)
        cursor = QTextCursor(self.document())
        cursor.setPosition(min(view_start, self.document().characterCount() - 1))
        rect = self.cursorRect(cursor)
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + rect.top())

    # -- highlights ------------------------------------------------------------------------
    def set_highlights(self, specs: list[HighlightSpec]) -> None:
        """Paint these highlights (document positions) over the article."""
        self._highlights = specs
        self._repaint_highlights()

    def highlights(self) -> list[HighlightSpec]:
        """The highlights painted now."""
        return list(self._highlights)

    def flash(self, annotation_id: str) -> None:
        """Scroll to a highlight and make it stand out for a moment."""
        for spec in self._highlights:
            if spec.annotation_id == annotation_id:
                cursor = QTextCursor(self.document())
                cursor.setPosition(spec.start)
                self._set_cursor_keeping_scroll(cursor)
                reveal(self, spec.start, spec.end)
                self._flash_id = annotation_id
                self._repaint_highlights()
                self._flash_timer.start(700)
                return

    def flashing(self) -> str | None:
        """The highlight that stands out right now, if any."""
        return self._flash_id

    def _end_flash(self) -> None:
        self._flash_id = None
        self._repaint_highlights()

    def _repaint_highlights(self) -> None:
        self.setExtraSelections(
            extra_selections(self.document(), self._highlights, self._theme, self._flash_id)
        )
        self.viewport().update()

    def highlight_at(self, position: int) -> HighlightSpec | None:
        """The highlight covering document position `position`."""
        found = None
        for spec in self._highlights:
            if spec.start <= position < spec.end:
                found = spec
        return found

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if any(spec.side_index is not None for spec in self._highlights):
            painter = QPainter(self.viewport())
            left = self.document().rootFrame().frameFormat().leftMargin()
            paint_side_markers(self, painter, self._highlights, left, self._theme)
            painter.end()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            point = self.viewport().mapFromGlobal(event.globalPos())
            spec = self.highlight_at(self.cursorForPosition(point).position())
            if spec is not None and (spec.note or spec.side):
                lines = [f"[{spec.side}]"] if spec.side else []
                lines += [spec.note] if spec.note else []
                QToolTip.showText(event.globalPos(), plain_tooltip("\n".join(lines)), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    # -- the keyboard ----------------------------------------------------------------------
    def caret_browsing(self) -> bool:
        """True while the caret is shown and the arrows move it (F7)."""
        return self._caret_browsing

    def set_caret_browsing(self, on: bool) -> None:
        """F7: show a caret that the arrows move (it starts at the first character in view)."""
        if on == self._caret_browsing:
            return
        self._caret_browsing = on
        self.setTextInteractionFlags(CARET_FLAGS if on else READING_FLAGS)
        self.setCursorWidth(CARET_WIDTH if on else 1)
        if on:
            place_caret_in_view(self, self._body_start)
        self.viewport().update()
        self.caretBrowsingChanged.emit(on)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if reading_key(self, event, self._caret_browsing, self._body_start):
            event.accept()
            return
        if self._caret_browsing or not selects(event):
            super().keyPressEvent(event)
            return
        self.setTextInteractionFlags(CARET_FLAGS)  # just for this key: Qt extends the selection
        try:
            super().keyPressEvent(event)
        finally:
            self.setTextInteractionFlags(READING_FLAGS)

    # -- zoom ------------------------------------------------------------------------------
    def zoom_factor(self) -> float:
        """The current zoom (1.0 is the default size)."""
        return ZOOM_STEPS[self._zoom_index]

    def set_zoom_factor(self, factor: float) -> None:
        """Zoom to the nearest step to `factor`."""
        nearest = min(range(len(ZOOM_STEPS)), key=lambda i: abs(ZOOM_STEPS[i] - factor))
        self._set_zoom_index(nearest)

    def zoom_in_step(self) -> None:
        """One step larger (Ctrl+=)."""
        self._set_zoom_index(self._zoom_index + 1)

    def zoom_out_step(self) -> None:
        """One step smaller (Ctrl+-)."""
        self._set_zoom_index(self._zoom_index - 1)

    def zoom_reset(self) -> None:
        """Back to the default size (Ctrl+0)."""
        self._set_zoom_index(ZOOM_STEPS.index(1.0))

    def _set_zoom_index(self, index: int) -> None:
        index = max(0, min(len(ZOOM_STEPS) - 1, index))
        if index == self._zoom_index:
            return
        offset = self.top_article_offset()
        self._zoom_index = index
        self.document().setDefaultFont(self._zoomed_font())
        self._apply_measure()
        self.scroll_to_article_offset(offset)
        self.zoomChanged.emit(self.zoom_factor())

    def page_font(self) -> QFont:
        """The font a page is shown in now (a copy: for a worker making the page)."""
        return self._zoomed_font()

    def _zoomed_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(self._base_point_size * self.zoom_factor())
        return font

    # -- layout ----------------------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        """Re-flow to the new width, keeping the passage at the top where it was (a change of
        height alone re-flows nothing: the top line stays, to the pixel; and only once shown:
        before that the viewport's corner says nothing about where the reader is)."""
        if event.oldSize().width() == event.size().width():
            super().resizeEvent(event)
            return
        shown = self._rendered is not None and self.isVisible() and self.verticalScrollBar().value()
        offset = self.top_article_offset() if shown else 0
        super().resizeEvent(event)
        self._apply_measure()
        self._fit_images()
        if offset > 0:
            self.scroll_to_article_offset(offset)

    def _apply_measure(self) -> None:
        apply_measure(self)

    def _text_width(self) -> float:
        return text_width(self)

    def _fit_images(self) -> None:
        """Scale every image down to the text width (the pixels stay sharp on HiDPI)."""
        fit_images(self.document(), self._text_width())

    # -- resources and links ---------------------------------------------------------------
    def loadResource(self, kind: int, url: QUrl | str) -> Any:
        """Local images inside the library only; every other request is refused."""
        url = QUrl(url)
        if kind != QTextDocument.ResourceType.ImageResource.value:
            return None
        if not url.isLocalFile():
            self.refused_urls.append(url.toString())
            return None
        path = Path(url.toLocalFile()).resolve()
        if not any(path.is_relative_to(root) for root in self._allowed_roots):
            self.refused_urls.append(url.toString())
            return None
        return read_image(path, self.devicePixelRatioF(), self._allowed_roots)

    def _on_anchor(self, url: QUrl) -> None:
        decoded = url.path(QUrl.ComponentFormattingOption.FullyDecoded)
        if url.scheme() == TAG_SCHEME:
            self.tagClicked.emit(decoded)
        elif url.scheme() == CATEGORY_SCHEME:
            self.categoryClicked.emit(decoded)
        elif url.scheme() == TRANSLATION_SCHEME:
            self.translationClicked.emit(decoded)
        elif url.hasFragment() and (not url.scheme() or url.isRelative()):
            self.scrollToAnchor(url.fragment())
        elif url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)  # the person's own click; the app fetches nothing
