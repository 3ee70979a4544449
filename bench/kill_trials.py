"""Kill a saving process with SIGKILL hundreds of times and count what the notes file held.

Run: ``python bench/kill_trials.py [--trials 300] [--workers 8]``. A kill mid-write leaves a
temporary file; the next save (an hour later, simulated) must remove it. Never part of the tests
(tests/core/test_crash_safety.py runs a few dozen of the same trials).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.core.notes.crash_trial import run_trials, summary


def main() -> int:
    """Run the trials, print the counts; exit non-zero if any file was torn, mixed or lost."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--trials", type=int, default=500)
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--seed", type=int, default=0, help="first seed (trials use seed..)")
    args = parser.parse_args()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="kill-trials-") as folder:
        seeds = range(args.seed, args.seed + args.trials)
        outcomes = run_trials(Path(folder), seeds, workers=args.workers)
    counts = summary(outcomes)
    print(f"{args.trials} trials in {time.perf_counter() - started:.1f} s")
    keys = ("before", "after", "bad", "killed mid-write", "leftover after next save")
    for key in (*keys, "saves finished"):
        print(f"  {key:25} {counts.get(key, 0)}")
    for outcome in outcomes:
        if outcome.kind.startswith("bad"):
            print("  ", outcome.kind)
    return 1 if counts.get("bad") or counts.get("leftover after next save") else 0


if __name__ == "__main__":
    raise SystemExit(main())
