"""Keys, as a keyboard-only person uses them: every command has one, shown in its menu and in
the README, no key does two things, and each does what it says."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest
import yaml
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from reader.ui.window.main_window import MainWindow
from reader.ui.window.panes import in_front
from tests.ui.conftest import WindowFactory
from tests.ui.person import Mods, Person, text_point

SEED = "program-manager-vs-project-manager.md"
README = Path(__file__).resolve().parents[3] / "README.md"
CTRL, SHIFT = Mods.ControlModifier, Mods.ShiftModifier


def menu_actions(window: MainWindow) -> list[QAction]:
    """Every command in the menu bar, submenus walked."""
    found: list[QAction] = []

    def walk(menu: QMenu) -> None:
        for action in menu.actions():
            if action.isSeparator():
                continue
            submenu = action.menu()
            if isinstance(submenu, QMenu):
                walk(submenu)
            else:
                found.append(action)

    for top in window.menuBar().actions():
        submenu = top.menu()
        assert isinstance(submenu, QMenu)
        walk(submenu)
    return found


def keys_of(action: QAction) -> list[str]:
    return [
        sequence.toString(QKeySequence.SequenceFormat.PortableText)
        for sequence in action.shortcuts()
    ]


def readme_keys() -> set[str]:
    """The keys the README's keyboard table lists ("Ctrl+1, … Ctrl+6" counts all six)."""
    text = README.read_text(encoding="utf-8")
    table = text[text.index("### Keyboard") : text.index("## Annotating")]
    found: set[str] = set()
    token = r"(?:(?:Ctrl|Shift|Alt|Meta)\+)*(?:F\d+|Page Up|Page Down|[A-Za-z]+|\d|[=+\-])"
    for line in table.splitlines():
        if not line.startswith("| ") or line.startswith("| keys"):
            continue
        cell = line.split("|")[1]
        keys = re.findall(token, cell)
        found.update(keys)
        for first, last in re.findall(rf"({token}), … ({token})", cell):
            prefix = first[:-1]
            if last.startswith(prefix) and first[-1].isdigit() and last[-1].isdigit():
                found.update(f"{prefix}{n}" for n in range(int(first[-1]), int(last[-1]) + 1))
    return found


def select_by_keys(person: Person, text: str) -> None:
    """Click before `text` in the article, then Shift+Right over it."""
    view = person.window.article
    person.click(view.viewport(), text_point(view, text))
    assert person.focused() is view
    person.press(Qt.Key.Key_Right, SHIFT, times=len(text))
    assert view.textCursor().selectedText() == text


def saved_quotes(library: Path, qtbot: QtBot, expected: list[str]) -> None:
    """Wait for the autosave and check the live quotes in the notes file."""
    path = library / ".annotations" / f"{SEED}.yaml"

    def quotes() -> list[str]:
        if not path.exists():
            return []
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return [
            entry["target"]["exact"]
            for entry in data.get("annotations", [])
            if not entry.get("deleted")
        ]

    qtbot.waitUntil(lambda: quotes() == expected, timeout=5000)


def test_redo_works_with_ctrl_shift_z_and_ctrl_y(
    qtbot: QtBot, make_window: WindowFactory, library: Path
) -> None:
    window = make_window(library, open_post=SEED)
    person = Person(qtbot, window)
    quote = "oversees and manages a large program"
    select_by_keys(person, quote)
    person.press(Qt.Key.Key_H)
    saved_quotes(library, qtbot, [quote])
    person.press(Qt.Key.Key_Z, CTRL)
    saved_quotes(library, qtbot, [])
    assert window.article.highlights() == []
    person.press(Qt.Key.Key_Z, CTRL | SHIFT)
    saved_quotes(library, qtbot, [quote])
    assert len(window.article.highlights()) == 1
    person.press(Qt.Key.Key_Z, CTRL)
    assert window.article.highlights() == []
    person.press(Qt.Key.Key_Y, CTRL)
    saved_quotes(library, qtbot, [quote])
    assert len(window.article.highlights()) == 1
    # Qt fails this test on "Ambiguous shortcut overload" (warnings fail every test).


def test_ctrl_shift_a_brings_the_panel_up_in_front(
    qtbot: QtBot, make_window: WindowFactory, library: Path
) -> None:
    window = make_window(library, open_post=SEED)
    person = Person(qtbot, window)
    panel = window.annotations_panel
    assert person.focused() is window.article
    person.press(Qt.Key.Key_O, CTRL | SHIFT)  # the outline, tabbed with the panel, in front
    assert in_front(window.outline_dock) and not in_front(panel)
    assert person.focused() is window.outline
    person.press(Qt.Key.Key_A, CTRL | SHIFT)
    assert in_front(panel) and not in_front(window.outline_dock)
    assert person.focused() is window.annotation_list
    person.click(window.article.viewport())
    person.press(Qt.Key.Key_A, CTRL | SHIFT)  # in front but not focused: stays, takes focus
    assert in_front(panel) and person.focused() is window.annotation_list
    person.press(Qt.Key.Key_A, CTRL | SHIFT)  # in front and focused: put away
    assert not panel.isVisible() and person.focused() is window.article
    assert not window.menu_actions.annotations.isChecked()
    person.press(Qt.Key.Key_A, CTRL | SHIFT)  # and back, in front
    assert in_front(panel) and window.menu_actions.annotations.isChecked()


