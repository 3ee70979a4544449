"""Saving skips re-parsing a notes file whose bytes it knows, and only then."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.core.notes import files as notes_files
from reader.core.notes.records import NotesDocument, Target, edit, new_annotation
from reader.core.notes.store import NotesReadOnlyError, NotesStore
from reader.core.notes.yaml_dump import dump_document
from reader.core.notes.yaml_load import load_document

POST = "post.md"


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Keys of every parse of a notes file's bytes."""
    seen: list[str] = []
    real = notes_files.parse_bytes

    def counting(data: bytes, key: str) -> NotesDocument:
        seen.append(key)
        return real(data, key)

    monkeypatch.setattr(notes_files, "parse_bytes", counting)
    return seen


def _store(tmp_path: Path) -> NotesStore:
    library = tmp_path / "library"
    library.mkdir(exist_ok=True)
    return NotesStore(library, fallback_base=tmp_path / "user-data")


def _doc(*quotes: str) -> NotesDocument:
    items = tuple(new_annotation(Target(q), note=f"on {q}") for q in quotes)
    return NotesDocument(article=POST, title="T", annotations=items)


def test_saving_again_does_not_parse_what_it_wrote(tmp_path: Path, parses: list[str]) -> None:
    store = _store(tmp_path)
    saved = store.save(POST, _doc("one", "two"))
    parses.clear()
    again = store.save(POST, saved.with_annotation(edit(saved.annotations[0], note="changed")))
    assert parses == []
    assert load_document(store.notes_path(POST).read_text(encoding="utf-8")) == again


def test_loading_then_saving_parses_once(tmp_path: Path, parses: list[str]) -> None:
    store = _store(tmp_path)
    store.save(POST, _doc("one"))
    fresh = _store(tmp_path)
    parses.clear()
    loaded = fresh.load(POST).document
    fresh.save(POST, loaded.with_annotation(edit(loaded.annotations[0], color="green")))
    assert parses == [POST]


def test_another_writer_is_merged_not_clobbered(tmp_path: Path, parses: list[str]) -> None:
    ours, theirs = _store(tmp_path), _store(tmp_path)
    saved = ours.save(POST, _doc("one"))
    theirs.save(POST, theirs.load(POST).document.with_annotation(new_annotation(Target("two"))))
    parses.clear()
    merged = ours.save(POST, saved.with_annotation(edit(saved.annotations[0], note="x")))
    assert parses == [POST]
    assert sorted(a.target.exact for a in merged.annotations) == ["one", "two"]


def test_same_size_and_time_but_new_bytes_is_parsed(tmp_path: Path) -> None:
    """The cache is keyed by content, not by stat: a same-stat change is still seen."""
    store = _store(tmp_path)
    saved = store.save(POST, _doc("aaa"))
    path = store.notes_path(POST)
    st = path.stat()
    text = path.read_text(encoding="utf-8").replace("exact: aaa", "exact: bbb")
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    other = new_annotation(Target("ccc"))
    merged = store.save(POST, saved.with_annotation(other))
    exacts = sorted(a.target.exact for a in merged.annotations)
    assert exacts == ["bbb", "ccc"]  # the hand edit won (same id, the file's version kept)


def test_a_file_broken_after_a_save_is_still_refused(tmp_path: Path) -> None:
    store = _store(tmp_path)
    saved = store.save(POST, _doc("one"))
    store.notes_path(POST).write_text("annotations: [unclosed", encoding="utf-8")
    with pytest.raises(NotesReadOnlyError):
        store.save(POST, saved)


def test_unknown_keys_are_parsed_again_not_trusted(tmp_path: Path, parses: list[str]) -> None:
    store = _store(tmp_path)
    doc = NotesDocument(article=POST, annotations=_doc("one").annotations, extra={"k": (1, 2)})
    saved = store.save(POST, doc)
    parses.clear()
    again = store.save(POST, saved)
    assert parses == [POST]  # a tuple reads back as a list: the file is the truth
    assert store.notes_path(POST).read_text(encoding="utf-8") == dump_document(again)
    assert load_document(dump_document(again)).extra == {"k": [1, 2]}
