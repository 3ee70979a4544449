"""Counts read as a person writes them."""

from __future__ import annotations

from reader.ui.common.wording import counted


def test_one_is_singular_and_large_counts_group_thousands() -> None:
    assert counted(1, "post") == "1 post"
    assert counted(0, "problem") == "0 problems"
    assert counted(100_000, "post") == "100,000 posts"
