"""Real sites as their generator reads them: reader's posts and sections beside Hugo's own.

    python bench/sites.py                 # the corpora in ../shared/corpora, a table
    python bench/sites.py --json          # the same figures as JSON
    python bench/sites.py --content DIR   # another Hugo content folder

Hugo docs (`hugo-docs/content`): reader's scan beside `hugo list all` and a real `hugo` build
on the same files. The content folder needs a site around it: a temporary folder with a
minimal `hugo.toml` (`contentDir` pointing at the corpus), an empty template for every
shortcode the content uses (Hugo stops at an unknown shortcode) and two one-line layouts that
print each rendered page's kind and file, so the build says exactly what Hugo publishes.

Hugo renamed front matter `_build` to `build` in v0.145; an older Hugo (Debian has 0.111)
ignores `build` and lists and renders the `_common` snippets and the glossary terms the docs
hide with `cascade: {build: …}`. So Hugo runs twice: on the corpus as it is, and on a
temporary copy whose `build:` keys are spelled `_build:` (what the docs mean on the Hugo they
are written for). Not run in CI; needs `hugo` on the PATH for the Hugo columns.

Opensource guide (`opensource-guide/_articles`): the English articles, each with its
translations grouped, and the posts shown per language.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.core.library.entries import View, default_language, entries, language_counts
from reader.core.library.scan import scan_library

_SHORTCODE = re.compile(rb"\{\{[<%]\s*(/?)\s*([A-Za-z0-9_-]+)")
_BUILD_KEY = re.compile(r"^(\s*)build(\s*):", re.MULTILINE)
_PAGE_LINE = re.compile(r"^(page|section|home|taxonomy|term) (.*)$", re.MULTILINE)


def find_corpora() -> Path | None:
    """`shared/corpora` beside the checkout or any folder above it (or $READER_CORPORA)."""
    if os.environ.get("READER_CORPORA"):
        return Path(os.environ["READER_CORPORA"])
    for folder in Path(__file__).resolve().parents:
        candidate = folder / "shared" / "corpora"
        if candidate.is_dir():
            return candidate
    return None


def reader_figures(content: Path) -> dict[str, Any]:
    """What reader lists: posts shown, hidden ones by reason, sections."""
    started = time.perf_counter()
    library = scan_library(content)
    seconds = time.perf_counter() - started
    now = time.time()
    shown = entries(library, View(now=now))
    reasons = Counter(post.hidden_reason(now) or "shown" for post in library.posts)
    return {
        "seconds": round(seconds, 3),
        "files": len(library.posts),
        "shown": len(shown),
        "shown_paths": sorted(entry.post.path for entry in shown),
        "all_paths": sorted(post.path for post in library.posts),
        "hidden": {reason: count for reason, count in sorted(reasons.items()) if reason != "shown"},
        "common_listed": sum("_common/" in entry.post.path for entry in shown),
        "sections": len(library.sections),
        "sections_published": sum(1 for section in library.sections if not section.hidden),
        "problems": len(library.all_problems()),
    }


def _site(folder: Path, content: Path) -> None:
    """A minimal Hugo site around `content`: config, a stub per shortcode, two layouts."""
    shortcodes = folder / "layouts" / "shortcodes"
    shortcodes.mkdir(parents=True)
    used: set[str] = set()
    closed: set[str] = set()
    for path in content.rglob("*.md"):
        for slash, name in _SHORTCODE.findall(path.read_bytes()):
            (closed if slash else used).add(name.decode())
    for name in used | closed:
        body = "{{ .Inner }}" if name in closed else ""
        (shortcodes / f"{name}.html").write_text(body + "\n", encoding="utf-8")
    default = folder / "layouts" / "_default"
    default.mkdir(parents=True)
    line = "{{ .Kind }} {{ with .File }}{{ .Path }}{{ end }}\n"
    (default / "single.html").write_text(line, encoding="utf-8")
    (default / "list.html").write_text(line, encoding="utf-8")
    config = f'baseURL = "https://example.org/"\ncontentDir = {json.dumps(str(content))}\n'
    (folder / "hugo.toml").write_text(config, encoding="utf-8")


def _hugo(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["hugo", *args, "-s", str(folder)], capture_output=True, text=True, check=False, timeout=600
    )


def hugo_figures(content: Path) -> dict[str, Any]:
    """`hugo list all` and a real build of the same content."""
    with tempfile.TemporaryDirectory(prefix="reader-bench-hugo-") as tmp:
        folder = Path(tmp)
        _site(folder, content)
        started = time.perf_counter()
        listed = _hugo(folder, "list", "all")
        seconds = time.perf_counter() - started
        if listed.returncode != 0:
            return {"error": (listed.stderr or listed.stdout).strip()[:400]}
        rows = list(csv.DictReader(io.StringIO(listed.stdout)))
        prefix = str(content).rstrip("/") + "/"
        listed_paths = sorted(row["path"].removeprefix(prefix) for row in rows)
        kinds = Counter(row.get("kind", "page") for row in rows)
        public = folder / "public"
        built = _hugo(folder, "--quiet", "-d", str(public))
        rendered: dict[str, list[str]] = {}
        for page in public.rglob("index.html"):
            match = _PAGE_LINE.search(page.read_text(encoding="utf-8", errors="replace"))
            if match:
                rendered.setdefault(match[1], []).append(match[2])
        return {
            "seconds": round(seconds, 3),
            "list_all": len(rows),
            "list_all_kinds": dict(kinds),
            "list_all_paths": listed_paths,
            "build_ok": built.returncode == 0,
            "rendered_pages": len(rendered.get("page", [])),
            "rendered_sections": len(rendered.get("section", [])),
            "rendered_page_paths": sorted(rendered.get("page", [])),
        }


def _spell_build_old(source: Path, target: Path) -> int:
    """Copy `source` to `target` with front matter `build:` keys spelled `_build:`."""
    shutil.copytree(source, target)
    changed = 0
    for path in target.rglob("*.md"):
        text = path.read_text(encoding="utf-8", errors="surrogateescape")
        if not text.startswith(("---", "+++")):
            continue
        fence = text[:3]
        end = text.find("\n" + fence, 3)
        if end < 0:
            continue
        block = text[:end]
        spelled = _BUILD_KEY.sub(r"\1_build\2:", block)
        spelled = re.sub(r"^\[build\]", "[_build]", spelled, flags=re.MULTILINE)
        spelled = re.sub(r"^(\s*)\[cascade\.build\]", r"\1[cascade._build]", spelled, flags=re.M)
        if spelled != block:
            path.write_text(spelled + text[end:], encoding="utf-8", errors="surrogateescape")
            changed += 1
    return changed


def hugo_docs(content: Path) -> dict[str, Any]:
    """Reader and Hugo on the Hugo docs, with the comparison of their path lists."""
    found: dict[str, Any] = {"content": str(content), "reader": reader_figures(content)}
    if shutil.which("hugo") is None:
        found["hugo"] = None
        return found
    version = subprocess.run(["hugo", "version"], capture_output=True, text=True, check=False)
    found["hugo_version"] = version.stdout.strip()
    found["hugo"] = hugo_figures(content)
    with tempfile.TemporaryDirectory(prefix="reader-bench-copy-") as tmp:
        copy = Path(tmp) / "content"
        found["old_spelling_files"] = _spell_build_old(content, copy)
        found["hugo_old_spelling"] = hugo_figures(copy)
    reader = found["reader"]
    old = found["hugo_old_spelling"]
    if "error" not in old:
        shown = set(reader["shown_paths"])
        rendered = set(old["rendered_page_paths"])
        found["shown_not_rendered"] = sorted(shown - rendered)
        found["rendered_not_shown"] = sorted(rendered - shown)
        listed = set(old["list_all_paths"])
        found["listed_not_shown"] = sorted(listed - shown)
    return found


def opensource_guide(articles: Path) -> dict[str, Any]:
    """The English articles, each with its translations grouped, and the language switch."""
    library = scan_library(articles)
    default = default_language(library)
    english = entries(library, View(lang=default))
    return {
        "articles": str(articles),
        "files": len(library.posts),
        "default_language": default,
        "shown": len(english),
        "every_language": len(entries(library, View())),
        "languages": dict(language_counts(library, View())),
        "per_article": {entry.post.path: len(entry.translations) for entry in english},
        "problems": len(library.all_problems()),
    }


def _print_table(result: dict[str, Any]) -> None:
    docs = result.get("hugo_docs")
    if docs is not None:
        reader = docs["reader"]
        print(f"Hugo docs: {docs['content']}")
        print(f"  reader scan            {reader['seconds']:.2f} s, {reader['files']} post files")
        print(f"  reader lists           {reader['shown']} posts  (hidden: {reader['hidden']})")
        print(f"  _common snippets shown {reader['common_listed']}")
        sections = f"{reader['sections']} section pages, {reader['sections_published']} published"
        print(f"  reader sections        {sections}")
        hugo, old = docs.get("hugo"), docs.get("hugo_old_spelling")
        if hugo is None:
            print("  hugo                   not installed")
        else:
            print(f"  {docs['hugo_version']}")
            for label, figures in (("as is", hugo), ("build spelled _build", old)):
                if "error" in figures:
                    print(f"  hugo ({label}): error {figures['error']}")
                    continue
                print(
                    f"  hugo ({label}): list all {figures['list_all']} pages; build renders "
                    f"{figures['rendered_pages']} pages and {figures['rendered_sections']} "
                    f"sections"
                )
            print(f"  files respelled        {docs['old_spelling_files']}")
            for key in ("shown_not_rendered", "rendered_not_shown", "listed_not_shown"):
                if key in docs:
                    items = docs[key]
                    print(f"  {key:<22} {len(items)}  {items[:6]}")
    guide = result.get("opensource_guide")
    if guide is not None:
        print(f"Opensource guide: {guide['articles']}")
        print(f"  files {guide['files']}, default language {guide['default_language']!r}")
        print(f"  shown in {guide['default_language']}: {guide['shown']} articles")
        print(f"  every language: {guide['every_language']} entries")
        counts = sorted(set(guide["per_article"].values()))
        print(f"  translations per article: {counts}  languages: {len(guide['languages'])}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    corpora = find_corpora()
    parser.add_argument("--content", type=Path, help="a Hugo content folder")
    parser.add_argument("--articles", type=Path, help="a Jekyll collection (_articles)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    content = args.content or (corpora / "hugo-docs" / "content" if corpora else None)
    articles = args.articles or (corpora / "opensource-guide" / "_articles" if corpora else None)
    result: dict[str, Any] = {}
    if content is not None and content.is_dir():
        result["hugo_docs"] = hugo_docs(content)
    if articles is not None and articles.is_dir():
        result["opensource_guide"] = opensource_guide(articles)
    if not result:
        print("no corpora found (give --content or --articles)", file=sys.stderr)
        return 2
    if args.json:
        json.dump(result, sys.stdout, indent=2, ensure_ascii=False)
        print()
    else:
        _print_table(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
