"""Light and dark themes: follow the system's colour scheme unless the person picks one."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from reader.core.render.theme_css import palette as article_palette

SYSTEM = "system"
LIGHT = "light"
DARK = "dark"
CHOICES = (SYSTEM, LIGHT, DARK)


def system_theme() -> str:
    """What the desktop asks for right now (light when it does not say)."""
    hints = QGuiApplication.styleHints()
    return DARK if hints.colorScheme() == Qt.ColorScheme.Dark else LIGHT


def effective_theme(choice: str) -> str:
    """The theme to paint with for a menu choice of system, light or dark."""
    return system_theme() if choice not in (LIGHT, DARK) else choice


def build_palette(theme: str) -> QPalette:
    """A Fusion palette matching the article colours of `theme`."""
    colours = article_palette(theme)
    qp = QPalette()
    window = QColor("#2a2c30") if theme == DARK else QColor("#f3f4f6")
    base = QColor(colours.background)
    text = QColor(colours.text)
    qp.setColor(QPalette.ColorRole.Window, window)
    qp.setColor(QPalette.ColorRole.WindowText, text)
    qp.setColor(QPalette.ColorRole.Base, base)
    qp.setColor(QPalette.ColorRole.AlternateBase, window)
    qp.setColor(QPalette.ColorRole.Text, text)
    qp.setColor(QPalette.ColorRole.Button, window)
    qp.setColor(QPalette.ColorRole.ButtonText, text)
    qp.setColor(QPalette.ColorRole.ToolTipBase, base)
    qp.setColor(QPalette.ColorRole.ToolTipText, text)
    qp.setColor(QPalette.ColorRole.PlaceholderText, QColor(colours.muted))
    qp.setColor(QPalette.ColorRole.Link, QColor(colours.link))
    qp.setColor(QPalette.ColorRole.Highlight, QColor("#3d6fb6" if theme == DARK else "#2f6fd6"))
    qp.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    # Disabled controls must look disabled (WCAG exempts them from contrast; they still must
    # differ from live ones, or a greyed-out field reads as one to fill in).
    disabled = QColor("#6e737b") if theme == DARK else QColor("#9aa0a8")
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
        QPalette.ColorRole.PlaceholderText,
    ):
        qp.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    qp.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Base, window)
    return qp


def apply_theme(app: QApplication, theme: str) -> None:
    """Paint the whole application in `theme` (light or dark)."""
    app.setStyle("Fusion")
    app.setPalette(build_palette(theme))


class ThemeController(QObject):
    """Holds the person's choice (system, light or dark) and repaints the application;
    with "system" it follows the desktop when its colour scheme changes."""

    changed = Signal(str)  # the effective theme: light or dark

    def __init__(self, app: QApplication, choice: str = SYSTEM) -> None:
        super().__init__(app)
        self._app = app
        self._choice = choice if choice in CHOICES else SYSTEM
        self._effective = effective_theme(self._choice)
        apply_theme(app, self._effective)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._on_system_change)

    def choice(self) -> str:
        """system, light or dark."""
        return self._choice

    def effective(self) -> str:
        """light or dark."""
        return self._effective

    def set_choice(self, choice: str) -> None:
        """Apply a menu choice."""
        self._choice = choice if choice in CHOICES else SYSTEM
        self._update()

    def _on_system_change(self) -> None:
        if self._choice == SYSTEM:
            self._update()

    def _update(self) -> None:
        effective = effective_theme(self._choice)
        if effective != self._effective:
            self._effective = effective
            apply_theme(self._app, effective)
            self.changed.emit(effective)
