"""The scan cache file's bytes: header, checksum, columns; and what a sound payload is.

Kept apart from the scan that uses it so that the checks a stored payload must pass before it
is trusted read in one place. Every column is checked for the types its field may hold (one
pass in C per column), so that the posts, built later from the columns, never meet a value
of another shape; a cache that fails any check is no cache.
"""

from __future__ import annotations

import marshal
import zlib
from dataclasses import dataclass
from typing import Any, Final

from reader import __version__
from reader.core.library.cached_posts import Columns
from reader.core.library.post import Post
from reader.core.library.post_record import FIELDS, PROBLEMS
from reader.core.library.scan_listing import Listing

MAGIC: Final = b"reader-scan-cache\n"
# 2: records gained lang, translation_key, hidden, publish_date, expiry_date; the header the
# site context's fingerprint. 3: the walk's listing; columns checked by type.
FORMAT_VERSION: Final = 3


def _allowed_types(annotation: str) -> frozenset[type]:
    """The plain types a record stores for a field annotated so (see `post_to_record`)."""
    found: set[type] = set()
    for part in (piece.strip() for piece in annotation.split("|")):
        if part == "None":
            found.add(type(None))
        elif part.startswith("tuple"):
            found.add(tuple)
        elif part in ("str", "Path") or part.endswith("DateValue"):
            found.add(str)
        elif part == "bool":
            found.add(bool)
        elif part == "int":
            found.add(int)
    return frozenset(found)


_TEXT: Final = frozenset({str})
ALLOWED: Final = tuple(_allowed_types(str(Post.__annotations__[name])) for name in FIELDS)


@dataclass(frozen=True, slots=True)
class Stored:
    """A decoded cache: under which site context it was made, its columns, the listing."""

    fingerprint: str
    columns: Columns
    listing: Listing | None

    @property
    def count(self) -> int:
        """How many records it holds."""
        return len(self.columns[0]) if self.columns else 0


def encode(real_root: str, fingerprint: str, columns: Columns, listing: Listing | None) -> bytes:
    """The bytes of a cache file."""
    return b"".join(encode_parts(real_root, fingerprint, columns, listing))


def encode_parts(
    real_root: str, fingerprint: str, columns: Columns, listing: Listing | None
) -> tuple[bytes, bytes, bytes]:
    """The cache file as its three parts (magic, checksum, payload), written one after the
    other: joined, they would be a second copy of 30 MB at 100,000 posts."""
    plain = None if listing is None else listing.to_plain()
    header = (FORMAT_VERSION, __version__, FIELDS, real_root, fingerprint, plain)
    payload = marshal.dumps((*header, columns))
    return MAGIC, zlib.crc32(payload).to_bytes(4, "big"), payload


def decode(data: bytes, real_root: str) -> Stored:
    """The stored cache; ValueError (worded) when it cannot be trusted."""
    head = len(MAGIC) + 4
    if not data.startswith(MAGIC) or len(data) < head:
        raise ValueError("not a scan cache file")
    payload = memoryview(data)[head:]  # not a copy: 30 MB at 100,000 posts
    if zlib.crc32(payload) != int.from_bytes(data[len(MAGIC) : head], "big"):
        raise ValueError("checksum mismatch")
    loaded = marshal.loads(payload)
    if not (isinstance(loaded, tuple) and len(loaded) == 7):
        raise ValueError("unexpected layout")
    version, reader_version, fields, stored_root, fingerprint, listing, columns = loaded
    if (version, reader_version, fields) != (FORMAT_VERSION, __version__, FIELDS):
        raise ValueError(f"made by another version ({version}, {reader_version})")
    if stored_root != real_root:
        raise ValueError("made for another library")
    if not isinstance(fingerprint, str):
        raise ValueError("malformed header")
    _check_columns(columns)
    return Stored(fingerprint, columns, Listing.from_plain(listing))


def _check_columns(columns: Any) -> None:
    if not (isinstance(columns, tuple) and len(columns) == len(FIELDS)):
        raise ValueError("malformed records")
    if not all(type(column) is tuple for column in columns):
        raise ValueError("malformed records")
    if len({len(column) for column in columns}) != 1:
        raise ValueError("columns of different lengths")
    for name, allowed, column in zip(FIELDS, ALLOWED, columns, strict=True):
        if allowed == _TEXT:
            try:
                "".join(column)  # in C, and three times as fast as the types' set
            except TypeError:
                raise ValueError(f"records with a malformed {name}") from None
        elif not set(map(type, column)) <= allowed:
            raise ValueError(f"records with a malformed {name}")
    for problems in filter(None, columns[PROBLEMS]):
        if not all(type(p) is tuple and len(p) == 3 for p in problems):
            raise ValueError("records with a malformed problem")
