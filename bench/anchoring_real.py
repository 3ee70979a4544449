"""Real-edit anchoring benchmark: do notes survive the edits real authors made?

    python bench/anchoring_real.py [HISTORY] [--under DIR] [--seed N] [--misses FILE] [--json]

HISTORY is a git repository or bundle (default: the opensource.guide history in
../shared/corpora). For each consecutive revision pair of each Markdown article whose article
text (as reader.core.render computes it) changed, passages are annotated (sentences, two
sentences, clauses; some anywhere, most near the changes), the note is re-anchored in the new
text by reader and by the Hypothesis-style baseline (bench/anchoring_baseline.py), and both are
scored against a character diff that does not use reader's code (bench/anchoring_truth.py).

A placement is right when it shares at least 70 % of the longer of it and the true range;
"edges off" when it overlaps the true range by less (the right passage, a different extent:
edited edges are often ambiguous); wrong when it does not overlap it at all. A deleted passage
is right only when orphaned; placed, it counts as a wrong placement too. Articles are split
into a development part and a held-out part (every third article, by name), reported
separately, so that figures can be checked on text the anchoring was not tuned on; a second
history from other text comes from bench/anchoring_synthetic_history.py. Each note's time is
the best of its first run and `--repeats` more after all the diffing (the machine is shared).
`--misses FILE` writes every note reader did not get right, with its texts, for study. Needs
the bench extra: pip install -e '.[bench]'.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.anchoring import time_big_post
from bench.anchoring_baseline import baseline_find
from bench.anchoring_exact_only import exact_only_rows, real_exact_only
from bench.anchoring_history import markdown_files, revision_pairs
from bench.anchoring_report import print_report
from bench.anchoring_samples import as_post, sample_spans
from bench.anchoring_truth import EditMap, Kind, Truth
from reader.core.anchoring.reanchor import reanchor_target
from reader.core.anchoring.targets import make_target
from reader.core.notes.records import Target

RIGHT_OVERLAP = 0.7
BUNDLE = "opensource-guide-history.bundle"


def default_history() -> Path:
    """The bundle in the nearest `shared/corpora` above the project ($READER_CORPORA first)."""
    if os.environ.get("READER_CORPORA"):
        return Path(os.environ["READER_CORPORA"]) / BUNDLE
    for folder in Path(__file__).resolve().parents[1:]:
        if (folder / "shared" / "corpora" / BUNDLE).exists():
            return folder / "shared" / "corpora" / BUNDLE
    return Path("../shared/corpora") / BUNDLE


GOALS = {
    "intact_right": 1.0,
    "edited_right": 0.95,
    "wrong_share": 0.001,
    "deleted_placed": 0.01,
    "median_ms": 0.05,
    "p99_ms": 1.0,
    "big_post_ms": 100.0,
}


@dataclass(frozen=True, slots=True)
class Note:
    """One annotated passage of one revision pair, and how each method did on it."""

    part: str
    article: str
    commit: str
    kind: str
    moved: bool
    near_change: bool
    reader: str
    status: str
    baseline: str
    reader_ms: float
    kept: float = 1.0  # share of the passage's characters that survive


def outcome(found: tuple[int, int] | None, truth: Truth) -> str:
    """right / edges (on the passage, but sharing under 70 %) / wrong (no overlap at all) /
    orphaned (the passage survives) / placed (the passage was deleted)."""
    if truth.kind is Kind.DELETED or truth.start is None or truth.end is None:
        return "right" if found is None else "placed"
    shared = 0 if found is None else min(found[1], truth.end) - max(found[0], truth.start)
    if truth.kind is Kind.REWRITTEN:  # either outcome is defensible, but not another place
        return "wrong" if found is not None and shared <= 0 else "right"
    if found is None:
        return "orphaned"
    longer = max(found[1] - found[0], truth.end - truth.start, 1)
    if shared <= 0:
        return "wrong"
    return "right" if shared / longer >= RIGHT_OVERLAP else "edges"


def _open_history(path: Path, scratch: Path) -> Path:
    """A repository to read: the folder itself, or a clone of a bundle."""
    if path.is_dir():
        return path
    clone = scratch / "history"
    subprocess.run(["git", "clone", "-q", str(path), str(clone)], check=True)
    return clone


def held_out(paths: list[str]) -> set[str]:
    """Every third article by name: never looked at while tuning."""
    return set(sorted(paths)[2::3])


def run_pairs(
    repo: Path, paths: list[str], holdout: set[str], args: argparse.Namespace
) -> tuple[list[Note], list[tuple[str, Target, Truth]], list[str]]:
    """Every note of every revision pair; edited notes kept for the exact-only re-run."""
    rng = random.Random(args.seed)
    notes: list[Note] = []
    edited: list[tuple[str, Target, Truth]] = []
    latest: dict[str, str] = {}
    misses: list[dict[str, Any]] = []
    timed: list[tuple[str, Target]] = []
    pairs = ambiguous = 0
    for pair in revision_pairs(repo, paths):
        if args.max_pairs and pairs >= args.max_pairs:
            break
        pairs += 1
        latest[pair.article] = pair.new
        diff = EditMap(pair.old, pair.new)
        post = as_post(pair.old)
        part = "holdout" if pair.article in holdout else "dev"
        for sampled in sample_spans(rng, post, diff.changes(), args.anywhere, args.near):
            span = sampled.span
            target = make_target(pair.old, span.start, span.end)
            truth = diff.truth(span.start, span.end, target.prefix, target.suffix)
            if truth.kind is Kind.AMBIGUOUS:
                ambiguous += 1
                continue
            started = time.perf_counter_ns()
            result = reanchor_target(pair.new, target)
            elapsed = (time.perf_counter_ns() - started) / 1e6
            found = None if result.anchor is None else (result.anchor.start, result.anchor.end)
            base = None if args.no_baseline else baseline_find(pair.new, target)
            notes.append(
                Note(
                    part,
                    pair.article,
                    pair.commit[:12],
                    truth.kind.value,
                    truth.moved,
                    sampled.near_change,
                    outcome(found, truth),
                    result.status.value,
                    "-" if args.no_baseline else outcome(base, truth),
                    elapsed,
                    truth.kept,
                )
            )
            if args.misses and notes[-1].reader != "right":
                misses.append(_miss(notes[-1], pair.old, pair.new, target, found, truth))
            if truth.kind is Kind.EDITED and not truth.moved:
                edited.append((pair.new, target, truth))
            timed.append((pair.new, target))
    notes = _retimed(notes, timed, args.repeats)
    if args.misses:
        with args.misses.open("w", encoding="utf-8") as out:
            out.writelines(json.dumps(miss) + "\n" for miss in misses)
    print(f"{ambiguous} ambiguous notes left out (see bench/anchoring_truth.py)", file=sys.stderr)
    return notes, edited, list(latest.values())


def _retimed(notes: list[Note], timed: list[tuple[str, Target]], repeats: int) -> list[Note]:
    """Each note's time as the best of `repeats` more runs, after all the diffs are done: the
    machine is shared, and the first run's figure also holds the diffing's cache misses."""
    if repeats <= 0:
        return notes
    retimed: list[Note] = []
    for note, (text, target) in zip(notes, timed, strict=True):
        best = note.reader_ms
        for _run in range(repeats):
            started = time.perf_counter_ns()
            reanchor_target(text, target)
            best = min(best, (time.perf_counter_ns() - started) / 1e6)
        retimed.append(replace(note, reader_ms=best))
    return retimed


def _miss(
    note: Note, old: str, new: str, target: Target, found: tuple[int, int] | None, truth: Truth
) -> dict[str, Any]:
    """A note reader got wrong, with the texts needed to see why (for --misses)."""
    truth_text = None if truth.start is None else new[truth.start : truth.end]
    return {
        **asdict(note),
        "target": asdict(target),
        "truth": [truth.start, truth.end, truth_text],
        "found": None if found is None else [*found, new[found[0] : found[1]]],
        "old_around": old[max(0, (target.start or 0) - 80) : (target.end or 0) + 80],
        "new_around": new[max(0, (truth.start or target.start or 0) - 80) :][:400],
        "found_around": None if found is None else new[max(0, found[0] - 80) : found[1] + 80],
        "new": new,
    }


def summary(notes: list[Note]) -> dict[str, Any]:
    def share(kind: str, what: str, field: str = "reader") -> float:
        group = [n for n in notes if n.kind == kind]
        return float(sum(getattr(n, field) == what for n in group) / max(1, len(group)))

    wrong = sum(n.reader in ("wrong", "placed") for n in notes)
    return {
        "notes": len(notes),
        "intact_right": share("intact", "right"),
        "edited_right": share("edited", "right"),
        "wrong_share": wrong / max(1, len(notes)),
        "edges_share": sum(n.reader == "edges" for n in notes) / max(1, len(notes)),
        "deleted_placed": share("deleted", "placed"),
        "baseline_intact_right": share("intact", "right", "baseline"),
        "baseline_edited_right": share("edited", "right", "baseline"),
        "baseline_deleted_placed": share("deleted", "placed", "baseline"),
    }


def _met(figures: dict[str, Any]) -> dict[str, bool]:
    return {
        key: figures[key] >= goal if key.endswith("right") else figures[key] <= goal
        for key, goal in GOALS.items()
        if key in figures
    }


def _parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("history", nargs="?", type=Path, default=None)
    parser.add_argument("--under", default="_articles", help="folder of the articles ('' = all)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--anywhere", type=int, default=3, help="random spans per pair")
    parser.add_argument("--near", type=int, default=6, help="spans near the changes per pair")
    parser.add_argument("--exact-only", type=int, default=200, help="cases per exact-only edit")
    parser.add_argument("--max-pairs", type=int, default=0, help="stop after N pairs (0: all)")
    parser.add_argument("--part", choices=("dev", "holdout", "all"), default="all")
    parser.add_argument("--no-baseline", action="store_true", help="skip the baseline (faster)")
    parser.add_argument("--misses", type=Path, help="write every non-right note as JSON Lines")
    parser.add_argument(
        "--repeats", type=int, default=2, help="timing: best of the first run and N more"
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    return parser.parse_args()


def main() -> int:
    args = _parse()
    args.history = args.history or default_history()
    if not args.history.exists():
        print(f"no history at {args.history}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="reader-history-") as scratch:
        repo = _open_history(args.history, Path(scratch))
        paths = markdown_files(repo, args.under)
        holdout = held_out(paths)
        if args.part != "all":
            paths = [p for p in paths if (p in holdout) == (args.part == "holdout")]
        notes, edited, latest = run_pairs(repo, paths, holdout, args)
    if not notes:
        print("no revision pairs with changed article text", file=sys.stderr)
        return 2
    rng = random.Random(args.seed)
    posts = [as_post(text) for text in latest if text.strip()]
    exact_rows = exact_only_rows(rng, posts, args.exact_only, not args.no_baseline)
    exact_rows.append(real_exact_only(edited, not args.no_baseline))
    times = sorted(n.reader_ms for n in notes)
    big_s, _statuses = time_big_post(posts, rng)
    timing = {
        "median_ms": statistics.median(times),
        "p99_ms": times[min(len(times) - 1, int(0.99 * len(times)))],
        "max_ms": times[-1],
        "big_post_ms": big_s * 1000,
        "by_status": {
            status: {
                "notes": len(group),
                "median_ms": statistics.median(group),
                "p99_ms": group[min(len(group) - 1, int(0.99 * len(group)))],
            }
            for status in ("anchored", "moved", "fuzzy", "orphaned")
            if (group := sorted(n.reader_ms for n in notes if n.status == status))
        },
    }
    parts = {name: [n for n in notes if n.part == name] for name in ("dev", "holdout")}
    figures: dict[str, Any] = {
        "all": summary(notes),
        **{name: summary(group) for name, group in parts.items() if group},
        "exact_only": exact_rows,
        "timing": timing,
        "pairs": len({(n.article, n.commit) for n in notes}),
        "articles": len({n.article for n in notes}),
        "seconds": time.perf_counter() - started,
    }
    checks = {**_met(figures["all"]), **_met(timing)}
    for row in exact_rows[:2]:
        checks[f"exact_only {row['edit']}"] = row["reader"] >= row["goal"]
    figures["met"] = checks
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        print_report(notes, parts, figures, not args.no_baseline)
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
