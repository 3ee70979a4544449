"""Planning and applying an import: what is new, already there, newer or deleted here."""

from __future__ import annotations

import dataclasses
import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from reader.core.anchoring.targets import AnchorStatus
from reader.core.importing.apply import apply_plan
from reader.core.importing.model import HYPOTHESIS, READER, Incoming
from reader.core.importing.plan import (
    DELETED,
    KEPT,
    NEW,
    PRESENT,
    UPDATE,
    ImportPlan,
    build_plan,
    derive_id,
)
from reader.core.importing.report import format_report
from reader.core.importing.shapes import read_import_file
from reader.core.library.scan import Library, scan_library
from reader.core.notes import records
from reader.core.notes.records import NotesDocument, Target
from reader.core.notes.store import NotesStore
from tests.conftest import ARTICLES, FIXTURES

SAMPLE = FIXTURES / "import" / "hypothesis-search.json"
SEED = "program-manager-vs-project-manager.md"
ID = "00000000-0000-4000-8000-00000000abcd"


@pytest.fixture
def lib(tmp_path: Path) -> Library:
    root = tmp_path / "articles"
    shutil.copytree(ARTICLES, root)
    return scan_library(root)


def files_under(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def plan_of(lib: Library, store: NotesStore, path: Path = SAMPLE) -> ImportPlan:
    return build_plan(lib, store, read_import_file(path), path.name)


def test_the_sample_plans_per_post_and_writes_nothing(lib: Library) -> None:
    before = files_under(lib.root)
    plan = plan_of(lib, NotesStore(lib.root))
    assert files_under(lib.root) == before
    assert [p.post.path for p in plan.posts] == [
        "portfolio-vs-program-management/index.md",
        SEED,
        "scrum-master-vs-project-manager.md",
    ]
    statuses = {n.incoming.index: n.status for p in plan.posts for n in p.notes}
    assert statuses == {
        1: AnchorStatus.ANCHORED,  # exact, re-targeted on reader's text
        2: AnchorStatus.ANCHORED,
        3: AnchorStatus.FUZZY,  # "timelines and" for "timelines, and"
        4: AnchorStatus.ORPHANED,  # the passage is not in the post: kept, listed
        5: AnchorStatus.FUZZY,  # curly quotes on the site, straight in the Markdown
        6: AnchorStatus.ANCHORED,
    }
    assert [u.incoming.index for u in plan.unmatched] == [7]
    assert plan.to_write == 6 and plan.posts_to_write == 3


def test_a_web_quote_is_retargeted_on_the_article_text(lib: Library) -> None:
    plan = plan_of(lib, NotesStore(lib.root))
    scrum = plan.posts[2].notes[0].annotation.target
    assert scrum.exact.startswith('the project manager asks "will we get there')
    assert scrum.start is not None and len(scrum.prefix) == 32


def test_import_twice_adds_nothing(lib: Library) -> None:
    store = NotesStore(lib.root)
    outcome = apply_plan(store, plan_of(lib, store))
    assert (outcome.notes, outcome.posts, outcome.failures) == (6, 3, ())
    written = files_under(lib.root / ".annotations")
    again = plan_of(lib, store)
    assert again.to_write == 0 and again.count(PRESENT) == 6
    assert apply_plan(store, again).notes == 0
    assert files_under(lib.root / ".annotations") == written


def test_markup_in_a_note_is_kept_as_plain_text(lib: Library) -> None:
    store = NotesStore(lib.root)
    apply_plan(store, plan_of(lib, store))
    (note,) = store.load("portfolio-vs-program-management/index.md").document.live()
    assert note.note.startswith("<b>Choice</b> versus <em>coordination</em>")


def _one(note: str = "n", modified: datetime | None = None, **fields: object) -> Incoming:
    stamp = modified or datetime(2026, 1, 1, tzinfo=UTC)
    return Incoming(
        index=1,
        origin=READER,
        source_id=f"urn:uuid:{ID}",
        source=SEED,
        uri=None,
        exact="oversees and manages a large program",
        note=note,
        created=datetime(2025, 1, 1, tzinfo=UTC),
        modified=stamp,
        **fields,  # type: ignore[arg-type]
    )


def _existing(store: NotesStore, **changes: object) -> None:
    base = records.Annotation(
        ID,
        datetime(2025, 1, 1, tzinfo=UTC),
        datetime(2026, 1, 1, tzinfo=UTC),
        Target("oversees and manages a large program", start=416, end=452),
        note="n",
    )
    store.save(SEED, NotesDocument(SEED, annotations=(dataclasses.replace(base, **changes),)))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("existing", "incoming", "action"),
    [
        (None, _one(), NEW),
        ({}, _one(), PRESENT),
        ({}, _one("newer", datetime(2026, 2, 1, tzinfo=UTC)), UPDATE),
        ({"note": "ours", "modified": datetime(2026, 3, 1, tzinfo=UTC)}, _one("theirs"), KEPT),
        (
            {"deleted": datetime(2026, 3, 1, tzinfo=UTC)},
            _one("back?", datetime(2027, 1, 1, tzinfo=UTC)),
            DELETED,
        ),
    ],
)
def test_actions_against_the_notes_kept(
    lib: Library,
    tmp_path: Path,
    existing: dict[str, object] | None,
    incoming: Incoming,
    action: str,
) -> None:
    store = NotesStore(lib.root, tmp_path / "notes")
    if existing is not None:
        _existing(store, **existing)
    source = tmp_path / "in.json"
    source.write_text("[]", encoding="utf-8")
    parsed = dataclasses.replace(read_import_file(source), incoming=(incoming,), total=1)
    plan = build_plan(lib, store, parsed, "in.json")
    (post_plan,) = plan.posts
    assert post_plan.notes[0].action == action
    apply_plan(store, plan)
    kept = store.load(SEED).document.get(ID)
    assert kept is not None
    if action == DELETED:
        assert kept.is_deleted  # an import never brings back what was deleted here
    if action == KEPT:
        assert kept.note == "ours"
    if action == UPDATE:
        assert kept.note == "newer"


