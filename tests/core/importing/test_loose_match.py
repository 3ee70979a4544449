"""A quote copied from the published page is found although its typography differs."""

from __future__ import annotations

from reader.core.importing.loose_match import find_loosely, fold


def test_curly_quotes_dashes_and_spacing_fold_away() -> None:
    text = 'He asked "will we get there?" -- and  then\nleft...'
    found = find_loosely(text, "asked “will we get there?” — and then left…")
    assert found is not None
    assert text[found[0] : found[1]] == 'asked "will we get there?" -- and  then\nleft...'


def test_positions_map_back_through_expansions() -> None:
    folded, origin = fold("a…b")
    assert folded == "a...b" and origin == [0, 1, 1, 1, 2]


def test_the_copy_whose_context_agrees_wins() -> None:
    text = "First: the same words. Second: the same words. Third."
    found = find_loosely(text, "the same words", prefix="Second: ", suffix=". Third")
    assert found == (31, 45)
    assert find_loosely(text, "the same words") == (7, 21)  # no context: the first


def test_nothing_to_find() -> None:
    assert find_loosely("abc", "xyz") is None
    assert find_loosely("abc", " \u200b ") is None
