"""The tags pane's model."""

from __future__ import annotations

from pytestqt.modeltest import ModelTester

from reader.core.library.post import Post
from reader.core.library.tags import build_tag_index
from reader.ui.library.tag_model import ALL_POSTS, FILTER_ROLE, TAG, UNTAGGED, TagListModel


def test_rows_and_model_contract(qtmodeltester: ModelTester) -> None:
    model = TagListModel()
    posts = [
        Post("a.md", "A", tags=("Agile",)),
        Post("b.md", "B", tags=("agile",)),
        Post("c.md", "C"),
    ]
    model.set_index(build_tag_index(posts), len(posts))
    qtmodeltester.check(model)
    texts = [model.index(row, 0).data() for row in range(model.rowCount())]
    assert texts == ["All posts  (3)", "Untagged  (1)", "Agile  (2)"]
    assert model.index(0, 0).data(FILTER_ROLE) == (ALL_POSTS, "")
    assert model.index(1, 0).data(FILTER_ROLE) == (UNTAGGED, "")
    assert model.index(2, 0).data(FILTER_ROLE) == (TAG, "agile")
    assert model.row_of_tag("AGILE") == 2
    assert model.row_of_tag("nope") == -1
