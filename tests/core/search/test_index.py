"""Full-text search: results and snippets, incremental updates, and any input is safe."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from reader.core.library.scan import scan_library
from reader.core.notes.records import Target, new_annotation
from reader.core.notes.store import NotesStore
from reader.core.search.index import (
    SearchHit,
    SearchIndex,
    fts_query,
    has_fts5,
    match_offset,
    split_snippet,
)
from tests.files import write

WHEN = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


@pytest.fixture
def library(tmp_path: Path) -> Path:
    root = tmp_path / "lib"
    write(
        root,
        "roles.md",
        "---\ntitle: Program Manager vs. Project Manager\ntags: [careers, management]\n---\n"
        "A program manager oversees several related projects.\n\n"
        "The project manager delivers one project on schedule.\n",
    )
    write(root, "garden.md", "---\ntitle: Growing tomatoes\ntags: [garden]\n---\nWater daily.\n")
    write(root, "café.md", "---\ntitle: Café notes\n---\nEspresso and crème brûlée.\n")
    return root


@pytest.fixture(params=[True, False], ids=["fts5", "like-fallback"])
def index(
    request: pytest.FixtureRequest, library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> SearchIndex:
    if request.param and not has_fts5():
        pytest.skip("this SQLite has no FTS5")
    if not request.param:
        monkeypatch.setattr("reader.core.search.index.has_fts5", lambda: False)
    made = SearchIndex(library, tmp_path / "cache")
    made.update(scan_library(library))
    assert made.fts5 is request.param
    return made


def paths(hits: list[SearchHit]) -> list[str]:
    return [hit.path for hit in hits]


def marked(hit: SearchHit) -> list[str]:
    return [hit.snippet[start:end] for start, end in hit.highlights]


def test_body_match_lists_the_post_with_a_marked_snippet(index: SearchIndex) -> None:
    hits = index.search("schedule")
    assert paths(hits) == ["roles.md"]
    hit = hits[0]
    assert hit.title == "Program Manager vs. Project Manager"
    assert hit.kind == "post" and hit.offset is None
    assert "schedule" in hit.snippet
    assert [m.lower() for m in marked(hit)] == ["schedule"]


def test_title_and_tag_matches(index: SearchIndex) -> None:
    assert paths(index.search("tomatoes")) == ["garden.md"]
    assert paths(index.search("careers")) == ["roles.md"]


def test_every_word_must_match(index: SearchIndex) -> None:
    assert paths(index.search("water daily")) == ["garden.md"]
    assert index.search("water schedule") == []


def test_prefix_queries(index: SearchIndex) -> None:
    assert paths(index.search("tomat")) == ["garden.md"]
    assert paths(index.search("oversee")) == ["roles.md"]


def test_quoted_phrase(index: SearchIndex) -> None:
    assert paths(index.search('"program manager oversees"')) == ["roles.md"]
    assert index.search('"manager program oversees"') == []


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '"unbalanced',
        "(",
        "a)",
        "*",
        "-",
        "--x",
        "AND",
        "x AND",
        "OR NOT",
        "NEAR(a b)",
        "title:tomatoes",
        "^start",
        "'",
        "\\",
        "",
        "   ",
        "\x00",
        'schedule)(*-"AND',
    ],
)
def test_any_user_input_is_safe(index: SearchIndex, query: str) -> None:
    hits = index.search(query)
    assert isinstance(hits, list)
    assert index.problem is None


def test_operators_typed_by_the_user_are_words(index: SearchIndex) -> None:
    assert paths(index.search("schedule AND")) == []  # 'and' must be in the text too
    assert paths(index.search("growing:tomatoes")) == ["garden.md"]  # not a column filter


def test_accents_are_optional(index: SearchIndex) -> None:
    if not index.fts5:
        pytest.skip("the LIKE fallback matches accents exactly")
    assert paths(index.search("creme brulee")) == ["café.md"]


def test_edited_post_is_reindexed(index: SearchIndex, library: Path) -> None:
    path = write(library, "garden.md", "---\ntitle: Growing peppers\n---\nSun all day.\n")
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 5_000_000_000))
    stats = index.update(scan_library(library))
    assert stats.posts_indexed == 1
    assert index.search("tomatoes") == []
    assert paths(index.search("peppers")) == ["garden.md"]


def test_deleted_post_is_removed(index: SearchIndex, library: Path) -> None:
    (library / "garden.md").unlink()
    stats = index.update(scan_library(library))
    assert stats.posts_removed == 1 and stats.posts_indexed == 0
    assert index.search("tomatoes") == []


def test_unchanged_library_reindexes_nothing(index: SearchIndex, library: Path) -> None:
    stats = index.update(scan_library(library))
    assert (stats.posts_indexed, stats.posts_removed, stats.notes_indexed) == (0, 0, 0)


def test_notes_are_searchable_and_carry_their_offset(index: SearchIndex, library: Path) -> None:
    store = NotesStore(library)
    doc = store.load("roles.md").document
    note = new_annotation(
        Target(exact="oversees several", start=20, end=36),
        note="Key difference in scope",
        aspect="Scope",
        now=WHEN,
    )
    store.save("roles.md", doc.with_annotation(note))
    assert index.update(scan_library(library)).notes_indexed == 1
    hits = index.search("difference")
    assert len(hits) == 1
    hit = hits[0]
    assert (hit.path, hit.kind, hit.annotation, hit.offset) == ("roles.md", "note", note.id, 20)
    assert hit.title == "Program Manager vs. Project Manager"
    assert "difference" in marked(hit)[0].lower()

    (store.notes_path("roles.md")).unlink()
    index.update_notes("roles.md")
    assert index.search("difference") == []


def test_broken_notes_file_is_skipped(index: SearchIndex, library: Path) -> None:
    write(library, ".annotations/roles.md.yaml", "annotations: [unclosed\n")
    index.update(scan_library(library))
    assert index.search("unclosed") == []


def test_index_survives_reopening_and_corruption(library: Path, tmp_path: Path) -> None:
    first = SearchIndex(library, tmp_path / "cache")
    first.update(scan_library(library))
    first.close()
    again = SearchIndex(library, tmp_path / "cache")
    assert paths(again.search("tomatoes")) == ["garden.md"]
    assert again.update(scan_library(library)).posts_indexed == 0
    again.close()
    again.path.write_bytes(b"this is not a database" * 100)
    for suffix in ("-wal", "-shm"):
        Path(f"{again.path}{suffix}").unlink(missing_ok=True)
    rebuilt = SearchIndex(library, tmp_path / "cache")
    assert rebuilt.search("tomatoes") == []  # empty until updated, but no exception
    rebuilt.update(scan_library(library))
    assert paths(rebuilt.search("tomatoes")) == ["garden.md"]


def test_unwritable_cache_folder_keeps_the_index_in_memory(library: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    index = SearchIndex(library, blocker / "cache")
    index.update(scan_library(library))
    assert paths(index.search("tomatoes")) == ["garden.md"]
    assert index.problem is not None


def test_fts_query_quotes_every_word() -> None:
    assert fts_query('manag "program manager" AND (x*') == (
        '"manag"* "program manager" "AND"* "x"*'
    )
    assert fts_query('" ( * -') is None


def test_split_snippet_and_match_offset() -> None:
    text, spans = split_snippet("a \x02Big\x03 deal \x02here\x03…")
    assert text == "a Big deal here…" and spans == ((2, 5), (11, 15))
    hit = SearchHit("p.md", "P", "post", text, spans)
    article = "Nothing. Then a big deal here."
    assert match_offset(article, hit) == article.index("big")
    assert match_offset("no such words", hit) is None
    note = SearchHit("p.md", "P", "note", text, spans, annotation="x", offset=7)
    assert match_offset(article, note) == 7
