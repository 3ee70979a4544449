"""What an import would do, worked out completely before anything is written.

Each annotation is matched to a post, placed in its text and compared with the notes already
kept for that post: new, an update (newer than ours), already there, older than ours, or deleted
here (a tombstone is never brought back by an import). Ids are kept from the file or derived
from the source's id, so importing the same file twice adds nothing.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Final

from reader.core.anchoring.targets import AnchorStatus
from reader.core.importing.matching import PostMatcher
from reader.core.importing.model import HYPOTHESIS, Incoming, ParsedFile, Skipped
from reader.core.importing.placing import place
from reader.core.library.post import Post, read_text
from reader.core.library.scan import Library
from reader.core.notes.files import parse_bytes, read_bytes
from reader.core.notes.records import DEFAULT_COLOR, Annotation, NotesDocument
from reader.core.notes.store import NotesStore, NotesStoreError
from reader.core.notes.yaml_load import MAX_ANNOTATIONS, UNKNOWN_TIME, NotesFileError
from reader.core.render.pipeline import render_post

NEW: Final = "new"
UPDATE: Final = "update"
PRESENT: Final = "present"
KEPT: Final = "kept"  # ours is newer
DELETED: Final = "deleted"  # deleted here: not brought back
WRITTEN: Final = frozenset({NEW, UPDATE})
_ID_NAMESPACE: Final = uuid.UUID("3b8f0e4c-9d51-4a7e-8c1f-6e2a4d9b7c05")
_URN: Final = "urn:uuid:"

Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class PlannedNote:
    """One annotation as it would be written, where it lands, and what the import does."""

    incoming: Incoming
    annotation: Annotation
    status: AnchorStatus
    action: str


@dataclass(frozen=True, slots=True)
class PostPlan:
    """The annotations for one post; `problem` set means none is written (unreadable notes)."""

    post: Post
    notes: tuple[PlannedNote, ...]
    problem: str | None = None

    @property
    def to_write(self) -> tuple[PlannedNote, ...]:
        """The notes the import writes for this post."""
        if self.problem is not None:
            return ()
        return tuple(note for note in self.notes if note.action in WRITTEN)


@dataclass(frozen=True, slots=True)
class Unmatched:
    """An annotation no post was found for, and why."""

    incoming: Incoming
    reason: str


@dataclass(frozen=True, slots=True)
class ImportPlan:
    """Everything an import would do; `apply_plan` carries it out."""

    file_name: str
    parsed: ParsedFile
    posts: tuple[PostPlan, ...]
    unmatched: tuple[Unmatched, ...]
    skipped: tuple[Skipped, ...] = field(default_factory=tuple)

    def count(self, action: str) -> int:
        """How many annotations get `action` (in posts whose notes can be written)."""
        return sum(
            1
            for post in self.posts
            if post.problem is None
            for n in post.notes
            if n.action == action
        )

    @property
    def to_write(self) -> int:
        """How many annotations the import writes."""
        return sum(len(post.to_write) for post in self.posts)

    @property
    def posts_to_write(self) -> int:
        """How many posts' notes files the import writes."""
        return sum(1 for post in self.posts if post.to_write)


def derive_id(incoming: Incoming) -> str:
    """The id to keep: reader's own (urn:uuid:…), a UUID, or one derived from the source id."""
    source = incoming.source_id.strip()
    if source.lower().startswith(_URN):
        kept = source[len(_URN) :]
        if kept and len(kept) <= 200 and not any(c.isspace() for c in kept):
            return kept
    try:
        return str(uuid.UUID(source))
    except ValueError:
        pass
    if source:
        kind = "hypothesis" if incoming.origin == HYPOTHESIS else "w3c"
        return str(uuid.uuid5(_ID_NAMESPACE, f"{kind}:{source}"))
    content = [
        incoming.label(),
        incoming.exact,
        incoming.prefix,
        incoming.suffix,
        incoming.note,
        incoming.created.isoformat() if incoming.created else "",
    ]
    return str(uuid.uuid5(_ID_NAMESPACE, json.dumps(content, ensure_ascii=False)))


def _times(incoming: Incoming) -> tuple[datetime, datetime]:
    created = incoming.created or incoming.modified or UNKNOWN_TIME
    return created, incoming.modified or created


