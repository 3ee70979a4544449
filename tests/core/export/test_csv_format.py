"""CSV export: RFC 4180 quoting, BOM, and no formulas for spreadsheets to run."""

from __future__ import annotations

import csv
import io

from reader.core.anchoring.targets import AnchorStatus
from reader.core.export.csv_format import HEADER, guard_cell, to_csv
from tests.core.export.export_records import item, post


def _read(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:], newline="")))


def test_header_and_rows_round_trip() -> None:
    quote = 'has "quotes", commas\nand a newline'
    text = to_csv(
        [
            post(
                item(
                    quote,
                    note="n",
                    side="A",
                    aspect="X",
                    tags=["t1", "t2"],
                    color="blue",
                    status=AnchorStatus.MOVED,
                ),
                path="p.md",
                title="T, with comma",
            )
        ]
    )
    rows = _read(text)
    assert (
        rows[0]
        == list(HEADER)
        == [
            "post",
            "title",
            "date",
            "quote",
            "note",
            "side",
            "aspect",
            "tags",
            "colour",
            "status",
        ]
    )
    assert rows[1] == [
        "p.md",
        "T, with comma",
        "2024-05-06",
        quote,
        "n",
        "A",
        "X",
        "t1; t2",
        "blue",
        "moved",
    ]
    assert text.endswith("\r\n") and '"has ""quotes"", commas\nand a newline"' in text


def test_formula_cells_get_an_apostrophe() -> None:
    for cell in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"):
        assert guard_cell(cell) == "'" + cell
    for cell in ("", "plain", "a=b", "'already"):
        assert guard_cell(cell) == cell
    rows = _read(to_csv([post(item('=HYPERLINK("x")', note="@cmd", aspect="-x"))]))
    assert rows[1][3] == '\'=HYPERLINK("x")' and rows[1][4] == "'@cmd" and rows[1][6] == "'-x"


def test_without_bom_and_with_no_rows() -> None:
    assert to_csv([], bom=False) == ",".join(HEADER) + "\r\n"
    text = to_csv([post(item("naïve 日本語"))])
    assert "naïve 日本語" in text.encode("utf-8").decode("utf-8-sig")
