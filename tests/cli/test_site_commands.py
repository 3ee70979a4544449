"""The command line on real-site fixtures: --lang, --category, translations in list --json,
and check counting what the window counts."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest

from reader.cli.main import run_subcommand

SITES = Path(__file__).resolve().parents[1] / "fixtures" / "sites"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = run_subcommand(list(argv), out, err)
    return status, out.getvalue(), err.getvalue()


def listed(*argv: str) -> list[dict[str, object]]:
    status, out, err = run("list", *argv, "--json")
    assert status == 0, err
    rows: list[dict[str, object]] = json.loads(out)
    return rows


def test_list_json_has_lang_and_translations() -> None:
    rows = listed(str(SITES / "hugo-translations" / "content"))
    assert [(r["path"], r["lang"]) for r in rows] == [
        ("posts/gallery/index.md", "en"),
        ("posts/notes.md", "en"),
        ("posts/version.v2.md", "en"),
    ]
    assert rows[1]["translations"] == [{"lang": "ja", "path": "posts/notes.ja.md"}]


def test_list_by_language_and_every_language() -> None:
    content = str(SITES / "hugo-translations" / "content")
    japanese = listed(content, "--lang", "JA")
    assert [r["path"] for r in japanese] == [
        "posts/gallery/index.ja.md",
        "posts/notes.ja.md",
        "posts/only-japanese.ja.md",
    ]
    assert len(listed(content, "--lang", "all")) == 4


def test_an_unknown_language_is_an_error() -> None:
    status, out, err = run("list", str(SITES / "hugo-translations" / "content"), "--lang", "xx")
    assert status == 2 and out == ""
    assert "no post in language 'xx'" in err and "en, ja" in err


def test_list_by_category_and_hidden_markers() -> None:
    blog = str(SITES / "jekyll-blog")
    rows = listed(blog, "--category", "Release Notes")
    assert [r["path"] for r in rows] == ["_posts/2024-01-05-release.md"]
    _status, out, _ = run("list", blog, "--drafts")
    assert "(scheduled)" in out and "(unpublished)" in out and "(draft)" in out
    assert "also in ja" in out


def test_tags_count_each_post_once_with_categories() -> None:
    _status, out, _ = run("tags", str(SITES / "hugo-translations" / "content"), "--json")
    data = json.loads(out)
    assert {t["name"]: t["count"] for t in data["tags"]} == {"Gallery": 1, "notes": 1}
    _status, out, _ = run("tags", str(SITES / "jekyll-blog"), "--json")
    categories = {c["name"]: c["count"] for c in json.loads(out)["categories"]}
    assert categories == {
        "announcements": 1,
        "diary": 1,
        "news": 1,
        "release notes": 1,
        "travel": 1,
    }


def test_check_counts_the_posts_shown_and_their_problems() -> None:
    status, out, _ = run("check", str(SITES / "counts"))
    assert out.splitlines()[-1] == "3 posts, 2 problems"
    status, out, _ = run("check", str(SITES / "counts"), "--drafts")
    assert out.splitlines()[-1] == "4 posts, 2 problems"
    status, out, _ = run("check", str(SITES / "hugo-unpublished" / "content"), "--strict")
    assert (status, out.splitlines()[-1]) == (0, "3 posts, 0 problems")


def test_check_follows_the_language_choice() -> None:
    articles = str(SITES / "jekyll-collection" / "_articles")
    assert run("check", articles)[1].splitlines()[-1] == "2 posts, 0 problems"
    _status, out, _ = run("check", articles, "--lang", "zh-hans", "--json")
    assert json.loads(out)["problems"] == [
        {
            "path": "zh-hans/how-to-start.md",
            "kind": "image",
            "message": "cover /assets/images/cards/missing.png not found",
        }
    ]


def test_export_by_category_and_language(tmp_path: Path) -> None:
    root = tmp_path / "blog"
    shutil.copytree(SITES / "jekyll-blog", root)
    for rel, quote in (
        ("_posts/2024-01-05-release.md", "Released"),
        ("ja/_posts/2024-01-05-release.md", "リリース"),
    ):
        notes = root / ".annotations" / f"{rel}.yaml"
        notes.parent.mkdir(parents=True, exist_ok=True)
        notes.write_text(
            f"format: reader-annotations\nversion: 1\narticle: {rel}\nannotations:\n"
            "  - id: 55555555-5555-4555-8555-55555555555" + str(len(quote) % 10) + "\n"
            "    created: 2026-01-01T00:00:00+00:00\n"
            "    modified: 2026-01-01T00:00:00+00:00\n"
            f"    note: on {rel}\n    target:\n      exact: {quote}\n",
            encoding="utf-8",
        )
    status, out, err = run("export", str(root), "--category", "release notes", "--format", "csv")
    assert status == 0, err
    assert "on _posts/2024-01-05-release.md" in out
    assert "on ja/_posts/2024-01-05-release.md" in out  # each translation has its own notes
    status, out, _ = run(
        "export", str(root), "--category", "release notes", "--lang", "ja", "--format", "csv"
    )
    assert "on ja/_posts" in out and "on _posts" not in out.replace("on ja/_posts", "")
    status, _, err = run("export", str(root), "--category", "nope")
    assert status == 2 and "no post in category 'nope'" in err


@pytest.mark.parametrize("command", ["list", "tags", "check"])
def test_drafts_and_lang_options_exist_everywhere(command: str) -> None:
    status, _, _ = run(
        command, str(SITES / "hugo-translations" / "content"), "--drafts", "--lang", "all"
    )
    assert status == 0
