"""reader.core must not import Qt: it is usable headless and testable without a display."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import reader.core

CORE = Path(reader.core.__file__).parent


def test_no_module_in_core_imports_qt_statically() -> None:
    offenders = []
    for module in CORE.rglob("*.py"):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [
                f"{module.name}: {n}" for n in names if n.startswith(("PySide", "shiboken"))
            ]
    assert offenders == []


def test_importing_all_of_core_loads_no_qt() -> None:
    modules = sorted(
        "reader.core." + ".".join(p.relative_to(CORE).with_suffix("").parts)
        for p in CORE.rglob("*.py")
        if p.stem != "__init__"
    )
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
    assert len(modules) >= 40
