"""Kill a process with SIGKILL while it saves notes, then check what the file holds.

Shared by tests/core/test_crash_safety.py (a few dozen trials) and bench/kill_trials.py
(hundreds). A child process saves one post's notes in a loop through NotesStore, printing
each finished save; after the kill the file must parse and hold exactly the last finished
save or the one in progress: never a mix of two, never nothing.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from reader.core.notes.records import Annotation, NotesDocument, Target
from reader.core.notes.store import NotesStore
from reader.core.notes.yaml_load import NotesFileError, load_document

POST = "post.md"
NOTES = 120  # annotations per state: a file of ~40-70 KB, so a kill often lands mid-write
REPO = Path(__file__).resolve().parents[3]
T0 = datetime(2026, 1, 1, tzinfo=UTC)

_CHILD = """
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from tests.core.notes.crash_trial import POST, state
from reader.core.notes import store as notes_store
out = sys.stdout
write = notes_store.atomic_write_bytes
def announced(path, data):
    out.write("writing\\n"); out.flush()  # lets the parent aim a kill at the write itself
    write(path, data)
notes_store.atomic_write_bytes = announced
store = notes_store.NotesStore(Path(sys.argv[2]), Path(sys.argv[3]))
out.write("ready\\n"); out.flush()
version = 0
while True:
    version += 1
    store.save(POST, state(version))
    out.write(f"{version}\\n"); out.flush()
"""


def state(version: int) -> NotesDocument:
    """The notes as saved the `version`-th time: every annotation carries the version, and
    the notes' length varies, so a torn or mixed file cannot pass for a whole one."""
    stamp = T0 + timedelta(seconds=version)
    filler = "x" * (37 * (version % 7))
    items = tuple(
        Annotation(
            id=f"note-{index:04d}",
            created=T0,
            modified=stamp,
            target=Target(f"quote {index}", start=index * 10, end=index * 10 + 5),
            note=f"v{version} {filler}",
        )
        for index in range(NOTES)
    )
    return NotesDocument(article=POST, title="Crash test", annotations=items)


def version_of(document: NotesDocument) -> int:
    """The single version the file holds; ValueError if it mixes versions or lost notes."""
    versions = {a.note.split(" ", 1)[0] for a in document.annotations}
    if len(document.annotations) != NOTES or len(versions) != 1:
        raise ValueError(f"{len(document.annotations)} notes of versions {sorted(versions)}")
    version = int(versions.pop()[1:])
    if document != state(version):
        raise ValueError(f"version {version} differs from what was saved")
    return version


@dataclass(frozen=True, slots=True)
class Outcome:
    """One trial: `kind` is "before" (the last finished save), "after" (the one in progress)
    or "bad: …"; `torn` says a temporary file was left, i.e. the kill struck mid-write."""

    kind: str
    saves: int
    torn: bool
    leftover: bool = False  # a temporary file still there after the next save


def run_trial(folder: Path, seed: int, max_delay: float = 0.4) -> Outcome:
    """Start a saving child in `folder`, SIGKILL it, judge the file.

    Even seeds kill at a random moment of the loop; odd seeds wait until the child starts
    writing a random save and kill within the next few milliseconds, inside the write.
    """
    rng = random.Random(seed)
    library, notes = folder / "library", folder / "notes"
    library.mkdir(parents=True)
    (library / POST).write_text("# Crash test\n", encoding="utf-8")
    NotesStore(library, notes).save(POST, state(0))
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(REPO), str(library), str(notes)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    try:
        if child.stdout.readline().strip() != "ready":
            _, err = child.communicate(timeout=30)
            return Outcome(f"bad: child did not start: {err.strip()[-300:]}", 0, False)
        seen: list[str] = []
        if seed % 2:
            for _ in range(rng.randint(1, 4)):
                while (line := child.stdout.readline()) and line.strip() != "writing":
                    seen.append(line)
            time.sleep(rng.uniform(0.0, 0.004))
        else:
            time.sleep(rng.uniform(0.0, max_delay))
        os.kill(child.pid, signal.SIGKILL)
        # Read through the same buffered stream as readline() above: communicate() would
        # skip lines already buffered there, and a finished save would look unfinished.
        printed = "".join(seen) + child.stdout.read()
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    done = [int(line) for line in printed.split() if line.isdigit()]
    last = done[-1] if done else 0
    path = NotesStore(library, notes).notes_path(POST)
    torn = any(p.name.endswith(".tmp") for p in path.parent.iterdir())
    try:
        version = version_of(load_document(path.read_text("utf-8"), article=POST))
    except (OSError, UnicodeDecodeError, NotesFileError, ValueError) as err:
        return Outcome(f"bad: {type(err).__name__}: {err}", last, torn)
    if version not in (last, last + 1):
        return Outcome(f"bad: holds save {version}, last finished {last}", last, torn)
    # The kill happened "long ago" (the next start is an hour later at the earliest): age
    # what it left, then the next save must clear it.
    for temp in path.parent.glob(".*.tmp"):
        os.utime(temp, (time.time() - 7200, time.time() - 7200))
    after = NotesStore(library, notes)  # and the next run carries on as if nothing happened
    after.save(POST, state(version + 1))
    if version_of(after.load(POST).document) != version + 1:
        return Outcome("bad: the next save after the crash did not stick", last, torn)
    leftover = any(p.name.endswith(".tmp") for p in path.parent.iterdir())
    return Outcome("before" if version == last else "after", last, torn, leftover)


def run_trials(
    base: Path, seeds: Iterable[int], workers: int = 4, max_delay: float = 0.4
) -> list[Outcome]:
    """Run trials side by side (each in its own folder) and return their outcomes."""
    with ThreadPoolExecutor(workers) as pool:
        jobs = [pool.submit(run_trial, base / f"trial-{seed}", seed, max_delay) for seed in seeds]
        return [job.result() for job in jobs]


def summary(outcomes: list[Outcome]) -> Counter[str]:
    """Counts by outcome, plus how many kills struck mid-write."""
    counts = Counter(o.kind if not o.kind.startswith("bad") else "bad" for o in outcomes)
    counts["killed mid-write"] = sum(o.torn for o in outcomes)
    counts["leftover after next save"] = sum(o.leftover for o in outcomes)
    counts["saves finished"] = sum(o.saves for o in outcomes)
    return counts
