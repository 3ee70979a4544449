"""reader's own JSON export, imported into an empty notes folder, gives back the same notes."""

from __future__ import annotations

import shutil
import tempfile
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from reader.core.anchoring.targets import make_target
from reader.core.export.model import ExportFilter
from reader.core.export.run import export_scope
from reader.core.importing.apply import apply_plan
from reader.core.importing.plan import build_plan
from reader.core.importing.shapes import read_import_file
from reader.core.library.post import read_text
from reader.core.library.scan import Library, scan_library
from reader.core.notes.records import COLORS, Annotation, NotesDocument, Target
from reader.core.notes.store import NotesStore
from reader.core.render.pipeline import render_post
from tests.conftest import ARTICLES

SEED = "program-manager-vs-project-manager.md"
ZONES = st.sampled_from(
    [UTC, timezone(timedelta(hours=5, minutes=30)), timezone(-timedelta(hours=7))]
)
TIMES = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=ZONES
)
IDS = st.uuids().map(str) | st.text(
    alphabet=st.characters(blacklist_categories=("Z", "C")), min_size=1, max_size=24
)
LABELS = st.none() | st.text(max_size=20)


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> tuple[Library, str]:
    root = tmp_path_factory.mktemp("lib")
    shutil.copy(ARTICLES / SEED, root / SEED)
    shutil.copytree(ARTICLES / "coverimg", root / "coverimg")
    text = read_text(root / SEED)
    rendered = render_post(text.body, post_dir=root, library_root=root)
    return scan_library(root), rendered.text


@st.composite
def annotation_records(draw: st.DrawFn, article_text: str) -> Annotation:
    created = draw(TIMES)
    modified = created + draw(st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=900)))
    if draw(st.integers(0, 5)) == 0:  # orphaned: its passage is not in the post
        exact = draw(st.text(min_size=1, max_size=30)) + "\u2603 not in the post"
        hint = draw(st.none() | st.integers(0, 3000))
        target = Target(exact, start=hint, end=None if hint is None else hint + len(exact))
    else:
        start = draw(st.integers(0, len(article_text) - 1))
        end = draw(st.integers(start + 1, min(len(article_text), start + 120)))
        target = make_target(article_text, start, end)
    return Annotation(
        id=draw(IDS),
        created=created,
        modified=modified,
        target=target,
        color=draw(st.sampled_from(COLORS)),
        note=draw(st.text(max_size=80)),
        side=draw(LABELS),
        aspect=draw(LABELS),
        tags=tuple(draw(st.lists(st.text(max_size=12), max_size=4))),
    )


def _fields(annotation: Annotation) -> tuple[object, ...]:
    t = annotation.target
    return (
        annotation.id,
        annotation.created,
        annotation.modified,
        annotation.note,
        annotation.tags,
        annotation.side,
        annotation.aspect,
        annotation.color,
        t.exact,
        t.prefix,
        t.suffix,
        t.start,
    )


def round_trip(library: Library, notes: list[Annotation]) -> tuple[list[object], list[object]]:
    with tempfile.TemporaryDirectory() as scratch:
        original = NotesStore(library.root, Path(scratch) / "a")
        original.save(SEED, NotesDocument(article=SEED, annotations=tuple(notes)))
        exported = export_scope(library, original, "json", ExportFilter.of(), post=SEED)
        export_file = Path(scratch) / "notes.json"
        export_file.write_bytes(exported.data)
        target = NotesStore(library.root, Path(scratch) / "b")
        plan = build_plan(library, target, read_import_file(export_file), export_file.name)
        apply_plan(target, plan)
        before = sorted(_fields(a) for a in original.load(SEED).document.live())
        after = sorted(_fields(a) for a in target.load(SEED).document.live())
        again = build_plan(library, target, read_import_file(export_file), export_file.name)
        assert again.to_write == 0  # importing the same file twice adds nothing
        return list(before), list(after)


@given(data=st.data())
@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_export_then_import_keeps_every_field(
    library: tuple[Library, str], data: st.DataObject
) -> None:
    lib, article_text = library
    notes = data.draw(
        st.lists(annotation_records(article_text), min_size=1, max_size=6, unique_by=lambda a: a.id)
    )
    before, after = round_trip(lib, notes)
    assert after == before


@example(note="", tags=("0" * 201,), side=None, aspect=None)  # once refused as "too long"
@example(note=" \t", tags=("", " padded ", "Tag", "tag"), side="", aspect="  two  spaces ")
@example(note="<script>alert(1)</script>\x00\x07 **md** \r\n", tags=(), side=None, aspect=None)
@given(note=st.text(), tags=st.lists(st.text()).map(tuple), side=LABELS, aspect=LABELS)
@settings(max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_text_fields_survive_as_typed(
    library: tuple[Library, str],
    note: str,
    tags: tuple[str, ...],
    side: str | None,
    aspect: str | None,
) -> None:
    lib, article_text = library
    stamp = datetime(2026, 1, 2, 3, 4, 5, 678901, tzinfo=UTC)
    one = Annotation(
        "00000000-0000-4000-8000-0000000000aa",
        stamp,
        stamp,
        make_target(article_text, 416, 452),
        note=note,
        tags=tags,
        side=side,
        aspect=aspect,
    )
    before, after = round_trip(lib, [one])
    assert after == before
