"""Sync conflicts: copies left by Syncthing, Dropbox and git are merged by id and archived."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from reader.core.notes import sync_conflicts
from reader.core.notes.records import Annotation, NotesDocument, Target, delete, edit
from reader.core.notes.store import NotesStore
from reader.core.notes.sync_conflicts import ARCHIVE_FOLDER, copy_of, split_markers
from reader.core.notes.yaml_dump import dump_document
from reader.core.notes.yaml_load import NotesFileError, load_document

POST = "blog/post.md"
T0 = datetime(2026, 11, 29, 10, 0, tzinfo=UTC)
SYNCTHING = "post.md.sync-conflict-20261129-101010-ABCDEFG.yaml"
DROPBOX = "post.md (Someone's conflicted copy 2026-11-29).yaml"


def _note(ident: str, note: str = "", minutes: int = 0) -> Annotation:
    stamp = T0 + timedelta(minutes=minutes)
    return Annotation(id=ident, created=T0, modified=stamp, target=Target(f"q-{ident}"), note=note)


def _doc(*items: Annotation) -> NotesDocument:
    return NotesDocument(article=POST, annotations=items)


@pytest.fixture
def store(tmp_path: Path) -> NotesStore:
    library = tmp_path / "library"
    (library / "blog").mkdir(parents=True)
    (library / POST).write_text("# Post\n", encoding="utf-8")
    return NotesStore(library, fallback_base=tmp_path / "user-data")


def _write(path: Path, document: NotesDocument) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dump_document(document), encoding="utf-8")


def _notes(document: NotesDocument) -> dict[str, str]:
    return {a.id: a.note for a in document.live()}


@pytest.mark.parametrize(
    "name",
    [
        SYNCTHING,
        "post.md.sync-conflict-20260101-000000-7.yaml",
        DROPBOX,
        "post.md (conflicted copy 2026-11-29 101010).yaml",
        "post.md (Jo's MacBook's Conflicted Copy).yaml",
    ],
)
def test_conflict_copy_names_are_recognised(name: str) -> None:
    assert copy_of("post.md.yaml", name)


@pytest.mark.parametrize(
    "name",
    [
        "post.md.yaml",
        "other.md.sync-conflict-20261129-101010-ABCDEFG.yaml",
        "post.md.sync-conflict-20261129-101010-ABCDEFG.yaml.tmp",
        "post.md.sync-conflict-2026-101010-ABCDEFG.yaml",
        "post.md.yaml.corrupt-20261129T101010",
        "post.mdx (conflicted copy).yaml",
        "post.md (copy).yaml",
        "post.md.md (conflicted copy).yaml",
    ],
)
def test_other_names_are_not_conflict_copies(name: str) -> None:
    assert not copy_of("post.md.yaml", name)


def test_syncthing_and_dropbox_copies_are_merged_reported_and_archived(store: NotesStore) -> None:
    path = store.notes_path(POST)
    _write(path, _doc(_note("a", "mine"), _note("b", "old", 0)))
    _write(path.with_name(SYNCTHING), _doc(_note("b", "newer on laptop", 5), _note("c", "laptop")))
    _write(path.with_name(DROPBOX), _doc(_note("d", "phone")))
    copies = {n: path.with_name(n).read_bytes() for n in (SYNCTHING, DROPBOX)}

    result = store.load(POST)

    assert set(result.merged_conflicts) == {SYNCTHING, DROPBOX}
    expected = {"a": "mine", "b": "newer on laptop", "c": "laptop", "d": "phone"}
    assert _notes(result.document) == expected
    assert _notes(load_document(path.read_text("utf-8"))) == expected  # saved merged
    archive = store.notes_root / ARCHIVE_FOLDER / "blog"
    for name, data in copies.items():
        assert not path.with_name(name).exists()
        assert (archive / name).read_bytes() == data  # moved with its name, never deleted
    again = store.load(POST)
    assert again.merged_conflicts == () and _notes(again.document) == expected


def test_tombstones_are_honoured_whichever_side_holds_them(store: NotesStore) -> None:
    path = store.notes_path(POST)
    alive = _note("x", "keep me?")
    gone = delete(alive, now=T0 + timedelta(hours=1))
    revived = edit(_note("y", "old"), note="edited later", now=T0 + timedelta(hours=2))
    _write(path, _doc(gone, delete(_note("y", "old"), now=T0 + timedelta(hours=1))))
    _write(path.with_name(SYNCTHING), _doc(alive, revived))
    document = store.load(POST).document
    assert document.get("x") == gone  # an older live copy never brings a deleted note back
    assert _notes(document) == {"y": "edited later"}  # an edit after the delete wins


def test_conflict_copy_without_the_main_file_becomes_the_notes(store: NotesStore) -> None:
    path = store.notes_path(POST)
    _write(path.with_name(DROPBOX), _doc(_note("a", "only here")))
    result = store.load(POST)
    assert result.merged_conflicts == (DROPBOX,)
    assert _notes(load_document(path.read_text("utf-8"))) == {"a": "only here"}


def test_saving_merges_copies_that_arrive_while_the_post_is_open(store: NotesStore) -> None:
    path = store.notes_path(POST)
    mine = store.save(POST, _doc(_note("a", "mine")))
    _write(path.with_name(SYNCTHING), _doc(_note("b", "synced in")))
    saved = store.save(POST, mine)
    assert _notes(saved) == {"a": "mine", "b": "synced in"}
    assert store.last_merged_conflicts == (SYNCTHING,)
    assert (store.notes_root / ARCHIVE_FOLDER / "blog" / SYNCTHING).is_file()


def test_archive_never_overwrites_an_earlier_archived_copy(store: NotesStore) -> None:
    path = store.notes_path(POST)
    _write(path, _doc(_note("a")))
    _write(path.with_name(DROPBOX), _doc(_note("b", "first")))
    store.load(POST)
    _write(path.with_name(DROPBOX), _doc(_note("c", "second")))
    store.load(POST)
    archive = store.notes_root / ARCHIVE_FOLDER / "blog"
    second = archive / DROPBOX.replace(".yaml", ".2.yaml")
    assert _notes(load_document((archive / DROPBOX).read_text("utf-8"))) == {"b": "first"}
    assert _notes(load_document(second.read_text("utf-8"))) == {"c": "second"}


def test_unreadable_copy_is_reported_and_left_in_place(store: NotesStore) -> None:
    path = store.notes_path(POST)
    _write(path, _doc(_note("a", "mine")))
    path.with_name(SYNCTHING).write_text("annotations: [\n", encoding="utf-8")
    result = store.load(POST)
    assert not result.read_only and result.merged_conflicts == ()
    assert result.problem is not None and SYNCTHING in result.problem.message
    assert path.with_name(SYNCTHING).is_file()
    assert _notes(result.document) == {"a": "mine"}


def test_without_settling_nothing_is_written_or_moved(store: NotesStore) -> None:
    path = store.notes_path(POST)
    _write(path, _doc(_note("a")))
    _write(path.with_name(SYNCTHING), _doc(_note("b")))
    before = path.read_bytes()
    result = store.load(POST, settle_conflicts=False)
    assert result.merged_conflicts == (SYNCTHING,) and len(result.document.annotations) == 2
    assert path.read_bytes() == before and path.with_name(SYNCTHING).is_file()


def test_archiving_that_fails_keeps_the_copy_for_next_time(
    store: NotesStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = store.notes_path(POST)
    _write(path, _doc(_note("a")))
    _write(path.with_name(SYNCTHING), _doc(_note("b", "laptop")))

    def refuse(*args: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(sync_conflicts, "archive", refuse)
    result = store.load(POST)
    assert result.merged_conflicts == (SYNCTHING,)
    assert path.with_name(SYNCTHING).is_file()
    assert _notes(load_document(path.read_text("utf-8"))) == {"a": "", "b": "laptop"}
    monkeypatch.undo()
    assert store.load(POST).merged_conflicts == (SYNCTHING,)  # merged again: idempotent
    assert not path.with_name(SYNCTHING).exists()


# --- git merges that leave both versions in the file ---------------------------------------

GIT_CONFLICT = """\
format: reader-annotations
version: 1
article: blog/post.md
annotations:
  - id: a
    created: 2026-11-29T10:00:00+00:00
    modified: 2026-11-29T10:00:00+00:00
    target: {exact: shared}
