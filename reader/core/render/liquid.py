"""Jekyll's Liquid tags and kramdown's ``markdown="1"``, as the site shows them offline.

- ``{% highlight lang %}…{% endhighlight %}`` becomes a fenced code block;
- ``{% link path %}`` and ``{% post_url name %}`` become the path of that post inside the
  library (relative to the post, so a Markdown link around them leads there);
- control flow (``if``, ``for``, ``assign``…) disappears, other tags and ``{{ outputs }}``
  become small labels; ``{{ site.baseurl }}`` and ``| relative_url`` become the plain path;
- an HTML element with ``markdown="1"`` has its content read as Markdown, as kramdown does.

Hand-written because Liquid is a template language: only these readable parts are wanted.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

from reader.core.library.locations import is_inside

RAW = re.compile(r"\{%-?\s*raw\s*-?%\}(.*?)\{%-?\s*endraw\s*-?%\}", re.DOTALL)
RAW_END = re.compile(r"\{%-?\s*endraw\s*-?%\}")
RAW_MARKER = re.compile(r"\{%-?\s*(?:end)?raw\s*-?%\}")
COMMENT = re.compile(r"\{%-?\s*comment\s*-?%\}.*?\{%-?\s*endcomment\s*-?%\}", re.DOTALL)
COMMENT_END = re.compile(r"\{%-?\s*endcomment\s*-?%\}")
HIGHLIGHT_END = re.compile(r"\{%-?\s*endhighlight\s*-?%\}")
HIGHLIGHT = re.compile(
    r"\{%-?\s*highlight\s+([^\s%]*)[^%]*?-?%\}[ \t]*\n?(.*?)\{%-?\s*endhighlight\s*-?%\}",
    re.DOTALL,
)
TAG = re.compile(r"\{%-?\s*(\w*)(.*?)-?%\}", re.DOTALL)
TAG_END = re.compile(r"%\}")
OUTPUT = re.compile(r"\{\{(?![<%])-?(.*?)-?\}\}", re.DOTALL)
_MARKDOWN_ATTR = re.compile(
    r"<([a-zA-Z][\w-]*)((?:\s+[^<>]*?)?)\s+markdown\s*=\s*([\"']?)(?:1|block)\3([^<>]*)>"
)

MAX_MARKDOWN_ELEMENTS = 2_000  # a bound on the work
MAX_MARKDOWN_NAMES = 16
# A line holding only a span-level tag (an avatar `<img>` before a quote, say) followed by text:
# kramdown reads both as one paragraph, but CommonMark would start a raw HTML block at the tag
# and show the text's Markdown (`\[`, `*x*`) as written.
_SPAN_TAG_LINE = re.compile(
    r"^[ \t]{0,3}<(?:a|abbr|b|br|cite|code|em|i|img|kbd|mark|q|s|small|span|strong|sub|sup|u)"
    r"\b[^<>\n]*>[ \t]*(\n)(?=[ \t]*[^\s<])",
    re.MULTILINE | re.IGNORECASE,
)
SILENT = frozenset(
    (
        "if elsif else endif unless endunless case when endcase for endfor break continue "
        "assign capture endcapture increment decrement cycle tablerow endtablerow raw endraw "
        "comment endcomment liquid echo render layout block endblock seo feed_meta"
    ).split()
)
# Go template words: ``{{ if … }}`` in content is an action, never text to read.
GO_ACTIONS = frozenset(
    "if else end range with define block template break continue return partial "
    "partialCached printf print".split()
)
_SITE_PREFIXES = re.compile(r"^\s*(site\.baseurl|site\.url|base_path|site\.base_url)\s*$")
_URL_FILTERS = re.compile(
    r"""^\s*(['"])(.*?)\1\s*\|\s*(relative_url|absolute_url|prepend:.*)\s*$"""
)


def is_template_action(expr: str) -> bool:
    """True for a Go template action or comment (``{{ if .x }}``, ``{{ .Title }}``)."""
    stripped = expr.strip()
    if not stripped or stripped[0] in "./$(":
        return True
    return stripped.split(None, 1)[0] in GO_ACTIONS


def output(expr: str, label: Callable[[str], str]) -> str:
    """A ``{{ … }}`` outside code: a URL it builds, nothing for actions, else a label."""
    if is_template_action(expr) or _SITE_PREFIXES.match(expr):
        return ""
    url = _URL_FILTERS.match(expr)
    if url:
        return url.group(2)
    return label(f"[{expr.strip().split('|')[0].strip()}]")


def post_path(name: str, post_dir: Path, library_root: Path) -> str | None:
    """The library file ``{% post_url name %}`` means, relative to the post's folder."""
    name = name.strip().strip("\"'")
    if not name or ".." in name.split("/"):
        return None
    posts = library_root / "_posts"
    base = posts if posts.is_dir() else library_root
    folder, _, stem = name.rpartition("/")
    for ext in (".md", ".markdown"):
        direct = base / folder / f"{stem}{ext}"
        if direct.is_file():
            return _relative(direct, post_dir, library_root)
    for found in sorted(base.rglob(f"{stem}.*"))[:1]:
        if found.suffix in (".md", ".markdown"):
            return _relative(found, post_dir, library_root)
    return None


def link_path(target: str, post_dir: Path, library_root: Path) -> str | None:
    """The library file ``{% link path %}`` names (a path from the site's root)."""
    target = target.strip().strip("\"'")
    path = library_root / target.lstrip("/")
    if not target or not path.is_file():
        return None
    return _relative(path, post_dir, library_root)


def _relative(path: Path, post_dir: Path, library_root: Path) -> str | None:
    if not is_inside(str(path), str(library_root)):
        return None
    return quote(os.path.relpath(path, post_dir).replace(os.sep, "/"))


def markdown_inside_html(text: str) -> str:
    """kramdown's ``markdown="1"``: blank lines around the element's content, so CommonMark
    reads that content as Markdown instead of raw HTML; the attribute itself goes. Inside,
    a line holding only a span-level tag joins the text after it, one paragraph as in kramdown.

    One pass per element name over that name's tags (a stack pairs each opening tag with its
    closing one), so hostile input stays linear."""
    openers = list(_MARKDOWN_ATTR.finditer(text))[:MAX_MARKDOWN_ELEMENTS]
    if not openers:
        return text
    edits: list[tuple[int, int, str]] = []  # (start, end, replacement), in any order
    names = {m.group(1).lower() for m in openers}
    starts = {m.start(): m for m in openers}
    for name in list(names)[:MAX_MARKDOWN_NAMES]:
        stack: list[int] = []
        for tag in re.finditer(rf"<(/?){re.escape(name)}\b[^>]*>", text, re.IGNORECASE):
            if not tag.group(1):
                stack.append(tag.start())
                continue
            if stack and (opened := stack.pop()) in starts:
                edits.append((tag.start(), tag.start(), "\n\n"))
                content = _SPAN_TAG_LINE.finditer(text, starts[opened].end(), tag.start())
                edits.extend((m.start(1), m.end(1), " ") for m in content)
    for m in openers:
        edits.append((m.start(), m.end(), f"<{m.group(1)}{m.group(2)}{m.group(4)}>\n\n"))
    out: list[str] = []
    last = 0
    for start, end, replacement in sorted(edits, key=lambda e: (e[0], e[1])):
        out.append(text[last:start])
        out.append(replacement)
        last = end
    out.append(text[last:])
    return "".join(out)
