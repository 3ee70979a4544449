"""Scope (one post, a tag, the library) and gathering notes with their anchoring status."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from reader.core.anchoring.targets import AnchorStatus
from reader.core.export.collect import ScopeError, collect, posts_in_scope
from reader.core.library.entries import View
from reader.core.library.scan import Library, scan_library
from reader.core.notes.records import Annotation, NotesDocument, Target
from reader.core.notes.store import NotesStore
from reader.core.notes.yaml_dump import dump_document

WHEN = datetime(2026, 3, 4, tzinfo=UTC)


def _library(root: Path) -> Library:
    (root / "sub").mkdir(parents=True)
    (root / "one.md").write_text(
        "---\ntitle: Cats vs. Dogs\ndate: 2024-01-02\ntags: [Pets]\n---\n\n"
        "Cats *purr* softly. Dogs bark loudly.\n",
        encoding="utf-8",
    )
    (root / "sub" / "two.md").write_text(
        "---\ntitle: Tea\ndate: 2023-01-01\ntags: [drinks, pets]\ncompare: [Green, Black]\n"
        "---\n\nGreen tea is light.\n",
        encoding="utf-8",
    )
    (root / "draft.md").write_text(
        "---\ntitle: Draft\ndraft: true\ntags: [pets]\n---\n\nHidden.\n", encoding="utf-8"
    )
    return scan_library(root)


def _note(ident: str, exact: str, side: str | None = None, aspect: str | None = None) -> Annotation:
    return Annotation(
        id=ident,
        created=WHEN,
        modified=WHEN,
        target=Target(exact=exact),
        side=side,
        aspect=aspect,
    )


def _write_notes(notes: Path, post: str, *annotations: Annotation) -> None:
    path = notes / f"{post}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    document = NotesDocument(article=post, annotations=annotations)
    path.write_text(dump_document(document), encoding="utf-8")


def test_scope_by_post_tag_or_library(tmp_path: Path) -> None:
    library = _library(tmp_path / "lib")
    assert [p.path for p in posts_in_scope(library)] == ["one.md", "sub/two.md"]
    assert [p.path for p in posts_in_scope(library, view=View(drafts=True))][-1] == "draft.md"
    assert [p.path for p in posts_in_scope(library, tag="PETS")] == ["one.md", "sub/two.md"]
    assert [p.path for p in posts_in_scope(library, tag="drinks")] == ["sub/two.md"]
    assert [p.path for p in posts_in_scope(library, post="sub/two.md")] == ["sub/two.md"]
    absolute = str(tmp_path / "lib" / "sub" / "two.md")
    assert [p.path for p in posts_in_scope(library, post=absolute)] == ["sub/two.md"]
    assert [p.path for p in posts_in_scope(library, post="draft.md")] == ["draft.md"]
    assert [p.path for p in posts_in_scope(library, post="one.md", tag="pets")] == ["one.md"]


@pytest.mark.parametrize(
    ("post", "tag", "message"),
    [
        ("missing.md", None, "no post 'missing.md'"),
        (None, "nope", "no post tagged 'nope'"),
        ("one.md", "drinks", "is not tagged 'drinks'"),
    ],
)
def test_unknown_post_or_tag_is_an_error(
    tmp_path: Path, post: str | None, tag: str | None, message: str
) -> None:
    library = _library(tmp_path / "lib")
    with pytest.raises(ScopeError, match=message):
        posts_in_scope(library, post=post, tag=tag)


def test_collect_anchors_notes_and_keeps_sides_of_posts_without_notes(tmp_path: Path) -> None:
    library = _library(tmp_path / "lib")
    notes = tmp_path / "notes"
    _write_notes(
        notes,
        "one.md",
        _note("b", "Dogs bark", side="Dogs", aspect="Noise"),
        _note("a", "Cats purr", side="Cats", aspect="Noise"),  # rendered text has no '*'
        _note("c", "no such words", side="Cats"),
    )
    store = NotesStore(library.root, notes)
    collected = collect(library, store, posts_in_scope(library))
    assert collected.problems == []
    one, two = collected.posts
    assert (one.title, one.date, one.tags, one.sides) == (
        "Cats vs. Dogs",
        "2024-01-02",
        ("Pets",),
        ("Cats", "Dogs"),
    )
    assert [(i.annotation.id, i.status) for i in one.annotations] == [
        ("a", AnchorStatus.ANCHORED),
        ("b", AnchorStatus.ANCHORED),
        ("c", AnchorStatus.ORPHANED),
    ]
    assert one.annotations[0].start == 0
    assert two.sides == ("Green", "Black") and two.annotations == ()
    assert not (library.root / ".annotations").exists()  # reading never creates the folder


def test_broken_notes_file_is_reported_and_skipped(tmp_path: Path) -> None:
    library = _library(tmp_path / "lib")
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "one.md.yaml").write_text("annotations: [unclosed", encoding="utf-8")
    collected = collect(library, NotesStore(library.root, notes), posts_in_scope(library))
    assert [p.path for p in collected.problems] == [str(notes / "one.md.yaml")]
    assert collected.posts[0].annotations == ()


def test_only_posts_named_in_their_notes_folder_are_loaded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One listing per notes folder decides which posts may have notes; a sync tool's copy
    counts; with `notes_only` the others give no record (the table still has their sides)."""
    library = _library(tmp_path / "lib")
    notes = tmp_path / "notes"
    _write_notes(notes, "sub/two.md", _note("t", "Green tea", side="Green"))
    copy = notes / "one.md.sync-conflict-20240101-101010-ABCDEFG.yaml"
    copy.write_text(
        dump_document(NotesDocument(article="one.md", annotations=(_note("c", "Cats"),))), "utf-8"
    )
    store = NotesStore(library.root, notes)
    loaded: list[str] = []
    original = store.load

    def spy(post_path: str, **options: bool) -> object:
        loaded.append(post_path)
        return original(post_path, **options)

    monkeypatch.setattr(store, "load", spy)
    posts = posts_in_scope(library, view=View(drafts=True))
    every = collect(library, store, posts)
    assert sorted(loaded) == ["one.md", "sub/two.md"]  # not the draft: no notes named for it
    assert [p.path for p in every.posts] == [p.path for p in posts]
    noted = collect(library, store, posts, notes_only=True)
    assert [p.path for p in noted.posts] == ["one.md", "sub/two.md"]
    assert [i.annotation.id for i in noted.posts[0].annotations] == ["c"]
