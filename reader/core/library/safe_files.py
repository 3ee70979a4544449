"""The one way reader opens a file it did not create: inside its roots, regular, bounded.

Every reader of posts, notes files, covers, conflict copies and corrupt copies goes through
`read_regular`, because `open()` alone is not safe on a folder other programs fill:

- a FIFO (or a device) named ``post.md`` makes a plain ``open()`` block for ever, and a link
  to ``/dev/zero`` reads without end, so the file type is checked (``lstat`` on the resolved
  path, then ``fstat`` on the descriptor opened with ``O_NONBLOCK | O_NOFOLLOW``) before a
  byte is read;
- a symlink may lead anywhere, so the path is resolved first and must stay inside one of the
  roots it is read for (the library, the notes root); nothing outside them is ever opened;
- a file may be huge, or grow while it is read, so at most `limit` bytes are read.

The standard library has every piece but no function that does all three, hence this module.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_BINARY", 0)
)
_CHUNK = 1 << 20
WHERE = "the library"  # what the roots are, in messages

Roots = Iterable[str | os.PathLike[str]]


class FileRefused(OSError):
    """A file reader will not read (outside its roots, not a regular file, too large).

    An OSError, so every caller that already reports I/O errors reports these too; the
    message (also in `strerror`) is worded for a person and never quotes the file's content.
    """

    def __init__(self, path: str | os.PathLike[str], message: str, code: int) -> None:
        super().__init__(code, message)
        self.filename = os.fspath(path)
        self.reason = message

    def __str__(self) -> str:
        return self.reason


class OutsideRootError(FileRefused):
    """The path (after following symlinks) leads outside every root it may be read from."""


class NotRegularFileError(FileRefused):
    """A FIFO, socket, device or folder where a file was expected."""


class FileTooLargeError(FileRefused):
    """Larger than the bound the caller gave; `size` is what the file claims."""

    def __init__(self, path: str | os.PathLike[str], size: int, limit: int) -> None:
        message = f"file too large ({size_text(size)}; the limit is {size_text(limit)}); not read"
        super().__init__(path, message, errno.EFBIG)
        self.size = size
        self.limit = limit


@dataclass(frozen=True, slots=True)
class FileBytes:
    """A file's bytes with the size and modification time of what was read."""

    data: bytes
    size: int
    mtime_ns: int


def size_text(size: int) -> str:
    """A byte count as a person reads it (``64 MB``, ``512 KB``, ``12 bytes``)."""
    if size >= 1024 * 1024:
        return f"{size // (1024 * 1024)} MB"
    if size >= 1024:
        return f"{size // 1024} KB"
    return f"{size} bytes"


