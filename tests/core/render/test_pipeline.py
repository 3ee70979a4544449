"""render_post: the Markdown features, safety, images and hostile input."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.library.locations import RefKind
from reader.core.render.pipeline import RenderedPost, TocEntry, render_post
from tests.conftest import FIXTURES as ALL_FIXTURES

FIXTURES = ALL_FIXTURES / "render"


def _render(body: str, theme: str = "light") -> RenderedPost:
    return render_post(body, post_dir=FIXTURES, library_root=FIXTURES, theme=theme)  # type: ignore[arg-type]


def test_basic_markdown_features() -> None:
    body = (FIXTURES / "tables.md").read_text(encoding="utf-8")
    out = _render(body)
    assert "<table" in out.body_html and 'border="1"' in out.body_html
    assert '<th align="left">Aspect</th>' in out.body_html
    assert '<td align="right">One project</td>' in out.body_html
    assert "Scope" in out.text and "One project" in out.text
    assert out.html.startswith("<html>") and "<style>" in out.html


def test_code_is_coloured_inline_and_unknown_language_is_plain() -> None:
    out = _render((FIXTURES / "code.md").read_text(encoding="utf-8"))
    assert '<span style="color:' in out.body_html  # Pygments colours survive sanitising
    assert "plain text in an unknown language" in out.text
    assert 'class="' not in out.body_html.split("<pre>")[1].split("</pre>")[0]


def test_dark_theme_changes_code_colours_and_page() -> None:
    body = "```python\ndef f():\n    return 1\n```\n"
    light, dark = _render(body), _render(body, "dark")
    assert light.body_html != dark.body_html
    assert light.text == dark.text
    assert "#1e1f22" in dark.html and "#1e1f22" not in light.html


def test_footnotes_definition_lists_and_toc() -> None:
    out = _render("# One\n\nA[^1]\n\n## Two & more\n\nTerm\n: Def\n\n[^1]: The note.\n")
    assert out.toc == (TocEntry(1, "One", "one"), TocEntry(2, "Two & more", "two--more"))
    assert '<a name="one"></a>' in out.body_html
    assert "<dt>Term</dt><dd>Def</dd>" in out.body_html
    assert "The note." in out.text and 'class="footnote"' in out.body_html


def test_sane_lists_keep_ordered_and_unordered_apart() -> None:
    out = _render("1. one\n2. two\n\n- three\n")
    assert out.body_html.count("<ol>") == 1 and out.body_html.count("<ul>") == 1


def test_scripts_iframes_handlers_and_javascript_links_are_removed() -> None:
    out = _render((FIXTURES / "html.md").read_text(encoding="utf-8"))
    lowered = out.html.lower()
    for bad in ("<script", "alert(", "<iframe", "onclick", "javascript:", "position"):
        assert bad not in lowered
    assert "display: none" not in lowered
    assert "a js link" in out.text and "Hidden text" in out.text


def test_images_resolve_local_remote_missing_outside_and_corrupt() -> None:
    out = _render((FIXTURES / "images.md").read_text(encoding="utf-8"))
    kinds = {i.alt: i for i in out.images}
    red = (FIXTURES / "img" / "red.png").resolve()
    assert kinds["a red square"].path == red
    assert f'src="{red.as_uri()}"' in out.body_html
    assert kinds["remote pic"].kind is RefKind.REMOTE
    assert "[image: remote pic — example.com, not loaded]" in out.text
    assert "https://example.com/pic.png" not in out.body_html  # never given to the view
    assert kinds["gone"].kind is RefKind.MISSING and not kinds["gone"].shown
    assert kinds["bad"].path is None and "not a readable image" in kinds["bad"].reason
    assert kinds["escape"].kind in (RefKind.OUTSIDE, RefKind.MISSING)
    assert kinds["root"].path == red
    assert kinds["raw html image"].shown
    assert "onerror" not in out.body_html


def test_shortcodes_and_liquid_read_cleanly() -> None:
    out = _render((FIXTURES / "shortcodes.md").read_text(encoding="utf-8"))
    assert "{{" not in out.text.replace("{{< youtube escaped >}}", "").replace(
        "{{< inline code shortcode >}}", ""
    ).replace("{{< fenced shortcode >}}", "").replace("{{ not processed }}", "")
    assert '<span class="muted">[youtube: w7Ft2ymGmfc]</span>' in out.body_html
    assert 'fmt.Println("hi")' in out.text and "<pre>" in out.body_html
    assert 'puts "hello"' in out.text
    assert '<a href="other.md">the other post</a>' in out.body_html
    assert "Markdown inside a notice." in out.text
    assert "more" not in out.text.split("\n")[0]  # <!--more--> disappears
    assert "conditional" in out.text and "{%" not in out.text
    assert any(i.alt == "jekyll" and i.shown for i in out.images)
    assert any(i.alt == "A red square" and i.shown for i in out.images)


@pytest.mark.parametrize(
    "body",
    ["", "   \n\n", "\x00\x00", "a\x00b", "| a |\n|---|---|---|\n| x", "\ud800 lone surrogate"],
)
def test_odd_bodies_render(body: str) -> None:
    out = _render(body)
    assert "\x00" not in out.html and "\x00" not in out.text
    assert out.notices == ()


def test_nul_bytes_are_dropped() -> None:
    assert _render("a\x00b").text == "ab"


def test_deep_block_quotes_fall_back_to_plain_text() -> None:
    out = _render(">" * 2000 + " deep")
    assert out.notices == ("Rendering fell back to plain text: nesting too deep.",)
    assert out.text.endswith("deep") and "&gt;&gt;&gt;" in out.body_html
    assert "<blockquote>" not in out.body_html


def test_deep_lists_fall_back_to_plain_text() -> None:
    body = "\n".join("    " * i + "- item" for i in range(400))
    out = _render(body)
    assert any("nesting too deep" in n for n in out.notices)
    assert out.text.count("item") == 400


def test_moderately_deep_quotes_still_render() -> None:
    out = _render(">" * 10 + " ten")
    assert out.notices == () and out.body_html.count("<blockquote>") == 10


def test_large_post_is_announced_and_huge_post_is_plain_and_quick() -> None:
    para = "Words of a paragraph that goes on for a while. " * 20 + "\n\n"
    large = _render(para * (1_100_000 // len(para)))
    assert large.notices[0].startswith("This post is large (1.1 MB)")
    start = time.perf_counter()
    huge = _render(para * (5_000_000 // len(para)))
    assert time.perf_counter() - start < 20
    assert "plain text" in huge.notices[0] and "5.0 MB" in huge.notices[0]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text(
        alphabet=st.characters(codec="utf-8") | st.sampled_from(list("<>[]()!*_`#>-|{}%\n ")),
        max_size=300,
    )
)
def test_no_exception_escapes_for_any_text(body: str) -> None:
    out = _render(body)
    assert isinstance(out.text, str) and "<script" not in out.html


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab <>&\t\n\xa0\u3000\u2028 é")), max_size=80))
def test_plain_fallback_text_is_what_article_text_reads(body: str) -> None:
    from reader.core.render.article_text import article_text
    from reader.core.render.pipeline import _plain_body

    html, text = _plain_body(body)
    assert text == article_text(html)
