"""How close reader's rendering is to a CommonMark + GFM reference (cmark-gfm), block by block.

    python bench/fidelity.py FOLDER... [--json] [--show N]

Every post of each folder (as reader lists them, drafts included) is rendered twice:

- **reader**: `render_post`, exactly the HTML the window shows;
- **reference**: cmark-gfm (GitHub's renderer; tables, strikethrough, task lists, autolinks,
  footnotes) on the *same Markdown* reader's Markdown parser receives, i.e. after reader's
  site-markup step (Hugo shortcodes, Liquid, ``markdown="1"``). Site markup is not Markdown
  (Hugo and Jekyll replace it before their Markdown renderer runs, and cmark-gfm has no notion of
  it), so both get it rewritten the same way; its own behaviour is pinned by golden tests. The
  reference's HTML then goes through reader's sanitiser and finishing step, so raw HTML and
  images are judged alike.

Both are cut into leaf blocks (`bench.block_structure`) and aligned. A file is *identical*
when every block agrees in structure and text. Differences that come from what Goldmark
(Hugo's renderer) has and cmark-gfm lacks are **accounted for, and counted separately**, never
dropped: definition lists, attribute lists (``{#id .class}``), ``$$`` math blocks, alerts
(``> [!NOTE]``, which Hugo and GitHub's site show as a box) and the rule Goldmark draws above
footnotes. Such a run of blocks counts as accounted only when, with that construct's own
syntax set aside, both sides hold the same words; anything else is a real difference.
`--raw` prints the figures without this accounting as well.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import cmarkgfm
from cmarkgfm.cmark import Options

from bench.block_structure import Block, blocks_of, compare
from reader.core.library.post import read_text
from reader.core.library.scan import scan_library
from reader.core.render.html_finish import finish_html
from reader.core.render.pipeline import normalise_body, render_post
from reader.core.render.sanitize import sanitize_html
from reader.core.render.site_markup import clean_markup

_OPTIONS = Options.CMARK_OPT_UNSAFE | Options.CMARK_OPT_FOOTNOTES
_EXTENSIONS = ["table", "strikethrough", "tasklist", "autolink"]
_ATTRIBUTES = re.compile(r"\{:?\s*(?:[.#][\w-]+|[\w-]+=(?:\"[^\"]*\"|'[^']*'|\S+?))[^{}]*\}")
_ALERT = re.compile(r"\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]", re.IGNORECASE)
DEFINITION_LIST = "definition list (Goldmark; cmark-gfm has none)"
ALERT = "alert box (Goldmark and GitHub; cmark-gfm shows a quote)"
ATTRIBUTES = "attribute list (Goldmark and kramdown; cmark-gfm has none)"
MATH = "math block (Goldmark passthrough; cmark-gfm has none)"
FOOTNOTE_RULE = "rule above footnotes (Goldmark draws one)"


def reference_html(body: str, post_dir: Path, root: Path) -> str:
    """cmark-gfm's HTML for the Markdown reader's parser gets, finished the way reader's is."""
    cleaned, labels = clean_markup(normalise_body(body), post_dir=post_dir, library_root=root)
    html = cmarkgfm.markdown_to_html_with_extensions(cleaned, _OPTIONS, _EXTENSIONS)
    return finish_html(sanitize_html(html), post_dir=post_dir, library_root=root, labels=labels)[0]


def _prose(blocks: list[Block]) -> str:
    return " ".join(b.text for b in blocks if b.kind != "code")


def _accounted(ours: list[Block], theirs: list[Block]) -> str:
    """Which Goldmark constructs explain a differing run ("" when they do not).

    Each construct present is set aside: its syntax, which cmark-gfm leaves in its text, is
    removed from the reference's prose (never from code), and the rule Goldmark draws above
    footnotes from reader's side. The run is accounted for only when both sides then hold the
    same code blocks and the same words, in the same order.
    """
    our_paths = {p for b in ours for p in b.path}
    prose = _prose(theirs)
    found = []
    if "dl" in our_paths:
        found.append(DEFINITION_LIST)
        prose = re.sub(r"(?:^|(?<=\s)):(?=\s|$)", " ", prose)  # a definition's lone marker
    if "box" in our_paths and _ALERT.search(prose):
        found.append(ALERT)
        prose = _ALERT.sub(lambda m: m.group(1).capitalize(), prose)
    if _ATTRIBUTES.search(prose):
        found.append(ATTRIBUTES)
        prose = _ATTRIBUTES.sub(" ", prose)
    if any(b.kind == "math" for b in ours) and "$$" in prose:
        found.append(MATH)
        prose = prose.replace("$$", " ")
    kept = [b for b in ours if b.kind != "hr"]
    if len(kept) < len(ours) and not any(b.kind == "hr" for b in theirs):
        found.append(FOOTNOTE_RULE)
    same_code = [b.text for b in kept if b.kind == "code"] == [
        b.text for b in theirs if b.kind == "code"
    ]
    if found and same_code and _prose(kept).split() == prose.split():
        return " + ".join(found)
    return ""


