"""The tables bench/anchoring_real.py prints: per class, per share kept, per status; the
exact-only rows and the timing."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from bench.anchoring_truth import Kind

if TYPE_CHECKING:
    from bench.anchoring_real import Note

OUTCOMES = ("right", "edges", "wrong", "orphaned", "placed")


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} % ({part})" if whole else "–"


def class_table(notes: list[Note], with_baseline: bool) -> list[str]:
    rows = [
        "| passage after the edit | notes | reader right | reader edges off | reader wrong "
        "| reader orphaned, survived | reader placed, deleted | baseline right | baseline "
        "edges off | baseline wrong | baseline orphaned, survived | baseline placed, deleted |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for kind in (Kind.INTACT, Kind.EDITED, Kind.REWRITTEN, Kind.DELETED):
        group = [n for n in notes if n.kind == kind.value]
        mine = Counter(n.reader for n in group)
        base = Counter(n.baseline for n in group)
        cells = [kind.value, str(len(group))]
        for counts in (mine, base) if with_baseline else (mine,):
            cells += [_pct(counts[k], len(group)) for k in OUTCOMES]
        if not with_baseline:
            cells += ["–"] * len(OUTCOMES)
        rows.append("| " + " | ".join(cells) + " |")
    return rows


def kept_table(notes: list[Note], with_baseline: bool) -> list[str]:
    """Edited passages by how much of them survives: where the misses are."""
    rows = [
        "| edited, share kept | notes | reader right | reader orphaned | baseline right |",
        "|---|---:|---:|---:|---:|",
    ]
    for lo, hi in ((0.5, 0.7), (0.7, 0.9), (0.9, 1.01)):
        group = [n for n in notes if n.kind == Kind.EDITED.value and lo <= n.kept < hi]
        mine = Counter(n.reader for n in group)
        base = Counter(n.baseline for n in group)
        rows.append(
            f"| {100 * lo:.0f}–{min(100, 100 * hi):.0f} % | {len(group)} | "
            f"{_pct(mine['right'], len(group))} | {_pct(mine['orphaned'], len(group))} | "
            f"{_pct(base['right'], len(group)) if with_baseline else '–'} |"
        )
    return rows


def status_table(notes: list[Note]) -> list[str]:
    rows = [
        "| reader status | notes | right | edges off | wrong | orphaned, survived | placed, "
        "deleted |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for status in ("anchored", "moved", "fuzzy", "orphaned"):
        group = Counter(n.reader for n in notes if n.status == status)
        total = sum(group.values())
        cells = [_pct(group[k], total) for k in OUTCOMES]
        rows.append(f"| {status} | {total} | " + " | ".join(cells) + " |")
    return rows


def print_report(
    notes: list[Note], parts: dict[str, list[Note]], figures: dict[str, Any], baseline: bool
) -> None:
    for name, group in (("all articles", notes), *parts.items()):
        if not group:
            continue
        articles = len({n.article for n in group})
        pairs = len({(n.article, n.commit) for n in group})
        print(f"\n### {name}: {articles} articles, {pairs} revision pairs, {len(group)} notes\n")
        print("\n".join(class_table(group, baseline)))
        print()
        print("\n".join(kept_table(group, baseline)))
        print()
        print("\n".join(status_table(group)))
    print("\n### exact-only notes (no context), re-found\n")
    print("Without offsets, ties (another passage as like the quote) are left out of the share.\n")
    print(
        "| edit | notes | ties | reader | baseline | reader, with offsets "
        "| baseline, with offsets |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    for row in figures["exact_only"]:
        cells = [row["edit"], str(row["notes"]), str(row.get("ties", 0))]
        cells += [
            f"{100 * row[k]:.1f} %" if row[k] is not None else "–"
            for k in ("reader", "baseline", "reader_offsets", "baseline_offsets")
        ]
        print("| " + " | ".join(cells) + " |")
    timing = figures["timing"]
    print(
        f"\nreader time per note: median {timing['median_ms']:.4f} ms, p99 "
        f"{timing['p99_ms']:.3f} ms, max {timing['max_ms']:.2f} ms; 1,000 notes on a 100 KB "
        f"post: {timing['big_post_ms']:.1f} ms"
    )
    print(
        "by status: "
        + "; ".join(
            f"{status} {row['notes']} notes, median {row['median_ms']:.3f} ms, p99 "
            f"{row['p99_ms']:.2f} ms"
            for status, row in timing["by_status"].items()
        )
    )
    failed = [key for key, ok in figures["met"].items() if not ok]
    print(
        f"{figures['seconds']:.0f} s in all; goals {'met' if not failed else 'NOT met: '}"
        + ", ".join(failed)
    )
