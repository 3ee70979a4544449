"""The sanitiser keeps readable markup and removes anything active."""

from __future__ import annotations

from reader.core.render.sanitize import sanitize_html


def test_removes_active_content() -> None:
    dirty = (
        '<p onclick="x()">a<script>alert(1)</script><iframe src="y"></iframe>'
        '<a href="javascript:alert(1)">j</a><style>p{}</style><object data="z"></object></p>'
    )
    clean = sanitize_html(dirty)
    assert clean == "<p>a<a>j</a></p>"


def test_keeps_colours_but_not_layout_or_urls_in_styles() -> None:
    clean = sanitize_html(
        '<span style="color: red; background: url(http://x/y.png); position: fixed">c</span>'
    )
    assert clean == '<span style="color:red">c</span>'


def test_keeps_tables_images_links_and_ids() -> None:
    html = (
        '<table><tr><td align="right">1</td></tr></table><img src="a.png" alt="A">'
        '<h2 id="h">H</h2><a href="p.md#x">l</a>'
    )
    clean = sanitize_html(html)
    assert '<td align="right">' in clean and '<img src="a.png" alt="A">' in clean
    assert 'id="h"' in clean and 'href="p.md#x"' in clean


def test_file_and_data_urls_are_dropped() -> None:
    clean = sanitize_html('<a href="file:///etc/passwd">f</a><img src="data:image/png;base64,AA">')
    assert "file:" not in clean and "data:" not in clean
