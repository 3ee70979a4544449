"""The posts pane's model and its filter proxy."""

from __future__ import annotations

from pytestqt.modeltest import ModelTester

from reader.core.library.post import Post
from reader.ui.library.post_model import HIDDEN_ROLE, PATH_ROLE, PostFilterProxy, PostListModel
from reader.ui.library.tag_model import ALL_POSTS, CATEGORY, TAG, UNCATEGORIZED, UNTAGGED

POSTS = [
    Post("a.md", "Scrum basics", tags=("Agile",), description="Sprints and reviews"),
    Post("b.md", "Program charter", tags=("management",), categories=("Notes",)),
    Post("c.md", "Untagged thoughts"),
    Post("d.md", "Secret draft", tags=("agile",), draft=True),
]


def shown(proxy: PostFilterProxy) -> list[str]:
    return [proxy.index(row, 0).data(PATH_ROLE) for row in range(proxy.rowCount())]


def test_models_pass_the_model_tester(qtmodeltester: ModelTester) -> None:
    model = PostListModel()
    model.set_posts(POSTS)
    qtmodeltester.check(model)
    proxy = PostFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_text_filter("scrum")
    qtmodeltester.check(proxy)


def test_filters_by_tag_category_and_text() -> None:
    """Which posts are in the model at all (drafts, languages) is core's rule; the proxy
    filters what the model holds."""
    model = PostListModel()
    model.set_posts(POSTS)
    proxy = PostFilterProxy()
    proxy.setSourceModel(model)
    assert shown(proxy) == ["a.md", "b.md", "c.md", "d.md"]
    assert model.index(3, 0).data(HIDDEN_ROLE) == "draft"
    proxy.set_tag_filter(TAG, "agile")
    assert shown(proxy) == ["a.md", "d.md"]
    proxy.set_tag_filter(CATEGORY, "notes")
    assert shown(proxy) == ["b.md"]
    proxy.set_tag_filter(UNCATEGORIZED)
    assert shown(proxy) == ["a.md", "c.md", "d.md"]
    proxy.set_tag_filter(UNTAGGED)
    assert shown(proxy) == ["c.md"]
    proxy.set_tag_filter(ALL_POSTS)
    proxy.set_text_filter("SPRINTS review")
    assert shown(proxy) == ["a.md"]
    proxy.set_text_filter("management")
    assert shown(proxy) == ["b.md"]
