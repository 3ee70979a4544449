"""Over-long words get break opportunities in the view's HTML, and nowhere else."""

from __future__ import annotations

from pathlib import Path

from reader.core.render.long_words import BREAK, EVERY, LONG_RUN, breakable
from reader.core.render.pipeline import render_post
from reader.core.render.posmap import PosMap


def test_a_text_with_zero_width_spaces_of_its_own_keeps_them_in_the_map() -> None:
    article = "zero\u200bwidth " + "q" * LONG_RUN * 2
    view = article.replace("q" * LONG_RUN * 2, breakable(f"<p>{'q' * LONG_RUN * 2}</p>")[3:-4])
    posmap = PosMap(view, article)
    assert article[slice(*posmap.article_range(0, 10))] == "zero\u200bwidth"
    assert posmap.to_article(len(view)) == len(article)
    assert posmap.to_view(len(article)) == len(view)


def test_a_word_over_the_limit_gets_a_break_every_few_hundred_characters() -> None:
    word = "x" * (LONG_RUN * 3)
    shown = breakable(f"<p>{word} and more</p>")
    assert shown.replace(BREAK, "") == f"<p>{word} and more</p>"
    runs = shown[3:].split(" ")[0].split(BREAK)
    assert max(map(len, runs)) == EVERY
    assert len(runs) == len(word) // EVERY


def test_ordinary_text_is_left_as_it_is() -> None:
    html = "<p>" + "word " * 50_000 + ("y" * (LONG_RUN - 1)) + "</p>"
    assert breakable(html) is html


def test_attributes_preformatted_text_and_references_are_never_cut() -> None:
    url = "https://example.org/" + "a" * (LONG_RUN * 2)
    code = "c" * (LONG_RUN * 2)
    entities = "&amp;" * LONG_RUN
    html = f'<p><a href="{url}">link</a></p><pre><code>{code}</code></pre><p>{entities}</p>'
    shown = breakable(html)
    assert f'href="{url}"' in shown
    assert f"<pre><code>{code}</code></pre>" in shown
    assert BREAK in shown  # the references' run is broken, between references only
    assert shown.split("<p>")[-1].replace(BREAK, "") == entities + "</p>"
    for piece in shown.split("<p>")[-1].split(BREAK)[:-1]:
        assert piece.endswith(";")


def test_the_view_shows_the_breaks_but_the_article_text_and_its_map_do_not(tmp_path: Path) -> None:
    word = "z" * (LONG_RUN * 2)
    rendered = render_post(f"Before {word} after.\n", post_dir=tmp_path, library_root=tmp_path)
    assert BREAK in rendered.html
    assert BREAK not in rendered.text and BREAK not in rendered.body_html
    view_text = rendered.text.replace(word, breakable(f"<p>{word}</p>")[3:-4])
    posmap = PosMap(view_text, rendered.text)
    assert posmap.identical
    end = rendered.text.index(" after")
    assert posmap.to_view(end) == end + len(word) // EVERY - 1
    for offset in (0, 7, 8, 7 + EVERY, 7 + EVERY + 1, end, len(rendered.text)):
        assert posmap.to_article(posmap.to_view(offset)) == offset
    assert rendered.text[slice(*posmap.article_range(0, len(view_text)))] == rendered.text
    inside = view_text.index(BREAK)
    assert rendered.text[slice(*posmap.article_range(inside - 3, inside + 4))] == "z" * 6
