"""A post whose rendering fails shows why, in the article, in both the quick and the slow path."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from reader.ui.reading import post_renderer
from reader.ui.reading.post_renderer import RenderJob
from tests.ui.conftest import WindowFactory


@pytest.mark.parametrize("size", [10, 500_000])
def test_a_render_error_becomes_a_page_saying_so(
    qtbot: QtBot,
    make_window: WindowFactory,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    size: int,
) -> None:
    (tmp_path / "a.md").write_text("# A\n\n" + "x" * size + "\n", encoding="utf-8")
    window = make_window(tmp_path)

    def broken(_job: RenderJob) -> None:
        raise ValueError("a renderer bug")

    monkeypatch.setattr(post_renderer, "_render", broken)
    with qtbot.waitSignal(window.renderer.rendered, timeout=20_000):
        window.open_post("a.md")
    window.renderer.wait()
    assert "could not be shown: ValueError: a renderer bug" in window.article.toPlainText()