<<<<<<< HEAD
  - id: b
    created: 2026-11-29T10:00:00+00:00
    modified: 2026-11-29T11:00:00+00:00
    note: ours
    target: {exact: from desktop}
||||||| merged common ancestors
  - id: z
    created: 2026-11-29T09:00:00+00:00
    modified: 2026-11-29T09:00:00+00:00
    target: {exact: only in the base}
=======
  - id: c
    created: 2026-11-29T10:00:00+00:00
    modified: 2026-11-29T10:30:00+00:00
    note: theirs
    target: {exact: from laptop}
>>>>>>> laptop
"""


def test_git_conflict_sides_are_split_and_the_base_dropped() -> None:
    ours, theirs = split_markers(GIT_CONFLICT)
    assert "from desktop" in ours and "from laptop" not in ours and "shared" in ours
    assert "from laptop" in theirs and "from desktop" not in theirs and "shared" in theirs
    assert "only in the base" not in ours + theirs


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("a: 1\n<<<<<<< HEAD\nb: 2\n", "never closed"),
        ("a: 1\n<<<<<<< HEAD\nb: 2\n=======\n", "never closed"),
        ("a: 1\n>>>>>>> x\n", "out of order"),
        ("<<<<<<< a\n<<<<<<< b\n", "out of order"),
    ],
)
def test_broken_markers_say_where(text: str, why: str) -> None:
    with pytest.raises(NotesFileError, match=why):
        split_markers(text)


def test_git_conflict_in_the_notes_file_is_merged_and_the_original_kept(
    store: NotesStore,
) -> None:
    path = store.notes_path(POST)
    path.parent.mkdir(parents=True)
    path.write_text(GIT_CONFLICT, encoding="utf-8")
    result = store.load(POST)
    assert not result.read_only and result.merged_conflicts == (path.name,)
    assert _notes(result.document) == {"a": "", "b": "ours", "c": "theirs"}
    written = path.read_text("utf-8")
    assert "<<<<<<<" not in written and _notes(load_document(written)) == _notes(result.document)
    kept = list((store.notes_root / ARCHIVE_FOLDER / "blog").glob("post.md.git-conflict-*.yaml"))
    assert [k.read_text("utf-8") for k in kept] == [GIT_CONFLICT]


def test_git_conflict_with_a_broken_side_is_read_only_and_untouched(store: NotesStore) -> None:
    path = store.notes_path(POST)
    path.parent.mkdir(parents=True)
    broken = GIT_CONFLICT.replace("note: theirs", "note: [unclosed")
    path.write_text(broken, encoding="utf-8")
    result = store.load(POST)
    assert result.read_only and result.problem is not None
    assert "their side" in result.problem.message
    assert path.read_text("utf-8") == broken


def test_a_note_that_quotes_markers_is_not_a_conflict(store: NotesStore) -> None:
    text = "=======\n<<<<<<< not at the start of a line\n>>>>>>>"
    saved = store.save(POST, _doc(_note("a", text)))
    assert store.load(POST).merged_conflicts == ()
    assert _notes(store.load(POST).document) == _notes(saved) == {"a": text}


def test_a_copy_arriving_right_after_a_listing_is_not_missed(store: NotesStore) -> None:
    path = store.notes_path(POST)
    _write(path, _doc(_note("a")))
    old = (T0 - timedelta(days=1)).timestamp()
    os.utime(path.parent, (old, old))
    assert store.load(POST).merged_conflicts == ()  # listing cached: the folder is still
    _write(path.with_name(SYNCTHING), _doc(_note("b")))  # the folder's time moves on
    assert store.load(POST).merged_conflicts == (SYNCTHING,)
