"""Time to open a post in the reader view: the bundled article and a 1 MB post, one run.

    python bench/open_post.py

Prints render (Markdown → HTML + article text) and show (QTextBrowser layout and paint) for
each, off-screen.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtWidgets import QApplication

from reader.core.library.post import read_post, read_text
from reader.core.render.pipeline import render_post
from reader.paths import bundled_articles
from reader.ui.reading.article_view import ArticleView

SEED = "program-manager-vs-project-manager.md"


def big_post(folder: Path, size: int = 1_000_000) -> Path:
    """A realistic long post: headings, paragraphs, lists, a table and code, to `size` bytes."""
    seed = (bundled_articles() / "product-manager-vs-project-manager.md").read_text("utf-8")
    body = seed.split("---", 2)[2]
    parts = ["---\ntitle: A very long post\n---\n"]
    section = 0
    while sum(map(len, parts)) < size:
        section += 1
        parts.append(f"\n## Part {section}\n\n{body}\n\n```python\nprint({section})\n```\n")
    path = folder / "big.md"
    path.write_text("".join(parts), encoding="utf-8")
    return path


def time_open(view: ArticleView, app: QApplication, path: Path, root: Path) -> tuple[float, float]:
    """(render seconds, show seconds) for one post, best of three."""
    best_render = best_show = float("inf")
    post = read_post(path, root)
    for _ in range(3):
        started = time.perf_counter()
        text = read_text(path)
        rendered = render_post(text.body, post_dir=path.parent, library_root=root)
        middle = time.perf_counter()
        view.show_post(post, rendered, "light")
        view.document().size()  # forces the layout
        view.viewport().repaint()
        app.processEvents()
        ended = time.perf_counter()
        best_render = min(best_render, middle - started)
        best_show = min(best_show, ended - middle)
    return best_render, best_show


def main() -> int:
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    view = ArticleView()
    view.resize(900, 800)
    view.show()
    root = bundled_articles()
    view.set_library_root(root)
    rows = [("bundled article", *time_open(view, app, root / SEED, root))]
    with tempfile.TemporaryDirectory() as tmp:
        path = big_post(Path(tmp))
        view.set_library_root(Path(tmp))
        size = path.stat().st_size / 1_000_000
        rows.append((f"{size:.1f} MB post", *time_open(view, app, path, Path(tmp))))
    print(f"{'post':<18} {'render':>10} {'show':>10} {'total':>10}")
    for name, render, show in rows:
        total = render + show
        print(f"{name:<18} {render * 1e3:8.1f}ms {show * 1e3:8.1f}ms {total * 1e3:8.1f}ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
