"""Keys and menus that annotate: H highlight, N note, 1-9 side, A aspect, T tags, S sides,
Ctrl+1-6 colour, Del delete.

With a selection, an action makes a new highlight (of the selection trimmed to its words);
without one, it acts on the highlight under the text cursor (or under the mouse, from the
context menu).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QIcon, QKeySequence, QPixmap
from PySide6.QtWidgets import QInputDialog, QMenu, QWidget

from reader.core.notes.records import COLORS, DEFAULT_COLOR
from reader.ui.annotating.editor import ASPECT, NOTE, TAGS, AnnotationEditor
from reader.ui.annotating.session import AnnotationSession
from reader.ui.annotating.trim import trimmed_span
from reader.ui.reading.article_view import ArticleView
from reader.ui.reading.highlights import highlight_color

MAX_SIDE_KEYS = 9


def _swatch(name: str) -> QIcon:
    pixmap = QPixmap(14, 14)
    pixmap.fill(QColor(highlight_color(name, "light")))
    return QIcon(pixmap)


class AnnotationActions(QWidget):
    """Owns the annotation QActions of one article view (shortcuts live on that view)."""

    message = Signal(str)
    editorOpened = Signal(object)

    def __init__(
        self,
        view: ArticleView,
        session: AnnotationSession,
        library_aspects: Callable[[], list[str]],
    ) -> None:
        super().__init__(view)
        self.hide()
        self._view = view
        self._session = session
        self._library_aspects = library_aspects
        self._context_position: int | None = None
        self._context_menu: QMenu | None = None
        self.current_color = DEFAULT_COLOR
        self.editor: AnnotationEditor | None = None
        self.highlight = self._action("&Highlight", "H", self.do_highlight)
        self.add_note = self._action("Add &Note…", "N", lambda: self.do_edit(NOTE))
        self.set_aspect = self._action("Set &Aspect…", "A", lambda: self.do_edit(ASPECT))
        self.set_tags = self._action("&Tags…", "T", lambda: self.do_edit(TAGS))
        self.delete = self._action("&Delete Highlight", "Del", self.do_delete)
        self.name_sides = self._action("Name the &Sides…", "S", self.ask_sides)
        self.side_actions = [
            self._action(f"Side {n}", str(n), partial(self.do_side, n - 1))
            for n in range(1, MAX_SIDE_KEYS + 1)
        ]
        self.color_actions = {
            name: self._action(
                f"&{number} {name.capitalize()}", f"Ctrl+{number}", partial(self.do_color, name)
            )
            for number, name in enumerate(COLORS, start=1)
        }
        for name, action in self.color_actions.items():
            action.setIcon(_swatch(name))
        self._connect_signals()

    def _action(self, text: str, key: str | None, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self._view)
        if key is not None:
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self._view.addAction(action)
        action.triggered.connect(lambda _=False: slot())
        return action

    def _connect_signals(self) -> None:
        self._view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self._view.customContextMenuRequested.connect(self._show_context_menu)

    # -- what an action applies to ---------------------------------------------------------
    def _selection(self) -> tuple[int, int] | None:
        """The selected article text without the spaces and separators at its edges."""
        selected = self._view.article_range_of_selection()
        if selected is None:
            return None
        start, end = trimmed_span(self._session.article_text, *selected)
        return (start, end) if end > start else None

    def _highlight_id(self) -> str | None:
        position = self._context_position
        if position is None:
            position = self._view.textCursor().position()
        spec = self._view.highlight_at(position)
        if spec is None and position > 0:
            spec = self._view.highlight_at(position - 1)
        return spec.annotation_id if spec is not None else None

    def _create_from_selection(self, **fields: object) -> str | None:
        selected = self._selection()
        if selected is None:
            if self._view.article_range_of_selection() is not None:
                self.message.emit("Select some words (spaces or an image cannot be highlighted).")
            return None
        start, end = selected
        color = str(fields.pop("color", self.current_color))
        new_id = self._session.create(start, end, color=color, **fields)  # type: ignore[arg-type]
        if new_id is not None:
            # The caret goes to the end of the new highlight (the trimmed one), so that N, A,
            # 1 and Del pressed next act on it.
            cursor = self._view.textCursor()
            cursor.setPosition(self._view.view_range(start, end)[1])
            bar = self._view.verticalScrollBar()
            scroll = bar.value()
            self._view.setTextCursor(cursor)
            bar.setValue(scroll)
        return new_id

    def _target(self) -> str | None:
        """A new highlight from the selection, else the highlight under the cursor."""
        created = self._create_from_selection()
        return created if created is not None else self._highlight_id()

    # -- the actions -----------------------------------------------------------------------
    def do_highlight(self) -> None:
        """H: highlight the selection in the current colour."""
        made = self._create_from_selection()
        if made is None and self._view.article_range_of_selection() is None:
            self.message.emit("Select a passage first (Shift+arrows, or F7), then press H.")

    def do_color(self, name: str) -> None:
        """Choose a colour: for the selection, the highlight under the cursor, and next time."""
        self.current_color = name
        if self._create_from_selection(color=name) is not None:
            return
        target = self._highlight_id()
        if target is not None:
            self._session.update(target, "Change colour", color=name)

    def do_side(self, index: int) -> None:
        """1, 2, …: label the passage as belonging to that side (again to remove it)."""
        sides = self._session.sides()
        if not sides:
            self.ask_sides()
            sides = self._session.sides()
        if index >= len(sides):
            if sides:
                self.message.emit(f"This post compares {len(sides)} sides: {', '.join(sides)}.")
            return
        side = sides[index]
        if self._create_from_selection(side=side) is not None:
            return
        target = self._highlight_id()
        current = self._session.get(target) if target else None
        if current is None:
            self.message.emit("Select a passage or put the cursor in a highlight first.")
            return
        self._session.update(current.id, "Label side", side=None if current.side == side else side)

    def do_edit(self, focus: str) -> None:
        """N, A, T: open the editor on the note, aspect or tags (making the highlight first)."""
        target = self._target()
        annotation = self._session.get(target) if target else None
        if annotation is None:
            self.message.emit("Select a passage or put the cursor in a highlight first.")
            return
        aspects = sorted(
            set(self._library_aspects()) | set(self._session.aspects()), key=str.casefold
        )
        editor = AnnotationEditor(annotation, self._session.sides(), aspects, focus, self._view)
        editor.accepted.connect(lambda: self._apply_editor(annotation.id, editor))
        editor.finished.connect(self._back_to_the_article)
        editor.finished.connect(editor.deleteLater)
        self.editor = editor
        editor.open()
        self.editorOpened.emit(editor)

    def _back_to_the_article(self) -> None:
        """The editor closed: the keyboard goes back where the reading is."""
        self._view.activateWindow()
        self._view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _apply_editor(self, annotation_id: str, editor: AnnotationEditor) -> None:
        changes = editor.changes()
        if changes:
            self._session.update(annotation_id, "Edit annotation", **changes)
        self.editor = None

    def do_delete(self) -> None:
        """Del: delete the highlight under the cursor (undoable)."""
        target = self._highlight_id()
        if target is None:
            self.message.emit("Put the cursor in a highlight to delete it.")
            return
        self._session.remove(target)

    def ask_sides(self) -> None:
        """This post does not say what it compares: let the person name the sides."""
        text, ok = QInputDialog.getText(
            self._view, "Name the sides", "What does this post compare? (e.g. Agile, Waterfall)"
        )
        if ok:
            sides = [part.strip() for part in text.replace(" vs ", ",").split(",")]
            self._session.set_user_sides([side for side in sides if side])

    def name_side_actions(self) -> None:
        """Label the side actions with the open post's sides ("1 Program Manager")."""
        sides = self._session.sides()
        for number, action in enumerate(self.side_actions, start=1):
            name = sides[number - 1] if number <= len(sides) else ""
            action.setText(f"&{number} {name}" if name else f"Side &{number} (unnamed)")

    # -- context menu ----------------------------------------------------------------------
    def build_menu(self, position: int | None) -> QMenu:
        """The annotation part of the article's context menu."""
        self._context_position = position
        menu = self._view.createStandardContextMenu()
        menu.addSeparator()
        has_selection = self._selection() is not None
        on_highlight = self._highlight_id() is not None
        self.highlight.setEnabled(has_selection)
        for action in (self.highlight, self.add_note, self.set_aspect, self.set_tags):
            menu.addAction(action)
        colors = menu.addMenu("&Colour")
        for action in self.color_actions.values():
            colors.addAction(action)
        sides = menu.addMenu("&Side")
        self.name_side_actions()
        for index, _side in enumerate(self._session.sides()[:MAX_SIDE_KEYS]):
            sides.addAction(self.side_actions[index])
        sides.addSeparator()
        sides.addAction(self.name_sides)
        if on_highlight:
            menu.addSeparator()
            menu.addAction(self.delete)
        menu.aboutToHide.connect(self._menu_hidden)
        self._context_menu = menu  # held (with its connection) until the next menu
        return menu

    def _menu_hidden(self) -> None:
        QTimer.singleShot(0, self._forget_context)  # after the chosen action has run

    def _forget_context(self) -> None:
        self._context_position = None
        self.highlight.setEnabled(True)  # greyed only in that menu: H must keep working

    def _show_context_menu(self, point: QPoint) -> None:
        position = self._view.cursorForPosition(point).position()
        self.build_menu(position).popup(self._view.viewport().mapToGlobal(point))
