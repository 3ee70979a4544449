"""The scan cache is written after a change on disk without the window waiting for it."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from reader.core.library.post_record import PATH
from reader.core.library.scan import Library, scan_library
from reader.core.library.scan_cache import ScanCache
from reader.ui.library.cache_saver import CacheSaver
from tests.files import write


def test_the_library_is_written_to_the_cache(qtbot: QtBot, tmp_path: Path) -> None:
    root = tmp_path / "lib"
    write(root, "one.md", "---\ntitle: One\n---\nBody.\n")
    saver = CacheSaver()
    saver.save(scan_library(root))
    saver.wait()
    stored = ScanCache(root).load_stored()
    assert stored is not None and "one.md" in stored.columns[PATH]


def test_libraries_arriving_during_a_write_are_written_newest_only(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "lib"
    write(root, "one.md", "# One\n")
    first, second, third = (scan_library(root) for _ in range(3))
    written: list[Library] = []
    go, writing = threading.Event(), threading.Event()

    def slow_save(_cache: ScanCache, library: Library) -> bool:
        writing.set()
        go.wait(10)
        written.append(library)
        return True

    monkeypatch.setattr(ScanCache, "save_library", slow_save)
    saver = CacheSaver()
    saver.save(first)  # runs, held until `go`
    assert writing.wait(10)
    saver.save(second)  # waits
    saver.save(third)  # replaces the waiting one
    go.set()
    saver.wait()
    assert written == [first, third]
