"""A remembered or asked-for window place never leaves the window out of reach."""

from __future__ import annotations

from PySide6.QtCore import QRect

from reader.ui.window.window_state import fitted

SCREEN = QRect(0, 0, 1600, 1000)


def test_a_window_that_fits_stays_where_it_was() -> None:
    assert fitted(QRect(160, 77, 1000, 650), SCREEN) == QRect(160, 77, 1000, 650)


def test_a_larger_size_at_a_remembered_place_moves_back_onto_the_screen() -> None:
    # the place a 1000x650 window had, then `--size 1600x1000`
    assert fitted(QRect(160, 77, 1600, 1000), SCREEN) == QRect(0, 0, 1600, 1000)
    assert fitted(QRect(900, 600, 800, 500), SCREEN) == QRect(800, 500, 800, 500)


def test_a_window_larger_than_the_screen_is_shrunk_to_it() -> None:
    assert fitted(QRect(-50, -20, 2400, 1400), SCREEN) == SCREEN


def test_a_place_on_a_screen_that_is_gone_comes_back() -> None:
    right_screen = QRect(1600, 0, 1920, 1080)  # the window was on a second monitor
    assert fitted(QRect(2000, 100, 1000, 650), SCREEN) == QRect(600, 100, 1000, 650)
    assert fitted(QRect(100, 100, 1000, 650), right_screen) == QRect(1600, 100, 1000, 650)
