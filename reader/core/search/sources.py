"""What the index holds of a post and of its notes, read the library's safe way.

Only the body is wanted from a post file (title and tags come from the scan's record), so
its front matter is split off and not parsed: at 100,000 posts, parsing YAML again was half
of the build.
"""

from __future__ import annotations

import os
from pathlib import Path

from reader.core.library.frontmatter import split_front_matter
from reader.core.library.post import MAX_POST_BYTES
from reader.core.library.safe_files import SafeReader
from reader.core.library.textfile import decode_post
from reader.core.notes.store import NotesStore, NotesStoreError


def batch_reader(root: Path) -> SafeReader:
    """The reader of post files for one batch of the index: inside the library only, each
    folder resolved once in the batch. A fresh cache each batch: the scan's cache may be
    minutes old by then, and a folder swapped for a link since must be seen."""
    folders: dict[str, str] = {}

    def resolve(path: str) -> str:
        folder, name = os.path.split(os.path.normpath(path))
        real_folder = folders.get(folder)
        if real_folder is None:
            real_folder = folders[folder] = os.path.realpath(folder)
        real = os.path.join(real_folder, name)
        return os.path.realpath(real) if os.path.islink(real) else real

    return SafeReader((root,), "the library", resolve)


def post_body(reader: SafeReader, root: Path, rel: str) -> str:
    """The Markdown body of the post at `rel`; "" when it cannot be read (the scan reports
    why) or is binary."""
    try:
        data = reader.read(root / rel, MAX_POST_BYTES).data
    except OSError:
        return ""
    decoded = decode_post(data)
    if decoded.binary:
        return ""
    return split_front_matter(decoded.text)[2]


def notes_text(store: NotesStore, rel: str) -> list[tuple[str, int | None, str]]:
    """(annotation id, start, searchable text) for each live annotation of a post's notes,
    read through the store (its notes file alone: no conflict copy, no archive); [] when
    unreadable."""
    try:
        loaded = store.peek(rel)
    except NotesStoreError:
        return []
    found = []
    for item in loaded.document.live():
        words = [item.note, item.target.exact, item.side or "", item.aspect or "", *item.tags]
        found.append((item.id, item.target.start, "\n".join(w for w in words if w)))
    return found
