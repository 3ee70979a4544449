"""Issue 15's table, one row per test: on a library built the way each attack was made, the
command finishes within 5 s (a subprocess with a timeout: a hang fails, never blocks the
suite), says what is wrong (status 2 where it must fail), quotes nothing from outside the
library, and leaves every file byte-identical. Then every read-only command on every one of
these libraries: the tree before and after must be the same.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import timeit
from pathlib import Path

import pytest

from reader.cli.main import PIPE_CLOSED, run_subcommand
from tests.cli.hostile_libraries import BAD_NAME, ROWS
from tests.hostile_shapes import SECRET, make_fifo, snapshot

LIMIT_S = 5  # on a quiet machine; scaled by how much slower this one runs now (see below)
REFERENCE_S = 0.015  # sum(range(10**6)) on a quiet machine of today, best of five
MOST_SLOWNESS = 8.0
# Commands that must never create, change or delete a file. Adding one is one line here.
READ_ONLY_COMMANDS: tuple[tuple[str, ...], ...] = (
    ("check", "--json"),
    ("list", "--json"),
    ("tags", "--json"),
    ("export", "--format", "json"),
    ("render", "--format", "json"),
)
FORMATS = ("markdown", "json", "csv", "html", "table")

# row: (arguments after the library, expected status, what the output must say)
EXPECTED: dict[str, list[tuple[tuple[str, ...], int, tuple[str, ...]]]] = {
    "1_fifo_post": [
        (("list",), 0, ("Post",)),
        (("check",), 0, ("x.md: file: a FIFO (named pipe), not a regular file; skipped",)),
    ],
    "2_fifo_notes": [
        (("export",), 0, ("reader: warning:", "FIFO")),
        (("check",), 0, ("notes", "FIFO")),
    ],
    "3_corrupt_copies": [(("check",), 0, ("cannot be used", "not valid YAML"))],
    "4_conflict_link_out": [
        (("check",), 0, ("ignored: leads outside the notes folder",)),
        (("export", "--format", "json"), 0, ('"value": "mine"', "ignored")),
    ],
    "5_notes_folder_link_out": [
        (("check",), 0, (".annotations leads outside the library; refused",)),
        (("export",), 0, ("reader: warning:", "leads outside the library")),
    ],
    "6_undecodable_name": [
        (("list",), 0, ("caf\\xe9.md",)),
        (("check",), 0, ("file name is not valid text", "caf\\xe9.md")),
        (("export", "--format", "csv"), 0, ("caf\\xe9.md",)),
        (("render", "--format", "json"), 0, (r'"path": "caf\\xe9.md"',)),
    ],
    "7_many_values": [(("check",), 0, ("more than 1,000,000 values",))],
    "8_too_many_annotations": [(("check",), 0, ("more than the 100,000 annotations",))],
    "9_leftover_temp": [(("check",), 0, ("1 post, 0 problems",))],
    "10_unparseable_notes": [
        (("check",), 0, ("not valid YAML", "It was left as it is.")),
        (("export",), 0, ("reader: warning:", "not valid YAML")),
    ],
    "11_notes_not_files": [
        (("check",), 0, ("dir.md.yaml", "fifo.md.yaml", "out.md.yaml", "AAAAAAA", "BBBBBBB")),
    ],
    "12_over_display_limit": [(("check",), 0, ("so its note was not checked",))],
    "13_conflicts_and_archives": [(("list", "--json"), 0, ('"path": "post.md"',))],
}


def limit_s() -> float:
    """LIMIT_S, scaled by how much slower than a quiet machine this one runs right now (at
    most MOST_SLOWNESS times; measured before each command, as the load comes and goes): a
    busy shared machine must not turn "slow" into "hung", while a real hang still fails."""
    best = min(timeit.repeat("sum(range(10**6))", number=1, repeat=3))
    return LIMIT_S * min(MOST_SLOWNESS, max(1.0, best / REFERENCE_S))


def reader(*argv: str) -> subprocess.CompletedProcess[bytes]:
    """`reader ARGV` in a fresh interpreter; TimeoutExpired if it does not end in time."""
    return subprocess.run(
        [sys.executable, "-m", "reader", *argv], capture_output=True, timeout=limit_s()
    )


@pytest.fixture
def base(tmp_path: Path) -> Path:
    return tmp_path


def _build(row: str, base: Path) -> Path:
    root = base / "library"
    ROWS[row](root, base)
    return root


@pytest.mark.parametrize("row", sorted(EXPECTED))
def test_row_ends_in_time_says_why_and_writes_nothing(row: str, base: Path) -> None:
    root = _build(row, base)
    before = snapshot(base)
    for args, status, wanted in EXPECTED[row]:
        done = reader(args[0], str(root), *args[1:])
        said = (done.stdout + done.stderr).decode("utf-8")  # strict: valid UTF-8 always
        assert done.returncode == status, said
        assert "Traceback" not in said and SECRET not in said
        for text in wanted:
            assert text in said, f"{args}: {text!r} not in {said[-2000:]!r}"
    assert snapshot(base) == before


def test_row_11_reports_each_conflict_copy_separately(base: Path) -> None:
    root = _build("11_notes_not_files", base)
    done = reader("check", str(root), "--json")
    problems = json.loads(done.stdout)["problems"]
    copies = [p for p in problems if ".sync-conflict-" in p["path"]]
    assert len(copies) == 3 and {p["kind"] for p in problems} == {"notes"}
    assert {p["path"].rsplit("/", 1)[-1] for p in problems if "sync" not in p["path"]} == {
        "dir.md.yaml",
        "fifo.md.yaml",
        "out.md.yaml",
    }


def test_row_12_is_not_called_orphaned(base: Path) -> None:
    root = _build("12_over_display_limit", base)
    said = reader("check", str(root)).stdout.decode("utf-8")
    assert "orphan" not in said and "no longer in the post" not in said


@pytest.mark.parametrize("fmt", FORMATS)
def test_row_6_every_export_format_stays_valid(fmt: str, base: Path) -> None:
    root = _build("6_undecodable_name", base)
    done = reader("export", str(root), "--format", fmt)
    assert done.returncode == 0, done.stderr
    text = done.stdout.decode("utf-8")  # strict: no raw undecodable bytes
    assert "mine" in text and BAD_NAME not in text
    if fmt == "json":
        assert {item["target"]["source"] for item in json.loads(text)} == {
            "post.md",
            "caf\\xe9.md",
        }
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
        assert {row[0] for row in rows[1:]} == {"post.md", "caf\\xe9.md"}


def test_row_6_list_json_is_json(base: Path) -> None:
    root = _build("6_undecodable_name", base)
    done = reader("list", str(root), "--json")
    posts = json.loads(done.stdout.decode("utf-8"))
    bad = next(post for post in posts if post["path"] == "caf\\xe9.md")
    assert any("not valid text" in problem for problem in bad["problems"])


def test_what_is_not_a_folder_fails_with_status_2(base: Path) -> None:
    make_fifo(base / "pipe", base)
    for argv in (("list", str(base / "pipe")), ("check", str(base / "pipe"))):
        done = reader(*argv)
        assert done.returncode == 2 and b"reader: error: not a folder" in done.stderr
    root = _build("1_fifo_post", base)
    done = reader("export", str(root), "--notes", str(base / "pipe"))
    assert done.returncode == 2 and b"no such notes folder" in done.stderr


def test_a_closed_pipe_ends_quietly(base: Path) -> None:
    root = base / "library"
    root.mkdir()
    for index in range(400):
        (root / f"post-{index}.md").write_text(f"# Post {index}\n", "utf-8")
    command = f"{sys.executable} -m reader list {root} --json | head -c 100"
    done = subprocess.run(["sh", "-c", command], capture_output=True, timeout=30)
    assert len(done.stdout) == 100 and done.stderr == b""


def test_a_closed_pipe_in_process_is_status_141() -> None:
    class Closed(io.StringIO):
        def write(self, text: str) -> int:
            raise BrokenPipeError

        def fileno(self) -> int:
            raise OSError("no descriptor")

    assert run_subcommand(["tags", "--json"], Closed(), io.StringIO()) == PIPE_CLOSED


@pytest.mark.parametrize("row", sorted(ROWS))
def test_read_only_commands_never_write(row: str, base: Path) -> None:
    root = _build(row, base)
    before = snapshot(base)
    for command in READ_ONLY_COMMANDS:
        out, err = io.StringIO(), io.StringIO()
        status = run_subcommand([command[0], str(root), *command[1:]], out, err)
        assert status == 0, err.getvalue()
        assert snapshot(base) == before, command
