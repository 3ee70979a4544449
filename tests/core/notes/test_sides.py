"""Sides of a comparison: front matter, then the title, then the user's choice."""

from __future__ import annotations

import pytest

from reader.core.notes.sides import sides_for, sides_from_compare, sides_from_title

PM = ("Program Manager", "Project Manager")


def test_bundled_article_title_gives_both_roles() -> None:
    title = "Program Manager vs. Project Manager - What you need to know"
    assert sides_for({}, title, None) == PM


@pytest.mark.parametrize(
    ("title", "sides"),
    [
        ("Program Manager vs Project Manager", PM),
        ("Program Manager VS. Project Manager: a guide", PM),
        ("Program Manager versus Project Manager — the differences", PM),
        ("Careers: Program Manager vs. Project Manager", PM),
        ("Scrum vs. Kanban vs. Waterfall", ("Scrum", "Kanban", "Waterfall")),
        ("Tabs vs spaces?", ("Tabs", "spaces")),
        ("Front-end vs Back-end", ("Front-end", "Back-end")),
        ("Why canvas is great", ()),
        ("Elvis", ()),
        ("vs. something", ()),
    ],
)
def test_titles(title: str, sides: tuple[str, ...]) -> None:
    assert sides_from_title(title) == sides


@pytest.mark.parametrize(
    ("value", "sides"),
    [
        (["Designer", " Developer "], ("Designer", "Developer")),
        ("Designer vs Developer", ("Designer", "Developer")),
        ("Designer, Developer, Tester", ("Designer", "Developer", "Tester")),
        ([1, 2], ("1", "2")),
        ("Designer", ()),
        (5, ()),
    ],
)
def test_compare_values(value: object, sides: tuple[str, ...]) -> None:
    assert sides_from_compare(value) == sides


def test_front_matter_wins_over_title_and_user() -> None:
    meta = {"Compare": ["Lead", "Manager"]}
    assert sides_for(meta, "A vs. B", ["X", "Y"]) == ("Lead", "Manager")


def test_title_wins_over_user_and_user_is_the_last_resort() -> None:
    assert sides_for({}, "A vs. B", ["X", "Y"]) == ("A", "B")
    assert sides_for({"compare": "only one"}, "Plain title", ["X", "Y"]) == ("X", "Y")
    assert sides_for({}, "Plain title", None) == ()
    assert sides_for({}, "", []) == ()


def test_duplicates_are_merged_case_insensitively() -> None:
    assert sides_from_compare(["Lead", "lead", "Manager"]) == ("Lead", "Manager")
