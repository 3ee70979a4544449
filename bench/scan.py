"""Scan speed: reader's scan against the floor (read + split + libyaml), in one run.

    python bench/scan.py --posts 10000

Prints the floor, reader's scan, their ratio, and `hugo list all` when hugo is installed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synthetic import make_library
from reader.core.library.scan import scan_library

LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def floor_scan(root: Path) -> int:
    """The least any scanner must do: walk, read every file, split the block, parse it."""
    count = 0
    for folder, _dirs, files in os.walk(root):
        for name in files:
            if not name.endswith(".md"):
                continue
            with open(os.path.join(folder, name), "rb") as handle:
                text = handle.read().decode("utf-8")
            if text.startswith("---\n"):
                end = text.find("\n---\n", 4)
                if end > 0:
                    yaml.load(text[4:end], Loader=LOADER)
            count += 1
    return count


def best_of(repeats: int, action: Callable[[], object]) -> float:
    """The fastest of `repeats` runs: the least disturbed by a noisy machine."""
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - started)
    return best


def hugo_time(content: Path) -> float | None:
    """`hugo list all` on the same files, when hugo is installed."""
    hugo = shutil.which("hugo")
    if hugo is None:
        return None
    site = content.parent
    (site / "hugo.toml").write_text('title = "bench"\n', encoding="utf-8")
    return best_of(
        3,
        lambda: subprocess.run(
            [hugo, "list", "all", "-s", str(site)], capture_output=True, check=False
        ),
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="reader-bench-") as tmp:
        content = make_library(Path(tmp), args.posts)
        floor_scan(content)  # warm the page cache for both contenders alike
        floor = best_of(args.repeats, lambda: floor_scan(content))
        scan = best_of(args.repeats, lambda: scan_library(content))
        hugo = hugo_time(content)
    print(f"posts            {args.posts}  (CPUs: {os.cpu_count()}; reader reads in parallel)")
    print(f"floor            {floor:8.3f} s  (read + split + libyaml)")
    print(f"reader scan      {scan:8.3f} s  ratio {scan / floor:.2f}x floor (target <= 1.10x)")
    if hugo is None:
        print("hugo list all        n/a   (hugo not installed)")
    else:
        print(f"hugo list all    {hugo:8.3f} s  ratio {hugo / floor:.2f}x floor")
    return 0


if __name__ == "__main__":
    sys.exit(main())
