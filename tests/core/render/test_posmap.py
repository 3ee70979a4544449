"""PosMap: exact on shared text, monotone, UTF-16 aware, quick."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reader.core.render.posmap import PosMap, normalise_view_text


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def test_identical_texts_map_to_identity() -> None:
    text = "Hello\nworld"
    pm = PosMap(text.replace("\n", "\u2029"), text)
    assert pm.identical
    assert [pm.to_article(i) for i in range(len(text) + 1)] == list(range(len(text) + 1))
    assert [pm.to_view(i) for i in range(len(text) + 1)] == list(range(len(text) + 1))


def test_images_astral_characters_and_frame_markers() -> None:
    view = "a \ufffc b\u2029😀x\ufdd0c\ufdd1"
    article = "a  b\n😀x\nc\n"
    pm = PosMap(view, article)
    assert pm.identical
    assert pm.to_article(4) == 3  # "b"
    assert pm.to_article(8) == 6 and pm.to_view(6) == 8  # "x" after a two-unit emoji
    assert pm.to_article(7) == 5  # inside the surrogate pair: the emoji itself
    assert pm.to_view(2) == 3 and pm.to_view(2, prefer_end=True) == 2  # around the image
    assert pm.article_range(0, 5) == (0, 4)
    assert article[slice(*pm.article_range(6, 9))] == "😀x"


def test_header_before_the_article_is_skipped() -> None:
    article = "First paragraph of the article.\nSecond one."
    view = "Title of the post\u20292024-01-01\u2029" + article.replace("\n", "\u2029")
    pm = PosMap(view, article)
    offset = view.index("Second")
    start, end = pm.article_range(offset, offset + 6)
    assert article[start:end] == "Second"
    assert pm.to_view(article.index("paragraph")) == view.index("paragraph")


def test_whitespace_differences_keep_words_exact() -> None:
    article = "one two\nthree"
    view = "one  two\n\n three "
    pm = PosMap(view, article)
    assert not pm.identical
    for word in ("one", "two", "three"):
        v = view.index(word)
        start, end = pm.article_range(v, v + len(word))
        assert article[start:end] == word
        assert pm.view_range(start, end) == (v, v + len(word))


@given(st.text(max_size=60), st.text(max_size=60), st.text(max_size=60))
def test_map_is_monotone_and_in_bounds(a: str, b: str, c: str) -> None:
    view = a + "\ufffc" + b
    article = c + b
    pm = PosMap(view, article)
    offsets = [pm.to_article(v) for v in range(_utf16(view) + 1)]
    assert offsets == sorted(offsets)
    assert all(0 <= o <= len(article) for o in offsets)
    back = [pm.to_view(o) for o in range(len(article) + 1)]
    assert back == sorted(back) and all(0 <= v <= _utf16(view) for v in back)


@given(st.text(max_size=200))
def test_normalised_view_text_roundtrips_shared_text(text: str) -> None:
    view = text.replace("\n", "\u2029")
    article = normalise_view_text(view)
    pm = PosMap(view, article)
    assert pm.identical
    for i in range(len(article) + 1):
        assert pm.to_article(pm.to_view(i)) == i


def test_100_kb_maps_with_shifts_and_changes() -> None:
    """Speed on such a post is measured by bench/render.py; here the answers on it."""
    article = ("A paragraph of text with words 😀.\n" * 3000)[:100_000]
    view = article.replace("\n", "\u2029").replace("words", "words\ufffc")
    pm = PosMap(view, article.replace("words", "words"))
    assert pm.identical
    changed = article.replace("text", "txet", 5)
    pm = PosMap(view, changed)
    pos = view.rindex("paragraph")
    assert changed[pm.to_article(_utf16(view[:pos])) :].startswith("paragraph")
