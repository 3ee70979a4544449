"""Field rules: titles, dates, tags, drafts and cover keys."""

from __future__ import annotations

import datetime as dt

import pytest

from reader.core.library import fields


@pytest.mark.parametrize(
    ("rel", "expected"),
    [
        ("2016-05-20-my-post.md", "My post"),
        ("my-post/index.md", "My post"),
        ("my_post/index.ja.md", "My post"),
        ("notes/some_file-name.markdown", "Some file name"),
        ("2016-02-31-bad-date.md", "2016 02 31 bad date"),
    ],
)
def test_readable_name(rel: str, expected: str) -> None:
    assert fields.readable_name(rel) == expected


def test_first_heading_skips_code_fences() -> None:
    body = "```\n# not a heading\n```\n\n# Real heading #\n"
    assert fields.first_heading(body) == "Real heading"
    assert fields.first_heading("## Only level two\n") is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.date(2023, 11, 7), dt.date(2023, 11, 7)),
        ("2023-11-07", dt.date(2023, 11, 7)),
        ("2023-11-07T10:00:00Z", dt.datetime(2023, 11, 7, 10, tzinfo=dt.UTC)),
        (
            "2018-07-05 09:15:00 +0200",
            dt.datetime(2018, 7, 5, 9, 15, tzinfo=dt.timezone(dt.timedelta(hours=2))),
        ),
        ("2023/11/07", dt.date(2023, 11, 7)),
        ("November 7, 2023", dt.date(2023, 11, 7)),
        ("7 Nov 2023", dt.date(2023, 11, 7)),
        ("2023-1-7", dt.date(2023, 1, 7)),
        (
            "Tue, 07 Nov 2023 10:00:00 +0000",
            dt.datetime(2023, 11, 7, 10, tzinfo=dt.UTC),
        ),
    ],
)
def test_parse_date_formats(value: object, expected: object) -> None:
    assert fields.parse_date(value) == (expected, "")


@pytest.mark.parametrize("value", ["next tuesday", "2023-13-45", 12345, "31/31/31"])
def test_unreadable_dates_are_reported_not_raised(value: object) -> None:
    date, problem = fields.parse_date(value)
    assert date is None
    assert "unreadable date" in problem


def test_date_sort_key_mixes_dates_zones_and_none() -> None:
    keys = [
        fields.date_sort_key(dt.date(2023, 1, 1)),
        fields.date_sort_key(dt.datetime(2023, 1, 1, 12, tzinfo=dt.UTC)),
        fields.date_sort_key(None),
    ]
    assert keys[1] > keys[0] > keys[2]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, ()),
        ("solo", ("solo",)),
        ("a, b ,c,", ("a", "b", "c")),
        (["x", "X", " x ", "y"], ("x", "y")),
        ([2023, 1.5, True], ("2023", "1.5", "true")),
        ([], ()),
    ],
)
def test_string_list(value: object, expected: tuple[str, ...]) -> None:
    assert fields.string_list(value, "tags") == (expected, "")


def test_string_list_reports_nested_values() -> None:
    values, problem = fields.string_list(["a", ["b"], {"c": 1}], "tags")
    assert values == ("a",)
    assert "nested" in problem
    assert fields.string_list({"a": 1}, "tags")[1] == "tags should be a list, found a mapping"


def test_scalar_text_of_numbers_and_dates() -> None:
    assert fields.scalar_text(2023) == "2023"
    assert fields.scalar_text(3.0) == "3"
    assert fields.scalar_text(dt.date(2020, 1, 2)) == "2020-01-02"
    assert fields.scalar_text([1]) is None


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        ({"image": "/a.png"}, "/a.png"),
        ({"cover": {"image": "b.png"}}, "b.png"),
        ({"cover": "c.png"}, "c.png"),
        ({"featured_image": "d.png"}, "d.png"),
        ({"images": ["e.png", "f.png"]}, "e.png"),
        ({"image": " "}, None),
        ({}, None),
    ],
)
def test_cover_reference(meta: dict[str, object], expected: str | None) -> None:
    assert fields.cover_reference(meta) == expected


def test_truthy() -> None:
    assert fields.truthy(True) and fields.truthy("yes") and fields.truthy("True")
    assert not fields.truthy(False) and not fields.truthy("false") and not fields.truthy(None)
