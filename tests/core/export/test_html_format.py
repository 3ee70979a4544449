"""HTML export: one self-contained page, everything escaped, nothing that runs or loads."""

from __future__ import annotations

from html.parser import HTMLParser

from reader.core.anchoring.targets import AnchorStatus
from reader.core.export.html_format import to_html
from tests.core.export.export_records import item, post

HOSTILE = '</blockquote><script>alert("q")</script><img src=x onerror=alert(1)> & "q" \'s\''


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[str] = []
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += [name for name, _ in attrs]

    def handle_data(self, data: str) -> None:
        self.text += data


def _parse(page: str) -> _Collect:
    parser = _Collect()
    parser.feed(page)
    parser.close()
    return parser


def test_hostile_text_is_shown_never_run() -> None:
    page = to_html(
        [
            post(
                item(
                    HOSTILE, note=HOSTILE + "\nline two", side=HOSTILE, aspect="X", tags=[HOSTILE]
                ),
                title=HOSTILE,
                sides=(HOSTILE, "B"),
            )
        ]
    )
    parsed = _parse(page)
    assert "script" not in parsed.tags and "img" not in parsed.tags
    assert not [name for name in parsed.attrs if name.startswith("on") or name == "src"]
    assert parsed.text.count(HOSTILE) >= 5
    assert "line two" in parsed.text


def test_page_is_self_contained_and_printable() -> None:
    page = to_html([post(item("q", note="n", side="A", aspect="X"))])
    assert page.startswith("<!DOCTYPE html>\n") and page.endswith("</html>\n")
    assert "@media print" in page and "<style>" in page
    assert "http://" not in page and "https://" not in page
    assert "Content-Security-Policy" in page
    parsed = _parse(page)
    assert parsed.tags.count("table") == 1  # the comparison, since the note has a side
    assert "Aspect" in parsed.text and "A (1)" in parsed.text and "—" in parsed.text


def test_status_marked_and_no_table_without_sides() -> None:
    page = to_html([post(item("q", status=AnchorStatus.FUZZY), sides=())])
    parsed = _parse(page)
    assert "fuzzy" in parsed.text and "closest match" in parsed.text
    assert "table" not in parsed.tags


def test_nothing_to_show() -> None:
    assert "No notes match." in _parse(to_html([post()])).text
