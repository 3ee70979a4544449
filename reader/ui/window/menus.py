"""The main window's menus and keyboard shortcuts."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoStack
from PySide6.QtWidgets import QDockWidget, QLineEdit, QMenu, QMenuBar, QWidget

from reader.ui.annotating.actions import AnnotationActions
from reader.ui.common import settings_keys as keys
from reader.ui.reading.article_view import ArticleView
from reader.ui.reading.find_bar import FindBar
from reader.ui.window import theme as themes
from reader.ui.window.desktop_tasks import DesktopTasks


class MenuHost(Protocol):
    """What the menus need of the window they sit in (the main window, or a test's stand-in)."""

    @property
    def settings(self) -> QSettings: ...
    @property
    def themes(self) -> themes.ThemeController: ...
    @property
    def undo_stack(self) -> QUndoStack: ...
    @property
    def article(self) -> ArticleView: ...
    @property
    def find_bar(self) -> FindBar: ...
    @property
    def filter_box(self) -> QLineEdit: ...
    @property
    def outline_dock(self) -> QDockWidget: ...
    @property
    def annotations_panel(self) -> QDockWidget: ...
    @property
    def comparison(self) -> QDockWidget: ...
    @property
    def annotation_actions(self) -> AnnotationActions: ...
    @property
    def desktop(self) -> DesktopTasks: ...

    def menuBar(self) -> QMenuBar: ...
    def close(self) -> bool: ...
    def choose_library(self) -> None: ...
    def export_notes(self) -> None: ...
    def show_search(self) -> None: ...
    def move_post(self, step: int) -> None: ...
    def recent_libraries(self) -> list[str]: ...
    def open_library(self, root: Path, open_post: str | None = None) -> None: ...


class MenuActions:
    """The actions a test or a person can trigger, by name."""

    def __init__(self, window: MenuHost) -> None:
        self._window = window
        bar = window.menuBar()
        self._owner: QWidget = bar.window()  # the window itself: parent of menus and actions
        self.file_menu = bar.addMenu("&File")
        self.open_library = self._add(
            self.file_menu, "&Open Library…", QKeySequence.StandardKey.Open
        )
        self.recent_menu = QMenu("Open &Recent", self._owner)
        self.file_menu.addMenu(self.recent_menu)
        self.file_menu.addSeparator()
        self.export = self._add(self.file_menu, "&Export Notes…", "Ctrl+E")
        self._add_desktop_actions()
        self.file_menu.addSeparator()
        self.quit = self._add(self.file_menu, "&Quit", QKeySequence.StandardKey.Quit)

        self.edit_menu = bar.addMenu("&Edit")
        self.undo = window.undo_stack.createUndoAction(self._owner, "&Undo")
        self.undo.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo = window.undo_stack.createRedoAction(self._owner, "&Redo")
        self.redo.setShortcuts(
            [QKeySequence("Ctrl+Shift+Z"), QKeySequence(QKeySequence.StandardKey.Redo)]
        )
        self.edit_menu.addAction(self.undo)
        self.edit_menu.addAction(self.redo)
        self.edit_menu.addSeparator()
        self.find = self._add(self.edit_menu, "&Find in Article…", QKeySequence.StandardKey.Find)
        self.find_next = self._add(self.edit_menu, "Find &Next", QKeySequence.StandardKey.FindNext)
        self.find_previous = self._add(
            self.edit_menu, "Find &Previous", QKeySequence.StandardKey.FindPrevious
        )
        self.filter_posts = self._add(self.edit_menu, "Filter &Posts", "Ctrl+L")
        self.search = self._add(self.edit_menu, "&Search Library…", "Ctrl+K")

        self.view_menu = bar.addMenu("&View")
        self.zoom_in = self._add(self.view_menu, "Zoom &In", "Ctrl+=")
        self.zoom_in.setShortcuts([QKeySequence("Ctrl+="), QKeySequence("Ctrl++")])
        self.zoom_out = self._add(self.view_menu, "Zoom &Out", "Ctrl+-")
        self.zoom_reset = self._add(self.view_menu, "&Actual Size", "Ctrl+0")
        self.view_menu.addSeparator()
        theme_menu = self.view_menu.addMenu("&Theme")
        self.theme_group = QActionGroup(self._owner)
        self.theme_actions: dict[str, QAction] = {}
        for choice, label in (
            (themes.SYSTEM, "Follow &System"),
            (themes.LIGHT, "&Light"),
            (themes.DARK, "&Dark"),
        ):
            action = self._add(theme_menu, label)
            action.setCheckable(True)
            action.setChecked(window.themes.choice() == choice)
            self.theme_group.addAction(action)
            self.theme_actions[choice] = action
        self.view_menu.addSeparator()
        self.view_menu.addAction(window.outline_dock.toggleViewAction())
        self.annotations = window.annotations_panel.toggleViewAction()
        self.view_menu.addAction(self.annotations)
        self.comparison = window.comparison.toggleViewAction()
        self.comparison.setText("&Comparison Table")
        self.comparison.setShortcut(QKeySequence("Ctrl+Shift+T"))
        self.view_menu.addAction(self.comparison)

        self.annotate_menu = bar.addMenu("&Annotate")
        notes = window.annotation_actions
        for action in (notes.highlight, notes.add_note, notes.set_aspect, notes.set_tags):
            self.annotate_menu.addAction(action)
        colours = self.annotate_menu.addMenu("&Colour")
        for action in notes.color_actions.values():
            colours.addAction(action)
        self.annotate_menu.addAction(notes.name_sides)
        self.annotate_menu.addAction(notes.delete)

        self.go_menu = bar.addMenu("&Go")
        self.next_post = self._add(self.go_menu, "&Next Post", "Alt+Down")
        self.previous_post = self._add(self.go_menu, "&Previous Post", "Alt+Up")

        self.help_menu = bar.addMenu("&Help")
        self.about = self._add(self.help_menu, "&About reader")
        self.about.setMenuRole(QAction.MenuRole.AboutRole)
        self._connect_signals()
        self.refresh_recent()

    def _add_desktop_actions(self) -> None:
        """The post outside the window, notes from elsewhere, paper and PDF (File menu)."""
        menu = self.file_menu
        self.import_notes = self._add(menu, "&Import Notes…", "Ctrl+I")
        menu.addSeparator()
        self.open_in_editor = self._add(menu, "Open in E&ditor", "Ctrl+Shift+E")
        self.show_in_folder = self._add(menu, "Show in &Folder", "Ctrl+Shift+R")
        menu.addSeparator()
        self.print_post = self._add(menu, "&Print…", QKeySequence.StandardKey.Print)
        self.export_pdf = self._add(menu, "Export Post &as PDF…", "Ctrl+Shift+P")

    def _add(
        self, menu: QMenu, text: str, shortcut: QKeySequence.StandardKey | str | None = None
    ) -> QAction:
        action = QAction(text, self._owner)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        menu.addAction(action)
        return action

    def _connect_signals(self) -> None:
        window = self._window
        self.open_library.triggered.connect(window.choose_library)
        self.quit.triggered.connect(window.close)
        self.export.triggered.connect(window.export_notes)
        self.import_notes.triggered.connect(lambda: window.desktop.import_notes())
        self.open_in_editor.triggered.connect(window.desktop.open_in_editor)
        self.show_in_folder.triggered.connect(window.desktop.show_in_folder)
        self.print_post.triggered.connect(window.desktop.print_post)
        self.export_pdf.triggered.connect(window.desktop.export_pdf)
        self.about.triggered.connect(window.desktop.show_about)
        self.find.triggered.connect(window.find_bar.open_bar)
        self.find_next.triggered.connect(window.find_bar.find_next)
        self.find_previous.triggered.connect(window.find_bar.find_previous)
        self.filter_posts.triggered.connect(window.filter_box.setFocus)
        self.search.triggered.connect(window.show_search)
        self.zoom_in.triggered.connect(window.article.zoom_in_step)
        self.zoom_out.triggered.connect(window.article.zoom_out_step)
        self.zoom_reset.triggered.connect(window.article.zoom_reset)
        for choice, action in self.theme_actions.items():
            action.triggered.connect(lambda _=False, c=choice: self._choose_theme(c))
        self.next_post.triggered.connect(lambda: window.move_post(1))
        self.previous_post.triggered.connect(lambda: window.move_post(-1))

    def _choose_theme(self, choice: str) -> None:
        self._window.themes.set_choice(choice)
        self._window.settings.setValue(keys.THEME, choice)

    def refresh_recent(self) -> None:
        """Rebuild File → Open Recent from the settings."""
        self.recent_menu.clear()
        recent = self._window.recent_libraries()
        for folder in recent:
            action = self.recent_menu.addAction(folder)
            action.triggered.connect(lambda _=False, f=folder: self._window.open_library(Path(f)))
        self.recent_menu.setEnabled(bool(recent))


def build_menus(window: MenuHost) -> MenuActions:
    """Create the menus of `window`."""
    return MenuActions(window)
