"""The notes writer: whatever the text, what it calls exact reads back as the same notes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.notes import merge
from reader.core.notes.records import COLORS, Annotation, NotesDocument, Target
from reader.core.notes.yaml_dump import dump_document, dump_document_exact
from reader.core.notes.yaml_load import load_document

# Characters that change how YAML must write a string, plus ordinary text.
_TRICKY = list(
    "ab Zz09:#-?,[]{}&*!|>'\"%@`~.+=<\\/\n\r\t\x85\u2028\u2029\ufeff\xa0ü“—\x00\x7f\U0001f600"
)
_WORDS = st.sampled_from(
    [
        "yes",
        "No",
        "on",
        "OFF",
        "null",
        "~",
        "true",
        "1",
        "-1",
        "0x1F",
        "0o7",
        "1_000",
        "1.5",
        "1e5",
        ".inf",
        ".NaN",
        "2024-01-02",
        "2024-01-02T03:04:05Z",
        "1:30",
        "<<",
        "=",
        "---",
        "...",
        "- a",
        "? a",
        "a: b",
        "a #b",
        "a:",
        "#a",
        " a",
        "a ",
        "a\n",
        "a\n\n",
        "\na",
        " a\nb",
        "a \nb",
        "a\n b",
        "",
        "\n",
        "x" * 300,
    ]
)
_text = (
    st.text(st.sampled_from(_TRICKY), max_size=30)
    | _WORDS
    | st.lists(_WORDS | st.text(st.sampled_from(_TRICKY), max_size=6), max_size=4).map("".join)
    | st.text(max_size=20)
)
_nonempty = _text.filter(bool)
_zones = st.sampled_from(
    [
        UTC,
        timezone(timedelta(hours=5, minutes=30)),
        timezone(timedelta(hours=-8)),
        timezone(timedelta(seconds=61)),
    ]
)
_times = st.builds(
    lambda dt, tz: dt.replace(tzinfo=tz),
    st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30)),
    _zones,
)
_extra_values = st.none() | st.booleans() | st.integers() | _text | st.lists(_text, max_size=2)
_extras = st.dictionaries(
    st.sampled_from(["zz", "-x", "note", "tags", "exact", "id", "start", "rating"]) | _text,
    _extra_values | st.dictionaries(_text, _extra_values, max_size=2),
    max_size=2,
)


@st.composite
def _targets(draw: st.DrawFn) -> Target:
    start = draw(st.none() | st.integers(0, 10**6))
    end = None if start is None else draw(st.none() | st.integers(start, start + 10**6))
    return Target(
        exact=draw(_nonempty),
        prefix=draw(_text),
        suffix=draw(_text),
        start=start,
        end=end,
        extra=draw(st.just({}) | _extras),
    )


@st.composite
def _annotations(draw: st.DrawFn) -> Annotation:
    created = draw(_times)
    return Annotation(
        id=draw(st.uuids().map(str) | _nonempty),
        created=created,
        modified=draw(st.just(created) | _times),
        target=draw(_targets()),
        color=draw(st.sampled_from(COLORS)),
        note=draw(_text),
        side=draw(st.none() | _text),
        aspect=draw(st.none() | _text),
        tags=tuple(draw(st.lists(_text, max_size=3))),
        deleted=draw(st.none() | _times),
        extra=draw(st.just({}) | _extras),
    )


@st.composite
def _documents(draw: st.DrawFn) -> NotesDocument:
    return NotesDocument(
        article=draw(_nonempty),
        title=draw(_text),
        sides=draw(st.none() | st.lists(_text, max_size=3).map(tuple)),
        annotations=tuple(draw(st.lists(_annotations(), max_size=4, unique_by=lambda a: a.id))),
        extra=draw(st.just({}) | _extras),
    )


@settings(max_examples=300, deadline=None)
@given(_documents())
def test_exact_writes_read_back_the_same(doc: NotesDocument) -> None:
    times = [t for a in doc.annotations for t in (a.created, a.modified, a.deleted) if t]
    if any((t.utcoffset() or timedelta()).seconds % 60 for t in times):
        return  # YAML has no seconds in zone offsets: PyYAML itself cannot read those back
    text, exact = dump_document_exact(doc)
    assert yaml.load(text, Loader=yaml.CSafeLoader) == yaml.safe_load(
        dump_document(doc, fast=False)
    )
    if exact:  # the store keeps `doc` as what the file holds: it must be just that
        again = load_document(text, article=doc.article)
        assert again == doc and not again.needs_write
        assert [merge.canonical(a) for a in again.annotations] == [
            merge.canonical(a) for a in doc.annotations
        ]


def test_unusual_zone_offsets_are_written_as_timestamps() -> None:
    when = datetime(2026, 1, 1, tzinfo=timezone(timedelta(seconds=61)))
    odd = Annotation(id="x", created=when, modified=when, target=Target("q"))
    doc = NotesDocument(article="a.md", annotations=(odd,))
    assert "!!timestamp" in dump_document(doc)
    assert "!!timestamp" in dump_document(doc, fast=False)
