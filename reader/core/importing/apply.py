"""Carrying out an import plan: each post's new notes merged into its notes file by id.

The store re-reads the file under its lock and merges before an atomic write, so notes made
meanwhile (in the window, by a sync tool) are kept; a post whose save fails is reported and the
others are still written.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reader.core.importing.plan import ImportPlan
from reader.core.notes.records import NotesDocument
from reader.core.notes.store import NotesStore, NotesStoreError


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    """What was written, and the posts whose notes could not be saved."""

    notes: int
    posts: int
    failures: tuple[str, ...] = field(default_factory=tuple)


def apply_plan(store: NotesStore, plan: ImportPlan) -> ImportOutcome:
    """Write the plan's new and updated notes; returns how many reached the disk."""
    notes = posts = 0
    failures: list[str] = []
    for post_plan in plan.posts:
        chosen = post_plan.to_write
        if not chosen:
            continue
        post = post_plan.post
        document = NotesDocument(
            article=post.path,
            title=post.title,
            annotations=tuple(item.annotation for item in chosen),
        )
        try:
            store.save(post.path, document)
        except (NotesStoreError, OSError) as err:
            failures.append(f"{post.path}: {err}")
            continue
        notes += len(chosen)
        posts += 1
    return ImportOutcome(notes, posts, tuple(failures))
