"""Randomised property runs of the anchoring tests: many new examples, not CI's fixed ones.

    python bench/anchoring_fuzz.py [--examples N] [--seed N] [TESTS ...]

CI runs the hypothesis properties derandomised (the `ci` profile in tests/conftest.py), so it
never meets a new failing example. This runs them with the `fuzz` profile: randomised, with
N examples per property (10,000 by default), and prints pytest's summary. Every failure it
finds must be pinned in the tests as an `@example`. Never part of the test suite.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TESTS = ["tests/core/anchoring"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tests", nargs="*", default=DEFAULT_TESTS)
    parser.add_argument("--examples", type=int, default=10_000, help="examples per property")
    parser.add_argument("--seed", type=int, default=None, help="hypothesis seed (random)")
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(2**32)
    env = {
        **os.environ,
        "READER_HYPOTHESIS_PROFILE": "fuzz",
        "READER_FUZZ_EXAMPLES": str(args.examples),
    }
    env.pop("CI", None)
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        f"--hypothesis-seed={seed}",
        *args.tests,
    ]
    started = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, env=env, check=False)
    print(
        f"{args.examples:,} examples per property, seed {seed}, "
        f"{time.perf_counter() - started:.0f} s: {'passed' if done.returncode == 0 else 'FAILED'}"
    )
    return done.returncode


if __name__ == "__main__":
    raise SystemExit(main())