def _same_content(a: Annotation, b: Annotation) -> bool:
    return (a.note, a.tags, a.color, a.side, a.aspect, a.target.exact) == (
        b.note,
        b.tags,
        b.color,
        b.side,
        b.aspect,
        b.target.exact,
    )


def _action(incoming: Annotation, existing: Annotation | None) -> str:
    if existing is None:
        return NEW
    if existing.is_deleted:
        return DELETED
    if _same_content(incoming, existing):
        return PRESENT
    return UPDATE if incoming.modified > existing.modified else KEPT


def existing_notes(store: NotesStore, post: Post) -> NotesDocument:
    """The post's notes as kept now, read without writing anything (not even a copy aside)."""
    try:
        data = read_bytes(store.notes_path(post.path))
    except OSError as err:
        raise NotesFileError(err.strerror or str(err)) from err
    except NotesStoreError as err:
        raise NotesFileError(str(err)) from err
    if data is None:
        return NotesDocument(article=post.path, title=post.title)
    return parse_bytes(data, post.path)


def _article_text(library: Library, post: Post) -> str:
    path = library.root.joinpath(*post.path.split("/"))
    text = read_text(path)
    return render_post(text.body, post_dir=path.parent, library_root=library.root).text


def _plan_post(library: Library, store: NotesStore, post: Post, items: list[Incoming]) -> PostPlan:
    problem: str | None = None
    try:
        existing = existing_notes(store, post)
    except NotesFileError as err:
        problem = f"its notes file cannot be read ({err}); nothing is imported into it"
        existing = NotesDocument(article=post.path)
    text = _article_text(library, post)
    planned: list[PlannedNote] = []
    for incoming in items:
        target, status = place(text, incoming)
        created, modified = _times(incoming)
        annotation = Annotation(
            id=derive_id(incoming),
            created=created,
            modified=modified,
            target=target,
            color=incoming.color or DEFAULT_COLOR,
            note=incoming.note,
            side=incoming.side,
            aspect=incoming.aspect,
            tags=incoming.tags,
        )
        action = _action(annotation, existing.get(annotation.id))
        planned.append(PlannedNote(incoming, annotation, status, action))
    adding = sum(1 for note in planned if note.action == NEW)
    if problem is None and len(existing.annotations) + adding > MAX_ANNOTATIONS:
        problem = (
            f"it would hold more than {MAX_ANNOTATIONS:,} notes, more than a notes file may; "
            "nothing is imported into it"
        )
    planned.sort(
        key=lambda note: (note.annotation.target.start is None, note.annotation.target.start or 0)
    )
    return PostPlan(post, tuple(planned), problem)


def _newest_per_id(items: Iterable[Incoming]) -> tuple[list[Incoming], list[Skipped]]:
    """One entry per id (the most recently modified); the others are reported as repeats."""
    chosen: dict[str, Incoming] = {}
    repeats: list[Skipped] = []
    for incoming in items:
        ident = derive_id(incoming)
        held = chosen.get(ident)
        if held is None:
            chosen[ident] = incoming
            continue
        newer, older = (
            (incoming, held) if _times(incoming)[1] > _times(held)[1] else (held, incoming)
        )
        chosen[ident] = newer
        repeats.append(
            Skipped(older.index, f"the same annotation as entry {newer.index}", older.label())
        )
    return list(chosen.values()), repeats


def build_plan(
    library: Library,
    store: NotesStore,
    parsed: ParsedFile,
    file_name: str,
    progress: Progress | None = None,
) -> ImportPlan:
    """Match, place and compare every annotation of `parsed`; writes nothing."""
    matcher = PostMatcher(library)
    unique, repeats = _newest_per_id(parsed.incoming)
    by_post: dict[str, tuple[Post, list[Incoming]]] = {}
    unmatched: list[Unmatched] = []
    for incoming in unique:
        found = matcher.match(incoming)
        if found.post is None:
            unmatched.append(Unmatched(incoming, found.how))
        else:
            by_post.setdefault(found.post.path, (found.post, []))[1].append(incoming)
    plans: list[PostPlan] = []
    for done, (post, items) in enumerate(by_post.values(), start=1):
        plans.append(_plan_post(library, store, post, items))
        if progress is not None:
            progress(done, len(by_post))
    plans.sort(key=lambda plan: plan.post.path)
    skipped = tuple(sorted([*parsed.skipped, *repeats], key=lambda item: item.index))
    return ImportPlan(file_name, parsed, tuple(plans), tuple(unmatched), skipped)
