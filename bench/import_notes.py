"""Time to plan an import: a Hypothesis export of real quotes from real posts, one run.

    python bench/import_notes.py [LIBRARY] [--notes N] [--seed S] [--json]

Writes a Hypothesis API search result of N annotations quoting sentences of the library's posts
(addresses made from their paths, typography as a site would publish it), then times reading
and checking the file, planning the import (matching, rendering each post, placing every
quote) and, as the floor in the same run, rendering the same posts once. The library defaults
to the Hugo documentation corpus when it is beside the checkout, else the bundled articles.
Also prints how many quotes were found exactly, approximately or not at all.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.core.anchoring.targets import AnchorStatus
from reader.core.importing.plan import build_plan
from reader.core.importing.shapes import read_import_file
from reader.core.library.post import read_text
from reader.core.library.scan import Library, scan_library
from reader.core.notes.store import NotesStore
from reader.core.render.pipeline import render_post
from reader.paths import bundled_articles

SENTENCE = re.compile(r"[A-Z][^.!?\n]{30,160}[.!?]")
CURLY = str.maketrans({'"': "\u201c", "'": "\u2019"})


def default_library() -> Path:
    root = Path(__file__).resolve().parent.parent
    for folder in [root.parent, *root.parents]:
        corpus = folder / "shared" / "corpora" / "hugo-docs" / "content" / "en"
        if corpus.is_dir():
            return corpus
    return bundled_articles()


def article(library: Library, rel: str) -> str:
    path = library.root.joinpath(*rel.split("/"))
    text = read_text(path)
    return render_post(text.body, post_dir=path.parent, library_root=library.root).text


def make_export(library: Library, count: int, seed: int, target: Path) -> list[str]:
    """A Hypothesis search result quoting `count` sentences; returns the posts quoted."""
    rng = random.Random(seed)
    rows: list[dict[str, Any]] = []
    used: list[str] = []
    posts = [post for post in library.posts if not post.draft]
    while len(rows) < count and posts:
        post = rng.choice(posts)
        sentences = SENTENCE.findall(article(library, post.path))
        if not sentences:
            posts.remove(post)
            continue
        quote = rng.choice(sentences)
        slug = re.sub(r"(/index|/_index)?\.md$", "", post.path)
        uri = f"https://docs.example.org/{slug}/"
        rows.append(
            {
                "id": f"bench{len(rows):06d}",
                "created": "2025-01-01T00:00:00Z",
                "updated": "2025-01-01T00:00:00Z",
                "uri": uri,
                "text": f"note {len(rows)}",
                "tags": ["bench"],
                "target": [
                    {
                        "source": uri,
                        "selector": [
                            {"type": "TextQuoteSelector", "exact": quote.translate(CURLY)}
                        ],
                    }
                ],
            }
        )
        used.append(post.path)
    target.write_text(json.dumps({"total": len(rows), "rows": rows}), encoding="utf-8")
    return used


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("library", nargs="?", type=Path, default=None)
    parser.add_argument("--notes", type=int, default=1000, help="annotations in the export")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    library = scan_library(args.library or default_library())
    with tempfile.TemporaryDirectory(prefix="reader-bench-import-") as tmp:
        export = Path(tmp) / "export.json"
        used = make_export(library, args.notes, args.seed, export)
        started = time.perf_counter()
        parsed = read_import_file(export)
        read_s = time.perf_counter() - started
        started = time.perf_counter()
        plan = build_plan(library, NotesStore(library.root, Path(tmp) / "notes"), parsed, "x")
        plan_s = time.perf_counter() - started
        started = time.perf_counter()
        for rel in sorted(set(used)):
            article(library, rel)
        floor_s = time.perf_counter() - started
    statuses = [n.status for p in plan.posts for n in p.notes]
    figures = {
        "library": str(library.root),
        "annotations": len(parsed.incoming),
        "posts": len(set(used)),
        "matched": len(statuses),
        "unmatched": len(plan.unmatched),
        "exact": sum(s in (AnchorStatus.ANCHORED, AnchorStatus.MOVED) for s in statuses),
        "approximate": statuses.count(AnchorStatus.FUZZY),
        "not_found": statuses.count(AnchorStatus.ORPHANED),
        "read_s": round(read_s, 3),
        "plan_s": round(plan_s, 3),
        "floor_render_s": round(floor_s, 3),
        "plan_over_floor": round(plan_s / floor_s, 2) if floor_s else None,
    }
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    print(f"library          {figures['library']}")
    print(
        f"annotations      {figures['annotations']} on {figures['posts']} posts; "
        f"matched {figures['matched']}, unmatched {figures['unmatched']}"
    )
    print(
        f"quotes found     exact {figures['exact']}, approximate {figures['approximate']}, "
        f"not found {figures['not_found']}"
    )
    print(f"read + check     {read_s:8.3f} s")
    print(f"plan             {plan_s:8.3f} s  ({figures['plan_over_floor']}x the floor)")
    print(f"floor: render    {floor_s:8.3f} s  (each quoted post rendered once)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
