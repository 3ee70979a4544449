"""Hostile posts and notes files: whatever the bytes, the reader ends in a rendered page or a
clear message, in bounded time and memory, and no exception escapes.

Fuzzing (hypothesis) covers the front matter reader, the whole post pipeline (bytes → post
record → rendered page) and the notes loader; explicit cases cover the known attacks.
"""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.library.frontmatter import FrontMatter, parse_front_matter
from reader.core.library.post import build_post, parse_post_bytes, read_text
from reader.core.library.scan import scan_library
from reader.core.notes.store import NotesStore
from reader.core.render.pipeline import MAX_SHOWN_BYTES, RenderedPost, render_post

T = TypeVar("T")
PER_EXAMPLE_S = 5.0  # generous: the slowest examples take milliseconds; a hang takes minutes
HERE = Path(__file__).parent


def _timed(call: Callable[[], T], limit: float = PER_EXAMPLE_S) -> T:
    started = time.perf_counter()
    result = call()
    elapsed = time.perf_counter() - started
    assert elapsed < limit, f"took {elapsed:.1f} s"
    return result


def _render(body: str, root: Path = HERE) -> RenderedPost:
    return render_post(body, post_dir=root, library_root=root)


def _page_or_message(out: RenderedPost) -> None:
    """A usable result: a full page, article text to anchor in, and no script."""
    assert out.html.startswith("<html>") and out.html.endswith("</html>")
    assert isinstance(out.text, str) and "<script" not in out.body_html.lower()


# --- fuzzing ---------------------------------------------------------------------------------

_markup = st.sampled_from(list("-+{}[]:#&*!|>'\"\n\t ,?%@`=0123456789.TtruefalsN\\<"))
_fences = st.sampled_from(["---\n", "+++\n", "{", "---\r\n", "\ufeff---\n", ""])
_front_texts = st.builds(
    lambda fence, block, closer, body: fence + block + closer + body,
    _fences,
    st.text(_markup | st.characters(), max_size=200),
    st.sampled_from(["\n---\n", "\n+++\n", "}\n", "\n...\n", ""]),
    st.text(max_size=50),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_front_texts)
def test_front_matter_reader_never_raises(text: str) -> None:
    front = _timed(lambda: parse_front_matter(text))
    assert isinstance(front, FrontMatter) and isinstance(front.meta, dict)
    assert all(isinstance(p, str) and p for p in front.problems)


_post_bytes = st.binary(max_size=400) | _front_texts.map(
    lambda t: t.encode("utf-8", "surrogatepass")
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_post_bytes)
def test_any_bytes_become_a_post_and_a_page(data: bytes) -> None:
    def pipeline() -> RenderedPost:
        text = parse_post_bytes(data)
        post = build_post(
            "fuzz.md", text, post_dir=HERE, library_root=HERE, size=len(data), mtime_ns=0
        )
        assert post.title and all(p.message for p in post.problems)
        return _render(text.body)

    _page_or_message(_timed(pipeline))


_notes_bytes = st.binary(max_size=300) | st.text(_markup, max_size=300).map(str.encode)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(main=_notes_bytes, copy=st.none() | _notes_bytes)
def test_notes_loader_never_raises_and_never_overwrites_what_it_cannot_read(
    tmp_path_factory: pytest.TempPathFactory, main: bytes, copy: bytes | None
) -> None:
    library = tmp_path_factory.mktemp("lib")
    store = NotesStore(library, library / "notes")
    path = store.notes_path("p.md")
    path.parent.mkdir(parents=True)
    path.write_bytes(main)
    if copy is not None:
        path.with_name("p.md.sync-conflict-20260101-000000-FUZZ001.yaml").write_bytes(copy)
    result = _timed(lambda: store.load("p.md"))
    if result.read_only:
        assert result.problem is not None and str(path) in result.problem.message
        assert path.read_bytes() == main  # never written over
    else:
        assert result.document.article == "p.md"


# --- known attacks ---------------------------------------------------------------------------


def _write_post(root: Path, name: str, data: bytes) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    path = root / name
    path.write_bytes(data)
    return path


def test_alias_bomb_post_is_listed_with_a_problem(tmp_path: Path) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    text = "---\n" + "\n".join(lines) + "\ntitle: Bomb\n---\n# Still here\n"
    _write_post(tmp_path, "bomb.md", text.encode())
    library = _timed(lambda: scan_library(tmp_path))
    (post,) = library.posts
    assert post.title == "Still here" and "too complex" in post.problems[0].message
    _page_or_message(_render(read_text(tmp_path / "bomb.md").body))


