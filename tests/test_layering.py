"""The folders are the architecture: imports run one way, and no module imports itself back.

Read from the source (every import, also inside functions and under TYPE_CHECKING), so a
back-import fails here before it can become a circle at run time.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "reader"

# What each part may import of reader (besides itself). Order as in the README's code map.
ALLOWED: dict[str, set[str]] = {
    "core.library": set(),
    "core.render": {"core.library"},
    "core.notes": {"core.library", "core.render"},
    "core.anchoring": {"core.library", "core.render", "core.notes"},
    "core.search": {"core.library", "core.render", "core.notes"},
    "core.check": {"core.library", "core.render", "core.notes", "core.anchoring"},
    "core.export": {"core.library", "core.render", "core.notes", "core.anchoring"},
    "core.importing": {"core.library", "core.render", "core.notes", "core.anchoring"},
    "ui.common": {"core"},
    "ui.library": {"core", "ui.common"},
    "ui.reading": {"core", "ui.common"},
    "ui.annotating": {"core", "ui.common", "ui.reading"},
    "ui.comparison": {"core", "ui.common", "ui.reading", "ui.annotating"},
    "ui.export": {"core", "ui.common", "ui.reading", "ui.annotating"},
    "ui.search": {"core", "ui.common", "ui.reading", "ui.annotating"},
    "ui.importing": {"core", "ui.common"},
    "ui.window": {"core", "ui"},
    "cli": {"core", "ui", "paths", "version"},
    "paths": set(),
    "version": set(),
}
TOP_LEVEL = {"reader.__init__": "version", "reader.paths": "paths", "reader.__main__": "cli"}


def module_name(path: Path) -> str:
    return ".".join(("reader", *path.relative_to(PACKAGE).with_suffix("").parts))


def part_of(module: str) -> str:
    """The layer a module belongs to: `core.notes`, `ui.window`, `cli`, `paths`..."""
    if module in TOP_LEVEL:
        return TOP_LEVEL[module]
    parts = module.split(".")[1:]
    if parts[0] in ("core", "ui") and len(parts) > 1 and parts[1] != "__init__":
        return f"{parts[0]}.{parts[1]}"
    return parts[0]


def imported(path: Path, name: str | None = None) -> Iterator[str]:
    """Every reader module the module at `path` imports (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = (name or module_name(path)).rsplit(".", 1)[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = here.split(".")[: len(here.split(".")) - node.level + 1]
                base = ".".join([*package, base])
            names = [base] + [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        for name in names:
            if name == "reader" or name.startswith("reader."):
                yield name


def known_modules() -> dict[str, Path]:
    return {module_name(path): path for path in PACKAGE.rglob("*.py")}


def graph() -> dict[str, set[str]]:
    modules = known_modules()
    edges: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets = set()
        for target in imported(path):
            if target in modules:
                targets.add(target)
            elif f"{target}.__init__" in modules:
                targets.add(f"{target}.__init__")
        targets.discard(name)
        edges[name] = targets
    return edges


def allowed(source: str, target: str) -> bool:
    src, dst = part_of(source), part_of(target)
    if src == dst or dst in ("version", "paths"):  # the version and where reader is installed
        return True
    rules = ALLOWED[src]
    return any(dst == rule or dst.startswith(rule + ".") for rule in rules) or (
        dst in ("core", "ui") and any(rule.startswith(dst) for rule in rules)
    )


def test_every_part_has_a_rule() -> None:
    parts = {part_of(name) for name in known_modules()}
    missing = parts - set(ALLOWED) - {"core", "ui"}
    assert missing == set()


def test_imports_run_one_way() -> None:
    wrong = [
        f"{source} imports {target}"
        for source, targets in graph().items()
        for target in targets
        if not allowed(source, target)
    ]
    assert wrong == []


def test_no_import_circle() -> None:
    edges = graph()
    circles: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for target in sorted(edges.get(node, ())):
            if state.get(target) == 1:
                circles.append([*stack[stack.index(target) :], target])
            elif target not in state:
                visit(target)
        stack.pop()
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node)
    assert circles == []


def test_core_root_holds_only_its_init() -> None:
    loose = sorted(p.name for p in (PACKAGE / "core").glob("*.py") if p.name != "__init__.py")
    assert loose == []


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("reader.core.library.scan", "reader.core.render.pipeline"),
        ("reader.core.notes.store", "reader.core.anchoring.targets"),
        ("reader.core.render.pipeline", "reader.core.export.model"),
        ("reader.core.search.index", "reader.core.export.run"),
        ("reader.core.anchoring.reanchor", "reader.core.importing.plan"),
        ("reader.core.importing.plan", "reader.core.export.run"),
        ("reader.core.export.run", "reader.ui.window.main_window"),
        ("reader.ui.reading.article_view", "reader.ui.annotating.session"),
        ("reader.ui.library.browser", "reader.ui.window.main_window"),
    ],
)
def test_a_back_import_is_refused(source: str, target: str) -> None:
    assert not allowed(source, target)


def test_the_check_sees_imports_inside_functions_and_type_checking(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from reader.ui.window.main_window import MainWindow\n"
        "def f() -> None:\n    from reader.core.notes import store\n",
        encoding="utf-8",
    )
    found = set(imported(module, "reader.core.library.m"))
    assert {"reader.ui.window.main_window", "reader.core.notes.store"} <= found
    assert not allowed("reader.core.library.m", "reader.ui.window.main_window")
