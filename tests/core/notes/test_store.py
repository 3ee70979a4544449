"""The notes store: where files go, merging before every write, and never losing a note."""

from __future__ import annotations

import multiprocessing
import os
import sys
from pathlib import Path

import pytest
import yaml

from reader.core.notes import store as notes_store
from reader.core.notes.records import NotesDocument, Target, delete, edit, new_annotation
from reader.core.notes.store import (
    NotesPathError,
    NotesReadOnlyError,
    NotesSaveError,
    NotesStore,
)
from reader.core.notes.yaml_dump import dump_document
from reader.core.notes.yaml_load import load_document

POST = "program-vs-project.md"


@pytest.fixture
def library(tmp_path: Path) -> Path:
    root = tmp_path / "library"
    (root / "sub").mkdir(parents=True)
    (root / POST).write_text("# Program Manager vs. Project Manager\n", encoding="utf-8")
    return root


@pytest.fixture
def fallback(tmp_path: Path) -> Path:
    return tmp_path / "user-data"


def _store(library: Path, fallback: Path, notes_dir: Path | None = None) -> NotesStore:
    return NotesStore(library, notes_dir, fallback_base=fallback)


def _doc(*quotes: str, sides: tuple[str, ...] | None = None) -> NotesDocument:
    items = tuple(new_annotation(Target(q)) for q in quotes)
    return NotesDocument(article=POST, title="T", sides=sides, annotations=items)


# --- paths ---------------------------------------------------------------------------------


def test_default_path_mirrors_the_post(library: Path, fallback: Path) -> None:
    store = _store(library, fallback)
    assert store.notes_path(POST) == library / ".annotations" / f"{POST}.yaml"
    assert store.notes_path("sub/a post.md") == library / ".annotations/sub/a post.md.yaml"
    assert store.fallback_reason is None


def test_notes_dir_overrides(library: Path, fallback: Path, tmp_path: Path) -> None:
    store = _store(library, fallback, tmp_path / "elsewhere")
    assert store.notes_path(POST) == tmp_path / "elsewhere" / f"{POST}.yaml"


@pytest.mark.parametrize(
    "bad", ["../x.md", "sub/../../x.md", "/etc/passwd", "C:/x.md", "", "a\x00b.md", "..\\x.md"]
)
def test_paths_never_leave_the_notes_root(library: Path, fallback: Path, bad: str) -> None:
    store = _store(library, fallback)
    with pytest.raises(NotesPathError):
        store.notes_path(bad)
    with pytest.raises(NotesPathError):
        store.save(bad, _doc("q"))


def test_symlink_out_of_the_notes_root_is_refused(
    library: Path, fallback: Path, tmp_path: Path
) -> None:
    (tmp_path / "outside").mkdir()
    (library / ".annotations").mkdir()
    (library / ".annotations" / "sub").symlink_to(tmp_path / "outside")
    with pytest.raises(NotesPathError, match="outside"):
        _store(library, fallback).notes_path("sub/x.md")


# --- load and save -------------------------------------------------------------------------


def test_missing_file_is_an_empty_writable_document(library: Path, fallback: Path) -> None:
    result = _store(library, fallback).load(POST)
    assert result.document == NotesDocument(article=POST)
    assert result.problem is None and not result.read_only


def test_empty_document_creates_no_file(library: Path, fallback: Path) -> None:
    store = _store(library, fallback)
    store.save(POST, NotesDocument(article=POST))
    assert not store.notes_path(POST).exists()


