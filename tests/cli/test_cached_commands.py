"""The command line reads through the scan cache, with the window's validation."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from reader.cli.main import run_subcommand
from tests.files import spy_on_reads


def run(*argv: str) -> str:
    out, err = io.StringIO(), io.StringIO()
    assert run_subcommand(list(argv), out, err) == 0, err.getvalue()
    return out.getvalue()


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    return spy_on_reads(monkeypatch)


def test_a_second_command_reads_only_what_changed(tmp_path: Path, reads: list[str]) -> None:
    root = tmp_path / "lib"
    root.mkdir()
    (root / "a.md").write_text("---\ntitle: A\ntags: [x]\n---\nBody.\n", encoding="utf-8")
    (root / "b.md").write_text("---\ntitle: B\ntags: [y]\n---\nBody.\n", encoding="utf-8")
    first = json.loads(run("tags", str(root), "--json"))
    assert sorted(reads) == ["a.md", "b.md"]
    reads.clear()
    assert json.loads(run("tags", str(root), "--json")) == first
    assert json.loads(run("list", str(root), "--json"))
    assert reads == []
    edited = root / "b.md"
    edited.write_text("---\ntitle: B\ntags: [z]\n---\nBody.\n", encoding="utf-8")
    info = edited.stat()
    os.utime(edited, ns=(info.st_atime_ns, info.st_mtime_ns + 5_000_000_000))
    tags = json.loads(run("tags", str(root), "--json"))
    assert reads == ["b.md"]
    assert [tag["name"] for tag in tags["tags"]] == ["x", "z"]
