"""Front matter: YAML, TOML and JSON blocks, and every way they go wrong."""

from __future__ import annotations

import time
import tracemalloc

import pytest

from reader.core.library.frontmatter import parse_front_matter, split_front_matter


def test_yaml_keys_are_trimmed_and_lower_cased() -> None:
    front = parse_front_matter('---\nimage : "/c.png"\nDescription  : " x "\nTITLE: T\n---\nBody\n')
    assert front.meta == {"image": "/c.png", "description": " x ", "title": "T"}
    assert front.body == "Body\n"
    assert front.format == "yaml"
    assert front.problems == []


def test_toml_block() -> None:
    front = parse_front_matter('+++\ntitle = "T"\ntags = ["a", "b"]\n+++\nBody')
    assert front.meta == {"title": "T", "tags": ["a", "b"]}
    assert front.body == "Body"


def test_json_object_at_top() -> None:
    front = parse_front_matter('{"Title": "J", "tags": ["x"]}\n\nBody')
    assert front.meta == {"title": "J", "tags": ["x"]}
    assert front.body == "\nBody"
    assert front.format == "json"


def test_no_front_matter_keeps_everything_as_body() -> None:
    front = parse_front_matter("# Heading\n\nText")
    assert front.meta == {}
    assert front.body == "# Heading\n\nText"
    assert front.problems == []


def test_yaml_closing_with_dots() -> None:
    assert parse_front_matter("---\na: 1\n...\nB").meta == {"a": 1}


def test_unclosed_block_is_reported_and_body_kept() -> None:
    front = parse_front_matter("---\ntitle: T\nno closing fence\n")
    assert front.meta == {}
    assert "never closed" in front.problems[0]
    assert "title: T" in front.body


@pytest.mark.parametrize(
    "text",
    [
        "---\n---\nBody",
        "---\n\n---\nBody",
        "+++\n+++\nBody",
        "---\n# Do not remove front matter.\n---\nBody",
        "---\n# one\n\n# two\n---\nBody",
        "+++\n# a TOML comment\n+++\nBody",
    ],
)
def test_empty_or_comment_only_block_is_no_problem(text: str) -> None:
    front = parse_front_matter(text)
    assert front.problems == []
    assert front.meta == {}
    assert front.body == "Body"


def test_invalid_yaml_reports_line() -> None:
    front = parse_front_matter("---\ntitle: [unclosed\ndate: 2020-01-01\n---\nBody")
    assert front.meta == {}
    assert front.problems and front.problems[0].startswith("invalid YAML front matter")
    assert front.body == "Body"


def test_invalid_toml_and_json() -> None:
    assert parse_front_matter("+++\ntitle = \n+++\nB").problems[0].startswith("invalid TOML")
    assert parse_front_matter('{"title": }\nB').problems[0].startswith("invalid JSON")


def test_block_that_is_not_a_mapping() -> None:
    front = parse_front_matter("---\n- a\n- b\n---\nBody")
    assert front.meta == {}
    assert "not a set of keys" in front.problems[0]


def test_alias_bomb_finishes_fast_in_bounded_memory() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    previous = "a"
    for level in "bcdefghi":
        refs = ",".join([f"*{previous}"] * 9)
        lines.append(f"{level}: &{level} [{refs}]")
        previous = level
    text = "---\n" + "\n".join(lines) + "\n---\nBody"
    tracemalloc.start()
    started = time.perf_counter()
    front = parse_front_matter(text)
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert front.meta == {}
    assert "too complex" in front.problems[0]
    assert elapsed < 5  # generous bound: a bomb expanded would take minutes and gigabytes
    assert peak < 50 * 1024 * 1024


def test_small_alias_use_is_fine() -> None:
    front = parse_front_matter("---\nbase: &b [x, y]\ntags: *b\n---\n")
    assert front.meta["tags"] == ["x", "y"]


def test_split_reports_body_line() -> None:
    kind, raw, body, line, closed = split_front_matter("---\na: 1\nb: 2\n---\nBody")
    assert (kind, raw, body, line, closed) == ("yaml", "a: 1\nb: 2\n", "Body", 4, True)


def test_fence_must_be_first_line() -> None:
    front = parse_front_matter("\n---\ntitle: T\n---\n")
    assert front.meta == {}
    assert front.format is None


@pytest.mark.parametrize(
    "block",
    [
        "? !!set {a}\n: b\n",  # a set as a key: unhashable
        "? [a, b]\n: c\n",  # a list as a key
        "? {a: 1}\n: c\n",  # a mapping as a key
    ],
)
def test_unhashable_keys_are_a_problem_not_a_crash(block: str) -> None:
    parsed = parse_front_matter(f"---\n{block}---\nBody\n")
    assert parsed.meta == {}
    assert parsed.body == "Body\n"
    assert parsed.problems and parsed.problems[0].startswith("invalid YAML front matter")
