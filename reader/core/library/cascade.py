"""Hugo section pages (``_index.md``, ``_index.<lang>.md``) and the front matter they cascade.

A section page is not a post, but its ``cascade`` block sets front matter for the section
itself and every page below it (the Hugo docs hide their ``_common/`` snippets so, with
``cascade: {build: {render: never}}``). A page's own keys win over a cascade, and a nearer
section's cascade wins over a farther one. A block may carry ``_target`` (or ``target``) with a
``path`` glob, a ``kind`` and a ``lang``; it applies only where those match.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from reader.core.library.frontmatter import parse_front_matter
from reader.core.library.languages import post_language
from reader.core.library.problems import Problem
from reader.core.library.site_config import Site
from reader.core.library.site_files import RefusedFile, read_whole
from reader.core.library.textfile import decode_post
from reader.core.library.visibility import static_reason

MAX_SECTION_BYTES = 4 * 1024 * 1024
Block = tuple[tuple[str, Any], ...]  # one cascade block's keys and values, key order kept


def is_section_name(name: str) -> bool:
    """``_index.md``, ``_index.markdown`` and their translations (``_index.ja.md``)."""
    lower = name.lower()
    return lower.startswith("_index.") and lower.endswith((".md", ".markdown"))


@dataclass(frozen=True, slots=True)
class Target:
    """Where a cascade block applies (empty fields match everything)."""

    path: str = ""
    kind: str = ""
    lang: str = ""


@dataclass(frozen=True, slots=True)
class Section:
    """One section page: its folder, language, whether it is published, what it cascades."""

    path: str
    folder: str  # library-relative, "" for the root
    lang: str
    hidden: str = ""
    blocks: tuple[tuple[Target, dict[str, Any]], ...] = field(default=(), compare=False)


@lru_cache(maxsize=256)
def _glob(pattern: str) -> re.Pattern[str]:
    """A Hugo path glob (``/blog/**``) as a regular expression."""
    out = []
    index = 0
    while index < len(pattern):
        if pattern.startswith("**", index):
            out.append(".*")
            index += 2
        elif pattern[index] == "*":
            out.append("[^/]*")
            index += 1
        elif pattern[index] == "?":
            out.append("[^/]")
            index += 1
        else:
            out.append(re.escape(pattern[index]))
            index += 1
    return re.compile("".join(out), re.IGNORECASE)


def _target(value: Any) -> Target:
    if not isinstance(value, dict):
        return Target()
    lowered = {str(k).strip().lower(): v for k, v in value.items()}
    return Target(
        str(lowered.get("path") or "").strip(),
        str(lowered.get("kind") or "").strip().lower(),
        str(lowered.get("lang") or "").strip().lower(),
    )


def _blocks(value: Any) -> tuple[tuple[Target, dict[str, Any]], ...]:
    items = value if isinstance(value, list) else [value]
    found = []
    for item in items:
        if not isinstance(item, dict):
            continue
        block = {str(k).strip().lower(): v for k, v in item.items()}
        target = _target(block.pop("_target", None) or block.pop("target", None))
        if block:
            found.append((target, block))
    return tuple(found)


def _matches(target: Target, logical: str, kind: str, lang: str) -> bool:
    if target.kind and target.kind != kind:
        return False
    if target.lang and lang and not _glob(target.lang).fullmatch(lang):
        return False
    return not target.path or _glob(target.path).fullmatch(logical) is not None


class Cascades:
    """Every section page of a library, and the cascades they pass down."""

    def __init__(self, sections: Sequence[Section] = ()) -> None:
        self.sections = tuple(sections)
        self._by_folder: dict[str, list[Section]] = {}
        for section in self.sections:
            self._by_folder.setdefault(section.folder, []).append(section)
        self._any = any(section.blocks for section in self.sections)

    def fingerprint(self) -> str:
        """Changes whenever a cascade does: a cached post read under other cascades is stale."""
        digest = hashlib.sha256()
        for section in self.sections:
            if section.blocks:
                digest.update(repr((section.folder, section.lang, section.blocks)).encode())
        return digest.hexdigest()[:16]

    def values_for(self, rel: str, lang: str, key: str, kind: str = "page") -> dict[str, Any]:
        """The front matter cascaded to the page at `rel` (a section page cascades to itself).

        Sections of the page's own language apply; a section page without a language marker
        stands for every language that has no section page of its own in that folder.
        """
        if not self._any:
            return {}
        logical = "/" + key.removeprefix("key:")
        merged: dict[str, Any] = {}
        for section in self._chain(rel.rpartition("/")[0], lang):  # nearest first
            for target, block in section.blocks:
                if _matches(target, logical, kind, lang):
                    for name, value in block.items():
                        merged.setdefault(name, value)
        return merged

    def _chain(self, folder: str, lang: str) -> list[Section]:
        chain = []
        current = folder
        while True:
            here = self._by_folder.get(current, ())
            own = [s for s in here if s.lang == lang] or [s for s in here if not s.lang]
            chain.extend(own)
            if not current:
                return chain
            current = current.rpartition("/")[0]


def read_sections(
    root: str, found: Sequence[tuple[str, str]], site: Site, problems: list[Problem]
) -> Cascades:
    """Read the section pages found by the walk: (library-relative path, absolute path)."""
    root_name = os.path.basename(os.path.realpath(root))
    raw: list[tuple[str, str, str, dict[str, Any]]] = []
    for rel, path in sorted(found):
        try:
            data = read_whole(path, MAX_SECTION_BYTES, [root])
        except RefusedFile as refused:
            problems.append(Problem(rel, "file", f"section page not read: {refused}"))
            continue
        decoded = decode_post(data)
        meta = {} if decoded.binary else parse_front_matter(decoded.text).meta
        lang, key = post_language(rel, meta, site, root_name)
        raw.append((rel, lang, key, meta))
    plain = tuple(
        Section(rel, rel.rpartition("/")[0], lang, "", _blocks(meta.get("cascade")))
        for rel, lang, _key, meta in raw
    )
    cascades = Cascades(plain)
    sections = []
    for section, (_rel, lang, key, meta) in zip(plain, raw, strict=True):
        values = cascades.values_for(section.path, lang, key, "section")
        merged = {**values, **meta}
        hidden = static_reason(merged, section.path)
        sections.append(Section(section.path, section.folder, lang, hidden, section.blocks))
    return Cascades(tuple(sections))