def _summary(blocks: list[Block]) -> str:
    kinds = sorted({"/".join((*b.path[-2:], b.kind)) for b in blocks})
    return "+".join(kinds[:3]) + ("+…" if len(kinds) > 3 else "") if kinds else "nothing"


def kind_of_difference(ours: list[Block], theirs: list[Block]) -> str:
    """A short name for a real difference, to count the most frequent ones."""
    if [(b.path, b.kind) for b in ours] == [(b.path, b.kind) for b in theirs]:
        return f"text differs in {_summary(ours)}"
    return f"reader {_summary(ours)} / cmark-gfm {_summary(theirs)}"


@dataclass
class FileResult:
    """One post compared: block counts, and the runs that differ (accounted or not)."""

    path: str
    blocks: int
    matched: int
    accounted: list[tuple[str, int]] = field(default_factory=list)  # (construct, blocks)
    real: list[tuple[str, list[Block], list[Block]]] = field(default_factory=list)

    @property
    def identical_raw(self) -> bool:
        return not self.accounted and not self.real

    @property
    def identical(self) -> bool:
        return not self.real

    def agreement(self, *, raw: bool = False) -> float:
        extra = 0 if raw else sum(n for _, n in self.accounted)
        return 1.0 if self.blocks == 0 else min(1.0, (self.matched + extra) / self.blocks)


def compare_post(path: Path, root: Path, rel: str) -> FileResult:
    """Render one post both ways and compare."""
    body = read_text(path).body
    ours = blocks_of(render_post(body, post_dir=path.parent, library_root=root).body_html)
    theirs = blocks_of(reference_html(body, path.parent, root))
    result = compare(ours, theirs)
    out = FileResult(rel, max(len(ours), len(theirs)), result.matched)
    for a, b in result.differences:
        construct = _accounted(a, b)
        if construct:
            out.accounted.append((construct, max(len(a), len(b))))
        else:
            out.real.append((kind_of_difference(a, b), a, b))
    return out


def run_folder(folder: Path) -> list[FileResult]:
    """Compare every post of a library folder."""
    library = scan_library(folder)
    return [
        compare_post(library.root.joinpath(*post.path.split("/")), library.root, post.path)
        for post in library.posts
    ]


def figures(results: list[FileResult]) -> dict[str, Any]:
    """The summary of a set of compared files."""
    n = max(1, len(results))
    accounted: Counter[str] = Counter()
    real: Counter[str] = Counter()
    for r in results:
        accounted.update(construct for construct, _ in r.accounted)
        real.update(kind for kind, _, _ in r.real)
    return {
        "files": len(results),
        "identical_pct": 100 * sum(r.identical for r in results) / n,
        "mean_block_agreement": sum(r.agreement() for r in results) / n,
        "identical_raw_pct": 100 * sum(r.identical_raw for r in results) / n,
        "mean_block_agreement_raw": sum(r.agreement(raw=True) for r in results) / n,
        "accounted": dict(accounted.most_common()),
        "differences": dict(real.most_common(10)),
    }


def _print(name: str, fig: dict[str, Any], results: list[FileResult], show: int) -> None:
    print(f"\n{name}: {fig['files']} files")
    print(
        f"  identical: {fig['identical_pct']:.1f} %   mean block agreement: "
        f"{fig['mean_block_agreement']:.4f}   (with Goldmark constructs accounted for)"
    )
    print(
        f"  raw:       {fig['identical_raw_pct']:.1f} %   mean block agreement: "
        f"{fig['mean_block_agreement_raw']:.4f}   (every difference counted)"
    )
    if fig["accounted"]:
        print("  accounted for (runs of blocks):")
        for construct, count in fig["accounted"].items():
            print(f"    {count:5d}  {construct}")
    if fig["differences"]:
        print("  most frequent real differences (runs of blocks):")
        for kind, count in fig["differences"].items():
            print(f"    {count:5d}  {kind}")
    shown = 0
    for r in results:
        for kind, a, b in r.real:
            if shown >= show:
                return
            shown += 1
            print(f"  - {r.path}: {kind}")
            print(f"      reader:    {[x.text[:70] for x in a][:3]}")
            print(f"      cmark-gfm: {[x.text[:70] for x in b][:3]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="+", type=Path, help="library folders to compare")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--show", type=int, default=0, help="print N real differences")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    every: list[FileResult] = []
    per_folder: dict[str, dict[str, Any]] = {}
    for folder in args.folders:
        if not folder.is_dir():
            parser.error(f"not a folder: {folder}")
        results = run_folder(folder)
        every.extend(results)
        per_folder[str(folder)] = figures(results)
        if not args.json:
            _print(str(folder), per_folder[str(folder)], results, args.show)
    total = figures(every)
    if args.json:
        print(json.dumps({"folders": per_folder, "total": total}, indent=2))
    else:
        if len(args.folders) > 1:
            _print("all folders", total, every, 0)
        print(f"\n({time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
