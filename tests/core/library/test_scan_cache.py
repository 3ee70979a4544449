"""The scan cache: reused only while files are unchanged, never trusted when stale or corrupt."""

from __future__ import annotations

import marshal
import os
import zlib
from pathlib import Path

import pytest

from reader import __version__
from reader.core.library import cache_format, scan_cache
from reader.core.library.scan import scan_library
from reader.core.library.scan_cache import (
    ScanCache,
    default_cache_dir,
    scan_with_cache,
)
from tests.files import spy_on_reads, write
from tests.image_helpers import write_png


def post_text(title: str, date: str = "2024-01-02", tags: str = "[a, b]") -> str:
    return f"---\ntitle: {title}\ndate: {date}\ntags: {tags}\n---\nBody of {title}.\n"


@pytest.fixture
def library(tmp_path: Path) -> Path:
    root = tmp_path / "lib"
    write(root, "one.md", post_text("One", "2024-01-01"))
    write(root, "two.md", post_text("Two", "2024-02-01T10:30:00+01:00"))
    write(root, "sub/three.md", "# Three\n\nNo front matter.\n")
    write(root, "bad.md", "---\ntitle: [unclosed\n---\nbody\n")
    return root


@pytest.fixture
def cache(library: Path, tmp_path: Path) -> ScanCache:
    return ScanCache(library, tmp_path / "cache")


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths scan_with_cache actually reads (rather than takes from the cache)."""
    return spy_on_reads(monkeypatch)


def bump_mtime(path: Path) -> None:
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 5_000_000_000))


def test_warm_scan_reads_nothing_and_equals_a_cold_scan(
    library: Path, cache: ScanCache, reads: list[str]
) -> None:
    cold = scan_with_cache(library, cache=cache)
    assert sorted(reads) == ["bad.md", "one.md", "sub/three.md", "two.md"]
    assert cache.path.is_file()
    reads.clear()
    warm = scan_with_cache(library, cache=cache)
    assert reads == []
    assert warm.posts == cold.posts == scan_library(library).posts
    assert [p.path for p in warm.posts] == [p.path for p in scan_library(library).posts]
    assert warm.find("bad.md") is not None and warm.find("bad.md").problems  # type: ignore[union-attr]


def test_edited_post_is_read_again(library: Path, cache: ScanCache, reads: list[str]) -> None:
    scan_with_cache(library, cache=cache)
    reads.clear()
    path = write(library, "one.md", post_text("One, edited", "2025-06-01"))
    bump_mtime(path)
    warm = scan_with_cache(library, cache=cache)
    assert reads == ["one.md"]
    assert warm.posts[0].title == "One, edited"  # newest now: sorted to the top
    assert warm.posts == scan_library(library).posts


def test_touched_post_with_same_size_is_read_again(
    library: Path, cache: ScanCache, reads: list[str]
) -> None:
    scan_with_cache(library, cache=cache)
    reads.clear()
    bump_mtime(library / "two.md")
    scan_with_cache(library, cache=cache)
    assert reads == ["two.md"]


def test_deleted_post_disappears(library: Path, cache: ScanCache, reads: list[str]) -> None:
    scan_with_cache(library, cache=cache)
    (library / "two.md").unlink()
    reads.clear()
    warm = scan_with_cache(library, cache=cache)
    assert reads == []
    assert warm.find("two.md") is None
    assert "two.md" not in cache.load(warm.context.fingerprint())  # and the cache forgot it


def test_added_post_appears_in_order(library: Path, cache: ScanCache, reads: list[str]) -> None:
    scan_with_cache(library, cache=cache)
    reads.clear()
    write(library, "new/four.md", post_text("Four", "2024-01-15"))
    warm = scan_with_cache(library, cache=cache)
    assert reads == ["new/four.md"]
    assert [p.path for p in warm.posts] == [p.path for p in scan_library(library).posts]


@pytest.mark.parametrize(
    "garbage",
    [
        b"",
        b"not a cache at all",
        b"\x00" * 4096,
        scan_cache.MAGIC + b"\x00\x00\x00\x00garbage",
    ],
)
def test_corrupt_cache_is_rebuilt_without_an_exception(
    library: Path, cache: ScanCache, reads: list[str], garbage: bytes
) -> None:
    scan_with_cache(library, cache=cache)
    cache.path.write_bytes(garbage)
    reads.clear()
    warm = scan_with_cache(library, cache=cache)
    assert len(reads) == 4
    assert warm.posts == scan_library(library).posts
    assert cache.problem is not None or garbage == b""
    reads.clear()
    scan_with_cache(library, cache=cache)
    assert reads == []  # the rebuilt cache is good again


def test_truncated_cache_is_rebuilt(library: Path, cache: ScanCache, reads: list[str]) -> None:
    scan_with_cache(library, cache=cache)
    data = cache.path.read_bytes()
    cache.path.write_bytes(data[: len(data) // 2])
    reads.clear()
    assert scan_with_cache(library, cache=cache).posts == scan_library(library).posts
    assert len(reads) == 4


def test_well_formed_payload_with_wrong_shapes_is_rebuilt(
    library: Path, cache: ScanCache, reads: list[str]
) -> None:
    """A checksum-valid file whose records make no sense is still not trusted."""
    scan_with_cache(library, cache=cache)
    columns = tuple((1, 2, 3, 4) for _ in scan_cache.FIELDS)
    fingerprint = scan_library(library).context.fingerprint()
    cache.save_records([], fingerprint)  # a valid header and layout...
    payload = marshal.dumps(
        (
            scan_cache.FORMAT_VERSION,
            __version__,
            scan_cache.FIELDS,
            cache.real_root,
            fingerprint,
            None,
            columns,
        )
    )  # ...then records of the wrong types
    crc = zlib.crc32(payload).to_bytes(4, "big")
    cache.path.write_bytes(scan_cache.MAGIC + crc + payload)
    reads.clear()
    assert scan_with_cache(library, cache=cache).posts == scan_library(library).posts
    assert len(reads) == 4


def test_cache_of_another_reader_version_is_ignored(
    library: Path, cache: ScanCache, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as patch:
        patch.setattr(cache_format, "__version__", "0.0.1-old")
        scan_with_cache(library, cache=cache)
    reads.clear()
    scan_with_cache(library, cache=cache)
    assert len(reads) == 4
    assert "another version" in (cache.problem or "")


def test_cache_of_another_format_version_is_ignored(
    library: Path, cache: ScanCache, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as patch:
        patch.setattr(cache_format, "FORMAT_VERSION", 999)
        scan_with_cache(library, cache=cache)
    reads.clear()
    scan_with_cache(library, cache=cache)
    assert len(reads) == 4


def test_cache_made_for_another_library_is_ignored(
    library: Path, cache: ScanCache, tmp_path: Path, reads: list[str]
) -> None:
    other = tmp_path / "other"
    write(other, "one.md", post_text("Other one"))
    other_cache = ScanCache(other, cache.folder)
    scan_with_cache(other, cache=other_cache)
    cache.path.write_bytes(other_cache.path.read_bytes())  # as if the names collided
    reads.clear()
    warm = scan_with_cache(library, cache=cache)
    assert len(reads) == 4
    assert warm.find("one.md") is not None and warm.find("one.md").title == "One"  # type: ignore[union-attr]


def test_unwritable_cache_folder_still_scans(library: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    cache = ScanCache(library, blocker / "cache")
    first = scan_with_cache(library, cache=cache)
    second = scan_with_cache(library, cache=cache)
    assert first.posts == second.posts == scan_library(library).posts
    assert cache.problem is not None and "not saved" in cache.problem


def test_deleting_the_cache_is_safe(library: Path, cache: ScanCache, reads: list[str]) -> None:
    scan_with_cache(library, cache=cache)
    cache.clear()
    cache.clear()  # twice: already gone is fine
    reads.clear()
    assert scan_with_cache(library, cache=cache).posts == scan_library(library).posts
    assert len(reads) == 4


def test_a_cover_that_appears_is_seen_on_the_next_warm_scan(
    library: Path, cache: ScanCache
) -> None:
    write(library, "cover.md", "---\ntitle: Cover\nimage: pic.png\n---\nbody\n")
    before = scan_with_cache(library, cache=cache).find("cover.md")
    assert before is not None and before.image is None
    (library / "pic.png").write_text("not an image yet", encoding="utf-8")
    broken = scan_with_cache(library, cache=cache).find("cover.md")
    assert broken is not None and broken.image is None
    assert [p.message for p in broken.problems] == ["cover pic.png is not a readable image"]
    write_png(library / "pic.png")
    after = scan_with_cache(library, cache=cache).find("cover.md")
    assert after is not None and after.image is not None and after.problems == ()


def test_a_changed_section_cascade_reads_every_post_again(
    library: Path, cache: ScanCache, reads: list[str]
) -> None:
    scan_with_cache(library, cache=cache)
    reads.clear()
    write(library, "sub/_index.md", "---\ncascade:\n  draft: true\n---\n")
    warm = scan_with_cache(library, cache=cache)
    assert len(reads) == 4  # posts read under other cascades are stale
    three = warm.find("sub/three.md")
    assert three is not None and three.draft
    assert "another site config or cascade" in (cache.problem or "")
    reads.clear()
    scan_with_cache(library, cache=cache)
    assert reads == []


def test_records_keep_every_new_field(tmp_path: Path) -> None:
    root = tmp_path / "site"
    write(root, "post.md", "---\npublishDate: 2030-01-02\nexpiryDate: 2031-01-01T10:00:00Z\n---\n")
    write(root, "post.fr.md", "---\nheadless: true\ncategory: Voyage\n---\n")
    cache = ScanCache(root, tmp_path / "cache")
    cold = scan_with_cache(root, cache=cache)
    warm = scan_with_cache(root, cache=cache)
    assert warm.posts == cold.posts
    fr = warm.find("post.fr.md")
    assert fr is not None and (fr.lang, fr.translation_key, fr.hidden) == ("fr", "post", "headless")
    assert fr.categories == ("Voyage",)
    plain = warm.find("post.md")
    assert plain is not None and plain.publish_date is not None and plain.expiry_date is not None


def test_progress_ends_at_the_total(library: Path, cache: ScanCache) -> None:
    for _ in range(2):  # cold, then warm
        seen: list[tuple[int, int]] = []
        scan_with_cache(library, lambda *report: seen.append(report), cache)  # noqa: B023
        assert seen[0] == (0, 4) and seen[-1] == (4, 4)


def test_missing_library_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(NotADirectoryError):
        scan_with_cache(tmp_path / "nowhere", cache=ScanCache(tmp_path, tmp_path / "c"))


def test_default_cache_is_per_user_and_per_library(tmp_path: Path) -> None:
    first = ScanCache(tmp_path / "a")
    second = ScanCache(tmp_path / "b")
    assert first.path.parent == default_cache_dir()
    assert first.path != second.path
    assert ScanCache(tmp_path / "a" / ".." / "a").path == first.path  # keyed by the real path


def test_columns_taken_from_posts_are_the_records_columns_and_load_back(
    library: Path, tmp_path: Path
) -> None:
    """The cache is written from columns taken field by field; they hold what a record per
    post holds, every value that repeats is one object, and they load back to equal posts."""
    from reader.core.library.cached_posts import build_posts
    from reader.core.library.post_record import (
        FIELDS,
        post_columns,
        post_to_record,
        records_columns,
    )

    write(library, "covered.md", "---\ntitle: C\nimage: pic.png\ntags: [a, b]\ncompare: [x]\n---\n")
    write(library, "covered2.md", "---\ntitle: D\nimage: pic.png\ntags: [a, b]\n---\n")
    write_png(library / "pic.png")
    posts = scan_library(library).posts
    columns = post_columns(posts)
    assert columns == records_columns([post_to_record(post) for post in posts])
    assert build_posts(columns) == list(posts)
    refs = columns[FIELDS.index("image_ref")]
    tags = columns[FIELDS.index("tags")]
    with_cover = [row for row, ref in enumerate(refs) if ref]
    assert len(with_cover) == 2 and refs[with_cover[0]] is refs[with_cover[1]]
    assert tags[with_cover[0]] is tags[with_cover[1]]
    assert any(columns[FIELDS.index("problems")])  # bad.md's problem went through too


@pytest.mark.parametrize(
    ("field", "wrong"), [("title", 7), ("path", None), ("date", 3), ("size", "1")]
)
def test_one_value_of_the_wrong_type_is_enough_to_refuse_the_cache(
    library: Path, cache: ScanCache, field: str, wrong: object
) -> None:
    scan_with_cache(library, cache=cache)
    stored = cache.load_stored()
    assert stored is not None
    index = scan_cache.FIELDS.index(field)
    columns = list(stored.columns)
    columns[index] = (*columns[index][:-1], wrong)
    data = cache_format.encode(cache.real_root, stored.fingerprint, tuple(columns), None)
    with pytest.raises(ValueError, match=f"malformed {field}"):
        cache_format.decode(data, cache.real_root)
