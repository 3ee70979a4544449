"""The tag index: case-insensitive merge, most common spelling, untagged count."""

from __future__ import annotations

from reader.core.library.post import Post
from reader.core.library.tags import build_tag_index


def post(*tags: str) -> Post:
    return Post(path=f"{'-'.join(tags) or 'none'}.md", title="t", tags=tags)


def test_merges_case_variants_and_shows_most_common_spelling() -> None:
    index = build_tag_index([post("Agile"), post("agile"), post("agile", "Scrum"), post()])
    assert index.to_json() == {
        "tags": [{"name": "agile", "count": 3}, {"name": "Scrum", "count": 1}],
        "untagged": 1,
    }


def test_ties_pick_a_deterministic_spelling() -> None:
    assert build_tag_index([post("B"), post("b")]).tags[0].name == "B"
    assert build_tag_index([post("b"), post("B")]).tags[0].name == "B"


def test_empty_library() -> None:
    assert build_tag_index([]).to_json() == {"tags": [], "untagged": 0}
