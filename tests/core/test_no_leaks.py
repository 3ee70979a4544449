"""Nothing leaves the machine or the library, provably: an audit hook watches every socket,
URL, process and file open while every fixture library is scanned, rendered, checked and
exported, and while a hostile library names files outside itself in every way it can.

Audit hooks cannot be removed, so the hook is installed once and only records while
`_watching` is set, around the code under test.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
import sysconfig
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from reader.cli.main import run_subcommand
from reader.core.export.collect import collect
from reader.core.export.formats import FORMATS, export_text
from reader.core.library.post import read_text
from reader.core.library.scan import Library, scan_library
from reader.core.library.scan_cache import default_cache_dir
from reader.core.notes.records import NotesDocument, Target, new_annotation
from reader.core.notes.store import NotesStore
from reader.core.render.pipeline import render_post

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures"
LIBRARIES = [
    REPO / "articles",
    FIXTURES,
    FIXTURES / "hugo-site" / "content",
    FIXTURES / "jekyll",
    FIXTURES / "render",
]
NETWORK_EVENTS = frozenset(
    {
        "socket.__new__",
        "socket.bind",
        "socket.connect",
        "socket.getaddrinfo",
        "socket.gethostbyaddr",
        "socket.gethostbyname",
        "socket.getnameinfo",
        "socket.sendmsg",
        "socket.sendto",
        "urllib.Request",
        "http.client.connect",
        "http.client.send",
        "ftplib.connect",
        "smtplib.connect",
        "poplib.connect",
        "imaplib.open",
        "nntplib.connect",
        "telnetlib.Telnet.open",
        "webbrowser.open",
        "subprocess.Popen",
        "os.system",
        "os.exec",
        "os.posix_spawn",
        "os.spawn",
        "os.startfile",
    }
)

_watching = False
_network: list[str] = []
_opened: list[str] = []


def _hook(event: str, args: tuple[Any, ...]) -> None:
    if not _watching:
        return
    if event in NETWORK_EVENTS:
        _network.append(f"{event}{args!r}")
    elif event == "open" and args and isinstance(args[0], str | bytes | os.PathLike):
        _opened.append(os.fsdecode(args[0]))


sys.addaudithook(_hook)


@contextlib.contextmanager
def watched() -> Iterator[None]:
    """Record network attempts and opened files during the block."""
    global _watching
    _network.clear()
    _opened.clear()
    _watching = True
    try:
        yield
    finally:
        _watching = False


def _python_roots() -> list[str]:
    """Where Python itself, the standard library and installed packages are read from."""
    roots = {sys.prefix, sys.base_prefix, sys.exec_prefix, str(REPO / "reader")}
    roots.update(str(p) for p in REPO.glob("*.egg-info"))  # an editable install's metadata
    roots.update(p for p in sysconfig.get_paths().values() if p)
    roots.update(p for p in sys.path if p and p != str(REPO))  # incl. editable path hooks
    return sorted(os.path.realpath(r) for r in roots)


def _outside(paths: list[str], allowed: list[Path]) -> list[str]:
    """Opened paths (after following symlinks) that lie in none of the allowed folders."""
    roots = [os.path.realpath(a) for a in allowed] + _python_roots()
    bad = []
    for path in paths:
        real = os.path.realpath(path)
        if not any(real == r or real.startswith(r.rstrip(os.sep) + os.sep) for r in roots):
            bad.append(path)
    return sorted(set(bad))


def _annotate_everything(library: Library, store: NotesStore) -> None:
    """One note per post, quoting its first words, so every post is exported and rendered."""
    for post in library.posts:
        path = library.root.joinpath(*post.path.split("/"))
        text = render_post(
            read_text(path).body, post_dir=path.parent, library_root=library.root
        ).text
        quote = text.strip()[:20] or "missing"
        note = new_annotation(Target(quote), note=f"about {post.title}")
        store.save(post.path, NotesDocument(article=post.path, annotations=(note,)))


def _exercise(root: Path, notes: Path) -> None:
    """Scan, render every post in both themes, check, and export in every format."""
    library = scan_library(root)
    for post in library.posts:
        path = root.joinpath(*post.path.split("/"))
        body = read_text(path).body
        for theme in ("light", "dark"):
            render_post(body, post_dir=path.parent, library_root=root, theme=theme)
    store = NotesStore(root, notes)
    collected = collect(library, store, library.posts)
    for fmt in FORMATS:
        export_text(collected.posts, fmt)
    out, err = io.StringIO(), io.StringIO()
    for argv in (["list", "--json", "--drafts"], ["tags"], ["check"]):
        run_subcommand([*argv, str(root)], out, err)
    for fmt in FORMATS:
        run_subcommand(["export", str(root), "--format", fmt, "--notes", str(notes)], out, err)


@pytest.mark.parametrize("root", LIBRARIES, ids=lambda p: p.relative_to(REPO).as_posix())
def test_fixture_libraries_use_no_network_and_stay_inside(root: Path, tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    _annotate_everything(scan_library(root), NotesStore(root, notes))
    with watched():
        _exercise(root, notes)
    assert _network == []
    # The commands read through reader's own scan cache, in the per-user cache folder (the
    # test run's, see conftest): the one place outside the library and its notes.
    allowed = [root, notes, root.parent / "static", default_cache_dir()]
    assert _outside(_opened, allowed) == []
    assert any(p.endswith(".md") for p in _opened)  # the hook did see the posts being read


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64

HOSTILE_POST = """\
---
title: Everything outside
image: ../outside/secret.png
---
# Everything outside

