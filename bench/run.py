"""Every performance figure of the large-library issue, measured in one run.

    python bench/run.py [--posts 10000] [--json]

Generates a synthetic library (notes on some posts, a 4 KB post with 50 notes, a 100 KB post
with 1,000), then measures the floor (read + split + libyaml), cold and warm scans, `hugo list
all` when installed, the first window off-screen, opening a post, painting 1,000 highlights,
saving 1,000 notes, re-anchoring 1,000 notes, one search query and peak RSS. Timings are the
best of a few repeats: the least disturbed by a noisy machine. Never part of the test suite.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.fixtures import NotedPost, annotate_some, noted_post, real_covers, write_post
from bench.scan import best_of, floor_scan, hugo_time
from bench.synthetic import make_library
from reader.core.anchoring.reanchor import reanchor_annotations
from reader.core.export.model import ExportFilter
from reader.core.export.run import comparison_for, export_scope
from reader.core.library.scan import scan_library
from reader.core.library.scan_cache import ScanCache, scan_with_cache
from reader.core.notes.records import edit
from reader.core.notes.store import NotesStore
from reader.core.search.index import SearchIndex

QUERY = "stakeholder roadmap"
# (key, label, target in seconds or MiB, target is a ratio to the floor)
ROWS: tuple[tuple[str, str, float | None, bool], ...] = (
    ("floor_s", "floor (read + split + libyaml)", None, False),
    ("cold_s", "cold scan (no cache)", 1.0, True),
    ("warm_s", "warm scan (scan cache)", 0.08, True),
    ("hugo_s", "hugo list all", None, False),
    ("first_window_s", "first window (warm), list filled", 1.0, False),
    ("open_post_s", "open 4 KB post, 50 notes", 0.030, False),
    ("paint_1k_s", "paint 1,000 highlights", 0.050, False),
    ("save_1k_s", "save 1,000 notes", 0.100, False),
    ("reanchor_1k_s", "re-anchor 1,000 notes, 100 KB", 0.100, False),
    ("search_s", f"search {QUERY!r}", 0.050, False),
    ("max_stall_s", "longest GUI stall", 0.100, False),
    ("compare_lib_s", "comparison table, library", 1.0, False),
    ("export_lib_s", "markdown export, library", 1.0, False),
    ("quit_s", "quit (notes written first)", 0.200, False),
    ("rss_mib", "peak RSS (MiB)", 400.0, False),
)
NOTED_POSTS = 1000  # posts with notes, 20 notes each: the library-wide notes work
NOTES_EACH = 20


@dataclasses.dataclass
class Fixture:
    """The generated library and the posts measured on."""

    content: Path
    cache_dir: Path
    small: NotedPost
    big: NotedPost
    noted_posts: int
    huge_rel: str


def build(tmp: Path, posts: int) -> Fixture:
    content = make_library(tmp / "site", posts)
    real_covers(content)
    noted = annotate_some(content, every=max(1, posts // NOTED_POSTS), notes=NOTES_EACH)
    small = noted_post(content, "bench/small-post.md", 4096, 50, seed=1)
    big = noted_post(content, "bench/big-post.md", 100_000, 1000, seed=2)
    huge = "bench/huge-post.md"
    write_post(content, huge, 1_000_000, seed=3)
    return Fixture(content, tmp / "cache", small, big, noted, huge)


def time_scans(fx: Fixture, repeats: int, extra: dict[str, Any]) -> dict[str, float]:
    floor_scan(fx.content)  # warm the page cache for every contender alike
    floor = best_of(repeats, lambda: floor_scan(fx.content))
    cold = best_of(repeats, lambda: scan_library(fx.content))
    cache = ScanCache(fx.content, fx.cache_dir)
    cache.clear()
    extra["cold_with_cache_write_s"] = best_of(1, lambda: scan_with_cache(fx.content, cache=cache))
    warm = best_of(repeats + 2, lambda: scan_with_cache(fx.content, cache=cache))
    if cache.problem:
        extra["cache_problem"] = cache.problem
    return {"floor_s": floor, "cold_s": cold, "warm_s": warm}


def time_save(fx: Fixture, repeats: int) -> float:
    """Save 1,000 notes after editing one: re-read, merge, write atomically."""
    store = NotesStore(fx.content)
    document = store.load(fx.big.rel).document
    best = float("inf")
    for round_ in range(repeats):
        first = document.annotations[round_ % len(document.annotations)]
        document = document.with_annotation(edit(first, note=f"edited {round_}"))
        started = time.perf_counter()
        document = store.save(fx.big.rel, document)
        best = min(best, time.perf_counter() - started)
    return best


def time_reanchor(fx: Fixture, repeats: int) -> float:
    """Re-anchor the 100 KB post's 1,000 notes after a paragraph was inserted near the top."""
    cut = fx.big.text.find("\n", 200) + 1
    edited = (
        fx.big.text[:cut]
        + "A new paragraph, inserted after the notes were made.\n"
        + (fx.big.text[cut:])
    )
    results: list[Any] = []

    def run() -> None:
        results[:] = reanchor_annotations(edited, fx.big.annotations)

    seconds = best_of(repeats, run)
    found = sum(1 for result in results if result.anchor is not None)
    if found < len(fx.big.annotations) * 0.99:
        raise RuntimeError(f"only {found} of {len(fx.big.annotations)} notes re-anchored")
    return seconds


