"""Render time per post, reader's renderer beside the old one (Python-Markdown), in one run;
and sized and hostile posts (render time, which must stay under 2 s or fall back with a notice,
and the view's position map over the result).

    python bench/render.py [FOLDER ...] [--old-ref REF] [--repeat N] [--limit N] [--json]
    python bench/render.py --hostile

Posts: every post of each FOLDER (default: the bundled articles and, when present, the real
corpora in ../shared/corpora). The old renderer is the `reader` package at commit REF (default:
the last commit that rendered with Python-Markdown), unpacked with ``git archive`` into a
temporary folder; both renderers run as child processes of the same interpreter
(`bench/render_timer.py`), alternately, twice, and each post keeps its best time. The old
renderer needs Python-Markdown: ``pip install -e '.[bench]'``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable
from io import BytesIO
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.core.library.scan import scan_library
from reader.core.render.pipeline import render_post
from reader.core.render.posmap import PosMap

ROOT = Path(__file__).resolve().parent.parent
OLD_RENDERER_REF = "1a2b52ab7fb79696544dd0cb7f19ad1edba98a0c"  # Python-Markdown, before the switch
CORPORA = ROOT.parent.parent / "shared" / "corpora"
DEFAULT_FOLDERS = (
    ROOT / "articles",
    CORPORA / "hugo-docs" / "content",
    CORPORA / "opensource-guide" / "_articles",
)
LIMIT_S = 2.0


def _unpack(ref: str, into: Path) -> Path:
    """The `reader` package of commit `ref`, unpacked under `into`."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", ref, "reader"],
        check=True,
        capture_output=True,
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into


def _time_posts(code_root: Path, library: Path, posts: list[str], repeat: int) -> dict[str, float]:
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "render_timer.py"),
            str(code_root),
            str(library),
            str(repeat),
        ],
        input="\n".join(posts) + "\n",
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"render_timer failed for {code_root}:\n{result.stderr[-2000:]}")
    timings: dict[str, float] = json.loads(result.stdout)
    return timings


def compare_folder(folder: Path, old_root: Path, repeat: int, limit: int) -> dict[str, Any]:
    """Best time per post of both renderers (alternating, two rounds)."""
    library = scan_library(folder)
    posts = [post.path for post in library.posts][: limit or None]
    new: dict[str, float] = {}
    old: dict[str, float] = {}
    for _ in range(2):
        for code_root, best in ((old_root, old), (ROOT, new)):
            for path, seconds in _time_posts(code_root, library.root, posts, repeat).items():
                best[path] = min(seconds, best.get(path, float("inf")))
    ratios = [new[p] / old[p] for p in posts if old.get(p, 0) > 0]
    return {
        "posts": len(posts),
        "old_total_s": sum(old.values()),
        "new_total_s": sum(new.values()),
        "old_median_ms": 1e3 * statistics.median(old.values()) if old else 0.0,
        "new_median_ms": 1e3 * statistics.median(new.values()) if new else 0.0,
        "median_ratio": statistics.median(ratios) if ratios else 0.0,
        "slower_posts": sum(1 for r in ratios if r > 1.0),
        "slowest_new_ms": 1e3 * max(new.values(), default=0.0),
    }


def _section(n: int) -> str:
    return (
        f"## Section {n}\n\nA paragraph with *emphasis*, **strong text**, `inline code` and a "
        f"[link](other.md) that\nwraps over two lines, as paragraphs of a blog post do.\n\n"
        f"- a list item\n- another item with `code`\n\n| Aspect | Program | Project |\n"
        f"|---|---|---|\n| Scope | broad | narrow |\n\n```python\ndef f(x):\n    return x * {n}\n"
        f"```\n\n> A quotation.\n\n"
    )


def _sized(make: Callable[[int], str], size: int) -> str:
    parts: list[str] = []
    total = n = 0
    while total < size:
        parts.append(make(n))
        total += len(parts[-1])
        n += 1
    return "".join(parts)


