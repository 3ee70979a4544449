"""What is not published, on hostile front matter too: odd types never crash, never hide a
post by accident, and unreadable dates are reported."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from reader.core.library.languages import post_language
from reader.core.library.scan import scan_library
from reader.core.library.site_config import Site
from reader.core.library.visibility import static_reason

NOW = time.time()


@pytest.mark.parametrize(
    ("front", "reason"),
    [
        ("build: never", ""),  # not a mapping: ignored, as Hugo ignores it
        ("build: {render: Never}", "unrendered"),
        ("build: {render: false}", "unrendered"),
        ("build: {list: 'never', render: 'always'}", "unlisted"),
        ("build: [render, never]", ""),
        ("headless: 'yes'", "headless"),
        ("headless: 0", ""),
        ("draft: 'false'", ""),
        ("published: 2999-01-01", "scheduled"),  # Hugo's alias of publishDate
        ("published: 'false'", "unpublished"),
        ("publishDate: 2000-01-01\nexpiryDate: 2999-01-01", ""),
        ("unpublishdate: 2001-01-01", "expired"),
    ],
)
def test_reasons(tmp_path: Path, front: str, reason: str) -> None:
    (tmp_path / "p.md").write_text(f"---\n{front}\n---\nBody.\n", encoding="utf-8")
    (post,) = scan_library(tmp_path).posts
    assert post.hidden_reason(NOW) == reason


def test_an_unreadable_publish_date_is_reported_and_hides_nothing(tmp_path: Path) -> None:
    (tmp_path / "p.md").write_text("---\npublishDate: next tuesday\n---\n", encoding="utf-8")
    (post,) = scan_library(tmp_path).posts
    assert post.hidden_reason(NOW) == ""
    assert [(p.kind, p.message) for p in post.problems] == [
        ("date", "publishdate: unreadable date 'next tuesday'")
    ]


def test_a_future_date_waits_only_on_a_generators_site(tmp_path: Path) -> None:
    (tmp_path / "plain").mkdir()
    (tmp_path / "plain" / "p.md").write_text("---\ndate: 2999-01-01\n---\n", "utf-8")
    assert scan_library(tmp_path / "plain").posts[0].hidden_reason(NOW) == ""
    (tmp_path / "blog" / "_posts").mkdir(parents=True)
    (tmp_path / "blog" / "_posts" / "2999-01-01-p.md").write_text("# Later\n", "utf-8")
    assert scan_library(tmp_path / "blog").posts[0].hidden_reason(NOW) == "scheduled"
    (tmp_path / "blog" / "_config.yml").write_text("future: true\n", "utf-8")
    assert scan_library(tmp_path / "blog").posts[0].hidden_reason(NOW) == ""


_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=12) | st.dates(),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)


@given(
    st.dictionaries(
        st.sampled_from(
            ["draft", "published", "headless", "build", "_build", "lang", "translationkey"]
        ),
        _VALUES,
    ),
    st.lists(st.text(alphabet="ab._-/jazh", min_size=1, max_size=6), min_size=1, max_size=4),
)
@example(meta={}, parts=["/"])  # "/.md": nothing left of the name once the suffix is gone
def test_any_front_matter_gives_a_reason_and_a_language(
    meta: dict[str, Any], parts: list[str]
) -> None:
    rel = "/".join(parts) + ".md"
    assert isinstance(static_reason(meta, rel), str)
    lang, key = post_language(rel, meta, Site(), "_articles")
    assert isinstance(lang, str) and isinstance(key, str) and key
