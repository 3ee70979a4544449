"""One notes file on disk: reading it within bounds, parsing it once per content, copying it aside.

Saving re-reads the file every time, so another writer is never clobbered. Parsing 1,000 notes
costs most of a save, so the parsed document is kept keyed by the file's exact bytes (sha256):
an unchanged file is hashed, not parsed again. Documents are immutable, so sharing one is safe.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Final

from reader.core.library.safe_files import FileTooLargeError, SafeReader, size_text
from reader.core.notes import sync_conflicts
from reader.core.notes.records import NotesDocument
from reader.core.notes.yaml_load import MAX_BYTES, NotesFileError

# Posts whose parsed notes are kept: enough for a library-wide export or comparison table to
# parse each unchanged notes file once per session (1,000 posts x 20 notes: a few MB).
_KEEP_PARSED: Final = 2048


@dataclass(frozen=True, slots=True)
class Seen:
    """What a notes file looked like when this store last read or wrote it."""

    stat: tuple[int, int, int] | None
    digest: str | None


def stat_key(path: Path) -> tuple[int, int, int] | None:
    """Size, mtime and inode: a cheap sign the file was (probably) not touched."""
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ino)


def digest_of(data: bytes) -> str:
    """The content key for `data`: equal digests mean byte-identical files."""
    return hashlib.sha256(data).hexdigest()


def read_bytes(path: Path, reader: SafeReader, limit: int = MAX_BYTES) -> bytes | None:
    """The file's bytes through `reader` (inside the notes roots, regular, bounded); None when
    absent. NotesFileError when larger than `limit`; other refusals are OSErrors."""
    try:
        return reader.read(path, limit).data
    except (FileNotFoundError, NotADirectoryError):
        return None  # no notes yet (a folder that cannot exist is a saving problem)
    except FileTooLargeError as err:
        raise NotesFileError(
            f"larger than {limit // (1024 * 1024)} MB ({size_text(err.size)}); refusing to load"
        ) from err


def parse_bytes(data: bytes, key: str) -> NotesDocument:
    """A notes file's document (conflict markers merged); NotesFileError when unusable."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise NotesFileError(f"not UTF-8 text (bad byte at offset {err.start})") from err
    return sync_conflicts.load_with_markers(text, article=key)


class ParsedCache:
    """Parsed documents of the last few files, valid only for the exact bytes they came from."""

    def __init__(self, size: int = _KEEP_PARSED) -> None:
        self._size = size
        self._items: OrderedDict[Path, tuple[str, str, NotesDocument]] = OrderedDict()
        self._lock = threading.Lock()  # a store may be shared by a worker and the GUI

    def parse(self, path: Path, data: bytes, key: str) -> NotesDocument:
        """`parse_bytes(data, key)`, from the cache when `path` last held these very bytes."""
        digest = digest_of(data)
        with self._lock:
            held = self._items.get(path)
            if held is not None and held[0] == digest and held[1] == key:
                self._items.move_to_end(path)
                return held[2]
        document = parse_bytes(data, key)
        self.put(path, digest, key, document)
        return document

    def put(self, path: Path, digest: str, key: str, document: NotesDocument) -> None:
        """Remember that the bytes with `digest` at `path` parse to `document`."""
        with self._lock:
            self._items[path] = (digest, key, document)
            self._items.move_to_end(path)
            while len(self._items) > self._size:
                self._items.popitem(last=False)

    def forget(self, path: Path) -> None:
        """Drop what is held for `path` (its bytes are not known to parse to anything)."""
        with self._lock:
            self._items.pop(path, None)


def glob_escape(name: str) -> str:
    """A file name with glob characters made literal."""
    return re.sub(r"([*?\[])", r"[\1]", name)


def set_aside(path: Path, data: bytes, reader: SafeReader) -> Path:
    """Keep a copy of an unreadable file beside it (once per distinct content).

    Earlier copies are compared through `reader` and only when their size matches: a copy
    that is a FIFO, a link out of the notes folder or a huge file is never read.
    """
    for existing in sorted(path.parent.glob(f"{glob_escape(path.name)}.corrupt-*")):
        try:
            if reader.check(existing).st_size != len(data):
                continue
            if reader.read(existing, len(data)).data == data:
                return existing
        except OSError:
            continue
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
    candidate = path.with_name(f"{path.name}.corrupt-{stamp}")
    counter = 1
    while True:
        try:
            with candidate.open("xb") as handle:
                handle.write(data)
            return candidate
        except FileExistsError:
            counter += 1
            candidate = path.with_name(f"{path.name}.corrupt-{stamp}-{counter}")
