"""The aspects already used in a library's notes, offered for completion when labelling."""

from __future__ import annotations

from pathlib import Path

from reader.core.notes.yaml_load import NotesFileError, load_document


def notes_aspects(notes_root: Path, limit: int = 2000) -> list[str]:
    """Aspects used in the notes files under `notes_root` (for completion; bounded)."""
    found: set[str] = set()
    if not notes_root.is_dir():
        return []
    for count, path in enumerate(notes_root.rglob("*.yaml")):
        if count >= limit:
            break
        try:
            document = load_document(path.read_text(encoding="utf-8"))
        except (NotesFileError, OSError, UnicodeDecodeError, ValueError):
            continue
        found.update(item.aspect for item in document.live() if item.aspect)
    return sorted(found, key=str.casefold)
