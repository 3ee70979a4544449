"""Where each post's notes file lives, and loading and saving it without ever losing a note.

Every save re-reads the file under a lock and merges by id before an atomic write, so another
app instance, a sync tool or a hand edit is never clobbered (a file still holding the bytes
this store last read or wrote is hashed, not parsed again). A file that cannot be read is
never written over: a copy is set aside and that post's notes stay read-only until it is fixed.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import os
import re
from pathlib import Path, PurePath

from reader.core.library.problems import Problem
from reader.core.library.safe_files import SafeReader, describe_refusal
from reader.core.notes import sync_conflicts
from reader.core.notes.atomic import atomic_write_bytes, locked, remove_stale_temps
from reader.core.notes.files import (
    ParsedCache,
    Seen,
    digest_of,
    parse_bytes,
    read_bytes,
    stat_key,
)
from reader.core.notes.load_result import LoadResult, broken_result
from reader.core.notes.merge import merge_documents
from reader.core.notes.notes_root import (
    default_fallback_base,
    fallback_folder,
    keys_under,
    leads_outside,
    notes_file_under,
    notes_key,
    ships_with_reader,
    unusable,
)
from reader.core.notes.records import NotesDocument
from reader.core.notes.store_errors import (
    FolderError,
    NotesPathError,
    NotesReadOnlyError,
    NotesSaveError,
    NotesStoreError,
    folder_error,
)
from reader.core.notes.yaml_dump import dump_document_exact
from reader.core.notes.yaml_load import MAX_BYTES, NotesFileError

NOTES_FOLDER = ".annotations"
LOCK_NAME = ".reader.lock"
_DRIVE = re.compile(r"^[A-Za-z]:")
_FOLDER_ERRNOS = {errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOTDIR, errno.EEXIST}


class NotesStore:
    """The notes files of one library: `<notes_root>/<post path>.yaml`."""

    def __init__(
        self,
        library_root: Path,
        notes_dir: Path | None = None,
        *,
        fallback_base: Path | None = None,
        read_only: bool = False,
    ) -> None:
        self.library_root = Path(library_root)
        self.read_only = read_only  # check and export: nothing is ever written, moved or copied
        self._explicit = notes_dir is not None
        self._default_root = self.library_root / NOTES_FOLDER
        self._fallback_base = fallback_base
        self.fallback_reason: str | None = None
        self.notes_root = Path(notes_dir) if notes_dir is not None else self._default_root
        self._seen: dict[Path, Seen] = {}
        self._parsed = ParsedCache()  # saves re-read the file; unchanged bytes skip the parse
        self.last_merged_conflicts: tuple[str, ...] = ()  # what the last save merged in
        outside = leads_outside(self._default_root, self.library_root)
        self._default_inside = outside is None
        # Why the library's own notes folder is refused (a link leading out), to report.
        self.refused_root = None if self._explicit or outside is None else f"{outside}; refused"
        if not self._explicit:
            reason = outside or ships_with_reader(self.library_root)
            reason = reason or unusable(self._default_root)
            if reason is not None:
                self._use_fallback(reason)

    # --- paths ---------------------------------------------------------------------------

    @property
    def fallback_root(self) -> Path:
        """This library's folder inside the per-user data folder."""
        return fallback_folder(self.library_root, self._fallback_base or default_fallback_base())

    def _use_fallback(self, reason: str) -> None:
        self.notes_root = self.fallback_root
        self.fallback_reason = f"{reason}; notes are kept in {self.notes_root}"

    def notes_path(self, post_path: str | PurePath) -> Path:
        """The notes file of a post given relative to the library; never outside the root."""
        return notes_file_under(self.notes_root, notes_key(post_path))

    def _sources(self, key: str) -> list[Path]:
        """Files to read: the one written to, then (in fallback) the library's own copy."""
        paths = [notes_file_under(self.notes_root, key)]
        if self.fallback_reason is not None and not self._explicit and self._default_inside:
            try:
                library_copy = notes_file_under(self._default_root, key)
            except NotesPathError:
                return paths
            if os.path.lexists(library_copy):
                paths.append(library_copy)
        return paths + [c for p in paths for c in sync_conflicts.find_copies(p)]

    def has_notes(self, post_path: str | PurePath) -> bool:
        """True when something is where this post's notes would be read from (a regular
        file or not: a FIFO or a folder there is a problem to report, not "no notes")."""
        try:
            return any(os.path.lexists(path) for path in self._sources(notes_key(post_path)))
        except NotesStoreError:
            return True  # a notes folder leading out: `load` says why

    def notes_signature(self, post_path: str | PurePath) -> tuple[int, int] | None:
        """(size, mtime_ns) of the file `peek` would read first, None when there is none: a
        cheap sign, for an index, that a post's notes changed."""
        try:
            sources = self._sources(notes_key(post_path))
        except NotesStoreError:
            return None
        for path in sources:
            if sync_conflicts.is_copy_name(path.name):
                continue
            try:
                info = os.stat(path)
            except OSError:
                continue
            return (info.st_size, info.st_mtime_ns)
        return None

    def noted_posts(self) -> set[str]:
        """Posts that may have notes: a notes file where `notes_signature` looks (one walk)."""
        roots = [self.notes_root]
        if self.fallback_reason is not None and not self._explicit and self._default_inside:
            roots.append(self._default_root)
        return {key for root in roots for key in keys_under(root)}

    def reader(self) -> SafeReader:
        """The reader of notes files: inside the notes root (and, in fallback, the library's
        own notes folder), regular files only, at most MAX_BYTES."""
        roots = [self.notes_root]
        if self._default_inside:
            roots.append(self._default_root)
        return SafeReader(roots, "the notes folder")

    def _root_of(self, path: Path) -> Path:
        return self.notes_root if path.is_relative_to(self.notes_root) else self._default_root

    # --- reading -------------------------------------------------------------------------

    def _read(self, path: Path, reader: SafeReader) -> bytes | None:
        return read_bytes(path, reader, MAX_BYTES)

    def _parse(self, data: bytes, key: str, path: Path | None = None) -> NotesDocument:
        """The document in `data`; for the file written to, parsed once per content."""
        if path is None:
            return parse_bytes(data, key)
        return self._parsed.parse(path, data, key)

    def _remember(self, path: Path, data: bytes | None) -> str | None:
        digest = None if data is None else digest_of(data)
        self._seen[path] = Seen(stat_key(path), digest)
        return digest

    def _broken(
        self,
        path: Path,
        key: str,
        data: bytes | None,
        why: str,
        reader: SafeReader,
        *,
        remember: bool = True,
    ) -> LoadResult:
        result = broken_result(
            path, key, data, why, reader, set_aside_copy=remember and not self.read_only
        )
        if remember:
            self._remember(path, data)
        return result

    def load(self, post_path: str | PurePath, *, settle_conflicts: bool = True) -> LoadResult:
        """Read a post's notes; a broken file is reported, kept, copied aside, made read-only.

        Conflict copies are merged in and named in `merged_conflicts`; with `settle_conflicts`
        the merge is also saved and the copies archived (left in place if that fails). A
        read-only store (check, export) does neither and sets nothing aside.
        """
        key = notes_key(post_path)
        result = self._gather(key, self._sources(key), remember=True)
        if result.merged_conflicts and settle_conflicts and not self.read_only:
            with contextlib.suppress(NotesStoreError):
                document = self.save(key, result.document)
                result = dataclasses.replace(result, document=document)
        return result

    def peek(self, post_path: str | PurePath) -> LoadResult:
        """A post's notes as they are on disk, changing nothing (not even what this store
        remembers of the file): the search index and the aspect list read this way, from
        the notes file alone, without its conflict copies."""
        key = notes_key(post_path)
        sources = [s for s in self._sources(key) if not sync_conflicts.is_copy_name(s.name)]
        return self._gather(key, sources, remember=False)

    def _gather(self, key: str, sources: list[Path], *, remember: bool) -> LoadResult:
        path = sources[0]
        reader = self.reader()
        document = NotesDocument(article=key)
        problems: list[Problem] = []
        merged: list[str] = []
        for index, source in enumerate(sources):
            data: bytes | None = None
            try:
                data = self._read(source, reader)
                if data is None:
                    if index == 0 and remember:
                        self._remember(source, None)
                    continue
                loaded = self._parse(data, key, source if index == 0 and remember else None)
            except (NotesFileError, OSError) as err:
                why = describe_refusal(err) if isinstance(err, OSError) else str(err)
                if index == 0:
                    return self._broken(source, key, data, why, reader, remember=remember)
                problems.append(
                    Problem(str(source), "notes", f"notes file {source} ignored: {why}")
                )
                continue
            if index == 0 and remember:
                self._remember(source, data)
            if sync_conflicts.copy_of(path.name, source.name) or (
                index == 0 and sync_conflicts.has_markers(data.decode("utf-8"))
            ):
                merged.append(source.name)
            document = merge_documents(document, loaded) if index else loaded
        document = dataclasses.replace(document, article=key)
        return LoadResult(document, tuple(problems), False, path, merged_conflicts=tuple(merged))

    def changed_on_disk(self, post_path: str | PurePath) -> bool:
        """True when the notes file differs from what this store last read or wrote."""
        path = self.notes_path(post_path)
        seen = self._seen.get(path, Seen(None, None))
        now = stat_key(path)
        if now == seen.stat:
            return False
        try:
            data = read_bytes(path, self.reader()) if now else None
        except NotesFileError:
            return True  # too large now: certainly not what this store wrote
        except OSError:
            data = None
        digest = digest_of(data) if data is not None else None
        if digest == seen.digest:
            self._seen[path] = Seen(now, digest)  # touched, not changed
            return False
        return True

    # --- writing -------------------------------------------------------------------------

    def save(self, post_path: str | PurePath, document: NotesDocument) -> NotesDocument:
        """Merge `document` with the file on disk and write the result atomically.

        Returns the merged document. Raises NotesReadOnlyError when the file on disk cannot
        be read, NotesSaveError when it cannot be written; `document` is never changed.
        """
        key = notes_key(post_path)
        if self.read_only:
            raise NotesReadOnlyError("these notes were opened read-only; nothing is written")
        try:
            return self._save_in(self.notes_root, key, document)
        except FolderError as err:
            if self._explicit or self.fallback_reason is not None:
                raise NotesSaveError(str(err)) from err
            self._use_fallback(str(err))
        try:
            return self._save_in(self.notes_root, key, document)
        except FolderError as err:
            raise NotesSaveError(str(err)) from err

    def _save_in(self, root: Path, key: str, document: NotesDocument) -> NotesDocument:
        path = notes_file_under(root, key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise folder_error(path.parent, err) from err
        with contextlib.ExitStack() as stack:
            try:
                stack.enter_context(locked(root / LOCK_NAME))
            except OSError as err:
                raise folder_error(root, err) from err
            return self._merge_and_write(path, key, document)

    def _merge_and_write(self, path: Path, key: str, document: NotesDocument) -> NotesDocument:
        ours = dataclasses.replace(document, article=key)
        merged = ours
        current: bytes | None = None
        copies: list[Path] = []
        self.last_merged_conflicts = ()
        reader = self.reader()
        for index, source in enumerate(self._sources(key)):
            try:
                data = self._read(source, reader)
                if data is None:
                    continue
                theirs = self._parse(data, key, source if index == 0 else None)
            except (NotesFileError, OSError) as err:
                if index == 0:
                    raise NotesReadOnlyError(
                        f"notes file {source} cannot be read ({err}); it is not written over. "
                        "Fix or remove it, then save again."
                    ) from err
                continue
            if index == 0:
                current = data
            elif sync_conflicts.copy_of(path.name, source.name):
                copies.append(source)
            merged = merge_documents(merged, theirs)
        merged = dataclasses.replace(merged, needs_write=False)
        if current is None and not (merged.annotations or merged.sides or merged.extra):
            return merged  # nothing to keep: no empty files for posts never annotated
        text, exact = dump_document_exact(merged)
        payload = text.encode("utf-8")
        marked = current is not None and sync_conflicts.has_markers(current.decode("utf-8"))
        if payload != current:
            remove_stale_temps(path.parent)  # what a writer killed mid-save left behind
            try:
                if marked and current is not None:
                    sync_conflicts.keep_marked(path, current, self._root_of(path))
                atomic_write_bytes(path, payload)
            except OSError as err:
                if err.errno in _FOLDER_ERRNOS:
                    raise folder_error(path.parent, err) from err
                raise NotesSaveError(
                    f"could not write notes to {path}: {err.strerror or err}; "
                    "they are kept in memory, try again"
                ) from err
        digest = self._remember(path, payload)
        if exact and digest is not None:  # the file holds just `merged`: no parse next save
            self._parsed.put(path, digest, key, merged)
        else:
            self._parsed.forget(path)
        self.last_merged_conflicts = (path.name,) if marked else ()
        for copy in copies:  # merged and written: now archive (if this fails, merge again)
            with contextlib.suppress(OSError):
                sync_conflicts.archive(copy, self._root_of(copy))
                self.last_merged_conflicts += (copy.name,)
        return merged


__all__ = [
    "LOCK_NAME",
    "NOTES_FOLDER",
    "LoadResult",
    "NotesPathError",
    "NotesReadOnlyError",
    "NotesSaveError",
    "NotesStore",
    "NotesStoreError",
    "default_fallback_base",
]
