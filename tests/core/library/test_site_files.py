"""The one way site configs and image headers are read: regular files, inside, bounded."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.core.library.site_files import RefusedFile, read_bounded, read_whole


def test_reads_at_most_the_bound(tmp_path: Path) -> None:
    path = tmp_path / "big.toml"
    path.write_bytes(b"x" * 10_000)
    assert len(read_bounded(path, 100, [tmp_path])) == 100
    with pytest.raises(RefusedFile, match="larger than"):
        read_whole(path, 1024, [tmp_path])


def test_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "hugo.toml"
    os.mkfifo(fifo)
    with pytest.raises(RefusedFile, match="not a regular file"):
        read_bounded(fifo, 100, [tmp_path])


def test_a_device_and_a_folder_are_refused(tmp_path: Path) -> None:
    with pytest.raises(RefusedFile, match="not a regular file"):
        read_bounded("/dev/zero", 100, ["/dev"])
    with pytest.raises(RefusedFile):
        read_bounded(tmp_path, 100, [tmp_path])


def test_a_link_leaving_the_roots_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("secret", encoding="utf-8")
    root = tmp_path / "library"
    root.mkdir()
    (root / "config.toml").symlink_to(secret)
    with pytest.raises(RefusedFile, match="outside the library"):
        read_bounded(root / "config.toml", 100, [root])