def time_search(fx: Fixture, library: Any, repeats: int, extra: dict[str, Any]) -> float:
    """The build, a broad query, prefixes as typed, a narrow query, and the watcher's path:
    a post added on disk indexed alone, then removed (the library is left as it was), beside
    the whole-library check that path replaces."""
    from reader.core.library.watch import refresh_files

    index = SearchIndex(fx.content, fx.cache_dir)
    started = time.perf_counter()
    index.update(library)
    extra["search_index_build_s"] = time.perf_counter() - started
    hits: list[Any] = []
    seconds = best_of(repeats, lambda: hits.extend(index.search(QUERY)))
    extra["search_prefix_s"] = best_of(repeats, lambda: index.search("stake"))
    extra["search_first_key_s"] = best_of(repeats, lambda: index.search("s"))
    extra["search_narrow_s"] = best_of(repeats, lambda: index.search("number 4321"))
    if not hits:
        raise RuntimeError("the search found nothing")
    added = fx.content / "bench" / "search-added.md"
    added.write_text("# Added\n\nZyxwvut, a word no other post has.\n", "utf-8")
    _newer, changes = refresh_files(library, ["bench/search-added.md"])
    posts = [change.post for change in changes if change.post is not None]
    extra["search_update_post_s"] = best_of(1, lambda: index.update_posts(posts))
    if [hit.path for hit in index.search("zyxwvut")] != ["bench/search-added.md"]:
        raise RuntimeError("the added post is not found")
    added.unlink()
    index.update_posts([], ["bench/search-added.md"])
    extra["search_update_all_s"] = best_of(1, lambda: index.update(library))
    if index.search("zyxwvut"):
        raise RuntimeError("the removed post is still found")
    index.close()
    return seconds


def time_library_notes(fx: Fixture, library: Any, repeats: int) -> dict[str, float]:
    """The library-wide comparison table and Markdown export, warm (article texts cached)."""
    store = NotesStore(fx.content)
    wanted = ExportFilter.of()
    comparison_for(library, store)  # warms the article-text cache, as the window's first use
    return {
        "compare_lib_s": best_of(repeats, lambda: comparison_for(library, store)),
        "export_lib_s": best_of(repeats, lambda: export_scope(library, store, "markdown", wanted)),
    }


