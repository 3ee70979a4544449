"""An import file is read one safe way: regular files only, bounded, JSON with clear errors."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from reader.core.importing.model import ImportFileError
from reader.core.importing.read_file import parse_json, read_import_bytes
from reader.core.importing.shapes import read_import_file


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "notes.json"
    os.mkfifo(fifo)
    with pytest.raises(ImportFileError, match="not a regular file"):
        read_import_bytes(fifo)


def test_a_folder_and_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="is a folder"):
        read_import_bytes(tmp_path)
    with pytest.raises(ImportFileError, match="no such file"):
        read_import_bytes(tmp_path / "absent.json")


def test_a_file_over_the_bound_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    big.write_bytes(b"[" + b" " * 2000 + b"]")
    with pytest.raises(ImportFileError, match="too large"):
        read_import_bytes(big, limit=1000)
    assert read_import_bytes(big, limit=5000).startswith(b"[")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "is empty"),
        (b"  \n", "is empty"),
        (b"\xff\xfe\xfa[]", "not UTF-8"),
        (b"[1, 2,", "not valid JSON \\(line 1"),
        (b"{'single': 'quotes'}", "not valid JSON"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    ],
)
def test_bad_bytes_get_a_clear_message(data: bytes, message: str) -> None:
    with pytest.raises(ImportFileError, match=message):
        parse_json(data, "x.json")


def test_bom_and_utf16_are_read() -> None:
    assert parse_json(b"\xef\xbb\xbf[]", "x.json") == []
    assert parse_json(json.dumps({"rows": []}).encode("utf-16"), "x.json") == {"rows": []}


def test_the_whole_file_is_checked(tmp_path: Path) -> None:
    path = tmp_path / "list.json"
    path.write_text("[]", encoding="utf-8")
    parsed = read_import_file(path)
    assert parsed.incoming == () and parsed.total == 0