def kind_of(mode: int) -> str:
    """What a non-regular file is, in a person's words."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISLNK(mode):
        return "a symlink"
    return "not a regular file"


def is_inside(path: str, root: str) -> bool:
    """`path` is `root` or below it (both already resolved)."""
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def real_roots(roots: Roots) -> tuple[str, ...]:
    """The roots resolved (a root that is itself a symlink counts as where it leads)."""
    return tuple(os.path.realpath(root) for root in roots)


def _not_regular(mode: int) -> str:
    return f"is {kind_of(mode)}, not a regular file; not read"


class SafeReader:
    """Reads files inside a fixed set of roots (resolved once, when it is made).

    `where` names the roots in messages; `resolve` turns a path into its real path (the scan
    passes one that caches folders, since thousands of posts share a few folders).
    """

    def __init__(
        self,
        roots: Roots,
        where: str = WHERE,
        resolve: Callable[[str], str] = os.path.realpath,
    ) -> None:
        self.roots = real_roots(roots)
        self.where = where
        self._resolve = resolve

    def resolve_inside(self, path: str | os.PathLike[str]) -> str:
        """The real path, when it lies inside one of the roots; OutsideRootError otherwise."""
        real = self._resolve(os.fspath(path))
        if not any(is_inside(real, root) for root in self.roots):
            raise OutsideRootError(path, f"leads outside {self.where}; not read", errno.EACCES)
        return real

    def check(self, path: str | os.PathLike[str]) -> os.stat_result:
        """The stat of the regular file at `path`, without opening it.

        FileNotFoundError when absent, OutsideRootError or NotRegularFileError when refused.
        """
        return self._regular(path)[1]

    def _regular(self, path: str | os.PathLike[str]) -> tuple[str, os.stat_result]:
        """The real path inside the roots and its ``lstat``, a regular file's.

        A `resolve` may leave the file itself unresolved (the scan's resolves its folder
        only): a link found by the ``lstat`` is followed here and checked again.
        """
        real = self.resolve_inside(path)
        info = os.lstat(real)
        if stat.S_ISLNK(info.st_mode):
            real = os.path.realpath(real)
            if not any(is_inside(real, root) for root in self.roots):
                raise OutsideRootError(path, f"leads outside {self.where}; not read", errno.EACCES)
            info = os.lstat(real)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFileError(path, _not_regular(info.st_mode), errno.EINVAL)
        return real, info

    def read(self, path: str | os.PathLike[str], limit: int) -> FileBytes:
        """Read the regular file at `path`: at most `limit` bytes (FileTooLargeError, unread,
        when larger). Never blocks: a FIFO, socket or device is refused before it is opened.
        Other OSErrors (absent, permission) pass through."""
        return self._read(path, limit, head=False)

    def head(self, path: str | os.PathLike[str], count: int) -> bytes:
        """The first `count` bytes of the regular file at `path` (to sniff its type)."""
        return self._read(path, count, head=True).data

    @contextlib.contextmanager
    def open(self, path: str | os.PathLike[str]) -> Iterator[tuple[BinaryIO, int]]:
        """The regular file at `path`, opened for reading after the same checks as `read`:
        (binary file, size). For readers that seek (image headers), not for whole files."""
        real, info = self._regular(path)
        fd = os.open(real, _FLAGS)
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                raise NotRegularFileError(path, "changed while being opened; not read", 0)
            os.set_blocking(fd, True)
            handle = os.fdopen(fd, "rb")
        except BaseException:
            os.close(fd)
            raise
        with handle:
            yield handle, info.st_size

    def _read(self, path: str | os.PathLike[str], limit: int, *, head: bool) -> FileBytes:
        real, info = self._regular(path)
        if not head and info.st_size > limit:
            raise FileTooLargeError(path, info.st_size, limit)
        fd = os.open(real, _FLAGS)  # O_NOFOLLOW: a link swapped in since the check is refused
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):  # swapped for something else since the lstat
                raise NotRegularFileError(path, "changed while being opened; not read", 0)
            if not head and info.st_size > limit:
                raise FileTooLargeError(path, info.st_size, limit)
            chunks: list[bytes] = []
            wanted = limit if head else limit + 1
            got = 0
            # The first read asks for the size the file claims (and a byte more, to see the
            # end): a 1 MB buffer for a 3 KB post costs more than reading it.
            step = min(_CHUNK, max(info.st_size + 1, 4096))
            while got < wanted:
                asked = min(step, wanted - got)
                chunk = os.read(fd, asked)
                step = _CHUNK
                if not chunk:
                    break
                chunks.append(chunk)
                got += len(chunk)
                if len(chunk) < asked and got >= info.st_size:
                    break  # a short read of a regular file is its end: no read to see it

        finally:
            os.close(fd)
        data = b"".join(chunks)
        if not head and len(data) > limit:  # grew while being read
            raise FileTooLargeError(path, len(data), limit)
        return FileBytes(data, info.st_size, info.st_mtime_ns)


def read_regular(
    path: str | os.PathLike[str], roots: Roots, limit: int, where: str = WHERE
) -> FileBytes:
    """`SafeReader(roots, where).read(path, limit)`: one file inside `roots`, bounded."""
    return SafeReader(roots, where).read(path, limit)


def read_head(path: str | os.PathLike[str], roots: Roots, count: int, where: str = WHERE) -> bytes:
    """`SafeReader(roots, where).head(path, count)`: the first bytes of a file inside `roots`."""
    return SafeReader(roots, where).head(path, count)


def describe_refusal(error: OSError) -> str:
    """An OSError as a short phrase for a problem message."""
    if isinstance(error, FileRefused):
        return error.reason
    return error.strerror or str(error)