def test_save_then_load_round_trips(library: Path, fallback: Path) -> None:
    store = _store(library, fallback)
    doc = _doc("first", "second", sides=("Program Manager", "Project Manager"))
    saved = store.save(POST, doc)
    path = store.notes_path(POST)
    assert path.read_text(encoding="utf-8") == dump_document(saved)
    assert _store(library, fallback).load(POST).document == saved == doc
    leftovers = [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


def test_save_merges_a_hand_edit_instead_of_clobbering_it(library: Path, fallback: Path) -> None:
    store = _store(library, fallback)
    store.save(POST, _doc("from the app"))
    path = store.notes_path(POST)
    path.write_text(
        path.read_text(encoding="utf-8") + "  - note: by hand\n    target: {exact: typed}\n",
        encoding="utf-8",
    )
    memory = _doc("from the app", "added later")
    merged = store.save(POST, memory)
    on_disk = load_document(path.read_text(encoding="utf-8"))
    quotes = sorted(a.target.exact for a in on_disk.annotations)
    assert quotes == ["added later", "from the app", "from the app", "typed"]
    assert on_disk == merged and not on_disk.needs_write


def test_two_stores_never_clobber_each_other(library: Path, fallback: Path) -> None:
    one, two = _store(library, fallback), _store(library, fallback)
    one.save(POST, _doc("one"))
    two.save(POST, _doc("two"))
    assert {a.target.exact for a in one.load(POST).document.annotations} == {"one", "two"}


def test_tombstones_stop_an_old_copy_bringing_a_note_back(library: Path, fallback: Path) -> None:
    store = _store(library, fallback)
    doc = store.save(POST, _doc("keep", "drop"))
    stale_copy = doc
    drop = next(a for a in doc.annotations if a.target.exact == "drop")
    store.save(POST, doc.with_annotation(delete(drop)))
    again = _store(library, fallback).save(POST, stale_copy)
    assert [a.target.exact for a in again.live()] == ["keep"]
    assert "deleted:" in store.notes_path(POST).read_text(encoding="utf-8")
    revived = store.save(POST, again.with_annotation(edit(drop, note="undo")))
    assert sorted(a.target.exact for a in revived.live()) == ["drop", "keep"]


def test_unknown_keys_survive_a_save(library: Path, fallback: Path) -> None:
    store = _store(library, fallback)
    path = store.notes_path(POST)
    path.parent.mkdir(parents=True)
    path.write_text(
        "format: reader-annotations\nversion: 1\nmy_tool: {x: 1}\nannotations:\n"
        "  - id: a\n    created: 2026-01-01T00:00:00+00:00\n"
        "    modified: 2026-01-01T00:00:00+00:00\n    flagged: yes\n"
        "    target: {exact: q}\n",
        encoding="utf-8",
    )
    loaded = store.load(POST).document
    store.save(POST, loaded.with_annotation(new_annotation(Target("new"))))
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["my_tool"] == {"x": 1}
    assert next(a for a in data["annotations"] if a["id"] == "a")["flagged"] is True


def test_unchanged_content_is_not_rewritten(library: Path, fallback: Path) -> None:
    store = _store(library, fallback)
    doc = store.save(POST, _doc("q"))
    before = store.notes_path(POST).stat().st_ino
    store.save(POST, doc)
    assert store.notes_path(POST).stat().st_ino == before


# --- broken files --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (b"annotations: [unclosed\n", "not valid YAML"),
        (b"format: something-else\n", "format"),
        (b"annotations:\n  - target: {prefix: no quote}\n", "annotations[0].target.exact"),
        (b"title: \xff\xfe\n", "not UTF-8"),
    ],
)
def test_broken_file_is_kept_copied_and_read_only(
    library: Path, fallback: Path, content: bytes, why: str
) -> None:
    store = _store(library, fallback)
    path = store.notes_path(POST)
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    result = store.load(POST)
    assert result.read_only and result.problem is not None
    assert str(path) in result.problem.message and why in result.problem.message
    assert result.set_aside is not None and result.set_aside.read_bytes() == content
    assert result.set_aside.name.startswith(f"{path.name}.corrupt-2")
    assert result.set_aside.name in result.problem.message
    assert store.load(POST).set_aside == result.set_aside  # one copy per content
    assert len(list(path.parent.glob("*.corrupt-*"))) == 1
    with pytest.raises(NotesReadOnlyError, match="not written over"):
        store.save(POST, _doc("would overwrite"))
    assert path.read_bytes() == content
    # Fixed by hand: usable again, and saving works.
    path.write_text("annotations:\n  - target: {exact: fixed}\n", encoding="utf-8")
    assert store.changed_on_disk(POST)
    fixed = store.load(POST)
    assert not fixed.read_only and fixed.problem is None
    saved = store.save(POST, fixed.document)
    assert [a.target.exact for a in saved.annotations] == ["fixed"]