HOSTILE: dict[str, Callable[[], str]] = {
    "20 KB post (sections)": lambda: _sized(_section, 20_000),
    "100 KB post (sections)": lambda: _sized(_section, 100_000),
    "1 MB post (sections)": lambda: _sized(_section, 1_000_000),
    "1 MB post (plain prose)": lambda: _sized(
        lambda n: "Plain words of a long paragraph that goes on. " * 20 + "\n\n", 1_000_000
    ),
    "100k-row table": lambda: "| a | b | c |\n|---|---|---|\n" + "| x | y | z |\n" * 100_000,
    "5,000 unclosed [": lambda: "[" * 5_000,
    "50,000 unclosed [": lambda: "[a " * 50_000,
    "20,000 links": lambda: "[a](b) " * 20_000,
    "20,000 list items": lambda: "- item\n" * 20_000,
    "2,000 nested quotes": lambda: ">" * 2_000 + " deep",
    "10,000 unclosed shortcodes": lambda: "{{< highlight go >}}\nx\n" * 10_000,
    "10,000 unclosed Liquid tags": lambda: "{% raw %} {{ x " * 10_000,
    "5,000 markdown=1 elements": lambda: '<div markdown="1">\n*a*\n' * 5_000,
}


def hostile(repeat: int) -> list[dict[str, Any]]:
    """Each body rendered (best of `repeat`: wall clock and CPU time), with its notices, and
    the position map the view builds over its text (Qt's raw text: paragraph separators)."""
    here = ROOT / "articles"
    rows = []
    for name, make in HOSTILE.items():
        body = make()
        best = best_cpu = best_map = float("inf")
        notices: tuple[str, ...] = ()
        for _ in range(repeat):
            started, cpu = time.perf_counter(), time.process_time()
            rendered = render_post(body, post_dir=here, library_root=here)
            best = min(best, time.perf_counter() - started)
            best_cpu = min(best_cpu, time.process_time() - cpu)
            view = rendered.text.replace("\n", "\u2029")
            started = time.perf_counter()
            PosMap(view, rendered.text)
            best_map = min(best_map, time.perf_counter() - started)
            notices = rendered.notices
        rows.append(
            {
                "case": name,
                "bytes": len(body.encode()),
                "seconds": best,
                "cpu_seconds": best_cpu,
                "posmap_ms": best_map * 1e3,
                "notices": list(notices),
                "ok": best < LIMIT_S,
            }
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="*", type=Path, help="library folders (see above)")
    parser.add_argument("--old-ref", default=OLD_RENDERER_REF, help="commit of the old renderer")
    parser.add_argument("--repeat", type=int, default=2, help="renders per post and round")
    parser.add_argument("--limit", type=int, default=0, help="at most N posts per folder")
    parser.add_argument("--hostile", action="store_true", help="time the hostile cases only")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    if args.hostile:
        rows = hostile(args.repeat)
        if args.json:
            print(json.dumps(rows, indent=2))
        for row in [] if args.json else rows:
            notice = "; ".join(row["notices"]) or "-"
            print(
                f"{row['case']:<26} {row['bytes'] / 1e6:5.2f} MB {row['seconds']:6.2f} s "
                f"(cpu {row['cpu_seconds']:5.2f} s)  posmap {row['posmap_ms']:6.1f} ms  "
                f"{'ok' if row['ok'] else 'OVER 2 s'}  {notice}"
            )
        return 0 if all(row["ok"] for row in rows) else 1
    folders = args.folders or [f for f in DEFAULT_FOLDERS if f.is_dir()]
    out: dict[str, Any] = {"old_ref": args.old_ref}
    with tempfile.TemporaryDirectory() as tmp:
        old_root = _unpack(args.old_ref, Path(tmp))
        for folder in folders:
            out[str(folder)] = compare_folder(folder, old_root, args.repeat, args.limit)
    if args.json:
        print(json.dumps(out, indent=2))
        return 0
    print(f"old renderer: {args.old_ref[:12]} (Python-Markdown); new: this tree (markdown-it-py)")
    print(
        f"{'folder':<44} {'posts':>5} {'old total':>10} {'new total':>10} {'median old':>11} "
        f"{'median new':>11} {'new/old':>8} {'slower':>6}"
    )
    for folder in folders:
        row = out[str(folder)]
        print(
            f"{str(folder)[-44:]:<44} {row['posts']:>5} {row['old_total_s']:9.2f}s "
            f"{row['new_total_s']:9.2f}s {row['old_median_ms']:9.2f}ms "
            f"{row['new_median_ms']:9.2f}ms {row['median_ratio']:8.2f} {row['slower_posts']:>6}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
