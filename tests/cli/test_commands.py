"""The headless command line: list, tags, check; JSON shapes and exit statuses."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli.main import main, run_subcommand


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = run_subcommand(list(argv), out, err)
    return status, out.getvalue(), err.getvalue()


def test_list_json_defaults_to_bundled_articles() -> None:
    status, out, _ = run("list", "--json")
    posts = json.loads(out)
    assert status == 0
    seed = next(p for p in posts if p["path"] == "program-manager-vs-project-manager.md")
    assert seed["title"] == "Program Manager vs. Project Manager - What you need to know"
    assert seed["date"] == "2023-11-07"
    assert seed["tags"] == [] and seed["description"] == "" and seed["problems"] == []
    assert seed["image"].endswith("coverimg/img_post1.png")
    assert Path(seed["image"]).is_file()
    assert not any(p["draft"] for p in posts)
    dates = [p["date"][:10] for p in posts if p["date"]]
    assert dates == sorted(dates, reverse=True)


def test_list_drafts_and_tag_filter(hugo_content: Path) -> None:
    _, out, _ = run("list", str(hugo_content), "--json", "--tag", "HUGO")
    listed = json.loads(out)
    assert [p["path"] for p in listed] == [
        "posts/second-toml.md",
        "posts/first-yaml.md",
        "posts/third-json.md",
        "posts/bundle-post/index.md",  # its Japanese translation is the same entry
    ]
    assert listed[-1]["translations"] == [{"lang": "ja", "path": "posts/bundle-post/index.ja.md"}]
    _, out, _ = run("list", str(hugo_content), "--json", "--drafts", "--tag", "hugo")
    assert json.loads(out)[0]["path"] == "posts/draft-post.md"


def test_list_text_output(jekyll_site: Path) -> None:
    status, out, _ = run("list", str(jekyll_site))
    assert status == 0
    assert "2016-05-20  My First Post, Properly Titled  [jekyll]" in out


def test_tags_json(hugo_content: Path) -> None:
    _, out, _ = run("tags", str(hugo_content), "--json")
    assert json.loads(out) == {
        "tags": [
            {"name": "bundles", "count": 1},
            {"name": "hugo", "count": 4},  # a post and its translation count once
            {"name": "json", "count": 1},
            {"name": "toml", "count": 1},
            {"name": "yaml", "count": 1},
        ],
        "untagged": 0,
        "categories": [{"name": "notes", "count": 1}],
        "uncategorized": 3,
    }


def test_check_json_and_strict(tmp_path: Path) -> None:
    (tmp_path / "bad.md").write_text("---\ntitle: [x\n---\n", encoding="utf-8")
    (tmp_path / "good.md").write_text("# Good\n", encoding="utf-8")
    status, out, _ = run("check", str(tmp_path), "--json")
    assert status == 0
    problems = json.loads(out)["problems"]
    assert [(p["path"], p["kind"]) for p in problems] == [("bad.md", "front-matter")]
    assert problems[0]["message"].startswith("invalid YAML front matter")
    assert run("check", str(tmp_path), "--strict")[0] == 1


def test_check_clean_library_strict_passes() -> None:
    status, out, _ = run("check", "--strict")
    assert status == 0
    assert out.endswith("0 problems\n")


@pytest.mark.parametrize("command", ["list", "tags", "check"])
def test_missing_library_is_a_clear_error(command: str, tmp_path: Path) -> None:
    status, out, err = run(command, str(tmp_path / "nope"))
    assert status == 2
    assert out == ""
    assert err == f"reader: error: no such folder: {tmp_path / 'nope'}\n"


def test_file_instead_of_folder(tmp_path: Path) -> None:
    (tmp_path / "f.md").write_text("x", encoding="utf-8")
    assert run("list", str(tmp_path / "f.md"))[2].startswith("reader: error: not a folder")


def test_main_dispatches_sub_commands(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["tags", "--json"]) == 0
    assert "untagged" in json.loads(capsys.readouterr().out)


def test_python_dash_m_reader_works() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "reader", "list", "--json"], capture_output=True, text=True
    )
    assert result.returncode == 0
    assert len(json.loads(result.stdout)) >= 6