def test_notes_made_meanwhile_are_kept(lib: Library, tmp_path: Path) -> None:
    store = NotesStore(lib.root)
    plan = plan_of(lib, store)
    mine = records.new_annotation(Target("A program manager"), note="made in the window")
    store.save(SEED, NotesDocument(SEED, annotations=(mine,)))
    apply_plan(store, plan)
    notes = {a.note for a in store.load(SEED).document.live()}
    assert "made in the window" in notes and len(notes) == 5


def test_a_broken_notes_file_is_neither_written_nor_copied(lib: Library) -> None:
    store = NotesStore(lib.root)
    path = store.notes_path(SEED)
    path.parent.mkdir(parents=True)
    path.write_text("annotations: [unclosed\n", encoding="utf-8")
    before = files_under(lib.root / ".annotations")
    plan = plan_of(lib, store)
    program = next(p for p in plan.posts if p.post.path == SEED)
    assert program.problem is not None and "cannot be read" in program.problem
    assert program.to_write == ()
    apply_plan(store, plan)
    after = files_under(lib.root / ".annotations")
    assert {k: v for k, v in after.items() if k in before} == before
    assert not any(".corrupt-" in name for name in after)
    assert "not imported: its notes file cannot be read" in format_report(plan, dry_run=True)


def test_repeated_entries_keep_the_newest(lib: Library, tmp_path: Path) -> None:
    old, new = (
        _one("old"),
        dataclasses.replace(_one("new", datetime(2026, 5, 1, tzinfo=UTC)), index=2),
    )
    source = tmp_path / "in.json"
    source.write_text("[]", encoding="utf-8")
    parsed = dataclasses.replace(read_import_file(source), incoming=(old, new), total=2)
    plan = build_plan(lib, NotesStore(lib.root, tmp_path / "n"), parsed, "in.json")
    assert [n.annotation.note for p in plan.posts for n in p.notes] == ["new"]
    assert plan.skipped[0].reason == "the same annotation as entry 2"


def test_ids_kept_or_derived() -> None:
    base = _one()
    assert derive_id(base) == ID
    assert derive_id(dataclasses.replace(base, source_id=ID.upper())) == ID
    hyp = dataclasses.replace(base, origin=HYPOTHESIS, source_id="Wu4vLn9bEe-2k2cYm1d0Tg")
    assert derive_id(hyp) == derive_id(hyp) != derive_id(dataclasses.replace(hyp, source_id="x"))
    anonymous = dataclasses.replace(base, source_id="")
    assert derive_id(anonymous) == derive_id(anonymous)
    assert derive_id(anonymous) != derive_id(dataclasses.replace(anonymous, note="other"))


def test_the_report_names_every_post_and_the_unmatched(lib: Library) -> None:
    report = format_report(plan_of(lib, NotesStore(lib.root)), dry_run=True)
    assert report.splitlines()[0] == (
        "Hypothesis API search result hypothesis-search.json: 9 annotations "
        "(dry run: nothing is written)"
    )
    assert "scrum-master-vs-project-manager.md — Scrum Master vs Project Manager" in report
    assert "#7 https://pm-notes.example.org/about/" in report
    assert "#9 a reply to another annotation" in report
    assert report.rstrip().endswith(
        "Would import 6 notes into 3 posts; 1 not matched to a post, 2 skipped."
    )
    assert json.dumps(report)  # one string, printable anywhere


def test_a_post_is_never_given_more_notes_than_its_file_may_hold(
    lib: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("reader.core.importing.plan.MAX_ANNOTATIONS", 3)
    plan = plan_of(lib, NotesStore(lib.root))
    program = next(p for p in plan.posts if p.post.path == SEED)
    assert program.problem is not None and "more than 3 notes" in program.problem
    assert program.to_write == () and plan.to_write == 2  # the other posts still import
