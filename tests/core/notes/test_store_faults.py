"""Disk faults while saving: full disk, read-only or forbidden folders, a notes folder deleted
or replaced while the app runs. Each must give a clear error, change nothing on disk, drop
nothing the caller holds, and let the next possible save succeed.

Tests run as root in CI, so faults are injected by patching os functions or by putting a file
where a folder should be, never by chmod.
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from reader.core.notes import atomic
from reader.core.notes.records import NotesDocument, Target, new_annotation
from reader.core.notes.store import NotesReadOnlyError, NotesSaveError, NotesStore
from reader.core.notes.yaml_load import load_document

POST = "post.md"


@pytest.fixture
def library(tmp_path: Path) -> Path:
    root = tmp_path / "library"
    root.mkdir()
    (root / POST).write_text("# Post\n", encoding="utf-8")
    return root


def _doc(*quotes: str) -> NotesDocument:
    return NotesDocument(article=POST, annotations=tuple(new_annotation(Target(q)) for q in quotes))


def _quotes(path: Path) -> set[str]:
    return {a.target.exact for a in load_document(path.read_text("utf-8")).annotations}


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def _raiser(code: int) -> Callable[..., None]:
    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(code, os.strerror(code))

    return fail


# Where the fault strikes while writing: creating the temp file, flushing it, renaming it.
FAULTS = [
    pytest.param(tempfile, "mkstemp", errno.ENOSPC, id="full-disk-create"),
    pytest.param(os, "fsync", errno.ENOSPC, id="full-disk-flush"),
    pytest.param(os, "fsync", errno.EIO, id="io-error-flush"),
    pytest.param(os, "replace", errno.EDQUOT, id="quota-rename"),
    pytest.param(tempfile, "mkstemp", errno.EROFS, id="read-only-fs"),
    pytest.param(os, "replace", errno.EACCES, id="permission-rename"),
    pytest.param(tempfile, "mkstemp", errno.EPERM, id="not-permitted"),
]


@pytest.mark.parametrize(("module", "name", "code"), FAULTS)
def test_failed_save_changes_nothing_and_the_retry_keeps_everything(
    library: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    module: object,
    name: str,
    code: int,
) -> None:
    store = NotesStore(library, tmp_path / "notes")  # explicit folder: no fallback
    store.save(POST, _doc("saved before"))
    path = store.notes_path(POST)
    before = path.read_bytes()
    pending = _doc("typed while the disk was full", "and another")

    monkeypatch.setattr(module, name, _raiser(code))
    with pytest.raises(NotesSaveError) as info:
        store.save(POST, pending)
    monkeypatch.undo()

    message = str(info.value)
    assert os.strerror(code) in message and "kept in memory" in message
    assert str(path.parent) in message
    assert path.read_bytes() == before and _leftovers(path.parent) == []
    assert {a.target.exact for a in pending.annotations} == {
        "typed while the disk was full",
        "and another",
    }
    saved = store.save(POST, pending)  # the disk has room again
    assert (
        _quotes(path)
        == {a.target.exact for a in saved.annotations}
        == {
            "saved before",
            "typed while the disk was full",
            "and another",
        }
    )


@pytest.mark.parametrize("code", [errno.EROFS, errno.EACCES])
def test_library_notes_becoming_unwritable_fall_back_to_the_user_folder(
    library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    store = NotesStore(library, fallback_base=tmp_path / "user-data")
    store.save(POST, _doc("first"))
    library_copy = store.notes_path(POST)
    real_replace = os.replace

    def refuse_in_library(src: str, dst: str) -> None:
        if Path(dst).is_relative_to(library):
            raise OSError(code, os.strerror(code))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", refuse_in_library)
    saved = store.save(POST, _doc("second"))
    assert store.fallback_reason is not None and os.strerror(code) in store.fallback_reason
    assert store.notes_path(POST).is_relative_to(tmp_path / "user-data")
    assert _quotes(store.notes_path(POST)) == {"first", "second"}  # the library copy is read
    assert {a.target.exact for a in saved.annotations} == {"first", "second"}
    assert _quotes(library_copy) == {"first"}


def test_notes_folder_deleted_while_running_is_recreated(library: Path, tmp_path: Path) -> None:
    store = NotesStore(library, fallback_base=tmp_path / "user-data")
    held = store.save(POST, _doc("one", "two"))
    shutil.rmtree(store.notes_root)
    assert store.changed_on_disk(POST)
    assert store.load(POST).document.annotations == ()  # what is on disk: nothing
    saved = store.save(POST, held.with_annotation(new_annotation(Target("three"))))
    assert store.fallback_reason is None
    assert _quotes(store.notes_path(POST)) == {"one", "two", "three"}
    assert len(saved.annotations) == 3


def test_notes_folder_replaced_by_a_file_then_restored(library: Path, tmp_path: Path) -> None:
    notes = tmp_path / "synced-notes"
    store = NotesStore(library, notes)
    held = store.save(POST, _doc("kept"))
    shutil.rmtree(notes)
    notes.write_text("a sync tool put a file here", encoding="utf-8")
    with pytest.raises(NotesSaveError, match="kept in memory") as info:
        store.save(POST, held)
    assert str(notes) in str(info.value)
    assert notes.read_text("utf-8") == "a sync tool put a file here"
    notes.unlink()
    store.save(POST, held)
    assert _quotes(store.notes_path(POST)) == {"kept"}


def test_lock_that_cannot_be_taken_is_a_save_error(
    library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = NotesStore(library, tmp_path / "notes")
    real_open = os.open

    def no_lock(path: str, flags: int, mode: int = 0o777) -> int:
        if str(path).endswith(".reader.lock"):
            raise OSError(errno.EACCES, "Permission denied")
        return real_open(path, flags, mode)

    monkeypatch.setattr(os, "open", no_lock)
    with pytest.raises(NotesSaveError, match="Permission denied"):
        store.save(POST, _doc("waiting"))
    monkeypatch.undo()
    store.save(POST, _doc("waiting"))
    assert _quotes(store.notes_path(POST)) == {"waiting"}


@pytest.mark.parametrize("code", [errno.EACCES, errno.EIO])
def test_notes_file_that_cannot_be_read_is_never_written_over(
    library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    store = NotesStore(library, tmp_path / "notes")
    store.save(POST, _doc("on disk"))
    path = store.notes_path(POST)
    before = path.read_bytes()
    real_open = os.open
    real_path = os.path.realpath(path)

    def unreadable(name: str, flags: int, *args: int, **kwargs: int) -> int:
        if os.fspath(name) == real_path and not flags & (os.O_WRONLY | os.O_RDWR):
            raise OSError(code, os.strerror(code), str(name))
        return real_open(name, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", unreadable)
    result = store.load(POST)
    assert result.read_only and result.problem is not None
    assert os.strerror(code) in result.problem.message
    with pytest.raises(NotesReadOnlyError):
        store.save(POST, _doc("would replace what could not be read"))
    monkeypatch.undo()
    assert path.read_bytes() == before
    store.save(POST, _doc("after the fix"))
    assert _quotes(path) == {"on disk", "after the fix"}


def test_atomic_write_leaves_the_old_bytes_when_interrupted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "file.yaml"
    target.write_bytes(b"old")
    monkeypatch.setattr(os, "fsync", _raiser(errno.ENOSPC))
    with pytest.raises(OSError, match="No space"):
        atomic.atomic_write_bytes(target, b"new" * 1000)
    assert target.read_bytes() == b"old" and _leftovers(tmp_path) == []
