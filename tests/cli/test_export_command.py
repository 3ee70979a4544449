"""`reader export`: golden output on stdout and to a file, filters, and clean failures."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli.main import run_subcommand
from tests.conftest import ARTICLES, FIXTURES

GOLDEN = FIXTURES / "export"
NOTES = GOLDEN / "notes"
POST = "program-manager-vs-project-manager.md"
EXPECTED = {
    "markdown": "expected.md",
    "json": "expected.json",
    "csv": "expected.csv",
    "html": "expected.html",
    "table": "expected-table.md",
}


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = run_subcommand(["export", *argv], out, err)
    return status, out.getvalue(), err.getvalue()


def scoped(*argv: str) -> tuple[int, str, str]:
    return run(str(ARTICLES), "--post", POST, "--notes", str(NOTES), *argv)


@pytest.mark.parametrize("fmt", sorted(EXPECTED))
def test_stdout_matches_golden(fmt: str) -> None:
    status, out, err = scoped("--format", fmt)
    assert (status, err) == (0, "")
    assert out.encode("utf-8") == (GOLDEN / EXPECTED[fmt]).read_bytes()


@pytest.mark.parametrize("fmt", ["csv", "html"])
def test_output_file_is_written_with_the_same_bytes(tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"notes.{fmt}"
    target.write_text("old", encoding="utf-8")
    status, out, err = scoped("--format", fmt, "-o", str(target))
    assert (status, out, err) == (0, "", "")
    assert target.read_bytes() == (GOLDEN / EXPECTED[fmt]).read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]  # no temp file left


def test_whole_library_and_tag_scopes_use_the_notes_folder() -> None:
    status, out, _ = run(str(ARTICLES), "--notes", str(NOTES), "--format", "json")
    assert status == 0 and out.count('"type": "Annotation"') == 12


def test_filters_narrow_the_export() -> None:
    _, out, _ = scoped("--format", "csv", "--side", "project manager")
    assert len(out.splitlines()) == 1 + 5
    _, out, _ = scoped("--format", "csv", "--status", "orphaned")
    assert len(out.splitlines()) == 1 + 3  # one orphan whose quote spans three lines
    orphan = '"Budget | cost <script>alert(1)</script> **owner** ""quoted""'
    assert out.splitlines()[1].endswith(orphan)
    _, out, _ = scoped("--format", "json", "--colour", "pink", "--color", "orange")
    assert out.count('"type": "Annotation"') == 4
    _, out, _ = scoped("--format", "json", "--aspect", "Focus", "--note-tag", "delivery")
    assert out.count('"type": "Annotation"') == 1
    _, out, _ = scoped("--format", "table", "--aspect", "scope")
    assert out.splitlines()[0] == "| Aspect | Program Manager (1) | Project Manager (1) |"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--format", "pdf"], "unknown format 'pdf'; choose one of markdown, json, csv, html"),
        (["--post", "nope.md"], "no post 'nope.md'"),
        (["--tag", "no-such-tag"], "no post tagged 'no-such-tag'"),
        (["--color", "red"], "unknown colour 'red'"),
        (["--status", "lost"], "unknown status 'lost'"),
        (["--notes", "/nonexistent/notes"], "no such notes folder"),
    ],
)
def test_errors_exit_2_and_write_nothing(tmp_path: Path, argv: list[str], message: str) -> None:
    target = tmp_path / "out.md"
    status, out, err = run(str(ARTICLES), *argv, "-o", str(target))
    assert status == 2 and out == ""
    assert err.startswith("reader: error: ") and message in err
    assert list(tmp_path.iterdir()) == []


def test_output_into_a_missing_folder_is_an_error(tmp_path: Path) -> None:
    status, _, err = scoped("-o", str(tmp_path / "missing" / "out.md"))
    assert status == 2 and "no such folder" in err


def test_console_script_writes_exact_bytes_to_stdout() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "reader",
            "export",
            str(ARTICLES),
            "--post",
            POST,
            "--notes",
            str(NOTES),
            "--format",
            "csv",
        ],
        capture_output=True,
        check=False,
        env={**os.environ, "PYTHONIOENCODING": "ascii"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == (GOLDEN / "expected.csv").read_bytes()  # BOM, CRLF, UTF-8 kept
