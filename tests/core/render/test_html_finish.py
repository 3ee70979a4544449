"""The final pass: images, labels, table attributes, whitespace between blocks."""

from __future__ import annotations

from reader.core.library.locations import RefKind
from reader.core.render.html_finish import ImageInfo, finish_html, placeholder_text
from tests.conftest import FIXTURES as ALL_FIXTURES

FIXTURES = ALL_FIXTURES / "render"


def _finish(
    html: str, labels: list[tuple[str, bool]] | None = None
) -> tuple[str, tuple[ImageInfo, ...]]:
    return finish_html(html, post_dir=FIXTURES, library_root=FIXTURES, labels=labels or [])


def test_blocks_lose_whitespace_between_them_and_tables_get_borders() -> None:
    html, _ = _finish("<p>a</p>\n\n<table>\n<tr>\n<td>x</td>\n</tr>\n</table>\n")
    assert (
        html
        == '<p>a</p><table border="1" cellspacing="0" cellpadding="6"><tr><td>x</td></tr></table>'
    )


def test_labels_replace_tokens_in_text_and_vanish_from_attributes() -> None:
    html, _ = _finish(
        '<p>\ue0000\ue001 <a href="x\ue0001\ue001.md">l</a></p>', [("[yt]", True), ("z", False)]
    )
    assert html == '<p><span class="muted">[yt]</span> <a href="x.md">l</a></p>'


def test_code_block_final_newline_is_dropped() -> None:
    html, _ = _finish("<pre><code>a\n</code></pre>")
    assert html == "<pre><code>a</code></pre>"


def test_unknown_block_elements_become_divs_and_details_a_box() -> None:
    html, _ = _finish("<aside>a</aside><details><summary>s</summary>t</details>")
    assert html.startswith('<div>a</div><table class="box"') and 'class="box-details"' in html
    assert html.endswith('<p class="box-title">s</p>t</td></tr></table>')


def test_mark_becomes_a_classed_span_and_tags_outside_the_allowlist_go() -> None:
    html, _ = _finish("<p><mark>m</mark><blink>b</blink></p>")
    assert html == '<p><span class="mark">m</span>b</p>'


def test_an_unclosed_box_still_ends_as_a_whole_table() -> None:
    html, _ = _finish('<div class="reader-box reader-box-tip"><p>x</p>')
    assert html.endswith("<p>x</p></td></tr></table>") and "box-tip" in html


def test_image_placeholders() -> None:
    html, images = _finish(
        '<img src="https://cdn.example.org/x.png" alt="X"><img src="img/red.png">'
    )
    assert images[0].kind is RefKind.REMOTE and images[1].shown
    assert '<span class="placeholder">[image: X — cdn.example.org, not loaded]</span>' in html
    assert placeholder_text(ImageInfo("a", "", RefKind.MISSING, reason="a not found")) == (
        "[image — a not found]"
    )
