"""Time `render_post` (and the position map) on a typical post, a 1 MB post and a 5 MB post.

Run: ``python bench/render.py``. Prints wall-clock timings; never part of the test suite.
"""

from __future__ import annotations

import time
from pathlib import Path

from reader.core.render.pipeline import render_post
from reader.core.render.posmap import PosMap

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "articles"

SECTION = """## Section {n}

A paragraph with *emphasis*, **strong text**, `inline code` and a [link](other.md) that
wraps over two lines so that the paragraph is of a typical length for a blog post.

- a list item
- another item with `code`

| Aspect | Program | Project |
|--------|---------|---------|
| Scope  | broad   | narrow  |

```python
def f(x: int) -> int:
    return x * {n}
```

> A quotation that sets something off from the text.

"""


def _body(size: int) -> str:
    parts: list[str] = []
    total = n = 0
    while total < size:
        chunk = SECTION.format(n=n)
        parts.append(chunk)
        total += len(chunk)
        n += 1
    return "".join(parts)


def _time(label: str, body: str) -> None:
    start = time.perf_counter()
    rendered = render_post(body, post_dir=ARTICLES, library_root=ARTICLES)
    elapsed = time.perf_counter() - start
    view = rendered.text.replace("\n", "\u2029")  # what Qt's toRawText would give
    start = time.perf_counter()
    PosMap(view, rendered.text)
    mapped = time.perf_counter() - start
    size = len(body.encode("utf-8"))
    notices = "; ".join(rendered.notices) or "-"
    print(
        f"{label:<22} {size / 1e6:6.2f} MB  render {elapsed:7.3f} s  posmap {mapped * 1e3:7.1f} ms"
        f"  notices: {notices}"
    )


def main() -> None:
    bundled = next(ARTICLES.glob("*.md")).read_text(encoding="utf-8")
    body = bundled.split("\n---", 1)[1].split("\n", 1)[1] if bundled.startswith("---") else bundled
    _time("bundled article", body)
    _time("typical (20 KB)", _body(20_000))
    _time("100 KB", _body(100_000))
    _time("1 MB", _body(1_000_000))
    _time("5 MB", _body(5_000_000))


if __name__ == "__main__":
    main()
