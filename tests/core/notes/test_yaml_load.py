"""The notes file format: the design's exact shape, round trips, and refusing bad input."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime, timedelta, timezone

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.notes import yaml_bounds
from reader.core.notes import yaml_load as notes_yaml
from reader.core.notes.records import COLORS, Annotation, NotesDocument, Target, delete
from reader.core.notes.yaml_dump import dump_document
from reader.core.notes.yaml_load import NotesFileError, load_document

DESIGN_EXAMPLE = """\
format: reader-annotations
version: 1
article: program-vs-project.md
title: Program Manager vs. Project Manager - What you need to know
sides: [Program Manager, Project Manager]
annotations:
  - id: 7d0c5e9a-2f7e-4d8a-9b4e-0c1f2a3b4c5d
    created: 2026-11-29T22:00:00+00:00
    modified: 2026-11-29T22:05:00+00:00
    color: yellow
    note: Free text; may span lines.
    side: Program Manager
    aspect: Scope
    tags: [careers]
    target:
      exact: oversees and manages a large program
      prefix: 'A program manager is a person who '
      suffix: ', often with several projects'
      start: 1234
      end: 1270
"""


def _example() -> NotesDocument:
    annotation = Annotation(
        id="7d0c5e9a-2f7e-4d8a-9b4e-0c1f2a3b4c5d",
        created=datetime(2026, 11, 29, 22, 0, tzinfo=UTC),
        modified=datetime(2026, 11, 29, 22, 5, tzinfo=UTC),
        target=Target(
            exact="oversees and manages a large program",
            prefix="A program manager is a person who ",
            suffix=", often with several projects",
            start=1234,
            end=1270,
        ),
        note="Free text; may span lines.",
        side="Program Manager",
        aspect="Scope",
        tags=("careers",),
    )
    return NotesDocument(
        article="program-vs-project.md",
        title="Program Manager vs. Project Manager - What you need to know",
        sides=("Program Manager", "Project Manager"),
        annotations=(annotation,),
    )


@pytest.mark.parametrize("fast", [True, False])
def test_dump_is_the_design_shape_exactly(fast: bool) -> None:
    assert dump_document(_example(), fast=fast) == DESIGN_EXAMPLE


def test_design_example_with_comments_loads() -> None:
    commented = DESIGN_EXAMPLE.replace("color: yellow", "color: yellow   # one of six")
    doc = load_document(commented)
    assert doc == _example() and not doc.needs_write


def test_document_order_multiline_notes_and_unicode() -> None:
    base = _example().annotations[0]
    later = Annotation(
        id="b",
        created=base.created,
        modified=base.modified,
        target=Target("späte Zitat — “quoted”", start=2000, end=2020),
        note="first line\nzweite Zeile: ünïcödé\n",
    )
    earlier = Annotation(
        id="c",
        created=base.created + timedelta(1),
        modified=base.modified + timedelta(1),
        target=Target("early", start=3, end=8),
    )
    doc = NotesDocument(article="p.md", annotations=(later, base, earlier))
    text = dump_document(doc)
    assert text.index("id: c") < text.index("id: 7d0c") < text.index("id: b")
    assert "note: |\n      first line\n      zweite Zeile: ünïcödé\n" in text
    assert "“quoted”" in text and "\\u" not in text
    assert load_document(text) == doc


def test_tombstone_is_written_and_read() -> None:
    gone = delete(_example().annotations[0])
    doc = NotesDocument(article="p.md", annotations=(gone,))
    text = dump_document(doc)
    assert re.search(r"\n    deleted: \d{4}-\d\d-\d\dT[\d:.]+\+00:00\n", text)
    assert load_document(text).annotations[0].deleted == gone.deleted


def test_unknown_keys_survive_a_round_trip() -> None:
    text = DESIGN_EXAMPLE.replace("annotations:\n", "synced_by: laptop\nannotations:\n").replace(
        "    target:\n", "    rating: 5\n    target:\n      selector_v2: {a: 1}\n"
    )
    doc = load_document(text)
    assert doc.extra == {"synced_by": "laptop"}
    assert doc.annotations[0].extra == {"rating": 5}
    assert doc.annotations[0].target.extra == {"selector_v2": {"a": 1}}
    again = load_document(dump_document(doc))
    assert again == doc and "synced_by: laptop" in dump_document(doc)


HAND_WRITTEN = """\
format: reader-annotations
version: 1
article: program-vs-project.md
annotations:
  - target:
      exact: stakeholders
  - note: second
    target: {exact: 2016}
