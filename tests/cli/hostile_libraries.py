"""One library per row of issue 15's table, each built the way the attack was made (helpers).

Shared by tests/cli/test_hostile_libraries.py (each row: the command ends in time, says what
is wrong, writes nothing) and bench/strace_reads.py (nothing outside is ever opened).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from tests.hostile_shapes import make_fifo, make_folder, make_outside_link, make_zero_link

POST = "---\ntitle: Post\ntags: [t]\n---\nA program manager oversees a large program.\n"
QUOTE = "oversees a large program"
COPY = "post.md.sync-conflict-20260101-000000-ABCDEFG.yaml"
NOTE = (
    "format: reader-annotations\nversion: 1\narticle: {article}\nannotations:\n"
    "  - id: 7d0c5e9a-2f7e-4d8a-9b4e-0c1f2a3b4c5d\n"
    "    created: 2026-11-29T22:00:00+00:00\n    modified: 2026-11-29T22:05:00+00:00\n"
    "    color: yellow\n    note: mine\n    aspect: Scope\n"
    f"    target:\n      exact: {QUOTE}\n"
)
BAD_NAME = os.fsdecode(b"caf\xe9.md")


def _post(root: Path, name: str = "post.md", text: str = POST) -> None:
    root.mkdir(parents=True, exist_ok=True)
    (root / name).write_text(text, "utf-8")


def _notes(root: Path, post: str = "post.md", text: str | None = None) -> Path:
    folder = root / ".annotations"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{post}.yaml"
    if text is not None:
        path.write_text(text, "utf-8")
    return path


def many_annotations(count: int, tags: int = 0) -> str:
    """A compact notes file of `count` annotations (each `tags` tags): the attack's shape."""
    tag_list = "[" + ", ".join("abcdefghijklmnopqrstuvwxyz"[i % 26] for i in range(tags)) + "]"
    item = f"- target: {{exact: {QUOTE}}}\n" + (f"  tags: {tag_list}\n" if tags else "")
    return "format: reader-annotations\nversion: 1\narticle: post.md\nannotations:\n" + (
        item * count
    )


def row_1_fifo_post(root: Path, base: Path) -> None:
    _post(root)
    make_fifo(root / "x.md", base)


def row_2_fifo_notes(root: Path, base: Path) -> None:
    _post(root)
    make_fifo(_notes(root), base)


def row_3_corrupt_copies(root: Path, base: Path) -> None:
    _post(root)
    path = _notes(root, text="annotations: [\n")
    make_fifo(path.with_name(path.name + ".corrupt-20260101T000000"), base)
    make_zero_link(path.with_name(path.name + ".corrupt-20260101T000001"), base)


def row_4_conflict_link_out(root: Path, base: Path) -> None:
    _post(root)
    path = _notes(root, text=NOTE.format(article="post.md"))
    make_outside_link(path.with_name(COPY), base)


def row_5_notes_folder_link_out(root: Path, base: Path) -> None:
    _post(root)
    outside = base / "outside-notes"
    outside.mkdir(exist_ok=True)
    (root / ".annotations").symlink_to(outside)


def row_6_undecodable_name(root: Path, base: Path) -> None:
    _post(root)
    _post(root, BAD_NAME)
    _notes(root, BAD_NAME, NOTE.format(article="caf.md"))
    _notes(root, "post.md", NOTE.format(article="post.md"))


def row_7_many_values(root: Path, base: Path) -> None:
    _post(root)
    _notes(root, text=many_annotations(99_999, tags=22))


def row_8_too_many_annotations(root: Path, base: Path) -> None:
    _post(root)
    _notes(root, text=many_annotations(150_000))


def row_9_leftover_temp(root: Path, base: Path) -> None:
    _post(root)
    path = _notes(root, text=NOTE.format(article="post.md"))
    stale = path.with_name(f".{path.name}.abcd1234.tmp")
    stale.write_text("half a save", "utf-8")
    os.utime(stale, (0, 0))  # killed long ago


def row_10_unparseable_notes(root: Path, base: Path) -> None:
    _post(root)
    _notes(root, text="annotations: [\n  - {target: {exact: x}\n")


def row_11_notes_not_files(root: Path, base: Path) -> None:
    shapes = (("dir.md", make_folder), ("fifo.md", make_fifo), ("out.md", make_outside_link))
    for name, make in shapes:
        _post(root, name)
        make(_notes(root, name), base)
    _post(root)
    path = _notes(root, text=NOTE.format(article="post.md"))
    make_fifo(path.with_name("post.md.sync-conflict-20260101-000000-AAAAAAA.yaml"), base)
    make_folder(path.with_name("post.md.sync-conflict-20260101-000000-BBBBBBB.yaml"), base)
    make_outside_link(path.with_name("post.md.sync-conflict-20260101-000000-CCCCCCC.yaml"), base)


def row_12_over_display_limit(root: Path, base: Path) -> None:
    filler = ("Words of a very long post. " * 40 + "\n\n") * 10_000  # 11 MB
    _post(root, text=POST + filler)
    _notes(root, text=NOTE.format(article="post.md"))


def row_13_conflicts_and_archives(root: Path, base: Path) -> None:
    _post(root)
    path = _notes(root, text=NOTE.format(article="post.md"))
    path.with_name(COPY).write_text(NOTE.format(article="post.md").replace("mine", "copy"))
    archive = root / ".annotations" / ".conflicts-merged"
    archive.mkdir()
    (archive / "post.md.yaml").write_text(NOTE.format(article="post.md").replace("mine", "old"))


ROWS: dict[str, Callable[[Path, Path], None]] = {
    name[4:]: builder
    for name, builder in sorted(globals().items())
    if name.startswith("row_") and callable(builder)
}