![up](../outside/secret.png) ![far](../../../../../../etc/passwd) ![root](/etc/passwd)
![file](file:///etc/passwd) ![encoded](%2e%2e/outside/secret.png) ![link](link.png)
![through a folder link](dirlink/secret.png) ![remote](http://example.com/x.png)
![protocol](//example.com/y.png) ![windows](C:\\Windows\\win.ini) ![unc](\\\\server\\share\\z.png)
[hosts](/etc/hosts) [file link](file:///etc/hosts) [up](../outside/secret.md)
<img src="/etc/hosts"> <img src="../outside/secret.png">
"""


@pytest.fixture
def hostile(tmp_path: Path) -> tuple[Path, Path, Path]:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.png").write_bytes(PNG)
    (outside / "secret.md").write_text("---\ntitle: Secret\n---\nsecret words\n", "utf-8")
    (outside / "notes.yaml").write_text("annotations: []\n", "utf-8")
    library = tmp_path / "library"
    (library / "sub").mkdir(parents=True)
    (library / "post.md").write_text(HOSTILE_POST, "utf-8")
    (library / "cover-root.md").write_text("---\nimage: /etc/passwd\n---\ntext\n", "utf-8")
    (library / "sub" / "deep.md").write_text(
        "---\ncover:\n  image: ../../outside/secret.png\n---\n![x](../../outside/secret.png)\n",
        "utf-8",
    )
    (library / "inside.png").write_bytes(PNG)
    (library / "fine.md").write_text("![ok](inside.png) ![ok too](/inside.png)\n", "utf-8")
    os.symlink(outside / "secret.png", library / "link.png")
    os.symlink(outside, library / "dirlink")
    os.symlink(outside / "secret.md", library / "linked.md")
    notes = library / ".annotations"
    notes.mkdir()
    os.symlink(outside / "notes.yaml", notes / "cover-root.md.yaml")  # notes file leading out
    return library, notes, outside


def test_hostile_library_never_opens_what_it_names_outside(
    hostile: tuple[Path, Path, Path],
) -> None:
    library, notes, outside = hostile
    scanned = scan_library(library)
    assert sorted(p.path for p in scanned.posts) == [
        "cover-root.md",
        "fine.md",
        "post.md",
        "sub/deep.md",
    ]
    for post in scanned.posts:
        if post.path != "cover-root.md":
            note = new_annotation(Target(post.title.split()[0] if post.title else "x"))
            NotesStore(library).save(post.path, NotesDocument(post.path, annotations=(note,)))
    with watched():
        _exercise(library, notes)
    assert _network == []
    assert _outside(_opened, [library, default_cache_dir()]) == []  # and reader's scan cache
    named = ["/etc/passwd", "/etc/hosts", str(outside)]
    assert [p for p in _opened if any(os.path.realpath(p).startswith(n) for n in named)] == []
    assert str(library / "inside.png") in _opened  # the inside image was checked, so the
    # hook saw image reads: the outside ones were refused, not missed


def test_the_watch_fails_on_a_connection_attempt() -> None:
    with watched():
        with contextlib.suppress(OSError):
            import socket

            socket.getaddrinfo("example.invalid", 80)
        with open(os.devnull, "rb"):
            pass
    assert any(e.startswith("socket.getaddrinfo") for e in _network)
    assert _outside(_opened, []) == [os.devnull]