def time_window(fx: Fixture, tmp: Path, repeats: int, extra: dict[str, Any]) -> dict[str, float]:
    from bench import gui_stalls as stalls
    from bench import gui_timings as gui

    app = gui.application()
    # The window's scan uses the per-user cache (here a private folder, see `measure`):
    # written once now, so the first window is the warm start a person sees every day.
    scan_with_cache(fx.content)
    meter = stalls.StallMeter()
    window, times = gui.open_window(app, fx.content, tmp / "settings.ini")
    extra["stall_open_library_s"] = meter.stop()
    extra["first_window_shown_s"] = times.shown_s
    library = window.library
    small = library.find(fx.small.rel) if library else None
    big = library.find(fx.big.rel) if library else None
    if small is None or big is None:
        raise RuntimeError("the measured posts are missing from the window's library")
    figures = {
        "first_window_s": times.filled_s,
        "open_post_s": gui.time_open_post(app, window, small, fx.small, repeats),
        "paint_1k_s": gui.time_paint(app, window, big, 1000, repeats),
    }
    huge = library.find(fx.huge_rel) if library else None
    if huge is None:
        raise RuntimeError("the 1 MB post is missing from the window's library")
    extra["stall_open_1mb_post_s"] = stalls.stall_open_post(app, window, huge)
    extra["stall_comparison_s"] = stalls.stall_comparison(app, window)
    extra["stall_export_s"] = stalls.stall_export(app, window, tmp / "export.md")
    figures["max_stall_s"] = max(value for key, value in extra.items() if key.startswith("stall_"))
    figures["quit_s"] = stalls.time_quit(app, window)
    return figures


def measure(posts: int, repeats: int) -> tuple[dict[str, Any], dict[str, Any]]:
    extra: dict[str, Any] = {"posts": posts}
    with tempfile.TemporaryDirectory(prefix="reader-bench-") as name:
        tmp = Path(name)
        os.environ["XDG_CACHE_HOME"] = str(tmp / "xdg-cache")  # never the person's own cache
        fx = build(tmp, posts)
        peak_after(extra, "fixture")
        extra["posts_with_notes"] = fx.noted_posts + 2
        figures: dict[str, Any] = time_scans(fx, repeats, extra)
        peak_after(extra, "scans")
        figures["hugo_s"] = hugo_time(fx.content)
        figures.update(time_window(fx, tmp, repeats, extra))
        peak_after(extra, "window")
        figures["save_1k_s"] = time_save(fx, repeats)
        figures["reanchor_1k_s"] = time_reanchor(fx, repeats)
        library = scan_with_cache(fx.content, cache=ScanCache(fx.content, fx.cache_dir))
        figures["search_s"] = time_search(fx, library, repeats, extra)
        peak_after(extra, "search")
        figures.update(time_library_notes(fx, library, repeats))
    figures["rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    ordered = {key: figures.get(key) for key, *_ in ROWS}
    return ordered, extra


def peak_after(extra: dict[str, Any], phase: str) -> None:
    """The process's peak RSS so far, after `phase`: which part of the bench sets the peak."""
    extra[f"peak_mib_after_{phase}"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def table(figures: dict[str, Any], extra: dict[str, Any]) -> str:
    """The plain table: figure, target, and the ratio to the floor where the target is one."""
    floor = figures["floor_s"]
    lines = [
        f"posts: {extra['posts']:,} ({extra['posts_with_notes']} with notes); "
        f"best of repeats, CPUs: {os.cpu_count()}",
        "",
        f"| {'measure':<32} | {'result':>10} | {'target':>14} | {'x floor':>7} | ok  |",
        f"|{'-' * 34}|{'-' * 12}|{'-' * 16}|{'-' * 9}|-----|",
    ]
    for key, label, target, ratio in ROWS:
        value = figures[key]
        mib = key == "rss_mib"
        shown = "n/a" if value is None else f"{value:.0f} MiB" if mib else f"{value * 1000:.1f} ms"
        relevant = key in ("floor_s", "cold_s", "warm_s", "hugo_s") and value is not None
        times_floor = f"{value / floor:.2f}" if relevant else ""
        if target is None:
            wanted, ok = "", ""
        elif ratio:
            wanted = f"<= {target:.2f}x floor"
            ok = "yes" if value is not None and value <= target * floor else "NO"
        else:
            wanted = f"<= {target:g} MiB" if mib else f"<= {target * 1000:g} ms"
            ok = "yes" if value is not None and value <= target else "NO"
        lines.append(f"| {label:<32} | {shown:>10} | {wanted:>14} | {times_floor:>7} | {ok:<3} |")
    lines.append("")
    for key, value in extra.items():
        if key not in ("posts", "posts_with_notes"):
            lines.append(f"{key}: {value:.3f}" if isinstance(value, float) else f"{key}: {value}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    figures, extra = measure(args.posts, args.repeats)
    if args.json:
        print(json.dumps(figures))
    else:
        print(table(figures, extra))
    return 0


if __name__ == "__main__":
    sys.exit(main())
