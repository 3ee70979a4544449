"""Which posts have notes, found by one walk of the notes folder (the search index asks
about these few, not about each post of a large library)."""

from __future__ import annotations

from pathlib import Path

from reader.core.notes.records import Target, new_annotation
from reader.core.notes.store import NotesStore


def test_noted_posts_are_the_notes_files_and_not_their_conflict_copies(tmp_path: Path) -> None:
    library = tmp_path / "lib"
    (library / "deep" / "er").mkdir(parents=True)
    store = NotesStore(library)
    for rel in ("top.md", "deep/er/post.md"):
        note = new_annotation(Target(exact="x"), note="n")
        store.save(rel, store.load(rel).document.with_annotation(note))
    folder = store.notes_path("top.md").parent
    (folder / "top.md.sync-conflict-20260101-120000-ABCDEFG.yaml").write_text("x", "utf-8")
    (folder / "README.txt").write_text("not notes", "utf-8")
    assert store.noted_posts() == {"top.md", "deep/er/post.md"}
    assert NotesStore(tmp_path / "no notes yet").noted_posts() == set()
