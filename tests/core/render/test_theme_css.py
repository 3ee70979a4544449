"""Both themes produce a complete style sheet Qt understands."""

from __future__ import annotations

from reader.core.render.theme_css import PALETTES, article_css, palette


def test_themes_differ_and_unknown_theme_is_light() -> None:
    assert article_css("dark") != article_css("light")
    assert palette("sepia") is PALETTES["light"]
    for theme in ("light", "dark"):
        css = article_css(theme)
        assert css.count("{") == css.count("}")
        assert "line-height: 150%" in css and "border-collapse: collapse" in css
        assert PALETTES[theme].text in css
