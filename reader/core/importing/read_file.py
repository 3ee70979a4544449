"""Reading an import file safely: a regular file only, within a size bound, as JSON.

The file comes from anywhere (a download, another tool), so it is opened without following
it into a FIFO or a device, read only up to a bound, and parsed with every failure worded for
a person: too large, not text, not JSON, nested too deep.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any, Final

from reader.core.importing.model import ImportFileError

MAX_IMPORT_BYTES: Final = 64 * 1024 * 1024


def read_import_bytes(path: Path, limit: int = MAX_IMPORT_BYTES) -> bytes:
    """The bytes of a regular file no larger than `limit`; ImportFileError otherwise."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise ImportFileError(f"no such file: {path}") from None
    except IsADirectoryError:
        raise ImportFileError(f"{path} is a folder, not an export file") from None
    except OSError as err:
        raise ImportFileError(f"cannot open {path}: {err.strerror or err}") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise ImportFileError(f"{path} is a folder, not an export file")
        if not stat.S_ISREG(info.st_mode):
            raise ImportFileError(f"{path} is not a regular file (a pipe, device or socket)")
        if info.st_size > limit:
            raise ImportFileError(_too_large(path, info.st_size, limit))
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise ImportFileError(_too_large(path, size, limit))
        return b"".join(chunks)
    except OSError as err:
        raise ImportFileError(f"cannot read {path}: {err.strerror or err}") from None
    finally:
        os.close(fd)


def _too_large(path: Path, size: int, limit: int) -> str:
    return f"{path} is too large to import ({size / 1e6:.1f} MB; the limit is {limit / 1e6:.0f} MB)"


def parse_json(data: bytes, name: str) -> Any:
    """The JSON value in `data` (UTF-8, UTF-16 or UTF-32, with or without a BOM)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if not data.strip():
        raise ImportFileError(f"{name} is empty")
    if b"\x00" not in data[:4]:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as err:
            raise ImportFileError(
                f"{name} is not UTF-8 text (bad byte at offset {err.start}); "
                "export files are JSON in UTF-8"
            ) from None
    try:
        return json.loads(data)
    except RecursionError:
        raise ImportFileError(f"{name} is nested too deeply to be an annotation export") from None
    except UnicodeDecodeError as err:
        raise ImportFileError(f"{name} is not text: {err.reason}") from None
    except json.JSONDecodeError as err:
        raise ImportFileError(
            f"{name} is not valid JSON (line {err.lineno}, column {err.colno}: {err.msg})"
        ) from None
