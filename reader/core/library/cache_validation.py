"""Which of the scan cache's records still hold: each file's stamp (mtime, size) against the
stored one, and covers that were missing or broken looked at again.

One stat per file is most of a warm scan, so the stamps are taken in one C-mapped pass.
"""

from __future__ import annotations

import itertools
import operator
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reader.core.library.cached_posts import Columns
from reader.core.library.post import resolve_cover
from reader.core.library.post_record import IMAGE_REF, MTIME, PATH, PROBLEMS, SIZE


def _cover_changed(
    problems: Any, ref: str | None, rel: str, root: Path, seen: dict[tuple[str, str, str], bool]
) -> bool:
    """A cover reported missing or broken may be fine now (or broken another way): such a
    record is read again. Each reference is resolved and probed once per scan (per folder
    when relative), so a thousand posts sharing a broken cover cost one probe, not a
    thousand reads."""
    stored = ""
    for _path, kind, message in problems:
        if kind == "image" and message.startswith("cover "):
            stored = message
            break
    if not stored:
        return False
    ref = ref or ""
    text = ref.strip()
    rooted = text.startswith("/") and not text.startswith("//")
    folder = "" if rooted else rel.rpartition("/")[0]
    key = (ref, folder, stored)
    changed = seen.get(key)
    if changed is None:
        post_dir = os.path.join(root, folder) if folder else str(root)
        path, problem = resolve_cover(ref, post_dir, root, None)
        changed = seen[key] = path is not None or problem != stored
    return changed


_STAMP = operator.attrgetter("st_mtime_ns", "st_size")


def stamps_of(paths: Sequence[str]) -> list[tuple[int, int] | None]:
    """(mtime_ns, size) of each file, None where it cannot be stat'ed (the read says why).

    One stat per file is most of a warm scan: mapped in C, with no Python frame per file.
    """
    try:
        return list(map(_STAMP, map(os.stat, paths)))
    except (OSError, ValueError):
        pass  # one file went or is not to be had: stat them one by one
    found: list[tuple[int, int] | None] = []
    for path in paths:
        try:
            found.append(_STAMP(os.stat(path)))
        except (OSError, ValueError):
            found.append(None)
    return found


def unchanged_rows(
    columns: Columns, stamps: Sequence[tuple[int, int] | None], root: Path
) -> list[int]:
    """The rows whose files have the stored stamp (and no cover that may have changed)."""
    stored = list(zip(columns[MTIME], columns[SIZE], strict=True))
    same = list(map(operator.eq, stamps, stored))
    rows = list(range(len(same))) if all(same) else list(itertools.compress(range(len(same)), same))
    problems, refs, paths = columns[PROBLEMS], columns[IMAGE_REF], columns[PATH]
    covers: dict[tuple[str, str, str], bool] = {}
    doubtful = {
        row
        for row in itertools.compress(rows, [problems[row] for row in rows])
        if _cover_changed(problems[row], refs[row], paths[row], root, covers)
    }
    return [row for row in rows if row not in doubtful] if doubtful else rows
