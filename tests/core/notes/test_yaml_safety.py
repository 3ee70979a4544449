"""The notes loader is safe YAML only and bounded in size, node count and depth, wherever a
notes file comes from (the app, a person, a sync tool's conflict copy, a git merge).

Complements test_notes_yaml.py (aliases, depth, annotation count, a python/object tag).
"""

from __future__ import annotations

import ast
import time
import tracemalloc
from pathlib import Path

import pytest
import yaml

from reader.core.notes import yaml_bounds
from reader.core.notes import yaml_load as notes_yaml
from reader.core.notes.store import NotesStore
from reader.core.notes.yaml_load import NotesFileError, load_document

PACKAGE = Path(__file__).resolve().parents[3] / "reader"
UNSAFE_NAMES = {
    "unsafe_load",
    "full_load",
    "load_all",
    "unsafe_load_all",
    "full_load_all",
    "Loader",
    "UnsafeLoader",
    "FullLoader",
    "CLoader",
    "CUnsafeLoader",
    "CFullLoader",
    "BaseLoader",
}

tripped: list[str] = []


def tripwire(*args: object) -> str:
    """Called only if a loader ever constructs Python objects from tags."""
    tripped.append(repr(args))
    return "tripped"


def test_no_module_uses_an_unsafe_yaml_loader() -> None:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in UNSAFE_NAMES:
                base = node.value
                if isinstance(base, ast.Name) and base.id == "yaml":
                    found.append(f"{path.name}:{node.lineno}: yaml.{node.attr}")
    assert found == []


def test_the_notes_loader_class_is_a_safe_one() -> None:
    loader = yaml_bounds._Loader
    assert issubclass(loader, yaml.constructor.SafeConstructor)
    assert not issubclass(loader, yaml.constructor.FullConstructor)


@pytest.mark.parametrize(
    "tagged",
    [
        f"!!python/object/apply:{__name__}.tripwire [1]",
        f"!!python/object/new:{__name__}.tripwire [2]",
        f"!!python/name:{__name__}.tripwire",
        "!!python/module:os",
        f"!<tag:yaml.org,2002:python/object/apply:{__name__}.tripwire> [3]",
        "!custom {a: 1}",
    ],
)
def test_python_and_unknown_tags_are_refused_and_never_run(tagged: str) -> None:
    text = f"annotations:\n  - note: {tagged}\n    target: {{exact: q}}\n"
    with pytest.raises(NotesFileError, match="not valid YAML"):
        load_document(text)
    assert tripped == []


def test_node_count_is_bounded_before_anything_is_built(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yaml_bounds, "MAX_NODES", 1000)
    wide = "format: reader-annotations\nx-wide: [" + "1, " * 200_000 + "]\n"
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(NotesFileError, match="more than 1,000 values"):
            load_document(wide)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert time.perf_counter() - started < 5
    assert peak < 2 * len(wide) + 5_000_000  # the list itself was never built


def test_node_bound_is_exact(monkeypatch: pytest.MonkeyPatch) -> None:
    items = "".join(f"  - target: {{exact: q{i}}}\n" for i in range(8))
    text = "annotations:\n" + items  # 3 nodes at the top, 5 per entry: 43
    monkeypatch.setattr(yaml_bounds, "MAX_NODES", 43)
    assert len(load_document(text).annotations) == 8
    monkeypatch.setattr(yaml_bounds, "MAX_NODES", 42)
    with pytest.raises(NotesFileError, match="more than 42 values"):
        load_document(text)


def test_huge_notes_file_is_refused_reading_only_the_limit(tmp_path: Path) -> None:
    store = NotesStore(tmp_path / "library", tmp_path / "notes")
    path = store.notes_path("post.md")
    path.parent.mkdir(parents=True)
    with path.open("wb") as handle:
        handle.truncate(1024 * 1024 * 1024)  # 1 GB, sparse: costs no disk
    tracemalloc.start()
    started = time.perf_counter()
    try:
        result = store.load("post.md")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.read_only and result.problem is not None
    assert "larger than 20 MB" in result.problem.message
    assert peak < notes_yaml.MAX_BYTES * 1.5 and time.perf_counter() - started < 10


def test_conflict_copies_get_the_same_bounds(tmp_path: Path) -> None:
    store = NotesStore(tmp_path / "library", tmp_path / "notes")
    path = store.notes_path("post.md")
    path.parent.mkdir(parents=True)
    path.write_text("annotations:\n  - {id: a, target: {exact: mine}}\n", "utf-8")
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(20)
    )
    copy = path.with_name("post.md.sync-conflict-20260101-000000-BOMB001.yaml")
    copy.write_text(bomb, "utf-8")
    marked = path.with_name("post.md (conflicted copy).yaml")
    marked.write_text("<<<<<<< a\nannotations: [\n=======\nx: " + "[" * 100 + "\n>>>>>>> b\n")
    result = store.load("post.md")
    assert [a.target.exact for a in result.document.annotations] == ["mine"]
    assert result.problem is not None and "ignored" in result.problem.message
    assert result.merged_conflicts == () and copy.read_text("utf-8") == bomb