def test_no_two_actions_share_a_key(make_window: WindowFactory, library: Path) -> None:
    window = make_window(library, open_post=SEED)
    owners: dict[str, list[str]] = defaultdict(list)
    for action in window.findChildren(QAction):
        for key in keys_of(action):
            owners[key].append(action.text())
    shared = {key: names for key, names in owners.items() if len(names) > 1}
    assert shared == {}
    assert owners["Ctrl+Shift+Z"] == ["&Redo"] and "Ctrl+Y" in owners


def test_every_command_has_a_key_in_its_menu_and_the_readme(
    make_window: WindowFactory, library: Path, tmp_path: Path
) -> None:
    (tmp_path / "other.md").write_text("# Other\n", encoding="utf-8")
    make_window(tmp_path)
    window = make_window(library, open_post=SEED)  # with a recent library in File → Open Recent
    listed = readme_keys()
    recent = window.menu_actions.recent_menu.actions()
    assert recent, "Open Recent lists the libraries"
    missing: list[str] = []
    for action in menu_actions(window):
        if action in recent:
            assert re.match(r"&\d ", action.text()), action.text()  # its key inside the menu
            continue
        keys = keys_of(action)
        if not keys:
            missing.append(f"{action.text()}: no key")
        elif keys[0] not in listed:
            missing.append(f"{action.text()}: {keys[0]} not in the README")
    assert missing == []
    in_menus = set(menu_actions(window))
    keyed = [a for a in window.findChildren(QAction) if a.shortcuts() and a not in in_menus]
    assert [a.text() for a in keyed] == []  # no key that no menu shows


def test_keyboard_focus_is_in_the_article_at_startup(
    qtbot: QtBot, make_window: WindowFactory, library: Path
) -> None:
    window = make_window(library)
    person = Person(qtbot, window)
    assert window.article.current_post() is not None
    assert person.focused() is window.article
    bar = window.article.verticalScrollBar()
    assert bar.value() == 0
    person.press(Qt.Key.Key_Down, times=3)
    assert bar.value() > 0
    person.press(Qt.Key.Key_PageDown)
    assert bar.value() > bar.singleStep() * 3
    person.press(Qt.Key.Key_Home)
    assert bar.value() == 0


def test_f6_and_tab_visit_every_pane(
    qtbot: QtBot, make_window: WindowFactory, library: Path
) -> None:
    window = make_window(library, open_post="two-hats-on-one-roadmap.md")
    person = Person(qtbot, window)
    person.click(window.tag_view.viewport())
    assert person.focused() is window.tag_view
    visited = []
    for _ in range(4):
        person.press(Qt.Key.Key_F6)
        visited.append(person.focused())
    shown = window.annotation_list if in_front(window.annotations_panel) else window.outline
    assert visited == [window.post_view, window.article, shown, window.tag_view]
    person.press(Qt.Key.Key_F6, SHIFT)
    assert person.focused() is shown

    person.click(window.tag_view.viewport())
    order = [person.focused()]
    for _ in range(80):
        person.press(Qt.Key.Key_Tab)
        if person.focused() is not order[-1]:
            order.append(person.focused())
        if person.focused() is window.tag_view:
            break
    wanted = [
        window.tag_view,
        window.drafts_box,
        window.filter_box,
        window.post_view,
        window.article,
        window.annotations_panel.filter_text if in_front(window.annotations_panel) else None,
    ]
    positions = [order.index(widget) for widget in wanted if widget is not None]
    assert positions == sorted(positions), [type(w).__name__ for w in order]
    assert order[-1] is window.tag_view  # Tab goes round


@pytest.mark.parametrize(("key", "theme"), [(Qt.Key.Key_D, "dark"), (Qt.Key.Key_L, "light")])
def test_theme_keys(
    qtbot: QtBot, make_window: WindowFactory, library: Path, key: Qt.Key, theme: str
) -> None:
    window = make_window(library, open_post=SEED, theme="dark" if theme == "light" else "light")
    Person(qtbot, window).press(key, CTRL | SHIFT)
    assert window.themes.effective() == theme
    assert window.menu_actions.theme_actions[theme].isChecked()
