"""A file's language and translation key, as Hugo and Jekyll name them."""

from __future__ import annotations

import pytest

from reader.core.library.languages import is_language_code, post_language
from reader.core.library.site_config import Site

PLAIN = Site()
HUGO = Site("hugo", ("en", "ja"), "en")


@pytest.mark.parametrize(
    ("code", "plain"),
    [
        ("en", True),
        ("pt-br", True),
        ("zh-hans", True),
        ("zh-hant-tw", True),
        ("ZH-Hant-TW", True),
        ("v2", False),
        ("eng", False),
        ("e", False),
        ("en-", False),
        ("en-u", False),
    ],
)
def test_language_codes_without_a_config(code: str, plain: bool) -> None:
    assert is_language_code(code, PLAIN) is plain


def test_a_config_names_the_codes() -> None:
    assert is_language_code("ja", HUGO)
    assert not is_language_code("fr", HUGO)


@pytest.mark.parametrize(
    ("rel", "meta", "site", "expected"),
    [
        ("post.md", {}, PLAIN, ("", "post")),
        ("post.fr.md", {}, PLAIN, ("fr", "post")),
        ("dir/index.ja.md", {}, PLAIN, ("ja", "dir/index")),
        ("post.fr.md", {}, HUGO, ("en", "post.fr")),  # fr is not a language of this site
        ("post.md", {}, HUGO, ("en", "post")),  # the default language
        ("a.md", {"translationkey": "about"}, PLAIN, ("", "key:about")),
        ("_articles/ja/x.md", {"lang": "ja"}, PLAIN, ("ja", "_articles/x")),
        ("ja/_posts/2020-01-01-x.md", {}, PLAIN, ("ja", "_posts/2020-01-01-x")),
        ("pcm/x.md", {"lang": "pcm"}, PLAIN, ("pcm", "pcm/x")),  # a plain folder
        ("js/x.md", {}, PLAIN, ("", "js/x")),  # a folder named like a code is just a folder
    ],
)
def test_language_and_key(
    rel: str, meta: dict[str, object], site: Site, expected: tuple[str, str]
) -> None:
    assert post_language(rel, meta, site, "content") == expected


def test_a_collection_root_makes_its_language_folders() -> None:
    assert post_language("pcm/x.md", {"lang": "pcm"}, PLAIN, "_articles") == ("pcm", "x")
    assert post_language("ja/x.md", {}, PLAIN, "_articles") == ("ja", "x")


def test_content_folders_of_the_config() -> None:
    site = Site("hugo", ("en", "ja"), "en", (("en", "en"), ("ja", "ja")))
    assert post_language("ja/docs/a.md", {}, site, "content") == ("ja", "docs/a")
    assert post_language("en/docs/a.md", {}, site, "content") == ("en", "docs/a")
    whole = Site("hugo", ("ja",), "ja", (("", "ja"),))
    assert post_language("docs/a.md", {}, whole, "ja") == ("ja", "docs/a")
