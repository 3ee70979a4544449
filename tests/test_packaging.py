"""The bundled articles and resources ship inside the installed package, not only a checkout."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from reader.paths import bundled_articles, resources_dir

ROOT = Path(__file__).resolve().parent.parent


def test_data_folders_are_found() -> None:
    assert (bundled_articles() / "program-manager-vs-project-manager.md").is_file()
    assert (bundled_articles() / "coverimg" / "img_post1.png").is_file()
    assert (resources_dir() / "icons" / "reader.svg").is_file()


def test_bundled_article_is_the_seed_verbatim() -> None:
    seed = ROOT.parent / "shared" / "seed" / "program-manager-vs-project-manager.md"
    shipped = bundled_articles() / "program-manager-vs-project-manager.md"
    if seed.is_file():  # shared/ sits beside the checkout on the project's machines
        assert shipped.read_bytes() == seed.read_bytes()
    assert shipped.read_bytes().startswith(b"---\ntitle: Program Manager vs. Project Manager")


def test_wheel_contains_articles_and_resources(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--quiet",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    (wheel,) = tmp_path.glob("reader-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for expected in (
        "reader/articles/program-manager-vs-project-manager.md",
        "reader/articles/coverimg/img_post1.png",
        "reader/articles/portfolio-vs-program-management/index.md",
        "reader/articles/portfolio-vs-program-management/cover.png",
        "reader/resources/icons/reader.svg",
        "reader/core/library/__init__.py",
        "reader/ui/window/main_window.py",
        "reader/py.typed",
    ):
        assert expected in names, expected
