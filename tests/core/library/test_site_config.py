"""The site config around a library: Hugo's and Jekyll's languages, and broken configs."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.library.site_config import read_site


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (
            "hugo.toml",
            'DefaultContentLanguage = "fr"\n[Languages.FR]\nweight = 2\n'
            "[languages.en]\nweight = 1\n",
        ),
        (
            "config.yaml",
            "defaultContentLanguage: fr\nlanguages:\n  en: {weight: 1}\n  fr: {weight: 2}\n",
        ),
        (
            "hugo.json",
            '{"defaultContentLanguage": "fr", "languages": '
            '{"en": {"weight": 1}, "fr": {"weight": 2}}}',
        ),
        ("config/_default/languages.toml", "[en]\nweight = 1\n[fr]\nweight = 2\n"),
    ],
)
def test_hugo_configs_in_the_folder_above_the_library(tmp_path: Path, name: str, text: str) -> None:
    write(tmp_path / name, text)
    if name.startswith("config/"):
        write(tmp_path / "config/_default/hugo.toml", 'defaultContentLanguage = "fr"\n')
    (tmp_path / "content").mkdir()
    site = read_site(tmp_path / "content")
    assert site.generator == "hugo"
    assert site.languages == ("en", "fr")
    assert site.default_language == "fr"
    assert site.config.startswith("../")


def test_disabled_languages_are_left_out(tmp_path: Path) -> None:
    write(tmp_path / "hugo.toml", "[languages.en]\n[languages.de]\ndisabled = true\n")
    assert read_site(tmp_path).languages == ("en",)


def test_jekyll_config(tmp_path: Path) -> None:
    write(tmp_path / "_config.yml", "lang: en-US\nlanguages: [de, fr]\nfuture: true\n")
    site = read_site(tmp_path)
    assert (site.generator, site.languages, site.default_language) == (
        "jekyll",
        ("en-us", "de", "fr"),
        "en-us",
    )
    assert site.build_future


@pytest.mark.parametrize("text", ["[languages\n", "= nonsense", "\x00\x01"])
def test_a_broken_config_is_a_problem_and_the_library_still_reads(
    tmp_path: Path, text: str
) -> None:
    write(tmp_path / "hugo.toml", text)
    site = read_site(tmp_path)
    assert site.generator == "hugo" and site.languages == ()
    assert [p.kind for p in site.problems] == ["file"]
    assert "site config" in site.problems[0].message


def test_a_config_that_is_a_fifo_is_refused(tmp_path: Path) -> None:
    import os

    os.mkfifo(tmp_path / "hugo.toml")
    site = read_site(tmp_path)
    assert "not a regular file" in site.problems[0].message


def test_no_config_is_a_plain_folder(tmp_path: Path) -> None:
    site = read_site(tmp_path)
    assert (site.generator, site.languages, site.problems) == ("", (), ())
