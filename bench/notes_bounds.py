"""How fast an over-limit notes file is refused and an accepted large one is loaded.

    python bench/notes_bounds.py [--repeats 3] [--json]

Each file is loaded through the store (safe read, one-pass parse with the bounds counted on
the way, records built) in a fresh interpreter, so peak memory is the load's own. Files:
150,000 compact annotations (over the annotation limit), 99,999 annotations of 22 tags each
(over the value limit), and two accepted files: 99,999 compact annotations (a quote each) and
75,000 as a person writes them (id, note, colour, quote and offset: 13 values each, so about
as many as the 1,000,000-value limit allows). Goals: refusing < 1 s; accepting < 3 s and
< 500 MB. Timings are the best of the repeats (the least disturbed by a noisy machine).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
import timeit
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.cli.hostile_libraries import POST, QUOTE, many_annotations

REPO = Path(__file__).resolve().parent.parent

_CHILD = """
import json, resource, sys, time
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from reader.core.notes.store import NotesStore
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
store = NotesStore(Path(sys.argv[2]), read_only=True)
wall, cpu = time.perf_counter(), time.process_time()
result = store.load("post.md")
wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"wall_s": wall, "cpu_s": cpu, "peak_mb": peak / 1024,
                  "load_mb": (peak - base) / 1024,
                  "annotations": len(result.document.annotations),
                  "refused": result.problem.message if result.problem else None}))
"""


def written_by_a_person(count: int) -> str:
    """`count` annotations with an id, a note, a colour and a quote (about 170 bytes each)."""
    items = "".join(
        f"- id: n{index:06d}\n  note: a short note {index}\n  color: green\n"
        f"  target: {{exact: {QUOTE}, start: 21}}\n"
        for index in range(count)
    )
    return "format: reader-annotations\nversion: 1\narticle: post.md\nannotations:\n" + items


CASES: dict[str, tuple[str, float, Any]] = {
    # name: (what, goal in seconds, text maker)
    "refuse 150,000 annotations": ("refuse", 1.0, lambda: many_annotations(150_000)),
    "refuse 99,999 x 22 tags": ("refuse", 1.0, lambda: many_annotations(99_999, tags=22)),
    "accept 99,999 compact": ("accept", 3.0, lambda: many_annotations(99_999)),
    "accept 75,000 as written": ("accept", 3.0, lambda: written_by_a_person(75_000)),
}


def events_floor(text: str) -> float:
    """CPU seconds to iterate libyaml's events of the whole file in Python: what any reader
    built on PyYAML pays at least to see every value (the floor of an accepted load)."""
    loader = yaml.CSafeLoader(text)
    started = time.process_time()
    while type(loader.get_event()) is not yaml.StreamEndEvent:
        pass
    loader.dispose()
    return time.process_time() - started


def slowness() -> float:
    """`sum(range(10**6))` here, best of five, against 15 ms on a quiet machine of today."""
    return min(timeit.repeat("sum(range(10**6))", number=1, repeat=5)) / 0.015


def measure(folder: Path, text: str, repeats: int) -> dict[str, Any]:
    library = folder / "library"
    (library / ".annotations").mkdir(parents=True, exist_ok=True)
    (library / "post.md").write_text(POST, "utf-8")
    notes = library / ".annotations" / "post.md.yaml"
    notes.write_text(text, "utf-8")
    runs: list[dict[str, Any]] = []
    for _ in range(repeats):
        done = subprocess.run(
            [sys.executable, "-c", _CHILD, str(REPO), str(library)],
            capture_output=True,
            text=True,
            check=True,
        )
        runs.append(json.loads(done.stdout))
    best: dict[str, Any] = min(runs, key=lambda run: run["wall_s"])
    best["size_mb"] = notes.stat().st_size / 1_000_000
    best["events_floor_cpu_s"] = events_floor(text)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=3, help="runs per file (best is kept)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    figures: dict[str, dict[str, Any]] = {}
    failed = False
    machine = slowness()
    with tempfile.TemporaryDirectory(prefix="notes-bounds-") as tmp:
        for index, (name, (what, goal, make)) in enumerate(CASES.items()):
            figure = measure(Path(tmp) / str(index), make(), args.repeats)
            refused = figure["refused"] is not None
            figure["ok"] = (refused == (what == "refuse")) and figure["wall_s"] < goal
            figure["ok"] = figure["ok"] and (what == "refuse" or figure["peak_mb"] < 500)
            figure["goal"] = f"< {goal:g} s" + (", < 500 MB" if what == "accept" else "")
            failed = failed or not figure["ok"]
            figures[name] = figure
    if args.json:
        print(json.dumps({"slowness": machine, "files": figures}, indent=2))
    else:
        print(f"this machine runs {machine:.1f}x slower than a quiet one (sum(range(10**6)))")
        header = f"{'file':28} {'MB':>5} {'wall s':>7} {'cpu s':>6} {'floor':>6} {'peak MB':>8}"
        print(header + "  goal   (floor: libyaml events of the whole file, cpu s)")
        for name, f in figures.items():
            mark = "ok" if f["ok"] else "MISSED"
            print(
                f"{name:28} {f['size_mb']:5.1f} {f['wall_s']:7.2f} {f['cpu_s']:6.2f}"
                f" {f['events_floor_cpu_s']:6.2f} {f['peak_mb']:8.0f}  {f['goal']} {mark}"
            )
            if f["refused"]:
                print(f"    {f['refused'][:150]}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
