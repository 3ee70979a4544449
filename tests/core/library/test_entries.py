"""The one counting rule: what is shown, how translations make one entry, the default
language, and that hidden translations never reach the counts."""

from __future__ import annotations

from pathlib import Path

from reader.core.library.entries import (
    View,
    counted_problems,
    default_language,
    entries,
    entry_of,
    shown_files,
)
from reader.core.library.scan import scan_library
from tests.files import write


def test_the_language_most_posts_are_in_is_the_default(tmp_path: Path) -> None:
    for name in ("a", "b", "c"):
        write(tmp_path, f"{name}.de.md", f"# {name}\n")
    write(tmp_path, "a.fr.md", "# a\n")
    write(tmp_path, "z.fr.md", "# z\n")
    library = scan_library(tmp_path)
    assert default_language(library) == "de"
    assert len(entries(library, View(lang="de"))) == 3
    assert len(entries(library, View())) == 4


def test_a_tie_goes_to_the_first_code_and_unnamed_posts_mean_every_language(
    tmp_path: Path,
) -> None:
    write(tmp_path, "a.fr.md", "# a\n")
    write(tmp_path, "b.de.md", "# b\n")
    assert default_language(scan_library(tmp_path)) == "de"
    for name in ("c", "d", "e"):
        write(tmp_path, f"{name}.md", f"# {name}\n")
    assert default_language(scan_library(tmp_path)) is None


def test_the_config_default_wins_when_it_has_posts(tmp_path: Path) -> None:
    write(tmp_path, "hugo.toml", 'defaultContentLanguage = "fr"\n[languages.fr]\n[languages.en]\n')
    write(tmp_path, "content/a.en.md", "# a\n")
    write(tmp_path, "content/b.en.md", "# b\n")
    write(tmp_path, "content/a.md", "# a, in French\n")
    library = scan_library(tmp_path / "content")
    assert default_language(library) == "fr"
    assert [e.post.path for e in entries(library, View())] == ["a.md", "b.en.md"]


def test_hidden_translations_are_neither_shown_nor_counted(tmp_path: Path) -> None:
    write(tmp_path, "post.md", "---\ntitle: Post\n---\n")
    write(tmp_path, "post.fr.md", "---\ntitle: Billet\ndraft: true\ndate: someday\n---\n")
    library = scan_library(tmp_path)
    (entry,) = entries(library, View())
    assert entry.translations == ()
    assert counted_problems(library, [entry]) == []
    (with_drafts,) = entries(library, View(drafts=True))
    assert [t.path for t in with_drafts.translations] == ["post.fr.md"]
    assert [p.kind for p in counted_problems(library, [with_drafts])] == ["date"]


def test_a_post_only_in_a_hidden_default_is_shown_in_another_language(tmp_path: Path) -> None:
    write(tmp_path, "post.md", "---\ndraft: true\n---\n")
    write(tmp_path, "post.de.md", "# Deutsch\n")
    library = scan_library(tmp_path)
    assert [e.post.path for e in entries(library, View())] == ["post.de.md"]


def test_files_are_filtered_one_by_one_for_exports(tmp_path: Path) -> None:
    write(tmp_path, "post.md", "---\ntags: [cats]\ncategories: [Pets]\n---\n")
    write(tmp_path, "post.fr.md", "---\ntags: [chats]\n---\n")
    library = scan_library(tmp_path)
    assert [p.path for p in shown_files(library)] == ["post.md", "post.fr.md"]
    assert [p.path for p in shown_files(library, tag="CATS")] == ["post.md"]
    assert [p.path for p in shown_files(library, category="pets")] == ["post.md"]
    assert [p.path for p in shown_files(library, View(lang="fr"))] == ["post.fr.md"]
    found = entries(library, View())
    assert entry_of(found, "post.fr.md") is found[0]
