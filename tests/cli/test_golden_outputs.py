"""`list`, `tags`, `check` and `export` print what their golden copies hold, byte for byte."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.cli.golden_cases import GOLDEN, ROOT, cases, run_case


@pytest.mark.parametrize(("name", "argv"), sorted(cases().items()))
def test_output_matches_golden_copy(
    name: str, argv: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    expected = (GOLDEN / f"{name}.out").read_bytes()
    hint = f"if {name} changed on purpose: python -m tests.cli.golden_cases"
    assert run_case(argv) == expected, hint


def test_every_golden_copy_has_a_case() -> None:
    kept = {path.stem for path in Path(GOLDEN).glob("*.out")}
    assert kept == set(cases()), os.fspath(GOLDEN)
