"""Crash during save: SIGKILL at random moments never leaves a torn, mixed or missing file.

CI runs TRIALS kills (half at a random moment of a save loop, half aimed at the write
itself); bench/kill_trials.py runs hundreds and prints the counts.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.core.notes.crash_trial import NOTES, run_trials, state, summary, version_of

TRIALS = 30

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


def test_killed_saves_leave_the_state_before_or_after(tmp_path: Path) -> None:
    outcomes = run_trials(tmp_path, range(TRIALS))
    bad = [o.kind for o in outcomes if o.kind not in ("before", "after")]
    assert bad == []
    counts = summary(outcomes)
    assert counts["before"] + counts["after"] == TRIALS
    assert counts["saves finished"] > TRIALS  # the kills did land while saving went on
    assert counts["leftover after next save"] == 0  # what a kill left is cleared


def test_the_checker_rejects_a_mix_of_two_saves() -> None:
    mixed = state(3)
    newer = state(4).annotations
    mixed = type(mixed)(
        article=mixed.article,
        title=mixed.title,
        annotations=mixed.annotations[:-1] + newer[-1:],
    )
    with pytest.raises(ValueError, match="versions"):
        version_of(mixed)
    with pytest.raises(ValueError, match=f"{NOTES - 1} notes"):
        version_of(type(mixed)(article=mixed.article, annotations=mixed.annotations[1:]))
    assert version_of(state(5)) == 5
