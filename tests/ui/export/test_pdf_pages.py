"""Pages of the printed post: a range of them, and a clear error for a range past the end."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QPdfWriter
from PySide6.QtWidgets import QApplication

from reader.core.export.printable import printable_post
from reader.core.library.scan import scan_library
from reader.core.notes.files import parse_bytes
from reader.ui.export.pdf import PrintError, default_page_layout, paint_pages, write_pdf
from reader.ui.export.print_document import build_print_document
from tests.conftest import ARTICLES, FIXTURES

pypdf = pytest.importorskip("pypdf")
SEED = "program-manager-vs-project-manager.md"


def printed(qapp: QApplication):  # type: ignore[no-untyped-def]
    post = scan_library(ARTICLES).find(SEED)
    assert post is not None
    data = (FIXTURES / "export" / "notes" / f"{SEED}.yaml").read_bytes()
    return build_print_document(printable_post(ARTICLES, post, parse_bytes(data, SEED)), ARTICLES)


def writer(path: Path) -> QPdfWriter:
    device = QPdfWriter(str(path))
    device.setResolution(150)
    device.setPageLayout(default_page_layout())
    return device


def test_only_the_pages_asked_for(qapp: QApplication, tmp_path: Path) -> None:
    target = tmp_path / "two.pdf"
    device = writer(target)
    assert paint_pages(printed(qapp), device, (2, 2)) == 1
    del device
    (page,) = pypdf.PdfReader(str(target)).pages
    assert "2 / 3" in (page.extract_text() or "").replace("\t", " ")


def test_a_range_past_the_end_is_refused(qapp: QApplication, tmp_path: Path) -> None:
    with pytest.raises(PrintError, match="pages 7 to 9 were asked for"):
        paint_pages(printed(qapp), writer(tmp_path / "none.pdf"), (7, 9))


def test_the_pdf_replaces_the_old_file_only_when_complete(
    qapp: QApplication, tmp_path: Path
) -> None:
    target = tmp_path / "post.pdf"
    target.write_bytes(b"old")
    assert write_pdf(printed(qapp), target) == 3
    assert target.read_bytes().startswith(b"%PDF")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["post.pdf"]  # no temporary left
