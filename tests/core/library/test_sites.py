"""Real sites read the way their generator reads them: one small fixture site per case of
issue 13 (tests/fixtures/sites/), each checked through the scan and the one counting rule."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from reader.core.library.entries import (
    View,
    default_language,
    entries,
    filter_entries,
    language_counts,
)
from reader.core.library.scan import Library, scan_library
from reader.core.library.tags import build_category_index, build_tag_index

SITES = Path(__file__).resolve().parents[2] / "fixtures" / "sites"
NOW = time.time()


def scan(case: str) -> Library:
    return scan_library(SITES / case)


def shown(library: Library, view: View | None = None) -> list[str]:
    return [entry.post.path for entry in entries(library, view or View())]


def hidden(library: Library) -> dict[str, str]:
    return {post.path: post.hidden_reason(NOW) for post in library.posts}


# -- Hugo translations --------------------------------------------------------------------------


def test_hugo_translations_by_file_name_are_one_entry_and_count_once() -> None:
    library = scan("hugo-translations/content")
    assert library.context.site.languages == ("en", "ja", "zh", "zh-hant-tw")
    assert default_language(library) == "en"
    found = entries(library, View(lang="en"))
    assert [e.post.path for e in found] == [
        "posts/gallery/index.md",
        "posts/notes.md",
        "posts/version.v2.md",  # v2 is not a language the site names
    ]
    gallery = found[0]
    assert gallery.languages == ("en", "ja", "zh", "zh-hant-tw")
    tags = {tag.name: tag.count for tag in build_tag_index(e.post for e in found).tags}
    assert tags["Gallery"] == 1  # not one per translation


def test_hugo_section_pages_in_any_language_are_not_posts() -> None:
    library = scan("hugo-translations/content")
    paths = [post.path for post in library.posts]
    assert not any("_index" in path for path in paths)
    assert not any(post.title.startswith("Index") for post in library.posts)
    assert sorted((s.path, s.lang) for s in library.sections) == [
        ("_index.ja.md", "ja"),
        ("_index.md", "en"),
        ("_index.zh-hant-tw.md", "zh-hant-tw"),
        ("_index.zh.md", "zh"),
    ]


def test_one_language_shows_its_own_translations_and_posts_only_in_it() -> None:
    library = scan("hugo-translations/content")
    japanese = entries(library, View(lang="ja"))
    assert [e.post.path for e in japanese] == [
        "posts/gallery/index.ja.md",
        "posts/notes.ja.md",
        "posts/only-japanese.ja.md",
    ]
    assert [t.lang for t in japanese[0].translations] == ["en", "zh", "zh-hant-tw"]
    assert next(e.counted for e in japanese) == (japanese[0].post,)
    every = entries(library, View())
    assert len(every) == 4  # the Japanese-only post joins the three English entries
    assert every[0].post.lang == "en"  # shown in the default language
    assert len(every[0].counted) == 4


def test_language_counts_are_entries_per_language() -> None:
    library = scan("hugo-translations/content")
    assert language_counts(library, View()) == [("en", 3), ("ja", 3), ("zh", 1), ("zh-hant-tw", 1)]


def test_without_a_config_any_usual_code_is_a_language() -> None:
    library = scan("hugo-no-config/content")
    assert library.context.site.generator == ""
    langs = {post.path: post.lang for post in library.posts}
    assert langs["post.fr.md"] == "fr" and langs["post.pt-br.md"] == "pt-br"
    assert langs["post.md"] == ""
    assert default_language(library) is None  # most posts name no language
    found = entries(library, View())
    assert [e.post.path for e in found] == ["post.md", "other.md", "keyed-en.md"]
    assert [t.path for t in found[0].translations] == ["post.fr.md", "post.pt-br.md"]
    assert [t.path for t in found[2].translations] == ["keyed-de.de.md"]  # translationKey
    assert sorted(s.lang for s in library.sections) == ["", "zh-hant-tw"]


def test_hugo_content_folders_per_language() -> None:
    library = scan("hugo-content-dirs/content")
    assert library.context.site.content_dirs == (("ja", "ja"), ("en", "en"))
    assert default_language(library) == "ja"
    found = entries(library, View(lang="ja"))
    assert [e.post.path for e in found] == ["ja/docs/start.md", "ja/docs/more.md"]
    assert [t.path for t in found[0].translations] == ["en/docs/start.md"]
    assert shown(library, View(lang="en")) == ["en/docs/start.md"]


# -- What Hugo does not publish -----------------------------------------------------------------


def test_unpublished_hugo_pages_are_hidden_with_their_reason() -> None:
    library = scan("hugo-unpublished/content")
    assert hidden(library) == {
        "published.md": "",
        "local-list.md": "",  # list: local is still published
        "glossary/kept.md": "",  # its own build wins over the cascade
        "scheduled.md": "scheduled",
        "expired.md": "expired",
        "draft.md": "draft",
        "homepage/index.md": "headless",
        "never-rendered.md": "unrendered",
        "never-listed.md": "unlisted",
        "old-build.md": "unrendered",  # the older _build key
        "link-only.md": "unrendered",
        "glossary/term.md": "unrendered",  # cascaded from glossary/_index.md
        "_common/snippet.md": "unrendered",  # cascaded from _common/_index.md
        "_common/deeper/snippet-two.md": "unrendered",
    }
    assert shown(library) == ["published.md", "local-list.md", "glossary/kept.md"]
    assert len(shown(library, View(drafts=True))) == len(library.posts)


def test_a_cascade_applies_to_its_own_section_page_too() -> None:
    library = scan("hugo-unpublished/content")
    sections = {section.path: section.hidden for section in library.sections}
    assert sections == {
        "_common/_index.md": "unrendered",
        "_index.md": "",
        "glossary/_index.md": "",
    }


def test_unpublished_pages_are_not_problems_and_their_tags_are_not_counted() -> None:
    library = scan("hugo-unpublished/content")
    assert library.all_problems() == []  # comment-only and empty front matter included
    tags = build_tag_index(e.post for e in entries(library, View()))
    assert [tag.name for tag in tags.tags] == ["shown"]


# -- Jekyll -------------------------------------------------------------------------------------


def test_jekyll_categories_tags_and_unpublished_posts() -> None:
    library = scan("jekyll-blog")
    by_path = {post.path: post for post in library.posts}
    release = by_path["_posts/2024-01-05-release.md"]
    assert release.categories == ("release notes",)  # the singular key: one value
    assert release.tags == ("jekyll", "ruby")  # a string split on spaces
    assert by_path["_posts/2024-01-04-spaced.md"].categories == ("travel", "diary")
    assert by_path["news/_posts/2023-12-01-news.md"].categories == ("news", "announcements")
    assert hidden(library)["_posts/2024-01-01-unpublished.md"] == "unpublished"
    assert hidden(library)["_posts/2999-01-01-future.md"] == "scheduled"
    assert hidden(library)["_drafts/idea.md"] == "draft"
    assert library.all_problems() == []  # `---\n---` and a comment-only block are fine


def test_jekyll_lang_key_and_language_folder_group_translations() -> None:
    library = scan("jekyll-blog")
    assert library.context.site.generator == "jekyll"
    assert default_language(library) == "en"
    found = entries(library, View(lang="en"))
    assert [t.path for t in found[0].translations] == ["ja/_posts/2024-01-05-release.md"]
    categories = build_category_index(e.post for e in found)
    assert {c.name: c.count for c in categories.tags}["release notes"] == 1


def test_jekyll_collection_with_a_folder_per_language() -> None:
    library = scan("jekyll-collection/_articles")
    found = entries(library, View(lang="en"))
    assert [e.post.path for e in found] == ["how-to-finish.md", "how-to-start.md"]
    assert found[1].languages == ("en", "ja", "pcm", "zh-hans")  # pcm: by its lang: key
    start = found[1].post
    assert start.image is not None and start.image.name == "start.png"  # the site's /assets/


@pytest.mark.parametrize("lang", ["ja", "pcm", "zh-hans"])
def test_the_language_switch_shows_each_translation(lang: str) -> None:
    library = scan("jekyll-collection/_articles")
    found = filter_entries(entries(library, View(lang=lang)))
    assert all(entry.post.lang == lang for entry in found)
    assert "how-to-start" in {entry.post.translation_key for entry in found}
