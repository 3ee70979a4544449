"""The scan: which files are posts, and every bad input the library issue lists."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from reader.core.library.entries import View, entries, filter_entries
from reader.core.library.post import Post, post_to_json
from reader.core.library.scan import scan_library
from tests.files import write


def only_post(root: Path) -> Post:
    posts = scan_library(root).posts
    assert len(posts) == 1, [p.path for p in posts]
    return posts[0]


def kinds(post: Post) -> list[str]:
    return [problem.kind for problem in post.problems]


def test_bundled_article_is_read_as_the_design_says(articles: Path) -> None:
    library = scan_library(articles)
    post = library.find("program-manager-vs-project-manager.md")
    assert post is not None
    assert post.title == "Program Manager vs. Project Manager - What you need to know"
    assert post.date == dt.date(2023, 11, 7)
    assert post.tags == ()
    assert post.description == ""
    assert post.image == (articles / "coverimg" / "img_post1.png").resolve()
    assert post.problems == ()
    assert library.all_problems() == []


def test_bundled_library_has_tags_drafts_and_covers(articles: Path) -> None:
    posts = scan_library(articles).posts
    assert 6 <= len(posts) <= 9
    assert sum(post.draft for post in posts) == 1
    assert sum(post.image is not None for post in posts) >= 3
    assert any(post.path.endswith("/index.md") for post in posts)
    assert len({tag.casefold() for post in posts for tag in post.tags}) >= 5


def test_hugo_content(hugo_content: Path) -> None:
    library = scan_library(hugo_content)
    paths = [post.path for post in library.posts]
    assert paths == [
        "posts/draft-post.md",
        "posts/second-toml.md",
        "posts/first-yaml.md",
        "posts/third-json.md",
        "posts/bundle-post/index.ja.md",
        "posts/bundle-post/index.md",
    ]
    by_path = {post.path: post for post in library.posts}
    toml = by_path["posts/second-toml.md"]
    assert toml.date == dt.datetime(2024, 2, 20, 8, tzinfo=dt.UTC)
    assert toml.image == (hugo_content.parent / "static" / "images" / "cover.png").resolve()
    assert by_path["posts/third-json.md"].tags == ("HUGO", "json")
    bundle = by_path["posts/bundle-post/index.md"]
    assert bundle.image == (hugo_content / "posts" / "bundle-post" / "cover.png").resolve()
    assert by_path["posts/draft-post.md"].draft
    assert library.all_problems() == []


def test_jekyll_site(jekyll_site: Path) -> None:
    posts = scan_library(jekyll_site).posts
    by_path = {post.path: post for post in posts}
    first = by_path["_posts/2016-05-20-my-first-post.md"]
    assert first.title == "My First Post, Properly Titled"
    assert first.date == dt.date(2016, 5, 20)
    assert first.image == (jekyll_site / "assets" / "cover.png").resolve()
    plain = by_path["_posts/2017-01-02-no-front-matter.markdown"]
    assert plain.title == "No front matter"
    assert plain.date == dt.date(2017, 1, 2)
    assert by_path["_posts/2018-07-04-dated-in-front.md"].date_iso() == "2018-07-05T09:15:00+02:00"


def test_jekyll_drafts_folder_is_draft(tmp_path: Path) -> None:
    write(tmp_path, "_drafts/idea.md", "# Idea\n")
    assert only_post(tmp_path).draft


def test_hidden_folders_section_pages_and_other_files_are_skipped(tmp_path: Path) -> None:
    write(tmp_path, ".annotations/a.md.yaml", "x")
    write(tmp_path, ".git/x.md", "x")
    write(tmp_path, "_index.md", "---\ntitle: Section\n---\n")
    write(tmp_path, "notes.txt", "x")
    write(tmp_path, "post.MD", "# Upper-case suffix\n")
    assert only_post(tmp_path).title == "Upper-case suffix"


@pytest.mark.parametrize(
    ("content", "title", "problem_kind"),
    [
        ("no front matter at all", "Post", None),
        ("---\n---\nbody", "Post", None),
        ("---\n# only a comment\n---\nbody", "Post", None),
        ("---\ntitle: Unclosed\nbody", "Post", "front-matter"),
        ("---\ntitle: [broken\n---\nbody", "Post", "front-matter"),
        ("---\ntitle: 2023\n---\n", "2023", None),
        ("---\ntitle: 2023-01-02\n---\n", "2023-01-02", None),
        ("---\ntitle: 1.5\n---\n", "1.5", None),
        ("---\ntitle:\n---\n# From heading\n", "From heading", None),
        ("---\n- just\n- a list\n---\n", "Post", "front-matter"),
    ],
)
def test_bad_front_matter_never_hides_the_post(
    tmp_path: Path, content: str, title: str, problem_kind: str | None
) -> None:
    write(tmp_path, "post.md", content)
    post = only_post(tmp_path)
    assert post.title == title
    assert kinds(post) == ([problem_kind] if problem_kind else [])


def test_keys_with_stray_spaces_and_capitals(tmp_path: Path) -> None:
    write(tmp_path, "p.md", '---\nTitle : T\n  \nTAGS :  [A]\nDescription  : " d "\n---\n')
    post = only_post(tmp_path)
    assert (post.title, post.tags, post.description) == ("T", ("A",), "d")


@pytest.mark.parametrize(
    ("tags_yaml", "expected"),
    [
        ("null", ()),
        ("", ()),
        ("single", ("single",)),
        ("'a, b,  c'", ("a", "b", "c")),
        ("[x, x, X, y]", ("x", "y")),
        ("[2023, 7]", ("2023", "7")),
    ],
)
def test_tag_shapes(tmp_path: Path, tags_yaml: str, expected: tuple[str, ...]) -> None:
    write(tmp_path, "p.md", f"---\ntitle: T\ntags: {tags_yaml}\n---\n")
    assert only_post(tmp_path).tags == expected


@pytest.mark.parametrize(
    ("date_yaml", "expected"),
    [
        ("2023-11-07", "2023-11-07"),
        ("2023-11-07T10:00:00+02:00", "2023-11-07T10:00:00+02:00"),
        ("'2023-11-07 10:00:00 -0500'", "2023-11-07T10:00:00-05:00"),
        ("'07.11.2023'", "2023-11-07"),
        ("'March 3, 2021'", "2021-03-03"),
    ],
)
def test_dates(tmp_path: Path, date_yaml: str, expected: str) -> None:
    write(tmp_path, "p.md", f"---\ntitle: T\ndate: {date_yaml}\n---\n")
    assert only_post(tmp_path).date_iso() == expected


def test_unreadable_date_is_reported_and_falls_back_to_file_name(tmp_path: Path) -> None:
    write(tmp_path, "2020-02-03-x.md", "---\ntitle: T\ndate: someday\n---\n")
    post = only_post(tmp_path)
    assert post.date == dt.date(2020, 2, 3)
    assert kinds(post) == ["date"]


def test_latin1_file(tmp_path: Path) -> None:
    write(tmp_path, "p.md", "---\ntitle: Café\n---\nCrème brûlée".encode("latin-1"))
    post = only_post(tmp_path)
    assert post.title == "Café"
    assert kinds(post) == ["encoding"]


def test_bom_and_crlf(tmp_path: Path) -> None:
    write(tmp_path, "p.md", b"\xef\xbb\xbf---\r\ntitle: BOM\r\ntags: [a]\r\n---\r\nBody\r\n")
    post = only_post(tmp_path)
    assert (post.title, post.tags, post.problems) == ("BOM", ("a",), ())


def test_binary_file_named_md(tmp_path: Path) -> None:
    write(tmp_path, "image.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    post = only_post(tmp_path)
    assert post.title == "Image"
    assert kinds(post) == ["file"]


def test_empty_file(tmp_path: Path) -> None:
    write(tmp_path, "empty.md", b"")
    post = only_post(tmp_path)
    assert post.title == "Empty"
    assert kinds(post) == ["file"]


@pytest.mark.parametrize(
    ("image", "reason"),
    [
        ("../../etc/passwd", "outside"),
        ("/../../outside.png", "outside"),
        ("missing.png", "not found"),
    ],
)
def test_cover_problems_are_reported_and_never_resolved(
    tmp_path: Path, image: str, reason: str
) -> None:
    library = tmp_path / "lib"
    (tmp_path / "outside.png").write_bytes(b"png")
    write(library, "p.md", f"---\ntitle: T\nimage: {image}\n---\n")
    post = only_post(library)
    assert post.image is None
    assert kinds(post) == ["image"]
    assert reason in post.problems[0].message


def test_remote_cover_is_never_fetched_and_is_no_problem(tmp_path: Path) -> None:
    write(tmp_path, "p.md", "---\nimage: https://example.com/cover.png\n---\n")
    post = only_post(tmp_path)
    assert post.image is None and post.image_ref == "https://example.com/cover.png"
    assert post.problems == ()


def test_symlink_loop_is_skipped(tmp_path: Path) -> None:
    write(tmp_path, "a/post.md", "# A\n")
    os.symlink(tmp_path / "a", tmp_path / "a" / "loop")
    library = scan_library(tmp_path)
    assert [post.path for post in library.posts] == ["a/post.md"]
    assert any("loop" in problem.message for problem in library.problems)


def test_symlink_leading_outside_is_skipped(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    write(outside, "secret.md", "# Secret\n")
    write(tmp_path / "lib", "ok.md", "# Ok\n")
    os.symlink(outside, tmp_path / "lib" / "elsewhere")
    os.symlink(outside / "secret.md", tmp_path / "lib" / "secret.md")
    library = scan_library(tmp_path / "lib")
    assert [post.path for post in library.posts] == ["ok.md"]
    assert len(library.problems) == 2


def test_sorting_newest_first_undated_last(tmp_path: Path) -> None:
    write(tmp_path, "old.md", "---\ndate: 2001-01-01\n---\n")
    write(tmp_path, "none.md", "# None\n")
    write(tmp_path, "new.md", "---\ndate: 2024-01-01T10:00:00+05:00\n---\n")
    write(tmp_path, "mid.md", "---\ndate: 2010-01-01 10:00\n---\n")
    assert [p.path for p in scan_library(tmp_path).posts] == [
        "new.md",
        "mid.md",
        "old.md",
        "none.md",
    ]


def test_entries_filter_drafts_and_tags(tmp_path: Path) -> None:
    write(tmp_path, "a.md", "---\ntags: [Agile]\n---\n")
    write(tmp_path, "b.md", "---\ntags: [agile]\ndraft: true\n---\n")
    write(tmp_path, "c.md", "---\ntags: [other]\n---\n")
    library = scan_library(tmp_path)

    def paths(view: View) -> list[str]:
        return [e.post.path for e in filter_entries(entries(library, view), tag="AGILE")]

    assert paths(View()) == ["a.md"]
    assert paths(View(drafts=True)) == ["a.md", "b.md"]


def test_missing_root_raises() -> None:
    with pytest.raises(NotADirectoryError):
        scan_library(Path("/no/such/library"))


def test_progress_is_reported(tmp_path: Path) -> None:
    for index in range(150):
        write(tmp_path, f"p{index}.md", "# P\n")
    seen: list[tuple[int, int]] = []
    scan_library(tmp_path, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(0, 150), (100, 150), (150, 150)]


def test_post_to_json_has_the_documented_keys(articles: Path) -> None:
    post = scan_library(articles).posts[0]
    assert list(post_to_json(post)) == [
        "path",
        "title",
        "date",
        "lang",
        "tags",
        "categories",
        "description",
        "image",
        "draft",
        "hidden",
        "translations",
        "problems",
    ]


def test_worker_processes_read_the_same_posts_as_this_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Chunks read in worker processes come back as columns and are built into posts equal
    to those read here: dates, covers, tags, problems and all."""
    from reader.core.library import cached_posts, scan
    from tests.image_helpers import write_png

    write_png(tmp_path / "pic.png")
    for index in range(12):
        write(
            tmp_path,
            f"s{index % 3}/p{index}.md",
            f"---\ntitle: P{index}\ndate: 2024-01-{index + 1:02d}T10:00:00+02:00\n"
            f"tags: [a, t{index % 4}]\nimage: {'/pic.png' if index % 2 else 'nope.png'}\n---\n"
            f"Body {index}.\n",
        )
    write(tmp_path, "bad.md", "---\ntitle: [unclosed\n---\n")
    alone = scan_library(tmp_path).posts
    monkeypatch.setattr(scan, "PARALLEL_MIN_FILES", 2)
    monkeypatch.setattr(scan, "CHUNK_FILES", 2)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    from_workers: list[int] = []
    build = cached_posts.build_posts

    def counted(columns: cached_posts.Columns) -> list[Post]:
        from_workers.append(len(columns[0]))
        return build(columns)

    monkeypatch.setattr(scan, "build_posts", counted)
    # This process takes no chunk of its own: every one is read by a worker process.
    monkeypatch.setattr(scan._Shares, "take_front", lambda _self: None)
    shared = scan_library(tmp_path).posts
    assert shared == alone
    assert sum(from_workers) == len(alone)  # every post was read by another process
    assert any(post.problems for post in shared) and any(post.image for post in shared)
