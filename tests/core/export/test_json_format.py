"""JSON export: W3C Web Annotation objects, tombstones and empty bodies handled."""

from __future__ import annotations

import json

from reader.core.anchoring.targets import AnchorStatus
from reader.core.export.json_format import CONTEXT, to_json, web_annotation
from tests.core.export.export_records import item, post


def test_one_object_per_annotation_across_posts_in_order() -> None:
    data = json.loads(
        to_json(
            [
                post(item("q1", ident="id-1"), item("q2", ident="id-2"), path="a.md"),
                post(path="none.md"),
                post(item("q3", ident="id-3"), path="c.md"),
            ]
        )
    )
    assert [(o["id"], o["target"]["source"]) for o in data] == [
        ("urn:uuid:id-1", "a.md"),
        ("urn:uuid:id-2", "a.md"),
        ("urn:uuid:id-3", "c.md"),
    ]


def test_object_shape() -> None:
    one = item("q", note="n", tags=["t1", "t2"], side="A", aspect="X", color="pink", start=3)
    obj = web_annotation(post(one), one)
    assert obj["@context"] == CONTEXT == "http://www.w3.org/ns/anno.jsonld"
    assert obj["type"] == "Annotation"
    assert obj["created"] == "2026-01-02T03:04:05+00:00"
    assert obj["body"] == [
        {"type": "TextualBody", "purpose": "commenting", "value": "n", "format": "text/plain"},
        {"type": "TextualBody", "purpose": "tagging", "value": "t1"},
        {"type": "TextualBody", "purpose": "tagging", "value": "t2"},
    ]
    assert obj["target"]["selector"] == [
        {"type": "TextQuoteSelector", "exact": "q", "prefix": "before ", "suffix": " after"},
        {"type": "TextPositionSelector", "start": 3, "end": 4},
    ]
    assert (obj["side"], obj["aspect"], obj["color"], obj["status"]) == (
        "A",
        "X",
        "pink",
        "anchored",
    )


def test_no_note_no_tags_no_position() -> None:
    lone = item("q", start=None, status=AnchorStatus.ORPHANED)
    obj = web_annotation(post(lone), lone)
    assert obj["body"] == []
    assert [s["type"] for s in obj["target"]["selector"]] == ["TextQuoteSelector"]
    assert obj["side"] is None and obj["status"] == "orphaned"


def test_text_is_unicode_and_ends_with_a_newline() -> None:
    text = to_json([post(item("café 日本語"))])
    assert "café 日本語" in text and text.endswith("]\n")
    assert to_json([]) == "[]\n"