"""


def test_hand_written_entry_with_only_exact_loads_deterministically() -> None:
    doc = load_document(HAND_WRITTEN)
    assert doc.needs_write
    first, second = sorted(doc.annotations, key=lambda a: a.note)
    assert first.target == Target("stakeholders")
    assert second.target.exact == "2016" and second.note == "second"
    assert uuid.UUID(first.id).version == 5
    assert first.created == first.modified == notes_yaml.UNKNOWN_TIME
    assert load_document(HAND_WRITTEN) == doc  # same ids every time: merges stay stable
    assert not load_document(dump_document(doc)).needs_write


def test_same_id_twice_is_merged_newest_wins() -> None:
    text = DESIGN_EXAMPLE + DESIGN_EXAMPLE.split("annotations:\n")[1].replace(
        "22:05:00", "23:00:00"
    ).replace("Free text", "Newer text")
    doc = load_document(text)
    assert len(doc.annotations) == 1 and doc.annotations[0].note.startswith("Newer")
    assert doc.needs_write


def test_missing_format_is_accepted_for_hand_files() -> None:
    doc = load_document("annotations:\n  - target: {exact: x}\n", article="a.md")
    assert doc.article == "a.md" and len(doc.annotations) == 1


def test_empty_file_is_an_empty_document() -> None:
    assert load_document("", article="a.md") == NotesDocument(article="a.md")


@pytest.mark.parametrize(
    ("text", "where", "why"),
    [
        ("- just\n- a list\n", "top level", "expected a mapping"),
        ("format: something-else\n", "format", "expected 'reader-annotations'"),
        ("title: x\n", "", "not a notes file"),
        ("format: reader-annotations\nversion: 2\n", "version", "newer reader"),
        ("format: reader-annotations\nversion: one\n", "version", "whole number"),
        ("format: reader-annotations\nannotations: 5\n", "annotations", "expected a list"),
        ("annotations:\n  - note: x\n", "annotations[0]", "missing target"),
        ("annotations:\n  - target: {prefix: a}\n", "annotations[0].target.exact", "missing"),
        ("annotations:\n  - target: {exact: ''}\n", "annotations[0].target.exact", "missing"),
        ("annotations:\n  - target: [x]\n", "annotations[0].target", "expected a mapping"),
        ("annotations:\n  - {target: {exact: a, start: -1}}\n", "target.start", "≥ 0"),
        ("annotations:\n  - {target: {exact: a, start: 9, end: 2}}\n", "target", "before"),
        ("annotations:\n  - {color: red, target: {exact: a}}\n", "color", "not one of"),
        ("annotations:\n  - {note: [1], target: {exact: a}}\n", "note", "expected text"),
        ("annotations:\n  - {tags: {a: 1}, target: {exact: a}}\n", "tags", "expected a list"),
        ("annotations:\n  - {created: soon, target: {exact: a}}\n", "created", "ISO 8601"),
        ("annotations:\n  - {created: true, target: {exact: a}}\n", "created", "timestamp"),
        ("annotations: [\n", "line", "not valid YAML"),
        ("a: !!python/object:os.system x\n", "line 1", "not valid YAML"),
    ],
)
def test_wrong_shape_says_what_and_where(text: str, where: str, why: str) -> None:
    with pytest.raises(NotesFileError) as info:
        load_document(text)
    assert where in str(info.value) and why in str(info.value)


def test_alias_bomb_is_refused_before_building() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(20)
    )
    with pytest.raises(NotesFileError, match="aliases"):
        load_document(bomb)


@pytest.mark.parametrize("depth", [notes_yaml.MAX_DEPTH, 10_000])
def test_deep_nesting_is_refused(depth: int) -> None:
    with pytest.raises(NotesFileError, match="nest"):
        load_document("a: " + "[" * depth + "]" * depth + "\n")


def test_too_large_and_too_many_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yaml_bounds, "MAX_BYTES", 1000)
    with pytest.raises(NotesFileError, match="larger than"):
        load_document("title: " + "x" * 2000)
    monkeypatch.setattr(yaml_bounds, "MAX_BYTES", 10**7)
    monkeypatch.setattr(yaml_bounds, "MAX_ANNOTATIONS", 3)
    with pytest.raises(NotesFileError, match="more than the 3"):
        load_document("annotations:\n" + "  - target: {exact: a}\n" * 4)


def test_timestamps_without_zone_or_as_strings_are_read_as_utc() -> None:
    doc = load_document(
        "annotations:\n  - id: a\n    created: 2026-01-02 03:04:05\n"
        "    modified: '2026-01-02T03:04:06+01:00'\n    target: {exact: q}\n"
    )
    a = doc.annotations[0]
    assert a.created == datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert a.modified.utcoffset() == timedelta(hours=1)


# --- property: whatever the app can hold, the file gives back -----------------------------

_text = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"))
_times = st.datetimes(
    min_value=datetime(1971, 1, 1),
    max_value=datetime(2100, 1, 1),
    timezones=st.sampled_from([UTC, timezone(timedelta(hours=-5, minutes=-30))]),
)


@st.composite
def annotation_values(draw: st.DrawFn) -> Annotation:
    start = draw(st.none() | st.integers(0, 10**6))
    end = None if start is None else start + draw(st.integers(0, 500))
    created = draw(_times)
    return Annotation(
        id=draw(st.uuids()).hex,
        created=created,
        modified=created + draw(st.timedeltas(timedelta(0), timedelta(days=9))),
        target=Target(draw(_text.filter(bool)), draw(_text), draw(_text), start, end),
        color=draw(st.sampled_from(COLORS)),
        note=draw(_text),
        side=draw(st.none() | _text),
        aspect=draw(st.none() | _text),
        tags=tuple(draw(st.lists(_text, max_size=3))),
        deleted=draw(st.none() | _times),
        extra=draw(st.dictionaries(st.sampled_from(["x-a", "x-b"]), st.integers() | _text)),
    )


@settings(max_examples=150, deadline=None)
@given(
    st.lists(annotation_values(), max_size=5, unique_by=lambda a: a.id),
    _text,
    st.none() | st.lists(_text, max_size=3),
    st.dictionaries(st.sampled_from(["zz", "x-list"]), st.lists(_text, max_size=3) | _text),
)
def test_round_trip_keeps_everything(
    items: list[Annotation], title: str, sides: list[str] | None, extra: dict[str, object]
) -> None:
    doc = NotesDocument(
        article="dir/post.md",
        title=title,
        extra=extra,
        sides=None if sides is None else tuple(sides),
        annotations=tuple(items),
    )
    text = dump_document(doc)
    again = load_document(text)
    assert again == NotesDocument(
        article=doc.article,
        title=doc.title,
        sides=doc.sides,
        extra=extra,
        annotations=tuple(sorted(items, key=_order)),
    )
    assert dump_document(again) == text  # stable: a second write changes nothing
    # Without libyaml the text may differ in quoting, never in meaning.
    assert load_document(dump_document(doc, fast=False)) == again
    yaml.safe_load(text)  # plain YAML any tool can read


def _order(a: Annotation) -> tuple[int, int, datetime, str]:
    start = a.target.start
    return (0 if start is not None else 1, start or 0, a.created, a.id)


_yamlish = st.text(st.sampled_from(list("ab:-[]{}#&*!|>'\"\n  ,?%@`0123456789.T+")), max_size=200)
_entries = st.lists(
    st.dictionaries(
        st.sampled_from(
            [
                "id",
                "created",
                "modified",
                "deleted",
                "color",
                "note",
                "side",
                "tags",
                "target",
                "other",
            ]
        ),
        st.none()
        | st.booleans()
        | st.integers()
        | _text
        | st.lists(st.integers(), max_size=2)
        | st.dictionaries(
            st.sampled_from(["exact", "start", "end", "prefix"]),
            st.none() | st.integers(-3, 5) | _text,
            max_size=4,
        ),
        max_size=6,
    ),
    max_size=4,
)


@settings(max_examples=300, deadline=None)
@given(_yamlish | _entries.map(lambda e: yaml.safe_dump({"annotations": e})))
def test_any_input_loads_or_says_why(text: str) -> None:
    try:
        doc = load_document(text)
    except NotesFileError as err:
        assert str(err)
    else:
        load_document(dump_document(doc))  # whatever loads can be written and read back
