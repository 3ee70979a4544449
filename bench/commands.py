"""The commands as a person runs them, whole process, on a large generated site.

    python bench/commands.py [--posts 100000] [--keep DIR]

Generates a Hugo-like site that the other benchmarks do not: sections (with `_index.md`)
by topic and year, YAML and TOML front matter mixed, page bundles (`post/index.md` beside
its cover). Then, each under `/usr/bin/time` with a private cache folder (XDG_CACHE_HOME):
`reader tags LIB --json` cold and warm, and `reader LIB --screenshot x.png` warm; beside
the floor (walk, read, split, parse YAML or TOML) measured in the same run. Best of three.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.fixtures import tiny_png
from bench.scan import best_of
from bench.synthetic import WORDS

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
SECTIONS = 97
YEARS = 25


def _words(rng: random.Random, count: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(count))


def make_site(root: Path, posts: int, seed: int = 11) -> Path:
    """A site under `root/content`; returns the content folder."""
    rng = random.Random(seed)
    content = root / "content"
    for index in range(posts):
        section = f"topic-{index % SECTIONS}"
        year = 2000 + (index // SECTIONS) % YEARS
        folder = content / section / str(year)
        if not folder.exists():
            folder.mkdir(parents=True)
            (content / section / "_index.md").write_text(f"---\ntitle: {section}\n---\n")
        tags = [f"topic-{rng.randint(1, 500)}" for _ in range(rng.randint(0, 3))]
        title = _words(rng, 6).capitalize()
        day = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        body = "\n\n".join(_words(rng, rng.randint(40, 90)) for _ in range(5))
        if index % 2:
            quoted = ", ".join(f'"{tag}"' for tag in tags)
            front = f'+++\ntitle = "{title}"\ndate = {day}\ntags = [{quoted}]\n+++\n'
        else:
            front = f"---\ntitle: {title}\ndate: {day}\ntags: [{', '.join(tags)}]\n---\n"
        if index % 5 == 0:  # a page bundle with its cover
            bundle = folder / f"post-{index}"
            bundle.mkdir()
            (bundle / "cover.png").write_bytes(tiny_png(index % 200))
            front = (
                front.replace("title", "image: cover.png\ntitle", 1)
                if index % 2 == 0
                else (front.replace("title", 'image = "cover.png"\ntitle', 1))
            )
            (bundle / "index.md").write_text(front + "\n" + body + "\n", encoding="utf-8")
        else:
            (folder / f"post-{index}.md").write_text(front + "\n" + body + "\n", encoding="utf-8")
    return content


def floor(content: Path) -> int:
    """Walk, read, decode, split the block and parse it (libyaml or tomllib)."""
    count = 0
    for folder, _dirs, files in os.walk(content):
        for name in files:
            if not name.endswith(".md") or name.startswith("_"):
                continue
            with open(os.path.join(folder, name), "rb") as handle:
                text = handle.read().decode("utf-8")
            fence = text[:4]
            end = text.find("\n" + fence[:3] + "\n", 4)
            if fence == "---\n" and end > 0:
                yaml.load(text[4:end], Loader=LOADER)
            elif fence == "+++\n" and end > 0:
                tomllib.loads(text[4:end])
            count += 1
    return count


def timed(argv: list[str], cache: Path) -> float:
    """Wall seconds of one whole process, as /usr/bin/time reports them."""
    env = dict(os.environ, XDG_CACHE_HOME=str(cache), QT_QPA_PLATFORM="offscreen")
    timer = shutil.which("time") or "/usr/bin/time"
    started = time.perf_counter()
    done = subprocess.run(
        [timer, "-f", "%e", *argv], env=env, capture_output=True, text=True, check=False
    )
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed: {done.stderr[-500:]}")
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    try:
        return float(lines[-1])
    except (IndexError, ValueError):
        return wall


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="generate into (or reuse) this folder")
    args = parser.parse_args()
    reader = [sys.executable, "-m", "reader"]
    with tempfile.TemporaryDirectory(prefix="reader-commands-") as name:
        tmp = Path(name)
        base = args.keep or tmp
        content = base / "content"
        if not content.is_dir():
            make_site(base, args.posts)
        floor(content)  # the page cache warmed for every contender alike
        floor_s = best_of(3, lambda: floor(content))
        cold = []
        for trial in range(3):
            cache = tmp / f"cold-cache-{trial}"
            cold.append(timed([*reader, "tags", str(content), "--json"], cache))
        warm_cache = tmp / "warm-cache"
        timed([*reader, "tags", str(content), "--json"], warm_cache)
        warm = min(timed([*reader, "tags", str(content), "--json"], warm_cache) for _ in range(3))
        shot = tmp / "x.png"
        screenshot = min(
            timed([*reader, str(content), "--screenshot", str(shot)], warm_cache) for _ in range(3)
        )
    print(f"posts {args.posts:,} (CPUs: {os.cpu_count()}); whole processes, best of 3")
    print(f"floor (walk, read, split, libyaml/tomllib)  {floor_s:7.2f} s")
    print(
        f"reader tags LIB --json, cold                 {min(cold):7.2f} s  "
        f"{min(cold) / floor_s:.2f}x floor (goal <= 1.2x)"
    )
    print(
        f"reader tags LIB --json, warm                 {warm:7.2f} s  "
        f"{warm / floor_s:.2f}x floor (goal <= 0.25x)"
    )
    print(f"reader LIB --screenshot x.png, warm          {screenshot:7.2f} s  (goal <= 2.5 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
