"""References to images: inside the library only, remote never fetched."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.core.library.locations import RefKind, resolve_reference


@pytest.fixture
def site(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    (content / "post").mkdir(parents=True)
    (content / "post" / "pic.png").write_bytes(b"png")
    (content / "root.png").write_bytes(b"png")
    (content / "static").mkdir()
    (content / "static" / "inner.png").write_bytes(b"png")
    (tmp_path / "static" / "img").mkdir(parents=True)
    (tmp_path / "static" / "img" / "hugo.png").write_bytes(b"png")
    (tmp_path / "secret.png").write_bytes(b"png")
    return content


def test_relative_to_post(site: Path) -> None:
    found = resolve_reference("pic.png", site / "post", site)
    assert found.kind is RefKind.LOCAL
    assert found.path == (site / "post" / "pic.png").resolve()


def test_leading_slash_tries_root_then_static_then_sibling_static(site: Path) -> None:
    assert resolve_reference("/root.png", site / "post", site).kind is RefKind.LOCAL
    assert (
        resolve_reference("/inner.png", site / "post", site).path
        == (site / "static" / "inner.png").resolve()
    )
    assert (
        resolve_reference("/img/hugo.png", site / "post", site).path
        == (site.parent / "static" / "img" / "hugo.png").resolve()
    )


def test_percent_encoding_and_query_are_handled(site: Path) -> None:
    (site / "post" / "a b.png").write_bytes(b"png")
    assert resolve_reference("a%20b.png?v=2#x", site / "post", site).kind is RefKind.LOCAL


@pytest.mark.parametrize(
    "ref",
    [
        "../../../../etc/passwd",
        "../../secret.png",
        "/../secret.png",
        "file:///etc/passwd",
        "C:\\x.png",
    ],
)
def test_climbing_out_is_refused(site: Path, ref: str) -> None:
    assert resolve_reference(ref, site / "post", site).kind is RefKind.OUTSIDE


def test_symlink_out_of_the_library_is_refused(site: Path) -> None:
    os.symlink(site.parent / "secret.png", site / "post" / "link.png")
    assert resolve_reference("link.png", site / "post", site).kind is RefKind.OUTSIDE


@pytest.mark.parametrize(
    ("ref", "host"),
    [("https://example.com/a.png", "example.com"), ("//cdn.example.org/b.png", "cdn.example.org")],
)
def test_remote_is_described_not_fetched(site: Path, ref: str, host: str) -> None:
    found = resolve_reference(ref, site / "post", site)
    assert found.kind is RefKind.REMOTE
    assert found.host == host
    assert found.path is None


def test_data_uri_is_remote_kind(site: Path) -> None:
    assert resolve_reference("data:image/png;base64,AAAA", site, site).kind is RefKind.REMOTE


def test_missing_and_empty(site: Path) -> None:
    assert resolve_reference("nope.png", site / "post", site).kind is RefKind.MISSING
    assert resolve_reference("  ", site / "post", site).kind is RefKind.EMPTY


def test_real_paths_from_the_folder_cache_equal_realpath(tmp_path: Path) -> None:
    """Folders are resolved from their parent's cached real path: links at any level, links
    to links, relative links climbing up and a missing folder all come out as realpath."""
    from reader.core.library.locations import clear_path_cache, real_folder_path, real_path

    (tmp_path / "a" / "b" / "c").mkdir(parents=True)
    (tmp_path / "a" / "b" / "c" / "post.md").write_text("x")
    (tmp_path / "a" / "up").symlink_to("b/c/..")
    (tmp_path / "via").symlink_to("a/up")
    (tmp_path / "via2").symlink_to(tmp_path / "via")
    (tmp_path / "a" / "b" / "c" / "alias.md").symlink_to("post.md")
    clear_path_cache()
    for rel in (
        "a/b/c/post.md",
        "via/c/post.md",
        "via2/c/post.md",
        "via2/c/../c/post.md",
        "a/up/c/alias.md",
        "a/missing/post.md",
    ):
        path = str(tmp_path / rel)
        assert real_path(path) == os.path.realpath(path), rel
    alias = str(tmp_path / "via" / "c" / "alias.md")
    assert real_folder_path(alias) == os.path.join(os.path.realpath(tmp_path / "a/b/c"), "alias.md")


def test_a_very_deep_folder_resolves_without_recursing_as_deep(tmp_path: Path) -> None:
    from reader.core.library.locations import clear_path_cache, real_path

    deep = "/".join(["d"] * 1500)
    path = str(tmp_path / deep / "post.md")  # need not exist: resolved as realpath would
    clear_path_cache()
    assert real_path(path) == os.path.realpath(path)
