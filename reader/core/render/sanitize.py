"""Sanitise the HTML a post may carry, with nh3 (the maintained ammonia binding).

Posts are untrusted: scripts, frames, style sheets, event handlers and ``javascript:`` links go.
Pygments colours arrive as ``style`` attributes on spans; only plain colour and weight properties
survive, so no stylesheet can reach a URL. What is allowed is `reader.core.render.allowlist`,
the same list the finishing step reads.
"""

from __future__ import annotations

import nh3

from reader.core.render.allowlist import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_CLASSES,
    ALLOWED_STYLE_PROPERTIES,
    ALLOWED_TAGS,
    DROPPED_WITH_CONTENT,
    URL_SCHEMES,
)


def sanitize_html(html: str) -> str:
    """Return `html` with everything unsafe removed and everything readable kept."""
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
        allowed_classes={k: set(v) for k, v in ALLOWED_CLASSES.items()},
        url_schemes=set(URL_SCHEMES),
        strip_comments=True,
        link_rel=None,
        filter_style_properties=set(ALLOWED_STYLE_PROPERTIES),
    )
