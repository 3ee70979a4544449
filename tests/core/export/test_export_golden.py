"""Golden files: a fixed notes file for the bundled article, exported in every format.

The records go through the real pipeline (notes store, rendering, anchoring), so a change in
any of them that changes what people get shows up here. To accept an intended change, run
with REGENERATE_GOLDEN=1 and review the diff of tests/fixtures/export/.
"""

from __future__ import annotations

import csv
import io
import json
import os
from html.parser import HTMLParser

import pytest

from reader.core.export.collect import collect, posts_in_scope
from reader.core.export.formats import FORMATS, export_bytes
from reader.core.export.model import ExportedPost
from reader.core.library.scan import scan_library
from reader.core.notes.store import NotesStore
from tests.conftest import ARTICLES, FIXTURES

GOLDEN = FIXTURES / "export"
NOTES = GOLDEN / "notes"
POST = "program-manager-vs-project-manager.md"
EXPECTED = {
    "markdown": "expected.md",
    "json": "expected.json",
    "csv": "expected.csv",
    "html": "expected.html",
    "table": "expected-table.md",
}


def golden_records() -> list[ExportedPost]:
    """The bundled article with the fixture notes, as every export sees it."""
    library = scan_library(ARTICLES)
    store = NotesStore(library.root, NOTES)
    collected = collect(library, store, posts_in_scope(library, post=POST))
    assert collected.problems == []
    return collected.posts


@pytest.fixture(scope="module")
def records() -> list[ExportedPost]:
    return golden_records()


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_matches_golden_file(records: list[ExportedPost], fmt: str) -> None:
    data = export_bytes(records, fmt)
    path = GOLDEN / EXPECTED[fmt]
    if os.environ.get("REGENERATE_GOLDEN"):
        path.write_bytes(data)
    assert data == path.read_bytes()
    assert export_bytes(golden_records(), fmt) == data  # same notes, same bytes


def test_fixture_covers_what_the_issue_asks(records: list[ExportedPost]) -> None:
    (post,) = records
    statuses = {item.status.value for item in post.annotations}
    assert {"anchored", "moved", "orphaned"} <= statuses
    assert {item.annotation.side for item in post.annotations} >= {
        "Program Manager",
        "Project Manager",
        None,
    }
    assert len({item.annotation.aspect for item in post.annotations}) >= 5
    everything = "".join(i.quote + i.annotation.note for i in post.annotations)
    for needle in ("|", "\n", "<script>", "**", '"', "日本語", "=SUM"):
        assert needle in everything
    assert all(not item.annotation.is_deleted for item in post.annotations)


def _csv_rows() -> list[dict[str, str]]:
    text = (GOLDEN / EXPECTED["csv"]).read_bytes().decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_csv_reads_back_with_the_csv_module(records: list[ExportedPost]) -> None:
    raw = (GOLDEN / EXPECTED["csv"]).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.endswith(b"\r\n")
    rows = _csv_rows()
    items = records[0].annotations
    assert len(rows) == len(items) == 12
    for row, item in zip(rows, items, strict=True):
        assert row["post"] == POST and row["date"] == "2023-11-07"
        assert row["quote"] == item.quote
        assert row["status"] == item.status.value
        assert row["colour"] == item.annotation.color
        assert row["side"] == (item.annotation.side or "")
    by_note = {row["note"]: row for row in rows}
    assert "'=SUM(A1:A3) reports upward to executives" in by_note
    assert "'@mention: reports to the program manager" in by_note
    assert "'-1 was the estimate; this passage was rewritten." in by_note
    unicode_row = next(row for row in rows if "日本語" in row["note"])
    assert unicode_row["tags"] == "careers; growth mindset"


def test_json_fields_follow_the_design(records: list[ExportedPost]) -> None:
    objects = json.loads((GOLDEN / EXPECTED["json"]).read_text(encoding="utf-8"))
    items = records[0].annotations
    assert len(objects) == len(items)
    for obj, item in zip(objects, items, strict=True):
        note = item.annotation
        assert obj["@context"] == "http://www.w3.org/ns/anno.jsonld"
        assert obj["id"] == f"urn:uuid:{note.id}"
        assert obj["type"] == "Annotation"
        assert obj["created"] == note.created.isoformat()
        assert obj["modified"] == note.modified.isoformat()
        comments = [b for b in obj["body"] if b["purpose"] == "commenting"]
        assert comments == [
            {
                "type": "TextualBody",
                "purpose": "commenting",
                "value": note.note,
                "format": "text/plain",
            }
        ]
        tagging = [b["value"] for b in obj["body"] if b["purpose"] == "tagging"]
        assert tagging == list(note.tags)
        assert obj["target"]["source"] == POST
        quote, *position = obj["target"]["selector"]
        assert quote == {
            "type": "TextQuoteSelector",
            "exact": note.target.exact,
            "prefix": note.target.prefix,
            "suffix": note.target.suffix,
        }
        if item.status.value == "orphaned":
            assert position == []
        else:
            assert position == [
                {"type": "TextPositionSelector", "start": item.start, "end": item.end}
            ]
        assert (obj["side"], obj["aspect"], obj["color"], obj["status"]) == (
            note.side,
            note.aspect,
            note.color,
            item.status.value,
        )


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += attrs

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_parses_with_no_script_and_every_text(records: list[ExportedPost]) -> None:
    page = _Page()
    page.feed((GOLDEN / EXPECTED["html"]).read_text(encoding="utf-8"))
    page.close()
    assert "script" not in page.tags
    assert not {"link", "img", "iframe", "object"} & set(page.tags)
    assert not any(name.startswith("on") or name in {"src", "href"} for name, _ in page.attrs)
    text = "".join(page.text)
    for item in records[0].annotations:
        for line in (item.quote + "\n" + item.annotation.note).splitlines():
            assert line.strip() in text
    assert '<script>alert("x")</script>' in text  # shown as text, not run
    assert "Program Manager vs. Project Manager - What you need to know" in text
