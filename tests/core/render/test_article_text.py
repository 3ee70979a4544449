"""article_text follows Qt's block and whitespace rules (checked against Qt in tests/ui)."""

from __future__ import annotations

import pytest

from reader.core.render.article_text import article_text


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p>Hello   world\n next</p><p>Two</p>", "Hello world next\nTwo"),
        (
            "<ul><li>one</li><li>two<ul><li>inner</li></ul></li></ul><p>after</p>",
            "one\ntwo\ninner\nafter",
        ),
        ("<pre><code>line1\n  line2\n\nline4</code></pre><p>z</p>", "line1\n  line2\n\nline4\nz"),
        ("<p>a <img src='x'> b</p>", "a  b"),
        ("<p><img src='x'></p><p>b</p>", "\nb"),
        ("<p>a<br>b<br/>\nc</p>", "a\nb\nc"),
        ("<p>a <br> b</p>", "a \nb"),
        ("<p>a</p><hr><p>b</p>", "a\n\nb"),
        ("<p>a&nbsp;b &amp; &lt;</p>", "a b & <"),
        ("<p>  lead and trail  </p>", "lead and trail "),
        ("<p></p><p>a</p><p> </p><p>b</p>", "a\nb"),
        ("<p>x</p><table><tr><td>a</td><td>b</td></tr></table><p>y</p>", "x\na\nb\n\ny"),
        ("<p>x</p><table><tr><td>a</td><td></td></tr></table><p>y</p>", "x\na\n\ny"),
        ("<table><tr><td>a</td></tr></table><table><tr><td>b</td></tr></table>", "\na\n\nb\n"),
        ("<p>x</p><div></div><p>y</p>", "x\ny"),
        ("<p>x</p><h2></h2>", "x\n"),
        ("<style>p { color: red }</style><p>x</p>", "x"),
        ("<p>a\u2003b\u200bc</p>", "a b\u200bc"),
        ("", ""),
    ],
)
def test_matches_qt_plain_text_rules(html: str, expected: str) -> None:
    assert article_text(html) == expected