def test_oversized_file_is_refused(
    library: Path, fallback: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(notes_store, "MAX_BYTES", 100)
    store = _store(library, fallback)
    path = store.notes_path(POST)
    path.parent.mkdir(parents=True)
    path.write_text("title: " + "x" * 200, encoding="utf-8")
    result = store.load(POST)
    assert result.read_only and result.problem and "larger than" in result.problem.message


# --- unwritable places and fallbacks -------------------------------------------------------


def test_unwritable_notes_dir_raises_and_a_retry_succeeds(
    library: Path, fallback: Path, tmp_path: Path
) -> None:
    blocker = tmp_path / "blocked"
    blocker.write_text("a file where a folder should be", encoding="utf-8")
    store = _store(library, fallback, blocker / "notes")
    doc = _doc("precious")
    with pytest.raises(NotesSaveError, match="kept in memory"):
        store.save(POST, doc)
    assert store.fallback_reason is None  # an explicit --notes folder is never swapped
    assert [a.target.exact for a in doc.annotations] == ["precious"]
    blocker.unlink()
    assert store.save(POST, doc) == doc
    assert store.notes_path(POST).is_file()


def test_failed_write_leaves_the_old_file(
    library: Path, fallback: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = _store(library, fallback)
    store.save(POST, _doc("old"))
    before = store.notes_path(POST).read_bytes()

    def full_disk(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(NotesSaveError, match="No space left"):
        store.save(POST, _doc("new"))
    monkeypatch.undo()
    assert store.notes_path(POST).read_bytes() == before
    assert [p for p in store.notes_path(POST).parent.iterdir() if p.suffix == ".tmp"] == []


def test_library_that_cannot_hold_notes_falls_back(library: Path, fallback: Path) -> None:
    (library / ".annotations").write_text("not a folder", encoding="utf-8")
    store = _store(library, fallback)
    assert store.fallback_reason is not None and "not a folder" in store.fallback_reason
    assert store.notes_root.parent == fallback
    assert str(store.notes_root) in store.fallback_reason
    store.save(POST, _doc("kept"))
    assert store.notes_path(POST).is_relative_to(fallback)
    assert _store(library, fallback).notes_root == store.notes_root  # same place next time


def test_fallback_reads_the_library_copy_and_never_writes_it(
    library: Path, fallback: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    own = _store(library, fallback)
    own.save(POST, _doc("shipped with the library"))
    library_copy = own.notes_path(POST)
    before = library_copy.read_bytes()
    monkeypatch.setattr(notes_store, "unusable", lambda folder: f"{folder} is read-only")
    store = _store(library, fallback)
    assert store.fallback_reason is not None and "read-only" in store.fallback_reason
    loaded = store.load(POST).document
    assert [a.target.exact for a in loaded.annotations] == ["shipped with the library"]
    saved = store.save(POST, loaded.with_annotation(new_annotation(Target("mine"))))
    assert len(saved.annotations) == 2
    assert library_copy.read_bytes() == before
    assert len(load_document(store.notes_path(POST).read_text("utf-8")).annotations) == 2


def test_folder_becoming_unusable_switches_to_fallback_on_save(
    library: Path, fallback: Path
) -> None:
    store = _store(library, fallback)
    (library / ".annotations").write_text("now a file", encoding="utf-8")
    store.save(POST, _doc("safe"))
    assert store.fallback_reason is not None
    assert store.notes_path(POST).is_file() and store.notes_root.parent == fallback


# --- changes on disk -----------------------------------------------------------------------


def test_changed_on_disk(library: Path, fallback: Path) -> None:
    store = _store(library, fallback)
    assert not store.changed_on_disk(POST)
    store.save(POST, _doc("mine"))
    assert not store.changed_on_disk(POST)
    path = store.notes_path(POST)
    os.utime(path, ns=(1, 1))  # touched, same content
    assert not store.changed_on_disk(POST)
    other = _store(library, fallback)
    other.save(POST, _doc("theirs"))
    assert store.changed_on_disk(POST)
    store.load(POST)
    assert not store.changed_on_disk(POST)
    path.unlink()
    assert store.changed_on_disk(POST)


# --- two processes -------------------------------------------------------------------------

ROUNDS = 40


def _writer(library: str, fallback: str, name: str, failures: multiprocessing.Queue[str]) -> None:
    store = NotesStore(Path(library), fallback_base=Path(fallback))
    mine = NotesDocument(article=POST)
    for i in range(ROUNDS):
        mine = mine.with_annotation(new_annotation(Target(f"{name}-{i}")))
        store.save(POST, mine)
        on_disk = load_document(store.notes_path(POST).read_text("utf-8"))
        have = {a.id for a in on_disk.annotations}
        lost = [a.target.exact for a in mine.annotations if a.id not in have]
        if lost:
            failures.put(f"{name} round {i}: lost {lost}")


@pytest.mark.skipif(sys.platform == "win32", reason="fork and flock are POSIX")
def test_two_processes_writing_the_same_file_lose_nothing(library: Path, fallback: Path) -> None:
    context = multiprocessing.get_context("fork")
    failures: multiprocessing.Queue[str] = context.Queue()
    workers = [
        context.Process(target=_writer, args=(str(library), str(fallback), name, failures))
        for name in ("alpha", "beta")
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
        assert worker.exitcode == 0
    problems = []
    while not failures.empty():
        problems.append(failures.get())
    assert problems == []
    final = _store(library, fallback).load(POST).document
    quotes = {a.target.exact for a in final.annotations}
    assert quotes == {f"{n}-{i}" for n in ("alpha", "beta") for i in range(ROUNDS)}
