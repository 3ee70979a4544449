"""The block structure of rendered HTML, for comparing two renderers block by block.

A document becomes a list of leaf blocks: each is the chain of containers it sits in (block
quote, list and item, table cell, box...) plus its own kind (paragraph, heading level, code,
rule) and its text with white space collapsed (code keeps its text exactly). Inline markup,
attributes, ids and highlighting do not count; text does. Used by `bench/fidelity.py` and by
the CommonMark spec test.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from html.parser import HTMLParser

# Containers: a leaf block's path is the list of these around it.
_CONTAINERS = {
    "blockquote": "quote",
    "ul": "ul",
    "ol": "ol",
    "li": "li",
    "dl": "dl",
    "dt": "dt",
    "dd": "dd",
    "table": "table",
    "tr": "tr",
    "td": "cell",
    "th": "cell",
    "details": "box",
}
_LEAVES = {
    "p": "p",
    "pre": "code",
    "h1": "h1",
    "h2": "h2",
    "h3": "h3",
    "h4": "h4",
    "h5": "h5",
    "h6": "h6",
    "summary": "p",
    "caption": "p",
    "math": "math",
}
_SPACE = re.compile(r"\s+")
_INVISIBLE = re.compile("[\ufe0e\ufe0f\u200b]")


@dataclass(frozen=True, slots=True)
class Block:
    """One leaf block: where it sits, what it is and what it says."""

    path: tuple[str, ...]
    kind: str
    text: str

    def signature(self) -> tuple[tuple[str, ...], str, str]:
        return (self.path, self.kind, self.text)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.open: list[tuple[str, str]] = []  # (name in a path, element) of open blocks
        self.text: list[str] = []
        self.skip: list[str] = []  # elements whose text does not count (placeholders, scripts)

    def _path(self) -> tuple[str, ...]:
        leaves = set(_LEAVES.values())
        return tuple(name for name, _ in self.open if name not in leaves and name != "skip")

    def _leaf(self) -> str:
        leaves = set(_LEAVES.values())
        return next((name for name, _ in reversed(self.open) if name in leaves), "text")

    def flush(self) -> None:
        raw = "".join(self.text)
        self.text = []
        kind = self._leaf()
        if kind in ("code", "math"):
            text = raw[:-1] if raw.endswith("\n") else raw
        else:
            text = _SPACE.sub(" ", _INVISIBLE.sub("", raw)).strip()
        if text or kind in ("code", "math"):
            self.blocks.append(Block(self._path(), kind, text))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if self.skip and tag not in ("script", "style"):
            return
        if tag in ("script", "style") or (tag == "span" and "placeholder" in classes):
            self.text.append(" [img] " if tag == "span" else "")
            self.skip.append(tag)
        elif tag == "img":
            self.text.append(" [img] ")
        elif tag == "br":
            self.text.append(" ")
        elif tag == "hr":
            self.flush()
            self.blocks.append(Block(self._path(), "hr", ""))
        elif tag == "table" and classes == ["box"]:
            self.flush()
            self.open.append(("box", "table"))
        elif self.open and self.open[-1] == ("box", "table") and tag == "tr":
            self.open.append(("skip", "tr"))  # a box's one row and cell are not a table
        elif self.open and self.open[-1] == ("skip", "tr") and tag == "td":
            self.open.append(("skip", "td"))
        elif tag == "pre" and "math" in classes:
            self.flush()
            self.open.append(("math", tag))  # a math block: reader shows TeX as it is
        elif tag in _CONTAINERS or tag in _LEAVES:
            self.flush()
            self.open.append((_CONTAINERS.get(tag) or _LEAVES[tag], tag))

    def handle_endtag(self, tag: str) -> None:
        if self.skip:
            if tag == self.skip[-1]:
                self.skip.pop()
            return
        if not any(element == tag for _, element in self.open):
            return
        self.flush()
        while self.open:
            _, element = self.open.pop()
            if element == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.text.append(data)


def blocks_of(html: str) -> list[Block]:
    """The leaf blocks of `html`, in document order."""
    collector = _Collector()
    collector.feed(html)
    collector.close()
    collector.flush()
    return [b for b in collector.blocks if b.path or b.kind != "text" or b.text]


@dataclass(frozen=True, slots=True)
class Comparison:
    """How two block lists line up: matching blocks and the runs that differ."""

    ours: list[Block]
    theirs: list[Block]
    matched: int
    differences: list[tuple[list[Block], list[Block]]]

    @property
    def identical(self) -> bool:
        return not self.differences

    @property
    def agreement(self) -> float:
        """Matched blocks over the longer list (1.0 for two empty documents)."""
        longest = max(len(self.ours), len(self.theirs))
        return 1.0 if longest == 0 else self.matched / longest


def compare(ours: list[Block], theirs: list[Block]) -> Comparison:
    """Align two block lists (difflib) and keep the runs where they differ."""
    matcher = SequenceMatcher(
        None, [b.signature() for b in ours], [b.signature() for b in theirs], autojunk=False
    )
    matched = 0
    differences: list[tuple[list[Block], list[Block]]] = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            matched += a2 - a1
        else:
            differences.append((ours[a1:a2], theirs[b1:b2]))
    return Comparison(ours, theirs, matched, differences)
