"""`reader check` on notes: orphans and unreadable notes files, per post; no notes, no work."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from reader.cli import main as cli
from reader.core.check.library_check import LibraryChecker
from reader.core.library.problems import Problem
from reader.core.library.scan import Library, scan_library
from reader.core.notes.records import Annotation, NotesDocument, Target
from reader.core.notes.yaml_dump import dump_document
from reader.core.render import text_cache

WHEN = datetime(2026, 3, 4, tzinfo=UTC)
BODY = "Cats *purr* softly when they are content. Dogs bark loudly at the postman.\n"


def notes_problems(library: Library, notes_dir: Path | None = None) -> list[Problem]:
    """The notes problems `reader check` reports: the library checker's, notes kinds only."""
    found = LibraryChecker(library.root, notes_dir).check_files(library, library.posts)
    return [problem for problem in found if problem.kind in ("notes", "orphan")]


def _library(root: Path) -> Library:
    (root / "sub").mkdir(parents=True)
    (root / "one.md").write_text(f"---\ntitle: Pets\n---\n\n{BODY}", encoding="utf-8")
    (root / "sub" / "two.md").write_text("---\ntitle: Tea\n---\n\nGreen tea.\n", encoding="utf-8")
    return scan_library(root)


def _note(ident: str, exact: str) -> Annotation:
    return Annotation(id=ident, created=WHEN, modified=WHEN, target=Target(exact))


def _write_notes(root: Path, post: str, *annotations: Annotation) -> None:
    path = root / ".annotations" / f"{post}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    document = NotesDocument(article=post, annotations=annotations)
    path.write_text(dump_document(document), encoding="utf-8")


def test_orphans_are_reported_per_post_and_found_notes_are_not(tmp_path: Path) -> None:
    library = _library(tmp_path)
    _write_notes(
        tmp_path,
        "one.md",
        _note("kept", "Cats purr softly"),
        _note("lost", "Parrots talk back all day long"),
    )
    problems = notes_problems(library)
    assert [(p.path, p.kind) for p in problems] == [("one.md", "orphan")]
    assert "lost" in problems[0].message
    assert "Parrots talk back all day long" in problems[0].message


def test_an_unreadable_notes_file_is_a_notes_problem(tmp_path: Path) -> None:
    library = _library(tmp_path)
    broken = tmp_path / ".annotations" / "sub" / "two.md.yaml"
    broken.parent.mkdir(parents=True)
    broken.write_text("annotations: [unclosed\n", encoding="utf-8")
    problems = notes_problems(library)
    assert [p.kind for p in problems] == ["notes"]
    assert broken.read_text(encoding="utf-8") == "annotations: [unclosed\n"  # left as it was


def test_posts_without_notes_are_not_rendered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = _library(tmp_path)

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("rendered a post without notes")

    monkeypatch.setattr(text_cache, "render_post", refuse)
    assert notes_problems(library) == []  # no notes folder at all
    (tmp_path / ".annotations").mkdir()
    _write_notes(tmp_path, "other.md", _note("x", "Cats"))  # a file for no post
    assert notes_problems(library) == []


def test_reader_check_lists_orphans_in_text_and_json(tmp_path: Path) -> None:
    _library(tmp_path)
    _write_notes(tmp_path, "one.md", _note("lost", "Parrots talk back all day long"))
    out = io.StringIO()
    assert cli.run_subcommand(["check", str(tmp_path), "--json"], out, io.StringIO()) == 0
    rows = json.loads(out.getvalue())["problems"]
    assert [(r["path"], r["kind"]) for r in rows] == [("one.md", "orphan")]
    out = io.StringIO()
    assert cli.run_subcommand(["check", str(tmp_path), "--strict"], out, io.StringIO()) == 1
    assert "one.md: orphan: note lost lost its place" in out.getvalue()