def test_fifty_megabyte_post_is_scanned_and_shown_in_bounded_time_and_memory(
    tmp_path: Path,
) -> None:
    line = "A line of a very long post that someone generated to test the reader. " * 10
    size = 50 * 1024 * 1024
    data = ("---\ntitle: Huge\n---\n" + (line + "\n\n") * (size // (len(line) + 2))).encode()
    path = _write_post(tmp_path, "huge.md", data)
    tracemalloc.start()
    try:
        library = _timed(lambda: scan_library(tmp_path), 20)
        _, scan_peak = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        out = _timed(lambda: _render(read_text(path).body), 20)
        _, render_peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert library.posts[0].title == "Huge"
    assert scan_peak < 4 * len(data) and render_peak < 4 * len(data)
    assert "too large to show" in out.notices[0] and "too large to show" in out.body_html
    _page_or_message(out)


def test_post_over_the_read_limit_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "giant.md"
    with path.open("wb") as handle:
        handle.truncate(100 * 1024 * 1024)  # sparse: costs no disk
    tracemalloc.start()
    try:
        library = _timed(lambda: scan_library(tmp_path))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 10 * 1024 * 1024
    assert "file too large (100 MB; the limit is 64 MB)" in library.posts[0].problems[0].message


def test_just_over_the_shown_limit_gets_the_message() -> None:
    out = _render("word " * (MAX_SHOWN_BYTES // 5 + 1))
    assert "too large to show" in out.notices[0] and out.text.startswith("This post is too")


@pytest.mark.parametrize(
    "body",
    [
        pytest.param("| h1 | h2 |\n|---|---|\n" + "| a | b |\n" * 100_000, id="100k-row-table"),
        pytest.param(
            "|" + "h|" * 200 + "\n|" + "-|" * 200 + "\n" + ("|" + "a|" * 200 + "\n") * 2000,
            id="wide-table",
        ),
        pytest.param("[" * 200_000, id="unclosed-brackets"),
        pytest.param("![" * 50_000, id="unclosed-images"),
        pytest.param("[a](" * 50_000, id="unclosed-links"),
        pytest.param("- item\n" * 150_000, id="150k-list-items"),
        pytest.param("[a](b.md) " * 100_000, id="100k-links"),
        pytest.param("*a* " * 150_000, id="150k-emphasis"),
    ],
)
def test_slow_shapes_fall_back_to_plain_text_quickly(body: str) -> None:
    out = _timed(lambda: _render(body), 10)
    assert any("fell back to plain text" in n for n in out.notices), out.notices
    _page_or_message(out)


@pytest.mark.parametrize(
    "body",
    [
        pytest.param("| h1 | h2 |\n|---|---|\n" + "| a | b |\n" * 2_000, id="2k-row-table"),
        pytest.param("- [link](b.md)\n" * 2_000, id="2k-link-list"),
        pytest.param("[a] " * 500 + "\n\n" + "[b](" * 300, id="some-stray-brackets"),
    ],
)
def test_ordinary_large_shapes_still_render(body: str) -> None:
    out = _timed(lambda: _render(body))
    assert out.notices == ()


def test_nul_bytes_at_the_start_are_a_clear_message(tmp_path: Path) -> None:
    _write_post(tmp_path, "nul.md", b"---\ntitle: x\x00y\n---\nbody\x00")
    (post,) = scan_library(tmp_path).posts
    assert "binary file (contains NUL bytes)" in post.problems[0].message
    assert post.title == "Nul"


def test_nul_bytes_later_in_a_post_are_dropped_from_the_page(tmp_path: Path) -> None:
    data = b"---\ntitle: Late NULs\n---\n" + b"text " * 2000 + b"a\x00b\x00\x00c\n"
    path = _write_post(tmp_path, "late.md", data)
    (post,) = scan_library(tmp_path).posts
    assert post.title == "Late NULs"
    out = _render(read_text(path).body)
    assert "abc" in out.text and "\x00" not in out.html


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param(b"\xed\xa0\x80 lone surrogate, caf\xc3\xa9 na\xc3\xafve", id="surrogate"),
        pytest.param(b"\xc0\xaf overlong slash, caf\xc3\xa9 na\xc3\xafve", id="overlong-2"),
        pytest.param(b"\xe0\x80\xaf overlong, caf\xc3\xa9 na\xc3\xafve", id="overlong-3"),
        pytest.param(b"\xf8\x88\x80\x80\x80 five bytes", id="five-byte"),
        pytest.param(b"cut off \xe2\x82", id="truncated"),
        pytest.param(b"\xff\xfe", id="bom-16"),
    ],
)
def test_invalid_utf8_is_reported_and_rendered(tmp_path: Path, raw: bytes) -> None:
    data = b"---\ntitle: T \xc0\xaf\n---\n# Heading\n\n" + raw + b"\n"
    path = _write_post(tmp_path, "bad.md", data)
    (post,) = scan_library(tmp_path).posts
    assert [p.kind for p in post.problems] == ["encoding"]
    assert "UTF-8" in post.problems[0].message and post.title.startswith("T ")
    out = _render(read_text(path).body)
    assert "Heading" in out.text
    out.html.encode("utf-8")  # the page is valid text for the view


@pytest.mark.parametrize("text", ["\ud800", "a\udfffb", "\udc80\udcff", "x\ud83d"])
def test_lone_surrogates_in_text_never_escape(text: str) -> None:
    front = parse_front_matter(f"---\ntitle: {text}\n---\n{text}")
    assert isinstance(front.meta, dict)
    out = _render(f"# {text}\n\n{text} *{text}*")
    out.html.encode("utf-8")
    out.text.encode("utf-8")
