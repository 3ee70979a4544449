"""Addresses of real sites find their posts: Hugo's own permalinks of the Hugo documentation
(from `hugo list all`, with a permalinks config), and opensource.guide's Jekyll URLs with ~30
translations of each article. Skipped where the corpora (or Hugo) are not on the machine."""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from reader.core.importing.matching import PostMatcher
from reader.core.importing.model import HYPOTHESIS, Incoming
from reader.core.library.scan import scan_library

# shared/ sits beside the checkout (or above a worktree of it).
CORPORA = next(
    (
        p / "shared" / "corpora"
        for p in Path(__file__).resolve().parents[3:]
        if (p / "shared").is_dir()
    ),
    Path("/nonexistent"),
)
HUGO_DOCS = CORPORA / "hugo-docs" / "content" / "en"
OPENSOURCE_GUIDE = CORPORA / "opensource-guide"
SHORTCODE = re.compile(rb"\{\{[<%]\s*(/?)([A-Za-z0-9_.-]+)")


def at(uri: str) -> Incoming:
    return Incoming(1, HYPOTHESIS, "", None, uri, exact="q")


def hugo_site(tmp_path: Path) -> Path:
    """A site around the corpus: its content, stub shortcodes, a config with permalinks."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "content").symlink_to(HUGO_DOCS, target_is_directory=True)
    (site / "hugo.toml").write_text(
        'title = "docs"\nbaseURL = "https://docs.example.org/"\n'
        '[permalinks]\n  functions = "/fn/:slug/"\n  news = "/:year/:month/:title/"\n',
        encoding="utf-8",
    )
    used: dict[str, bool] = {}
    for path in HUGO_DOCS.rglob("*.md"):
        for closing, name in SHORTCODE.findall(path.read_bytes()):
            used[name.decode()] = used.get(name.decode(), False) or bool(closing)
    shortcodes = site / "layouts" / "shortcodes"
    shortcodes.mkdir(parents=True)
    for name, paired in used.items():
        (shortcodes / f"{name}.html").write_text("{{ .Inner }}" if paired else "", "utf-8")
    return site


@pytest.mark.skipif(not HUGO_DOCS.is_dir(), reason="the Hugo docs corpus is not here")
@pytest.mark.skipif(shutil.which("hugo") is None, reason="hugo is not installed")
def test_every_hugo_permalink_finds_its_page(tmp_path: Path) -> None:
    site = hugo_site(tmp_path)
    listed = subprocess.run(
        ["hugo", "list", "all", "-s", str(site)], capture_output=True, text=True, timeout=300
    )
    assert listed.returncode == 0, listed.stderr
    rows = list(csv.DictReader(io.StringIO(listed.stdout)))
    assert len(rows) > 900
    matcher = PostMatcher(scan_library(site / "content"))
    wrong = []
    for row in rows:
        found = matcher.match(at(row["permalink"]))
        expected = row["path"].removeprefix("content/")
        if found.post is None or found.post.path != expected:
            wrong.append((row["permalink"], expected, found.post.path if found.post else found.how))
    assert wrong == []
    assert any("/fn/" in row["permalink"] for row in rows)  # the permalinks config applied


@pytest.mark.skipif(not OPENSOURCE_GUIDE.is_dir(), reason="the opensource.guide corpus is not here")
def test_opensource_guide_articles_and_their_translations() -> None:
    library = scan_library(OPENSOURCE_GUIDE)
    matcher = PostMatcher(library)
    articles = [post for post in library.posts if post.path.startswith("_articles/")]
    assert len(articles) > 300
    wrong = []
    for post in articles:
        parts = post.path.split("/")
        lang = f"{parts[1]}/" if len(parts) == 3 else ""
        uri = f"https://opensource.guide/{lang}{parts[-1].removesuffix('.md')}/"
        found = matcher.match(at(uri))
        if found.post is None or found.post.path != post.path:
            wrong.append((uri, post.path, found.post.path if found.post else found.how))
    assert wrong == []
