"""Opening a post at a place: a comparison cell's passage, a search hit, a note.

The place lands a third of the way down the view (never on its bottom edge), and a note's
passage is also selected in the annotations panel, so both sides show the same note.
"""

from __future__ import annotations

from collections.abc import Callable

from reader.core.search.index import SearchHit, match_offset
from reader.ui.annotating.session import AnnotationSession
from reader.ui.reading.article_view import ArticleView

OpenPost = Callable[[str], bool]  # selects a post in the list (and so renders it)
SelectNote = Callable[[str], bool]  # selects a note in the annotations panel


class Navigator:
    """Runs an action on a post once it is shown (now, or after it has rendered)."""

    def __init__(
        self,
        article: ArticleView,
        session: AnnotationSession,
        open_post: OpenPost,
        select_note: SelectNote,
    ):
        self._article = article
        self._session = session
        self._open_post = open_post
        self._select_note = select_note
        self._pending: tuple[str, Callable[[], None]] | None = None

    def open_then(self, path: str, action: Callable[[], None]) -> None:
        """Show `path`, then run `action` (at once when it is already shown)."""
        current = self._article.current_post()
        if current is not None and current.path == path:
            action()
            return
        self._pending = (path, action)
        if not self._open_post(path):
            self._pending = None

    def rendered(self, path: str) -> None:
        """The window showed `path`: run what was waiting for it."""
        if self._pending is not None and self._pending[0] == path:
            _path, action = self._pending
            self._pending = None
            action()

    def open_at(self, path: str, start: int, end: int, annotation_id: str = "") -> None:
        """Open `path` at a note (by id, where it is found now) or else at [start, end)."""

        def show() -> None:
            if annotation_id and self._session.get(annotation_id) is not None:
                self._select_note(annotation_id)  # an orphan is selected in its own list
                if self._session.anchors.get(annotation_id) is not None:
                    self._article.flash(annotation_id)
                return
            if end > start:
                self._article.select_article_range(start, end)

        self.open_then(path, show)

    def open_hit(self, hit: SearchHit) -> None:
        """Open a search result at its match: the note's passage, or the words found."""

        def show_match() -> None:
            if hit.annotation is not None:
                self._select_note(hit.annotation)
                self._article.flash(hit.annotation)
                return
            offset = match_offset(self._session.article_text, hit)
            if offset is not None:
                words = [hit.snippet[a:b] for a, b in hit.highlights[:1]]
                length = len(words[0]) if words else 0
                self._article.select_article_range(offset, offset + length)

        self.open_then(hit.path, show_match)
