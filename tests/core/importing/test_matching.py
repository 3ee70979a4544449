"""An annotation finds its post by path, or by its address's last segments; ties are not guessed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from reader.core.importing.matching import PostMatcher
from reader.core.importing.model import HYPOTHESIS, READER, Incoming
from reader.core.importing.site_urls import address_segments, post_addresses, site_patterns
from reader.core.library.post import Post
from reader.core.library.scan import Library, scan_library


def incoming(
    source: str | None = None, uri: str | None = None, origin: str = HYPOTHESIS
) -> Incoming:
    return Incoming(1, origin, "", source, uri, exact="q")


def library(root: Path, *posts: Post) -> Library:
    return Library(root, list(posts))


def matcher(
    root: Path, posts: list[Post], meta: dict[str, dict[str, Any]] | None = None
) -> PostMatcher:
    known = meta or {}
    return PostMatcher(library(root, *posts), lambda post: known.get(post.path, {}))


@pytest.mark.parametrize(
    ("address", "segments"),
    [
        ("https://x.org/posts/My-Post/", ("posts", "my-post")),
        ("https://x.org/2024/03/02/scrum.html?utm=1#top", ("2024", "03", "02", "scrum")),
        ("https://x.org/blog/caf%C3%A9/index.html", ("blog", "café")),
        ("posts/x.md", ("posts", "x")),
        ("https://x.org/", ()),
        ("urn:x-pdf:1234abcd", ()),
        ("doi:10.1000/182", ()),
    ],
)
def test_address_segments(address: str, segments: tuple[str, ...]) -> None:
    assert address_segments(address) == segments


def test_source_equal_to_a_post_path_wins(tmp_path: Path) -> None:
    a, b = Post("notes/a.md", "A"), Post("a.md", "Also A")
    found = matcher(tmp_path, [a, b]).match(incoming("notes/a.md", origin=READER))
    assert found.post is a and found.how == "path"


def test_file_name_bundle_and_jekyll_dates(tmp_path: Path) -> None:
    bundle = Post("posts/my-trip/index.md", "My trip")
    jekyll = Post("_posts/2016-05-20-welcome-to-jekyll.md", "Welcome", date=dt.date(2016, 5, 20))
    plain = Post("content/about.md", "About")
    m = matcher(tmp_path, [bundle, jekyll, plain])
    assert m.match(incoming(uri="https://site.example/posts/my-trip/")).post is bundle
    assert (
        m.match(incoming(uri="https://site.example/2016/05/20/welcome-to-jekyll.html")).post
        is jekyll
    )
    assert m.match(incoming(uri="http://site.example/about/")).post is plain
    miss = m.match(incoming(uri="https://site.example/contact/"))
    assert miss.post is None and "no post" in miss.how


def test_front_matter_slug_url_and_aliases(tmp_path: Path) -> None:
    one, two, three = Post("posts/a.md", "A"), Post("posts/b.md", "B"), Post("posts/c.md", "C")
    meta: dict[str, dict[str, Any]] = {
        "posts/a.md": {"slug": "first-steps"},
        "posts/b.md": {"url": "/guides/setting-up/"},
        "posts/c.md": {"aliases": ["/old/name-of-c/", "/older/c.html"]},
    }
    m = matcher(tmp_path, [one, two, three], meta)
    assert m.match(incoming(uri="https://x.org/posts/first-steps/")).post is one
    assert m.match(incoming(uri="https://x.org/guides/setting-up/")).post is two
    assert m.match(incoming(uri="https://x.org/old/name-of-c/")).post is three


def test_hugo_permalinks_from_the_site_config(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (tmp_path / "hugo.toml").write_text(
        '[permalinks]\nposts = "/:year/:month/:title/"\n', encoding="utf-8"
    )
    post = Post("posts/the-file-name.md", "A Title, Really!", date=dt.datetime(2023, 7, 9, 10, 0))
    assert site_patterns(content) == {"posts": "/:year/:month/:title/"}
    addresses = post_addresses(post, {}, site_patterns(content))
    assert ("2023", "07", "a-title-really") in addresses
    m = matcher(content, [post])
    assert m.match(incoming(uri="https://x.org/2023/07/a-title-really/")).post is post


def test_jekyll_permalink_style(tmp_path: Path) -> None:
    (tmp_path / "_config.yml").write_text("permalink: pretty\n", encoding="utf-8")
    post = Post(
        "_posts/2020-01-02-hello.md", "Hello", date=dt.date(2020, 1, 2), categories=("News",)
    )
    addresses = post_addresses(post, {}, site_patterns(tmp_path))
    assert ("news", "2020", "01", "02", "hello") in addresses


def test_a_tie_is_reported_not_guessed(tmp_path: Path) -> None:
    a, b = Post("2023/intro.md", "Intro 2023"), Post("2024/intro.md", "Intro 2024")
    m = matcher(tmp_path, [a, b])
    tie = m.match(incoming(uri="https://x.org/blog/intro/"))
    assert tie.post is None and "several posts (2023/intro.md, 2024/intro.md)" in tie.how
    assert m.match(incoming(uri="https://x.org/2024/intro/")).post is b  # more segments agree


def test_addresses_that_name_no_page(tmp_path: Path) -> None:
    m = matcher(tmp_path, [Post("a.md", "A")])
    assert "names no page" in m.match(incoming(uri="urn:x-pdf:abc")).how
    assert "names no page or post" in m.match(incoming()).how


def test_a_broken_site_config_only_means_fewer_addresses(tmp_path: Path) -> None:
    (tmp_path / "hugo.toml").write_text("[permalinks\nposts = ", encoding="utf-8")
    (tmp_path / "config.yaml").write_bytes(b"\xff\xfe: [")
    assert site_patterns(tmp_path) == {}


def test_bundled_articles_by_their_web_addresses(articles: Path) -> None:
    m = PostMatcher(scan_library(articles))
    found = m.match(incoming(uri="https://pm.example/portfolio-vs-program-management/"))
    assert found.post is not None and found.post.path == "portfolio-vs-program-management/index.md"
