"""Issue 18, items 11 and 23, through the real window: the status bar, the tag pane and
`reader check` agree on posts and problems (orphaned notes included), and the comparison
offers only the tags of the posts shown."""

from __future__ import annotations

import io
import shutil
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from reader.cli.main import run_subcommand
from reader.ui.window.main_window import MainWindow
from tests.ui.conftest import WindowFactory, wait_for_counts

SITES = Path(__file__).resolve().parents[2] / "fixtures" / "sites"


@pytest.fixture
def counts_site(tmp_path: Path) -> Path:
    """A hidden draft with its own tag and notes, an orphaned note, a broken post."""
    root = tmp_path / "counts"
    shutil.copytree(SITES / "counts", root)
    return root


def check_line(*argv: str) -> str:
    out = io.StringIO()
    run_subcommand(["check", *argv], out, io.StringIO())
    return out.getvalue().splitlines()[-1]


def all_posts_row(window: MainWindow) -> str:
    return str(window.tag_model.index(0, 0).data())


def scopes(window: MainWindow) -> list[str]:
    combo = window.comparison.scope
    return [combo.itemText(row) for row in range(combo.count())]


def sides(window: MainWindow) -> list[str]:
    model = window.comparison.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    return [str(text).rsplit(" (", 1)[0] for text in headers]


def test_status_bar_tag_pane_and_check_count_the_same(
    qtbot: QtBot, make_window: WindowFactory, counts_site: Path
) -> None:
    window = make_window(counts_site)
    assert window.counts_button.text() == "3 posts · 2 problems"
    assert all_posts_row(window) == "All posts  (3)"
    assert check_line(str(counts_site)) == "3 posts, 2 problems"

    qtbot.mouseClick(window.drafts_box, Qt.MouseButton.LeftButton)
    wait_for_counts(qtbot, window)
    assert window.counts_button.text() == "4 posts · 2 problems"
    assert all_posts_row(window) == "All posts  (4)"
    assert check_line(str(counts_site), "--drafts") == "4 posts, 2 problems"


def test_the_problems_listed_are_the_ones_counted_orphan_included(
    qtbot: QtBot,
    make_window: WindowFactory,
    counts_site: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = make_window(counts_site)
    seen: list[list[tuple[str, str]]] = []

    def fake_exec(dialog: Any) -> int:
        table = dialog.table
        seen.append(
            [(table.item(r, 0).text(), table.item(r, 1).text()) for r in range(table.rowCount())]
        )
        return 0

    monkeypatch.setattr("reader.ui.window.problems_dialog.ProblemsDialog.exec", fake_exec)
    qtbot.mouseClick(window.counts_button, Qt.MouseButton.LeftButton)
    assert seen == [[("first.md", "orphan"), ("broken.md", "front-matter")]]


def test_an_orphan_made_on_disk_is_counted(
    qtbot: QtBot, make_window: WindowFactory, counts_site: Path
) -> None:
    window = make_window(counts_site)
    (counts_site / "second.md").write_text("---\ntitle: Second\n---\nDogs howl.\n", "utf-8")
    notes = counts_site / ".annotations" / "second.md.yaml"
    notes.write_text(
        "format: reader-annotations\nversion: 1\narticle: second.md\nannotations:\n"
        "  - id: 66666666-6666-4666-8666-666666666666\n"
        "    created: 2026-01-01T00:00:00+00:00\n    modified: 2026-01-01T00:00:00+00:00\n"
        "    target:\n      exact: Dogs bark\n",
        encoding="utf-8",
    )
    qtbot.waitUntil(lambda: window.counts_button.text() == "3 posts · 3 problems", timeout=10_000)
    assert check_line(str(counts_site)) == "3 posts, 3 problems"


def test_draft_only_tags_are_not_offered_while_drafts_are_hidden(
    qtbot: QtBot, make_window: WindowFactory, counts_site: Path
) -> None:
    window = make_window(counts_site)
    qtbot.keyClick(
        window,
        Qt.Key.Key_T,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(window.comparison.isVisible)
    assert scopes(window) == ["This post", "Tag: shared", "Whole library"]
    qtbot.mouseClick(window.drafts_box, Qt.MouseButton.LeftButton)
    assert "Tag: draft-only" in scopes(window)
    qtbot.mouseClick(window.drafts_box, Qt.MouseButton.LeftButton)
    assert "Tag: draft-only" not in scopes(window)


def test_the_whole_library_scope_leaves_hidden_drafts_out(
    qtbot: QtBot, make_window: WindowFactory, counts_site: Path
) -> None:
    window = make_window(counts_site)
    window.comparison.show()
    combo = window.comparison.scope
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_End)
    assert combo.currentText() == "Whole library"
    qtbot.waitUntil(lambda: not window.comparison.building)
    assert "Cats" in sides(window)
    assert "Now" not in sides(window)  # the draft's side
    qtbot.mouseClick(window.drafts_box, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.comparison.building)
    assert "Now" in sides(window)  # the table follows what is shown


def test_categories_are_comparison_scopes(
    qtbot: QtBot, make_window: WindowFactory, tmp_path: Path
) -> None:
    root = tmp_path / "blog"
    shutil.copytree(SITES / "jekyll-blog", root)
    notes = root / ".annotations" / "_posts" / "2024-01-04-spaced.md.yaml"
    notes.parent.mkdir(parents=True)
    notes.write_text(
        "format: reader-annotations\nversion: 1\narticle: _posts/2024-01-04-spaced.md\n"
        "sides: [Road, Rail]\nannotations:\n"
        "  - id: 77777777-7777-4777-8777-777777777777\n"
        "    created: 2026-01-01T00:00:00+00:00\n    modified: 2026-01-01T00:00:00+00:00\n"
        "    side: Road\n    aspect: Speed\n    target:\n      exact: Travel\n",
        encoding="utf-8",
    )
    window = make_window(root)
    qtbot.keyClick(
        window,
        Qt.Key.Key_T,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(window.comparison.isVisible)
    assert "Category: travel" in scopes(window)
    combo = window.comparison.scope
    combo.setFocus()
    while combo.currentText() != "Category: travel":
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: not window.comparison.building)
    assert sides(window)[:2] == ["Road", "Rail"]
    assert "1 labelled passage in 1 post; 1 gap." in window.comparison.summary.text()
