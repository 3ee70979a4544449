"""`reader import`: a dry run writes nothing, an import writes once, bad files write nothing."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli.main import run_subcommand
from tests.conftest import ARTICLES, FIXTURES

SAMPLE = FIXTURES / "import" / "hypothesis-search.json"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = run_subcommand(["import", *argv], out, err)
    return status, out.getvalue(), err.getvalue()


@pytest.fixture
def library(tmp_path: Path) -> Path:
    root = tmp_path / "articles"
    shutil.copytree(ARTICLES, root)
    return root


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_dry_run_prints_per_post_and_writes_nothing(library: Path) -> None:
    before = snapshot(library)
    status, out, err = run(str(library), str(SAMPLE), "--dry-run")
    assert (status, err) == (0, "")
    assert "program-manager-vs-project-manager.md — Program Manager vs. Project Manager" in out
    assert "Would import 6 notes into 3 posts" in out
    assert snapshot(library) == before


def test_import_then_again(library: Path) -> None:
    status, out, _ = run(str(library), str(SAMPLE))
    assert status == 0 and "Imported 6 notes into 3 posts" in out
    written = snapshot(library / ".annotations")
    assert len([name for name in written if name.endswith(".yaml")]) == 3
    status, out, _ = run(str(library), str(SAMPLE))
    assert status == 0 and "Imported 0 notes into 0 posts; 6 already there" in out
    assert snapshot(library / ".annotations") == written


def test_notes_folder_option(library: Path, tmp_path: Path) -> None:
    notes = tmp_path / "elsewhere"
    status, _, _ = run(str(library), str(SAMPLE), "--notes", str(notes))
    assert status == 0
    assert (notes / "scrum-master-vs-project-manager.md.yaml").is_file()
    assert not (library / ".annotations").exists()


def test_reader_export_round_trip_through_the_command_line(library: Path, tmp_path: Path) -> None:
    exported = tmp_path / "notes.json"
    notes = FIXTURES / "export" / "notes"
    out, err = io.StringIO(), io.StringIO()
    args = ["export", str(ARTICLES), "--notes", str(notes), "--format", "json", "-o", str(exported)]
    assert run_subcommand(args, out, err) == 0
    status, report, _ = run(str(library), str(exported))
    assert status == 0 and "Imported 12 notes into 1 post." in report
    out2, err2 = io.StringIO(), io.StringIO()
    again = ["export", str(library), "--format", "json"]
    assert run_subcommand(again, out2, err2) == 0

    # Everything but the anchoring status, which says where the quote is now: the "moved"
    # note was imported at the position the export gave, so it is anchored there.
    def without_status(text: str) -> list[dict[str, object]]:
        return [{k: v for k, v in o.items() if k != "status"} for o in json.loads(text)]

    assert without_status(out2.getvalue()) == without_status(exported.read_text("utf-8"))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{not json", "is not valid JSON"),
        (b'{"rows": 3}', "is not an annotation export"),
        (
            b'[{"type": "Annotation", "color": "red", "target": {"selector": '
            b'{"type": "TextQuoteSelector", "exact": "program"}}}]',
            "colour 'red'",
        ),
        (b"\xff\xfe\x00garbage", "not"),
        (
            b'{"rows": [{"uri": "https://x.org/a", "text": "<script>alert(1)</script> hi", '
            b'"target": [{"selector": [{"type": "TextQuoteSelector", "exact": "program"}]}]}]}',
            "active HTML ('<script')",
        ),
        (
            b'{"rows": [{"uri": "https://x.org/a", "text": "<img src=x onerror=alert(1)>", '
            b'"target": [{"selector": [{"type": "TextQuoteSelector", "exact": "program"}]}]}]}',
            "active HTML",
        ),
        (
            b'[{"type": "Annotation", "body": {"type": "TextualBody", "value": '
            b'"<a href=\'javascript:alert(1)\'>x</a>"}, "target": {"selector": '
            b'{"type": "TextQuoteSelector", "exact": "program"}}}]',
            "active HTML",
        ),
    ],
)
def test_a_bad_file_is_an_error_and_writes_nothing(
    library: Path, tmp_path: Path, content: bytes, message: str
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    before = snapshot(library)
    status, out, err = run(str(library), str(bad))
    assert status == 2 and out == ""
    assert err.startswith("reader: error: ") and message in err
    assert "nothing was imported" in err and "Traceback" not in err
    assert snapshot(library) == before


def test_missing_file_and_missing_library(tmp_path: Path) -> None:
    status, _, err = run(str(tmp_path / "absent.json"))
    assert status == 2 and "no such file" in err
    status, _, err = run(str(tmp_path / "nowhere"), str(SAMPLE))
    assert status == 2 and "no such folder" in err


def test_library_is_optional_and_the_module_runs() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "reader", "import", str(SAMPLE), "--dry-run"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "Would import 6 notes into 3 posts" in result.stdout
