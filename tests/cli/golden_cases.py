"""The command-line outputs kept as golden copies: `list`, `tags`, `check`, `export`, `import`,
`render`.

Regenerate them (after a deliberate change of output) with
`python -m tests.cli.golden_cases`; the test compares every case byte for byte.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "fixtures" / "golden"

LIBRARIES = {
    "articles": "articles",
    "hugo": "tests/fixtures/hugo-site/content",
    "jekyll": "tests/fixtures/jekyll",
    "render": "tests/fixtures/render",
}
NOTES = "tests/fixtures/export/notes"
EXAMPLES = "tests/fixtures/render-examples"  # one post per minimal example of issue 12


def cases() -> dict[str, list[str]]:
    """Case name → argv (paths relative to the repository root)."""
    found: dict[str, list[str]] = {}
    for name, library in LIBRARIES.items():
        found[f"{name}-list"] = ["list", library]
        found[f"{name}-list-drafts-json"] = ["list", library, "--drafts", "--json"]
        found[f"{name}-tags"] = ["tags", library]
        found[f"{name}-tags-json"] = ["tags", library, "--json"]
        found[f"{name}-check"] = ["check", library]
        found[f"{name}-check-json"] = ["check", library, "--json"]
    for fmt in ("markdown", "json", "csv", "html", "table"):
        found[f"articles-export-{fmt}"] = ["export", "articles", "--notes", NOTES, "--format", fmt]
    for post in sorted(Path(ROOT / EXAMPLES).glob("*.md")):
        for fmt in ("html", "text"):
            found[f"render-example-{post.stem}-{fmt}"] = [
                "render",
                EXAMPLES,
                post.name,
                "--format",
                fmt,
            ]
    found["render-examples-json"] = ["render", EXAMPLES, "--format", "json", "--drafts"]
    found["articles-render-json"] = ["render", "articles", "--format", "json"]
    found["render-errors"] = ["render", EXAMPLES, "nope.md", "--format", "html"]
    for name in ("hypothesis-search", "hypothesis-export"):
        sample = f"tests/fixtures/import/{name}.json"
        found[f"articles-import-{name}-dry-run"] = ["import", "articles", sample, "--dry-run"]
    return found


def run_case(argv: list[str]) -> bytes:
    """What the command prints on stdout and stderr, and its exit status, as one byte string."""
    from reader.cli.main import run_subcommand

    out, err = io.StringIO(), io.StringIO()
    status = run_subcommand(argv, out, err)
    text = f"{out.getvalue()}--- stderr\n{err.getvalue()}--- status {status}\n"
    return text.replace(str(ROOT), "<ROOT>").encode("utf-8")


def regenerate() -> None:
    """Write every case's output as its golden copy."""
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for name, argv in cases().items():
        (GOLDEN / f"{name}.out").write_bytes(run_case(argv))


if __name__ == "__main__":
    import os

    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))
    regenerate()
