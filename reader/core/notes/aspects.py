"""The aspects already used in a library's notes, offered for completion when labelling."""

from __future__ import annotations

from collections.abc import Iterable

from reader.core.notes.store import NotesStore, NotesStoreError


def notes_aspects(store: NotesStore, posts: Iterable[str], limit: int = 2000) -> list[str]:
    """Aspects used in the notes of `posts` (library-relative paths), read through `store`
    (bounded, contained, changing nothing; conflict copies and archives are not read), from
    at most `limit` notes files."""
    found: set[str] = set()
    read = 0
    for post in posts:
        if read >= limit:
            break
        try:
            if not store.has_notes(post):
                continue
            read += 1
            document = store.peek(post).document
        except NotesStoreError:
            continue
        found.update(item.aspect for item in document.live() if item.aspect)
    return sorted(found, key=str.casefold)
