"""Read one post's file and render it, saying why when its body cannot be shown.

The window and ``reader render`` both come here, so a binary, unreadable, oversized or
mis-encoded file reads the same everywhere: the article says what is wrong (a notice) instead
of showing only a title.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from reader.core.library.post import read_text
from reader.core.render.pipeline import RenderedPost, render_post

_UNSHOWABLE = ("binary", "cannot read", "file too large")


def problem_notice(problem: str) -> str:
    """How the article words a problem met while reading the file."""
    if problem.startswith(_UNSHOWABLE):
        return f"This post cannot be shown: {problem}."
    if "UTF-8" in problem:
        return f"This file is {problem}; some characters may be shown wrongly."
    return ""


def render_file(
    path: Path, library_root: Path, theme: Literal["light", "dark"] = "light"
) -> RenderedPost:
    """Read and render the post at `path`; reading problems become notices first."""
    text = read_text(path)
    rendered = render_post(text.body, post_dir=path.parent, library_root=library_root, theme=theme)
    notices = tuple(n for n in map(problem_notice, text.problems) if n)
    if not notices:
        return rendered
    return RenderedPost(
        html=rendered.html,
        body_html=rendered.body_html,
        text=rendered.text,
        toc=rendered.toc,
        notices=notices + rendered.notices,
        images=rendered.images,
    )
