"""Reads of files the library holds but reader did not create: site configs, image headers.

One way in, so that it can later be routed through the library's single safe opener: the file
must be a regular file (a FIFO would block for ever, a device never end), it must lie inside
one of the roots the caller allows (after following symlinks), and no more than a bound is
read. Every refusal is a `RefusedFile` with a reason worded for a person.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from reader.core.library.locations import is_inside

PathLike = str | Path


class RefusedFile(OSError):
    """A file that is not read: missing, not regular, outside the roots or unreadable."""


def _inside_any(real: str, roots: Sequence[PathLike]) -> bool:
    return any(is_inside(real, os.path.realpath(root)) for root in roots)


@contextlib.contextmanager
def open_regular(path: PathLike, roots: Sequence[PathLike]) -> Iterator[tuple[BinaryIO, int]]:
    """Open a regular file inside `roots` for reading: (binary file, size in bytes).

    Opened non-blocking, then checked with fstat, so a FIFO or device named like a config
    file or an image is refused without waiting on it.
    """
    real = os.path.realpath(path)
    if not _inside_any(real, roots):
        raise RefusedFile(f"{path} lies outside the library")
    try:
        fd = os.open(real, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise RefusedFile(f"cannot be read ({error.strerror or error})") from error
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise RefusedFile("is not a regular file")
        os.set_blocking(fd, True)
        handle = os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
    with handle:
        yield handle, info.st_size


def read_bounded(path: PathLike, limit: int, roots: Sequence[PathLike]) -> bytes:
    """The first `limit` bytes (or fewer) of a regular file inside `roots`."""
    with open_regular(path, roots) as (handle, _size):
        chunks: list[bytes] = []
        left = limit
        while left > 0:
            try:
                chunk = handle.read(min(left, 1 << 16))
            except OSError as error:
                raise RefusedFile(f"cannot be read ({error.strerror or error})") from error
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)


def read_whole(path: PathLike, limit: int, roots: Sequence[PathLike]) -> bytes:
    """A whole regular file inside `roots`; larger than `limit` bytes is refused."""
    data = read_bounded(path, limit + 1, roots)
    if len(data) > limit:
        raise RefusedFile(f"is larger than {limit // 1024} KB; not read")
    return data
