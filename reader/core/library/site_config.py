"""The site around a library: which generator, which languages, which content folder is which.

A Hugo site names its languages in ``hugo.toml|yaml|json`` (or ``config.*``, or
``config/_default/``), with ``defaultContentLanguage`` and, per language, an optional
``contentDir``. A Jekyll site has ``_config.yml``: ``lang``, and ``languages`` /
``default_lang`` (jekyll-polyglot). Only the library root and its parent are looked at; a
config that cannot be read is a problem, never a crash, and the library is read without it.
"""

from __future__ import annotations

import json
import os
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from reader.core.library.problems import Problem
from reader.core.library.site_files import RefusedFile, read_whole

MAX_CONFIG_BYTES = 1024 * 1024
_SafeLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SUFFIXES = (".toml", ".yaml", ".yml", ".json")
HUGO_NAMES = tuple(f"{stem}{suffix}" for stem in ("hugo", "config") for suffix in _SUFFIXES)
JEKYLL_NAMES = ("_config.yml", "_config.yaml", "_config.toml")


@dataclass(frozen=True, slots=True)
class Site:
    """What the site config says; all empty when there is none (a plain folder of posts)."""

    generator: str = ""  # "hugo", "jekyll" or ""
    languages: tuple[str, ...] = ()  # codes the config names, lower-case, in weight order
    default_language: str = ""  # the config's default language, or ""
    # (library-relative folder, language) for Hugo's per-language content folders; the
    # folder is "" when the whole library is one language's content folder.
    content_dirs: tuple[tuple[str, str], ...] = ()
    config: str = ""  # the file read, relative to the library ("../hugo.toml")
    build_future: bool = False  # Hugo `buildFuture`, Jekyll `future`: future posts are built
    problems: tuple[Problem, ...] = field(default=(), compare=False)


def _lower(data: Any) -> dict[str, Any]:
    """Keys lower-cased as Hugo reads them; tables that differ only in case are merged."""
    if not isinstance(data, dict):
        return {}
    out: dict[str, Any] = {}
    for key, value in data.items():
        name = str(key).strip().lower()
        if isinstance(out.get(name), dict) and isinstance(value, dict):
            out[name] = {**out[name], **value}
        else:
            out[name] = value
    return out


def _parse(name: str, data: bytes) -> dict[str, Any]:
    text = data.decode("utf-8-sig", errors="replace")
    if name.endswith(".toml"):
        return _lower(tomllib.loads(text))
    if name.endswith(".json"):
        return _lower(json.loads(text))
    return _lower(yaml.load(text, Loader=_SafeLoader))


def _read(path: Path, roots: list[str], shown: str, problems: list[Problem]) -> dict[str, Any]:
    try:
        return _parse(path.name, read_whole(path, MAX_CONFIG_BYTES, roots))
    except RefusedFile as refused:
        problems.append(Problem(shown, "file", f"site config not read: {refused}"))
    except (ValueError, yaml.YAMLError, RecursionError) as error:
        first = (str(error).strip().splitlines() or [type(error).__name__])[0]
        problems.append(Problem(shown, "file", f"site config not readable: {first}"))
    return {}


def _weight(item: tuple[str, Any]) -> tuple[float, str]:
    settings = _lower(item[1])
    weight = settings.get("weight")
    return (float(weight) if isinstance(weight, int | float) else 0.0, item[0])


def _hugo_site(config: dict[str, Any], site_dir: str, root: str, shown: str) -> Site:
    languages = {
        str(code).strip().lower(): value
        for code, value in _lower(config.get("languages")).items()
        if not _lower(value).get("disabled")
    }
    ordered = tuple(code for code, _ in sorted(languages.items(), key=_weight))
    default = str(config.get("defaultcontentlanguage") or "").strip().lower()
    if not default and ordered:
        default = ordered[0]
    dirs: list[tuple[str, str]] = []
    for code in ordered:
        content_dir = _lower(languages[code]).get("contentdir")
        if not isinstance(content_dir, str) or not content_dir.strip():
            continue
        folder = os.path.normpath(os.path.join(site_dir, content_dir.strip()))
        rel = os.path.relpath(folder, root)
        if rel == ".":
            dirs.append(("", code))
        elif not rel.startswith(".."):
            dirs.append((rel.replace(os.sep, "/"), code))
    return Site("hugo", ordered, default, tuple(dirs), shown, config.get("buildfuture") is True)


def _jekyll_site(config: dict[str, Any], shown: str) -> Site:
    raw = config.get("languages")
    codes = [str(code).strip().lower() for code in raw] if isinstance(raw, list) else []
    default = str(config.get("default_lang") or config.get("lang") or "").strip().lower()
    if default and codes and default not in codes:
        codes.insert(0, default)
    ordered = tuple(dict.fromkeys(code for code in codes if code))
    return Site("jekyll", ordered, default, (), shown, config.get("future") is True)


def _present(path: Path) -> bool:
    """There, and not a folder (a FIFO or a link out is then refused, and said so)."""
    return os.path.lexists(path) and not path.is_dir()


def _hugo_config(base: Path, roots: list[str], prefix: str, problems: list[Problem]) -> Any:
    for name in HUGO_NAMES:
        path = base / name
        if _present(path):
            return _read(path, roots, prefix + name, problems), prefix + name
    folder = base / "config" / "_default"
    if folder.is_dir():
        merged: dict[str, Any] = {}
        shown = ""
        for stem in ("hugo", "config", "languages"):
            for suffix in _SUFFIXES:
                path = folder / f"{stem}{suffix}"
                if _present(path):
                    name = f"{prefix}config/_default/{stem}{suffix}"
                    data = _read(path, roots, name, problems)
                    merged.update({"languages": data} if stem == "languages" else data)
                    shown = shown or name
        if shown:
            return merged, shown
    return None


def read_site(library_root: Path) -> Site:
    """The site config of the library at `library_root` or of the folder above it."""
    root = os.path.realpath(library_root)
    parent = os.path.dirname(root)
    roots = [root, parent]
    for base, prefix in ((root, ""), (parent, "../")):
        problems: list[Problem] = []
        found = _hugo_config(Path(base), roots, prefix, problems)
        if found is not None:
            config, shown = found
            return replace(_hugo_site(config, base, root, shown), problems=tuple(problems))
        for name in JEKYLL_NAMES:
            path = Path(base) / name
            if _present(path):
                config = _read(path, roots, prefix + name, problems)
                return replace(_jekyll_site(config, prefix + name), problems=tuple(problems))
    return Site()
