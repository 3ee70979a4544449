"""The one safe way to open a file: inside its roots, regular files only, never blocking,
bounded."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.core.library.safe_files import (
    FileTooLargeError,
    NotRegularFileError,
    OutsideRootError,
    SafeReader,
    read_head,
    read_regular,
)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    folder = tmp_path / "library"
    folder.mkdir()
    (folder / "post.md").write_bytes(b"# Post\n")
    return folder


def test_a_regular_file_inside_is_read_with_its_size_and_time(root: Path) -> None:
    read = read_regular(root / "post.md", [root], 100)
    info = (root / "post.md").stat()
    assert (read.data, read.size, read.mtime_ns) == (b"# Post\n", info.st_size, info.st_mtime_ns)


def test_a_fifo_is_refused_without_blocking(root: Path) -> None:
    os.mkfifo(root / "pipe.md")
    with pytest.raises(NotRegularFileError, match="FIFO"):
        read_regular(root / "pipe.md", [root], 100)


def test_a_folder_and_a_device_are_refused(root: Path) -> None:
    (root / "folder.md").mkdir()
    with pytest.raises(NotRegularFileError, match="folder"):
        read_regular(root / "folder.md", [root], 100)
    with pytest.raises(NotRegularFileError, match="device"):
        read_regular("/dev/null", ["/dev"], 100)


@pytest.mark.parametrize("target", ["/dev/zero", "/etc/passwd"])
def test_a_link_leading_outside_is_refused_unopened(root: Path, target: str) -> None:
    (root / "link.md").symlink_to(target)
    with pytest.raises(OutsideRootError, match="outside the library") as info:
        read_regular(root / "link.md", [root], 100)
    assert "root:" not in str(info.value)  # the target's content is never quoted


def test_a_link_inside_is_followed(root: Path) -> None:
    (root / "alias.md").symlink_to(root / "post.md")
    assert read_regular(root / "alias.md", [root], 100).data == b"# Post\n"


def test_a_root_that_is_a_link_counts_as_where_it_leads(tmp_path: Path, root: Path) -> None:
    (tmp_path / "via").symlink_to(root)
    assert read_regular(tmp_path / "via" / "post.md", [tmp_path / "via"], 100).data
    with pytest.raises(OutsideRootError):
        read_regular(root / "post.md", [tmp_path / "elsewhere"], 100)


def test_a_large_file_is_refused_before_it_is_read(root: Path) -> None:
    with (root / "huge.md").open("wb") as handle:
        handle.truncate(1 << 30)  # sparse: costs no disk
    with pytest.raises(FileTooLargeError, match="1024 MB") as info:
        read_regular(root / "huge.md", [root], 1000)
    assert info.value.size == 1 << 30
    assert read_head(root / "huge.md", [root], 16) == b"\0" * 16


def test_refusals_are_os_errors_worded_for_a_person(root: Path) -> None:
    os.mkfifo(root / "pipe.md")
    reader = SafeReader([root], "the notes folder")
    with pytest.raises(OSError) as info:
        reader.read(root / "pipe.md", 10)
    message = "is a FIFO (named pipe), not a regular file; not read"
    assert str(info.value) == info.value.strerror == message
    (root / "out.md").symlink_to("/etc/hostname")
    with pytest.raises(OutsideRootError, match="outside the notes folder"):
        reader.check(root / "out.md")
    with pytest.raises(FileNotFoundError):
        reader.read(root / "absent.md", 10)


@pytest.mark.parametrize("target", ["../outside.md", "/dev/zero"])
def test_a_link_the_resolver_left_is_checked_like_any(root: Path, target: str) -> None:
    """The scan's resolver resolves folders only: the reader's own lstat finds the link."""
    (root.parent / "outside.md").write_bytes(b"secret")
    (root / "link.md").symlink_to(target)
    reader = SafeReader([root], resolve=lambda path: path)
    with pytest.raises(OutsideRootError):
        reader.read(root / "link.md", 100)


def test_a_link_the_resolver_left_is_followed_inside(root: Path) -> None:
    (root / "sub").mkdir()
    (root / "sub" / "link.md").symlink_to("../post.md")
    os.mkfifo(root / "pipe.md")
    (root / "pipe-link.md").symlink_to("pipe.md")
    reader = SafeReader([root], resolve=lambda path: path)
    assert reader.read(root / "sub" / "link.md", 100).data == b"# Post\n"
    with pytest.raises(NotRegularFileError, match="FIFO"):
        reader.read(root / "pipe-link.md", 100)


def test_a_file_that_grew_since_its_stat_is_read_whole_or_refused(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first read asks for the size the file claimed: one that grew meanwhile is read on
    to its end, and refused when it grew past the bound."""
    (root / "growing.md").write_bytes(b"0123456789")
    real_fstat = os.fstat

    def claims_less(fd: int) -> os.stat_result:
        info = real_fstat(fd)
        fields = list(info)
        fields[6] = 5  # st_size, as it was a moment ago
        return os.stat_result(fields)

    monkeypatch.setattr(os, "fstat", claims_less)
    assert read_regular(root / "growing.md", [root], 100).data == b"0123456789"
    with pytest.raises(FileTooLargeError):
        read_regular(root / "growing.md", [root], 8)
