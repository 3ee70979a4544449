"""Child process of `bench/render.py`: time `render_post` of one checkout on a list of posts.

    python bench/render_timer.py CODE_ROOT LIBRARY_ROOT REPEAT < paths

CODE_ROOT is the checkout whose `reader` package is imported (the current tree, or the old
renderer's commit unpacked by `bench/render.py`). Prints a JSON object: path → best seconds.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def main() -> int:
    code_root, library_root, repeat = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    sys.path.insert(0, str(code_root))
    from reader.core.library.post import read_text
    from reader.core.render.pipeline import render_post

    timings: dict[str, float] = {}
    for line in sys.stdin:
        rel = line.rstrip("\n")
        path = library_root.joinpath(*rel.split("/"))
        body = read_text(path).body
        best = float("inf")
        for _ in range(repeat):
            started = time.perf_counter()
            render_post(body, post_dir=path.parent, library_root=library_root)
            best = min(best, time.perf_counter() - started)
        timings[rel] = best
    json.dump(timings, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
