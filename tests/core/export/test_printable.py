"""What a printed post shows: notes in document order, numbered when they say something."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from reader.core.export.printable import printable_post
from reader.core.library.scan import scan_library
from reader.core.notes.files import parse_bytes
from reader.core.notes.records import Annotation, NotesDocument, Target
from tests.conftest import ARTICLES, FIXTURES

SEED = "program-manager-vs-project-manager.md"
NOTES = FIXTURES / "export" / "notes" / f"{SEED}.yaml"
WHEN = datetime(2026, 1, 1, tzinfo=UTC)


def test_the_fixture_prints_every_live_note_in_order() -> None:
    library = scan_library(ARTICLES)
    post = library.find(SEED)
    assert post is not None
    document = parse_bytes(NOTES.read_bytes(), SEED)
    printable = printable_post(ARTICLES, post, document)
    assert printable.sides == ("Program Manager", "Project Manager")
    assert len(printable.notes) == 12  # the tombstone is not printed
    assert [n.number for n in printable.notes] == list(range(1, 13))
    starts = [n.anchor.start for n in printable.placed if n.anchor is not None]
    assert starts == sorted(starts)
    (orphan,) = printable.orphaned
    assert orphan.annotation.aspect == "Budget" and orphan.number == 12
    assert printable.notes[0].side_index == 0 and printable.notes[0].labels == [
        "Program Manager",
        "Scope",
        "#careers",
    ]
    assert "background-color: #ffffff" in printable.rendered.html  # light, always


def test_a_bare_highlight_has_no_number_but_a_gone_one_has(tmp_path: Path) -> None:
    library = scan_library(ARTICLES)
    post = library.find(SEED)
    assert post is not None
    notes = (
        Annotation("a", WHEN, WHEN, Target("oversees and manages a large program")),
        Annotation("b", WHEN, WHEN, Target("acts as the"), note="says something"),
        Annotation("c", WHEN, WHEN, Target("not in the post at all")),
    )
    printable = printable_post(ARTICLES, post, NotesDocument(SEED, annotations=notes))
    assert [(n.annotation.id, n.number) for n in printable.notes] == [("a", 0), ("b", 1), ("c", 2)]
