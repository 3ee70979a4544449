"""The open post's annotations: load, anchor, change (undoably), save soon, reload on disk change.

Holds no widgets. Every change goes through a QUndoCommand, is saved within a second, and is
kept in memory (and retried) when the disk refuses it, so nothing a person makes is lost.
Each post keeps its own undo history (one QUndoStack per post in a QUndoGroup, the open post's
active), so switching to another post and back never loses it.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoGroup, QUndoStack

from reader.core.anchoring.reanchor import (
    ReanchorResult,
    confirm_target,
    reanchor_annotations,
    reanchor_document,
    suggestion,
)
from reader.core.anchoring.targets import Anchor, AnchorStatus, make_target
from reader.core.library.post import Post
from reader.core.notes import records as notes
from reader.core.notes.records import Annotation, NotesDocument
from reader.core.notes.sides import post_sides
from reader.core.notes.store import NotesSaveError, NotesStore, NotesStoreError

SAVE_DELAY_MS = 400
RETRY_DELAY_MS = 3000


class AnnotationSession(QObject):
    """One post's notes while it is open in the window."""

    changed = Signal()  # the annotations, their anchors or the sides changed
    message = Signal(str)  # something the person should read in the status bar
    saved = Signal()
    reloaded = Signal()  # the notes file changed on disk and was read again

    def __init__(self, undo_group: QUndoGroup, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.undo_group = undo_group
        self._stacks: dict[str, QUndoStack] = {}
        self.undo_stack = self._stack_for("")
        self.store: NotesStore | None = None
        self.post: Post | None = None
        self.article_text = ""
        self.document = NotesDocument(article="")
        self.anchors: dict[str, Anchor | None] = {}
        self.results: dict[str, ReanchorResult] = {}
        self._suggestions: dict[str, Anchor | None] = {}  # orphans' suggestions, made on demand
        self.read_only = False
        self.dirty = False
        self.last_error: str | None = None  # why the last save failed, until one succeeds
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._watcher = QFileSystemWatcher(self)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self._save_timer.timeout.connect(self.flush)
        self._watcher.fileChanged.connect(self._on_file_changed)
        self._watcher.directoryChanged.connect(self._on_file_changed)

    # -- opening ---------------------------------------------------------------------------
    def set_store(self, store: NotesStore | None) -> None:
        """Use `store` for the library now open (saving what is pending first)."""
        self.flush()
        self.store = store
        self.post = None
        for stack in self._stacks.values():  # another library: other posts, other histories
            self.undo_group.removeStack(stack)
            stack.deleteLater()
        self._stacks.clear()
        self.undo_stack = self._stack_for("")

    def _stack_for(self, path: str) -> QUndoStack:
        """The undo history of the post at `path` (made on first use), now the active one."""
        stack = self._stacks.get(path)
        if stack is None:
            stack = QUndoStack(self.undo_group)
            self._stacks[path] = stack
        self.undo_group.setActiveStack(stack)
        return stack

    def open_post(self, post: Post, article_text: str) -> None:
        """Load `post`'s notes and anchor them in its article text."""
        same_post = self.post is not None and self.post.path == post.path
        saved = self.flush()  # pending changes reach the disk before anything is read again
        self.undo_stack = self._stack_for(post.path)
        self.post = post
        self.article_text = article_text
        if same_post and not saved:
            self._anchor_all()  # the disk refused: keep what is in memory, in the new text
        else:
            self.read_only = False
            self.document = NotesDocument(article=post.path, title=post.title)
            if self.store is not None:
                self._load()
        self._watch()
        self.changed.emit()

    def _load(self) -> None:
        assert self.store is not None and self.post is not None
        try:
            result = self.store.load(self.post.path)
        except (NotesStoreError, OSError, ValueError) as error:
            self.read_only = True
            self.message.emit(f"Notes for this post cannot be read: {error}")
            return
        self.document = result.document
        if not self.document.title:
            self.document = NotesDocument(
                article=self.post.path,
                title=self.post.title,
                sides=self.document.sides,
                annotations=self.document.annotations,
                extra=self.document.extra,
            )
        self.read_only = result.read_only
        if result.merged_conflicts:
            names = ", ".join(result.merged_conflicts)
            self.message.emit(f"Merged sync-conflict copies of these notes ({names}); archived.")
        if result.problem is not None:
            self.message.emit(f"{result.problem.message} — notes for this post are read-only.")
        self._anchor_all()

    def _anchor_all(self) -> None:
        self._suggestions = {}
        results = reanchor_document(self.article_text, self.document)
        self.results = {result.annotation_id: result for result in results}
        self.anchors = {result.annotation_id: result.anchor for result in results}

    def suggestion(self, annotation_id: str) -> Anchor | None:
        """For an orphan: the passage most like its quote now, offered for one-click re-attach."""
        current = self.get(annotation_id)
        if current is None or self.anchors.get(annotation_id) is not None:
            return None
        if annotation_id not in self._suggestions:
            self._suggestions[annotation_id] = suggestion(self.article_text, current.target)
        return self._suggestions[annotation_id]

    def status(self, annotation_id: str) -> AnchorStatus:
        """anchored, moved, fuzzy or orphaned (as found when the post was opened or edited)."""
        result = self.results.get(annotation_id)
        return result.status if result is not None else AnchorStatus.ORPHANED

    def orphans(self) -> list[Annotation]:
        """Annotations whose passage is gone: kept, listed, never dropped."""
        return [item for item in self.live() if self.anchors.get(item.id) is None]

    # -- reading ---------------------------------------------------------------------------
    def live(self) -> tuple[Annotation, ...]:
        """The annotations shown (no tombstones), in document order."""
        return self.document.live()

    def get(self, annotation_id: str) -> Annotation | None:
        """One annotation, if it exists and is not deleted."""
        found = self.document.get(annotation_id)
        return None if found is None or found.is_deleted else found

    def sides(self) -> tuple[str, ...]:
        """The sides this post compares (front matter, title, or set by the person)."""
        if self.post is None:
            return ()
        return post_sides(self.post, self.document.sides)

    def aspects(self) -> list[str]:
        """Aspects already used in this post's notes (completion adds the library's)."""
        return sorted({item.aspect for item in self.live() if item.aspect}, key=str.casefold)

    # -- changing (undoable) ---------------------------------------------------------------
    def create(
        self,
        start: int,
        end: int,
        *,
        color: str = notes.DEFAULT_COLOR,
        note: str = "",
        side: str | None = None,
        aspect: str | None = None,
        tags: Iterable[str] = (),
    ) -> str | None:
        """Highlight article text [start, end); returns the new annotation's id."""
        if not self._writable() or end <= start:
            return None
        target = make_target(self.article_text, start, end)
        item = notes.new_annotation(
            target, color=color, note=note, side=side, aspect=aspect, tags=tags
        )
        self.undo_stack.push(_Change(self, None, item, "Highlight"))
        return item.id

    def update(self, annotation_id: str, label: str = "Edit note", **fields: object) -> None:
        """Change fields (color, note, side, aspect, tags) of one annotation."""
        current = self.get(annotation_id)
        if current is None or not self._writable():
            return
        result = self.results.get(annotation_id)
        fuzzy = result is not None and result.status is AnchorStatus.FUZZY
        if fuzzy and "target" not in fields and result is not None and result.anchor is not None:
            # Editing a note whose passage was found approximately confirms where it is now.
            current = confirm_target(current, result.anchor, self.article_text)
        changed = notes.edit(current, **fields)  # type: ignore[arg-type]
        self.undo_stack.push(_Change(self, self.get(annotation_id) or current, changed, label))

    def remove(self, annotation_id: str) -> None:
        """Delete one annotation (kept as a tombstone in the file)."""
        current = self.get(annotation_id)
        if current is None or not self._writable():
            return
        self.undo_stack.push(_Change(self, current, notes.delete(current), "Delete highlight"))

    def reattach(self, annotation_id: str, start: int, end: int) -> None:
        """Give an orphan (or any note) a new passage: article text [start, end)."""
        current = self.get(annotation_id)
        if current is None or end <= start or not self._writable():
            return
        anchor = Anchor(start, end, AnchorStatus.ANCHORED)
        changed = confirm_target(current, anchor, self.article_text)
        self.undo_stack.push(_Change(self, current, changed, "Re-attach note"))

    def confirm(self, annotation_id: str) -> None:
        """Accept a fuzzy match: store the passage where it was found now."""
        current = self.get(annotation_id)
        result = self.results.get(annotation_id)
        if current is None or result is None or result.anchor is None or not self._writable():
            return
        changed = confirm_target(current, result.anchor, self.article_text)
        self.undo_stack.push(_Change(self, current, changed, "Confirm passage"))

    def set_user_sides(self, sides: Iterable[str]) -> None:
        """The person names the sides of a post that does not say them itself."""
        if self._writable():
            self.document = self.document.with_sides(tuple(sides))
            self._mark_dirty()

    def _writable(self) -> bool:
        if self.post is None:
            return False
        if self.read_only:
            self.message.emit("Notes for this post are read-only until its notes file is fixed.")
            return False
        return True

    def apply(self, annotation: Annotation) -> None:
        """Put `annotation` (a new version) into the document; used by undo commands."""
        self.document = self.document.with_annotation(annotation)
        self._suggestions.pop(annotation.id, None)
        if annotation.is_deleted:
            self.anchors.pop(annotation.id, None)
            self.results.pop(annotation.id, None)
        else:
            (result,) = reanchor_annotations(self.article_text, [annotation])
            self.results[annotation.id] = result
            self.anchors[annotation.id] = result.anchor
        self._mark_dirty()

    def _mark_dirty(self) -> None:
        self.dirty = True
        self._save_timer.start(SAVE_DELAY_MS)
        self.changed.emit()

    # -- saving and reloading --------------------------------------------------------------
    def flush(self) -> bool:
        """Save now if anything is pending; False (and a retry later) if the disk refused."""
        self._save_timer.stop()
        if not self.dirty or self.store is None or self.post is None:
            return True
        ours = self.document.annotations
        try:
            self.document = self.store.save(self.post.path, self.document)
        except (NotesSaveError, OSError) as error:
            self.last_error = str(error)
            self.message.emit(f"Notes not saved yet (kept in memory, retrying): {error}")
            self._save_timer.start(RETRY_DELAY_MS)
            return False
        self.dirty = False
        self.last_error = None
        if self.document.annotations != ours:  # the merge brought in notes from the disk
            self._anchor_all()
            self.changed.emit()
        if self.store.last_merged_conflicts:  # a sync tool's copy arrived while it was open
            names = ", ".join(self.store.last_merged_conflicts)
            self.message.emit(f"Merged sync-conflict copies of these notes ({names}); archived.")
        self._watch()
        self.saved.emit()
        return True

    def _watch(self) -> None:
        watched = self._watcher.files() + self._watcher.directories()
        if watched:
            self._watcher.removePaths(watched)
        if self.store is None or self.post is None:
            return
        try:
            path = self.store.notes_path(self.post.path)
        except (NotesStoreError, ValueError):
            return
        existing = [str(p) for p in (path, path.parent) if Path(p).exists()]
        if not existing:  # no notes folder yet: watch the nearest folder that is there
            folder, limit = path.parent, self.store.notes_root.parent
            while folder != limit and folder.parent != folder and not folder.exists():
                folder = folder.parent
            existing = [str(folder)] if folder.exists() else []
        if existing:
            self._watcher.addPaths(existing)

    def _on_file_changed(self, _path: str) -> None:
        if self.store is None or self.post is None:
            return
        try:
            changed = self.store.changed_on_disk(self.post.path)
        except (NotesStoreError, OSError, ValueError):
            return
        if not changed:
            self._watch()
            return
        if self.dirty:
            self.flush()  # saving merges the file on disk with ours
        self._load()
        self._watch()
        self.message.emit("Notes changed on disk and were reloaded.")
        self.changed.emit()
        self.reloaded.emit()


class _Change(QUndoCommand):
    """Replace one annotation's version by another (create, edit or delete), undoably."""

    def __init__(
        self, session: AnnotationSession, before: Annotation | None, after: Annotation, text: str
    ) -> None:
        super().__init__(text)
        self._session = session
        self._before = before
        self._after = after

    def redo(self) -> None:
        current = self._session.document.get(self._after.id)
        if current is None or self._before is None:
            self._session.apply(self._after if current is None else notes.restore(current))
            return
        self._session.apply(_same_fields(self._after, current))

    def undo(self) -> None:
        current = self._session.document.get(self._after.id)
        if current is None:
            return
        if self._before is None:
            self._session.apply(notes.delete(current))
        else:
            self._session.apply(_same_fields(self._before, current))


def _same_fields(wanted: Annotation, current: Annotation) -> Annotation:
    """`current` edited to carry `wanted`'s content, newer than both (so it wins merges)."""
    if wanted.is_deleted:
        return notes.delete(current)
    return notes.edit(
        current,
        color=wanted.color,
        note=wanted.note,
        side=wanted.side,
        aspect=wanted.aspect,
        tags=wanted.tags,
        target=wanted.target,
    )
