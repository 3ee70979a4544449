"""Dark mode follows the system unless the person picks a theme."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from reader.ui.window import theme
from reader.ui.window.theme import ThemeController


def test_system_choice_follows_the_desktop(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    scheme = {"now": "light"}
    monkeypatch.setattr(theme, "system_theme", lambda: scheme["now"])
    controller = ThemeController(qapp, theme.SYSTEM)
    seen: list[str] = []
    controller.changed.connect(seen.append)
    assert controller.effective() == "light"
    scheme["now"] = "dark"
    controller._on_system_change()  # what QStyleHints.colorSchemeChanged triggers
    assert controller.effective() == "dark"
    assert seen == ["dark"]
    assert qapp.palette().base().color().lightness() < 100


def test_a_chosen_theme_ignores_the_desktop(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    scheme = {"now": "dark"}
    monkeypatch.setattr(theme, "system_theme", lambda: scheme["now"])
    controller = ThemeController(qapp, theme.LIGHT)
    assert controller.effective() == "light"
    controller._on_system_change()
    assert controller.effective() == "light"
    controller.set_choice(theme.SYSTEM)
    assert controller.effective() == "dark"
