"""Reads of files the library holds but reader did not create: site configs, image headers.

These go through the library's one safe opener (`safe_files.SafeReader`): a regular file
only, inside the roots the caller allows (after following symlinks), never more than a bound.
This module only words every refusal as a `RefusedFile`, the one error its callers handle.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from reader.core.library.safe_files import (
    FileTooLargeError,
    OutsideRootError,
    SafeReader,
    describe_refusal,
)

PathLike = str | Path


class RefusedFile(OSError):
    """A file that is not read: missing, not regular, outside the roots or unreadable."""


def _refused(path: PathLike, error: OSError) -> RefusedFile:
    if isinstance(error, OutsideRootError):
        return RefusedFile(f"{path} lies outside the library")
    if isinstance(error, FileTooLargeError):
        return RefusedFile(f"is larger than {error.limit // 1024} KB; not read")
    return RefusedFile(f"cannot be read ({describe_refusal(error)})")


@contextlib.contextmanager
def open_regular(
    path: PathLike, roots: Sequence[PathLike] | SafeReader
) -> Iterator[tuple[BinaryIO, int]]:
    """Open a regular file inside `roots` (or one `roots`, a reader made once for many
    files, reads) for reading: (binary file, size in bytes); an OSError while it is open
    (reading it) is a RefusedFile too."""
    reader = roots if isinstance(roots, SafeReader) else SafeReader(roots)
    try:
        with reader.open(path) as opened:
            yield opened
    except RefusedFile:
        raise
    except OSError as error:
        raise _refused(path, error) from error


def read_bounded(path: PathLike, limit: int, roots: Sequence[PathLike]) -> bytes:
    """The first `limit` bytes (or fewer) of a regular file inside `roots`."""
    try:
        return SafeReader(roots).head(path, limit)
    except OSError as error:
        raise _refused(path, error) from error


def read_whole(path: PathLike, limit: int, roots: Sequence[PathLike]) -> bytes:
    """A whole regular file inside `roots`; larger than `limit` bytes is refused."""
    try:
        return SafeReader(roots).read(path, limit).data
    except OSError as error:
        raise _refused(path, error) from error
