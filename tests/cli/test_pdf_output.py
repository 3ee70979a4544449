"""The annotated post as a PDF: every note and every quote is on its pages, nothing else is hurt."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
import yaml

from reader.cli.common import CommandError
from reader.cli.main import run_subcommand
from reader.cli.pdf_output import write_post_pdf
from tests.conftest import ARTICLES, FIXTURES

pypdf = pytest.importorskip("pypdf")

SEED = "program-manager-vs-project-manager.md"
NOTES = FIXTURES / "export" / "notes"


def squeezed(text: str) -> str:
    """Text as compared: ligatures unfolded, all white space (tabs, line breaks) removed."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def pdf_text(path: Path) -> str:
    """The text of every page, with pypdf's tabs between words read as spaces."""
    reader = pypdf.PdfReader(str(path))
    return "\n".join((page.extract_text() or "").replace("\t", " ") for page in reader.pages)


def fixture_notes() -> list[dict[str, object]]:
    data = yaml.safe_load((NOTES / f"{SEED}.yaml").read_text(encoding="utf-8"))
    return [a for a in data["annotations"] if "deleted" not in a]


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("pdf") / "post.pdf"
    pages = write_post_pdf(ARTICLES, SEED, NOTES, target)
    assert pages >= 2
    return target


@pytest.mark.parametrize("notes_at", ["end", "beside"])
def test_every_note_and_every_quote_is_in_the_pdf(tmp_path: Path, notes_at: str) -> None:
    target = tmp_path / f"{notes_at}.pdf"
    write_post_pdf(ARTICLES, SEED, NOTES, target, notes_at)  # type: ignore[arg-type]
    text = squeezed(pdf_text(target))
    notes = fixture_notes()
    assert len(notes) == 12
    for note in notes:
        target_text = note["target"]
        assert isinstance(target_text, dict)
        assert squeezed(str(note["note"])) in text, note["note"]
        assert squeezed(str(target_text["exact"])) in text, target_text["exact"]
    assert "deleted:mustnotbeexported" not in text


def test_the_pdf_has_the_cover_title_and_page_numbers(pdf: Path) -> None:
    reader = pypdf.PdfReader(str(pdf))
    first = reader.pages[0]
    assert len(first.images) == 1  # the cover
    text = first.extract_text().replace("\t", " ")
    assert "Program Manager vs. Project Manager" in text
    assert f"1 / {len(reader.pages)}" in text
    assert reader.metadata is not None and reader.metadata.title.startswith("Program Manager")


def test_an_unknown_post_or_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match=r"no post 'nope\.md'"):
        write_post_pdf(ARTICLES, "nope.md", NOTES, tmp_path / "x.pdf")
    with pytest.raises(CommandError, match="no such folder"):
        write_post_pdf(ARTICLES, SEED, NOTES, tmp_path / "missing" / "x.pdf")
    assert list(tmp_path.iterdir()) == []


def test_a_broken_notes_file_makes_no_pdf_and_is_not_touched(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    broken = notes / f"{SEED}.yaml"
    broken.write_text("annotations: [oops\n", encoding="utf-8")
    target = tmp_path / "out.pdf"
    target.write_bytes(b"old")
    with pytest.raises(CommandError, match="cannot be read"):
        write_post_pdf(ARTICLES, SEED, notes, target)
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in notes.iterdir()) == [broken.name]  # no copy set aside


def test_a_post_without_notes_prints_plainly(tmp_path: Path) -> None:
    target = tmp_path / "plain.pdf"
    assert write_post_pdf(ARTICLES, "two-hats-on-one-roadmap.md", tmp_path / "none", target) >= 1
    text = pdf_text(target)
    assert "Two Hats on One Roadmap" in text and "Notes" not in text.split("\n")


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils is not installed")
def test_the_first_page_is_light_with_bars_in_the_margin(pdf: Path, tmp_path: Path) -> None:
    from PySide6.QtGui import QImage

    subprocess.run(
        ["pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "p")],
        check=True,
        timeout=120,
    )
    (png,) = tmp_path.glob("p*.png")
    image = QImage(str(png))
    assert image.pixelColor(5, 5).lightness() > 245  # paper white, whatever the screen theme
    # the margin left of the text holds the side colour bars of the labelled passages
    left_margin = [
        image.pixelColor(x, y)
        for x in range(int(image.width() * 0.05), int(image.width() * 0.11))
        for y in range(image.height() // 2, image.height())
    ]
    assert sum(1 for c in left_margin if c.saturation() > 120) > 20


def test_reader_render_format_pdf_writes_the_annotated_post(tmp_path: Path) -> None:
    out = tmp_path / "post.pdf"
    argv = ["render", str(ARTICLES), SEED, "--format", "pdf", "--notes", str(NOTES), "-o"]
    stdout, stderr = io.StringIO(), io.StringIO()
    assert run_subcommand([*argv, str(out)], stdout, stderr) == 0, stderr.getvalue()
    assert stdout.getvalue() == ""
    text = squeezed(pdf_text(out))
    for note in fixture_notes():
        assert squeezed(str(note["target"]["exact"])) in text  # type: ignore[index]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--format", "pdf"], "needs -o FILE"),
        (["--format", "html", "-o", "x.pdf"], "-o is for --format pdf"),
        (["--format", "pdf", "-o", "nowhere/x.pdf"], "no such folder"),
        (["--format", "pdf", "-o", "x.pdf", "--notes", "absent"], "no such notes folder"),
    ],
)
def test_reader_render_pdf_errors_write_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, extra: list[str], message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    stdout, stderr = io.StringIO(), io.StringIO()
    assert run_subcommand(["render", str(ARTICLES), SEED, *extra], stdout, stderr) == 2
    assert message in stderr.getvalue() and "Traceback" not in stderr.getvalue()
    assert list(tmp_path.iterdir()) == []
