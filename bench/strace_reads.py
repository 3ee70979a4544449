"""Which files `reader check` and `reader export` open on a library full of hostile links.

    python bench/strace_reads.py [--json] [--keep]

Builds a library whose posts, cover, image, notes files, conflict copies and corrupt copies
are symlinks to files outside it (and to /dev/zero), plus a FIFO post and a FIFO notes file,
then runs each command under ``strace -f -e trace=openat`` and sorts every path opened into:
the library, its notes root, the Python install (interpreter, standard library, site-packages,
reader's own source), the system's shared libraries and devices, reader's own per-user cache
(the article-text cache that check and export keep), and anything else. The
outside targets must never be opened. Needs strace (Linux); not part of the tests.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.core.library.scan_cache import default_cache_dir
from tests.cli.hostile_libraries import COPY, NOTE, POST
from tests.hostile_shapes import make_fifo

REPO = Path(__file__).resolve().parent.parent

COMMANDS = (("check", "--json"), ("export", "--format", "json"))
SYSTEM = (
    "/lib/",
    "/lib64/",
    "/usr/lib/",
    "/etc/ld.so",
    "/dev/null",
    "/dev/urandom",
    "/proc/",
    "/sys/",
    "/usr/share/locale",
    "/etc/localtime",
    "/usr/share/zoneinfo",
)
_OPENAT = re.compile(r'openat\((?:AT_FDCWD|\d+), "((?:[^"\\]|\\.)*)"')


def hostile_library(base: Path) -> tuple[Path, Path]:
    """A library of links leading out; returns (library, folder of the outside targets)."""
    outside = base / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text("---\ntitle: secret\n---\nsecret\n", "utf-8")
    (outside / "secret.yaml").write_text(NOTE.format(article="post.md"), "utf-8")
    (outside / "secret.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (outside / "folder").mkdir()
    (outside / "folder" / "inner.md").write_text("# inner\n", "utf-8")
    library = base / "library"
    notes = library / ".annotations"
    notes.mkdir(parents=True)
    (library / "post.md").write_text(
        POST.replace("tags: [t]", "tags: [t]\nimage: cover.png") + "\n![x](pic.png)\n", "utf-8"
    )
    (library / "cover.png").symlink_to(outside / "secret.png")
    (library / "pic.png").symlink_to(outside / "secret.png")
    (library / "leak.md").symlink_to(outside / "secret.md")
    (library / "folder-leak").symlink_to(outside / "folder")
    (library / "zero.md").symlink_to("/dev/zero")
    make_fifo(library / "fifo.md", base)
    (notes / "post.md.yaml").write_text(NOTE.format(article="post.md"), "utf-8")
    (notes / COPY).symlink_to(outside / "secret.yaml")
    (notes / "post.md.yaml.corrupt-20260101T000000").symlink_to("/dev/zero")
    for name in ("two.md", "three.md"):
        (library / name).write_text("# Post\n", "utf-8")
    (notes / "two.md.yaml").symlink_to(outside / "secret.yaml")
    make_fifo(notes / "three.md.yaml", base)
    return library, outside


def _kind(path: str, library: str, notes: str, outside: str, python: list[str], cache: str) -> str:
    real = os.path.realpath(path)
    if real.startswith(cache + os.sep):
        return "reader's cache"
    for name, root in (("OUTSIDE TARGET", outside), ("notes root", notes), ("library", library)):
        if real == root or real.startswith(root + os.sep) or path.startswith(root + os.sep):
            return name
    if any((real + os.sep).startswith(prefix) or path.startswith(prefix) for prefix in python):
        return "python install"
    if path.startswith(SYSTEM) or real.startswith(SYSTEM):
        return "system"
    return "other"


def traced(argv: list[str], log: Path) -> list[str]:
    strace = shutil.which("strace")
    assert strace is not None
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    subprocess.run(
        [strace, "-f", "-qq", "-e", "trace=openat", "-o", str(log), *argv],
        capture_output=True,
        env=env,
        timeout=120,
    )
    return _OPENAT.findall(log.read_text("utf-8", "replace"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print the findings as JSON")
    parser.add_argument("--keep", action="store_true", help="keep the library and logs")
    args = parser.parse_args()
    if shutil.which("strace") is None:
        print("strace is not installed", file=sys.stderr)
        return 2
    python = sorted(
        {
            os.path.realpath(p) + os.sep
            for p in (
                sys.prefix,
                sys.base_prefix,
                sys.exec_prefix,
                str(REPO),
                *sysconfig.get_paths().values(),
            )
            if p
        }
    )
    base = Path(tempfile.mkdtemp(prefix="strace-reads-"))
    library, outside = hostile_library(base)
    real_library = os.path.realpath(library)
    # reader's own per-user cache (scan, article texts): files reader made, not the library's
    cache = os.path.realpath(default_cache_dir().parent)
    notes = os.path.join(real_library, ".annotations")
    report: dict[str, Any] = {}
    bad = 0
    for command in COMMANDS:
        argv = [sys.executable, "-m", "reader", command[0], str(library), *command[1:]]
        paths = traced(argv, base / f"{command[0]}.strace")
        kinds: dict[str, list[str]] = {}
        for path in paths:
            kinds.setdefault(
                _kind(path, real_library, notes, os.path.realpath(outside), python, cache), []
            ).append(path)
        bad += len(kinds.get("OUTSIDE TARGET", [])) + len(kinds.get("other", []))
        report[" ".join(command)] = {
            "counts": {kind: len(found) for kind, found in sorted(kinds.items())},
            "outside targets": sorted(set(kinds.get("OUTSIDE TARGET", []))),
            "other": sorted(set(kinds.get("other", []))),
            "system": sorted(set(kinds.get("system", []))),
            "reader's cache": sorted(set(kinds.get("reader's cache", []))),
            "library and notes": sorted(
                set(kinds.get("library", []) + kinds.get("notes root", []))
            ),
        }
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        for name, found in report.items():
            print(f"reader {name}: {found['counts']}")
            for path in found["library and notes"]:
                print(f"    read {os.path.relpath(path, real_library)}")
            for path in found["reader's cache"]:
                print(f"    reader's own cache: {path}")
            for key in ("outside targets", "other"):
                for path in found[key]:
                    print(f"  {key.upper()}: {path}")
        print(
            "no path outside the library, its notes root or the Python install was opened"
            if bad == 0
            else f"{bad} path(s) opened outside"
        )
    if args.keep:
        print(f"kept in {base}", file=sys.stderr)
    else:
        shutil.rmtree(base)
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
