"""Tooltips that show a person's text as typed.

Qt decides by a guess (`Qt.mightBeRichText`) whether a tooltip is HTML: a note, title or quote
that starts with `<b>` would be drawn as markup. Every tooltip that carries text from a post or
a note goes through here: escaped, in a paragraph that keeps its line breaks.
"""

from __future__ import annotations

from html import escape


def plain_tooltip(text: str) -> str:
    """`text` as a rich-text tooltip that shows exactly those characters and line breaks."""
    return f"<p style='white-space:pre-wrap'>{escape(text, quote=False)}</p>"
