"""What a screen reader announces, and colours that can be read: WCAG AA in both themes."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from reader.core.notes.records import COLORS
from reader.core.render.theme_css import palette
from reader.ui.reading import highlights
from reader.ui.window.theme import build_palette
from tests.ui.conftest import WindowFactory
from tests.ui.person import Mods, Person

SEED = "program-manager-vs-project-manager.md"
AA_TEXT = 4.5  # normal-size text
AA_GRAPHICS = 3.0  # bars, underlines and other marks that carry meaning


def announced(widget: QWidget, text: QAccessible.Text = QAccessible.Text.Name) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    assert interface is not None
    return interface.text(text)


def test_panes_announce_what_they_hold(
    qtbot: QtBot, make_window: WindowFactory, library: Path
) -> None:
    window = make_window(library, open_post=SEED)
    assert announced(window.post_view) == "Posts list, 7 posts"
    assert announced(window.article) == (
        "Article: Program Manager vs. Project Manager - What you need to know"
    )
    assert announced(window.tag_view).startswith("Tags, ")
    person = Person(qtbot, window)
    person.press(Qt.Key.Key_L, Mods.ControlModifier)
    person.type("scrum")
    assert announced(window.post_view) == "Posts list, 1 post"
    for pane in (
        window.post_view,
        window.tag_view,
        window.article,
        window.annotation_list,
        window.comparison_view,
        window.filter_box,
        window.outline,
    ):
        assert announced(pane, QAccessible.Text.Description), pane


def test_every_control_in_reach_of_the_keyboard_has_a_name(
    qtbot: QtBot, make_window: WindowFactory, library: Path
) -> None:
    window = make_window(library, open_post=SEED)
    Person(qtbot, window).press(Qt.Key.Key_T, Mods.ControlModifier | Mods.ShiftModifier)
    unnamed = [
        f"{type(widget).__name__} {widget.objectName()}"
        for widget in window.findChildren(QWidget)
        if widget.isVisible()
        and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        and not announced(widget).strip()
        and not widget.objectName().startswith("qt_")  # Qt's own scroll bars and viewports
    ]
    assert unnamed == []


def luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast(a: QColor | str, b: QColor | str) -> float:
    light, dark = sorted((luminance(QColor(a)), luminance(QColor(b))), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_colours_meet_wcag_aa(theme: str, qapp: QApplication) -> None:
    article = palette(theme)
    pairs = {
        "text": (article.text, article.background, AA_TEXT),
        "muted text (dates, notices)": (article.muted, article.background, AA_TEXT),
        "links": (article.link, article.background, AA_TEXT),
        "block quotes": (article.quote_text, article.quote_bg, AA_TEXT),
        "code": (article.text, article.code_bg, AA_TEXT),
    }
    ui = build_palette(theme)
    role = QPalette.ColorRole
    for name, fg, bg in (
        ("window text", role.WindowText, role.Window),
        ("list text", role.Text, role.Base),
        ("buttons", role.ButtonText, role.Button),
        ("selected text", role.HighlightedText, role.Highlight),
        ("hints", role.PlaceholderText, role.Base),
        ("hints on the window", role.PlaceholderText, role.Window),
        ("tooltips", role.ToolTipText, role.ToolTipBase),
    ):
        pairs[f"ui {name}"] = (ui.color(fg).name(), ui.color(bg).name(), AA_TEXT)
    text = highlights.highlight_text_color(theme).name()
    for colour in COLORS:
        background = highlights.highlight_color(colour, theme).name()
        pairs[f"text on {colour} highlight"] = (text, background, AA_TEXT)
    flash = highlights.FLASH_COLORS[theme]
    pairs["text on the flash"] = (text, flash, AA_TEXT)
    for index in range(6):
        side = highlights.side_color(index, theme).name()
        pairs[f"side {index + 1} number"] = (side, article.background, AA_TEXT)
        for colour in COLORS:  # a side's underline on each highlight colour
            background = highlights.highlight_color(colour, theme).name()
            pairs[f"side {index + 1} on {colour}"] = (side, background, AA_GRAPHICS)
    note_line = highlights.NOTE_UNDERLINE[theme]
    for colour in COLORS:
        background = highlights.highlight_color(colour, theme).name()
        pairs[f"note underline on {colour}"] = (note_line, background, AA_GRAPHICS)
    failing = {
        name: round(contrast(fg, bg), 2)
        for name, (fg, bg, needed) in pairs.items()
        if contrast(fg, bg) < needed
    }
    assert failing == {}


def test_contrast_formula_can_fail() -> None:
    assert contrast("#8a8f98", "#ffffff") < AA_TEXT  # the old muted grey: 3.3:1
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
