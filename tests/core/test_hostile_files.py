"""Every entry point that reads a file reader did not create, against every hostile shape:
a FIFO, a link to /dev/zero, a link to a file outside the library, a folder, a huge file.

Each must end quickly (a deadline interrupts a blocking open, so a regression fails here
instead of hanging the suite), say what is wrong without quoting the file outside, and read
nothing it should not. The entry points: scan, store load, conflict merge, corrupt set-aside,
search index, aspects, covers and images, export, check.
"""

from __future__ import annotations

import signal
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from types import FrameType

import pytest

from reader.core.check.library_check import LibraryChecker
from reader.core.export.model import ExportFilter
from reader.core.export.run import export_scope
from reader.core.library.locations import RefKind, resolve_reference
from reader.core.library.problems import Problem
from reader.core.library.scan import Library, scan_library
from reader.core.notes.aspects import notes_aspects
from reader.core.notes.records import Annotation, NotesDocument, Target
from reader.core.notes.store import NotesStore
from reader.core.render.html_finish import resolve_image
from reader.core.search.index import SearchIndex
from tests.hostile_shapes import SECRET, SHAPES

DEADLINE_S = 5
COPY = "post.md.sync-conflict-20260101-000000-ABCDEFG.yaml"


class Hung(Exception):
    """An entry point did not return in time (it would have hung for ever)."""


def notes_problems(library: Library, notes_dir: Path | None = None) -> list[Problem]:
    """The notes problems `reader check` reports: the library checker's, notes kinds only."""
    found = LibraryChecker(library.root, notes_dir).check_files(library, library.posts)
    return [problem for problem in found if problem.kind in ("notes", "orphan")]


@pytest.fixture(autouse=True)
def deadline() -> Iterator[None]:
    def expire(_signum: int, _frame: FrameType | None) -> None:
        raise Hung(f"did not finish within {DEADLINE_S} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, DEADLINE_S)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture(params=sorted(SHAPES))
def shape(request: pytest.FixtureRequest) -> Callable[[Path, Path], None]:
    return SHAPES[request.param]


@pytest.fixture
def library(tmp_path: Path) -> Path:
    root = tmp_path / "library"
    root.mkdir()
    (root / "post.md").write_text(
        "---\ntitle: Post\nimage: cover.png\n---\nA quote here.\n\n![pic](pic.png)\n", "utf-8"
    )
    return root


def _doc(quote: str = "quote", aspect: str = "Scope") -> NotesDocument:
    stamp = datetime(2026, 1, 1, tzinfo=UTC)
    item = Annotation(
        id=f"id-{quote}", created=stamp, modified=stamp, target=Target(quote), aspect=aspect
    )
    return NotesDocument(article="post.md", annotations=(item,))


def _notes(library: Path) -> Path:
    folder = library / ".annotations"
    folder.mkdir(exist_ok=True)
    return folder


def _text(*values: object) -> str:
    return "\n".join(str(value) for value in values)


def test_scan(library: Path, tmp_path: Path, shape: Callable[[Path, Path], None]) -> None:
    shape(library / "x.md", tmp_path)
    scanned = scan_library(library)
    problems = [p for p in scanned.all_problems() if p.path == "x.md"]
    if shape is SHAPES["folder"]:
        assert problems == [] and scanned.find("x.md") is None  # a folder is walked into
    else:
        assert problems and all(p.kind == "file" for p in problems)
    assert SECRET not in _text(*problems)


def test_store_load(library: Path, tmp_path: Path, shape: Callable[[Path, Path], None]) -> None:
    shape(_notes(library) / "post.md.yaml", tmp_path)
    result = NotesStore(library).load("post.md")
    assert result.read_only and result.problem is not None
    assert SECRET not in result.problem.message and result.set_aside is None


def test_conflict_merge(library: Path, tmp_path: Path, shape: Callable[[Path, Path], None]) -> None:
    store = NotesStore(library)
    store.save("post.md", _doc("mine"))
    copy = _notes(library) / COPY
    shape(copy, tmp_path)
    result = store.load("post.md")
    assert not result.read_only and [a.target.exact for a in result.document.annotations] == [
        "mine"
    ]
    assert [p.path for p in result.problems] == [str(copy)]
    assert SECRET not in result.problems[0].message
    assert copy.is_symlink() or copy.exists()  # refused copies are never archived


def test_corrupt_set_aside(
    library: Path, tmp_path: Path, shape: Callable[[Path, Path], None]
) -> None:
    notes = _notes(library)
    (notes / "post.md.yaml").write_text("annotations: [\n", "utf-8")
    shape(notes / "post.md.yaml.corrupt-20260101T000000", tmp_path)
    result = NotesStore(library).load("post.md")
    assert result.read_only and result.set_aside is not None
    assert result.set_aside.read_text("utf-8") == "annotations: [\n"


def test_search_index(library: Path, tmp_path: Path, shape: Callable[[Path, Path], None]) -> None:
    NotesStore(library).save("post.md", _doc("mine"))
    shape(_notes(library) / COPY, tmp_path)
    shape(_notes(library) / "other.md.yaml", tmp_path)
    index = SearchIndex(library, tmp_path / "cache")
    try:
        index.update(tuple(scan_library(library).posts))
        hits = index.search("mine") + index.search(SECRET)
    finally:
        index.close()
    assert [(hit.path, hit.kind) for hit in hits] == [("post.md", "note")]


def test_search_index_notes_file(
    library: Path, tmp_path: Path, shape: Callable[[Path, Path], None]
) -> None:
    shape(_notes(library) / "post.md.yaml", tmp_path)
    index = SearchIndex(library, tmp_path / "cache")
    try:
        index.update(scan_library(library))
        assert index.search(SECRET) == []
    finally:
        index.close()


def test_aspects(library: Path, tmp_path: Path, shape: Callable[[Path, Path], None]) -> None:
    store = NotesStore(library)
    store.save("post.md", _doc("mine", "Scope"))
    shape(_notes(library) / COPY, tmp_path)
    (library / "two.md").write_text("# Two\n", "utf-8")
    shape(_notes(library) / "two.md.yaml", tmp_path)
    assert notes_aspects(store, ["post.md", "two.md"]) == ["Scope"]


def test_covers_and_images(
    library: Path, tmp_path: Path, shape: Callable[[Path, Path], None]
) -> None:
    shape(library / "cover.png", tmp_path)
    shape(library / "pic.png", tmp_path)
    image = resolve_image("pic.png", "pic", library, library)
    assert not image.shown and SECRET not in image.reason
    if shape is SHAPES["huge"]:
        return  # a regular file inside: a cover, whose reading is bounded (tests/ui/common)
    assert resolve_reference("cover.png", library, library).kind is not RefKind.LOCAL
    post = scan_library(library).posts[0]
    assert post.image is None and any(p.kind == "image" for p in post.problems)


def test_export(library: Path, tmp_path: Path, shape: Callable[[Path, Path], None]) -> None:
    shape(_notes(library) / "post.md.yaml", tmp_path)
    store = NotesStore(library, read_only=True)
    result = export_scope(scan_library(library), store, "json", ExportFilter.of())
    assert result.count == 0 and len(result.problems) == 1
    assert SECRET not in _text(*result.problems) and SECRET.encode() not in result.data


def test_check(library: Path, tmp_path: Path, shape: Callable[[Path, Path], None]) -> None:
    shape(_notes(library) / "post.md.yaml", tmp_path)
    shape(_notes(library) / COPY, tmp_path)
    problems = notes_problems(scan_library(library))
    assert [p.kind for p in problems] == ["notes"], problems
    assert SECRET not in _text(*problems)
