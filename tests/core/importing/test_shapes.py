"""Which export a file is, and every entry checked: wrong shapes are refused, with where."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from reader.core.importing.model import HYPOTHESIS, READER, W3C, ImportFileError, Incoming
from reader.core.importing.shapes import parse_value, read_import_file
from tests.conftest import FIXTURES

SAMPLE = FIXTURES / "import" / "hypothesis-search.json"
EXPORT = FIXTURES / "import" / "hypothesis-export.json"


def w3c(**changes: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": "urn:uuid:00000000-0000-4000-8000-000000000001",
        "type": "Annotation",
        "created": "2026-11-29T22:00:00+00:00",
        "modified": "2026-11-29T22:05:00+00:00",
        "body": [
            {"type": "TextualBody", "purpose": "commenting", "value": "a note"},
            {"type": "TextualBody", "purpose": "tagging", "value": "careers"},
        ],
        "target": {
            "source": "post.md",
            "selector": [
                {"type": "TextQuoteSelector", "exact": "quote", "prefix": "p", "suffix": "s"},
                {"type": "TextPositionSelector", "start": 4, "end": 9},
            ],
        },
        "side": "A",
        "aspect": "Scope",
        "color": "pink",
        "status": "anchored",
    }
    entry.update(changes)
    return entry


def only(value: Any) -> Incoming:
    parsed = parse_value(value, "f.json")
    (incoming,) = parsed.incoming
    return incoming


def test_reader_export_object() -> None:
    got = only([w3c()])
    assert got.origin == READER
    assert (got.source_id, got.source, got.exact, got.prefix, got.suffix) == (
        "urn:uuid:00000000-0000-4000-8000-000000000001",
        "post.md",
        "quote",
        "p",
        "s",
    )
    assert (got.start, got.end, got.note, got.tags) == (4, 9, "a note", ("careers",))
    assert (got.side, got.aspect, got.color) == ("A", "Scope", "pink")
    assert got.modified == datetime(2026, 11, 29, 22, 5, tzinfo=UTC)


def test_other_web_annotation_tools() -> None:
    entry = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": "http://example.org/anno/7",
        "type": "Annotation",
        "bodyValue": "plain comment",
        "body": {
            "type": "TextualBody",
            "value": "<p>An <b>HTML</b> note</p>",
            "format": "text/html",
        },
        "target": {
            "source": "https://example.org/post/",
            "selector": {
                "type": "XPathSelector",
                "value": "/p[2]",
                "refinedBy": {"type": "TextQuoteSelector", "exact": "refined quote"},
            },
        },
    }
    got = only(
        {"type": "AnnotationCollection", "first": {"type": "AnnotationPage", "items": [entry]}}
    )
    assert got.origin == W3C
    assert got.note == "plain comment\n\nAn HTML note"
    assert got.exact == "refined quote" and got.source == "https://example.org/post/"


def test_hypothesis_search_result_sample() -> None:
    parsed = read_import_file(SAMPLE)
    assert parsed.shape == "hypothesis-search"
    assert parsed.total == 9 and len(parsed.incoming) == 7
    assert [s.reason for s in parsed.skipped] == [
        "a page note (no quoted passage)",
        "a reply to another annotation",
    ]
    first = parsed.incoming[0]
    assert first.origin == HYPOTHESIS
    assert first.uri == "https://pm-notes.example.org/program-manager-vs-project-manager/"
    assert first.exact == "oversees and manages a large program"
    assert (first.start, first.end) == (None, None)  # the page's offsets mean nothing here
    assert first.tags == ("careers", "scope")
    assert parsed.incoming[5].tags == ("strategy",)  # tidied: repeats and blanks dropped
    assert "<b>Choice</b>" in parsed.incoming[5].note  # kept as typed: notes are plain text


def test_hypothesis_export_file() -> None:
    parsed = read_import_file(EXPORT)
    assert parsed.shape == "hypothesis-export"
    assert {i.origin for i in parsed.incoming} == {HYPOTHESIS}
    assert len(parsed.incoming) == 2


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (42, "not an annotation export: expected a JSON array"),
        ("text", "found text"),
        ({"hello": 1}, "found an object with hello"),
        ([1], "annotation 1 must be an object, not a number"),
        ([w3c(), w3c(color="red")], "annotation 2 .*colour 'red' is not one of"),
        ([w3c(created=12)], "`created` must be an ISO 8601 time"),
        ([w3c(modified="yesterday")], "`modified` is not an ISO 8601 time"),
        ([w3c(side=["A"])], "`side` must be text, not a list"),
        ([w3c(id=7)], "`id` must be text"),
        ([w3c(target=[5])], "`target` must be an object"),
        (
            [
                w3c(
                    target={
                        "selector": [
                            {"type": "TextPositionSelector", "start": 9, "end": 2},
                            {"type": "TextQuoteSelector", "exact": "q"},
                        ]
                    }
                )
            ],
            "`end` \\(2\\) is before `start` \\(9\\)",
        ),
        (
            [w3c(target={"selector": [{"type": "TextQuoteSelector", "exact": 5}]})],
            "the quote \\(`exact`\\) must be text",
        ),
        ({"rows": [{"uri": "u", "target": [], "tags": "one"}]}, "`tags` must be a list"),
        ({"rows": [{"uri": "u", "target": {}, "text": "x"}]}, "`target` must be a list"),
        ({"rows": [{"uri": "u", "target": [], "text": ["x"]}]}, "`text` must be text"),
        ({"rows": [{"uri": "u", "references": "x"}]}, "`references` must be a list"),
        ([w3c(body=[{"type": "TextualBody", "value": "x" * 100_001}])], "longer than 100,000"),
    ],
)
def test_wrong_shapes_are_refused_with_where(value: Any, message: str) -> None:
    with pytest.raises(ImportFileError, match=message) as caught:
        parse_value(value, "f.json")
    assert str(caught.value).startswith("f.json")


def test_too_many_entries(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("reader.core.importing.shapes.MAX_ENTRIES", 3)
    with pytest.raises(ImportFileError, match="holds 4 annotations; at most 3"):
        parse_value([w3c()] * 4, "f.json")


def test_a_lone_surrogate_is_replaced_and_the_rest_kept() -> None:
    body = [{"type": "TextualBody", "purpose": "commenting", "value": "a\ud800b\x07"}]
    assert only([w3c(body=body)]).note == "a?b\x07"


def test_a_target_without_a_quote_is_skipped_not_refused(tmp_path: Path) -> None:
    parsed = parse_value([w3c(target="https://example.org/page")], "f.json")
    assert parsed.incoming == ()
    assert parsed.skipped[0].reason == "no quoted passage (TextQuoteSelector)"
    assert parsed.skipped[0].address == "https://example.org/page"
