"""The web addresses a post may have been published at, as path segments.

Annotations made on a web page name its URL; the post behind it is found by comparing the URL's
last path segments with what the site generator would have made of the post: its file name or
page-bundle folder, a Jekyll date-and-slug name, front matter `slug`, `url`, `permalink` and
`aliases`, and the site's own permalink patterns (Hugo's `permalinks`, Jekyll's `permalink`)
read from its configuration beside the library. No generator is run: the common tokens are
expanded here, which is enough because only trailing segments are compared.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path, PurePosixPath
from typing import Any, Final
from urllib.parse import unquote, urlsplit

import yaml

from reader.core.library.fields import jekyll_name_date
from reader.core.library.post import Post

Segments = tuple[str, ...]

_INDEX_NAMES: Final = frozenset({"index", "index.html", "index.htm", "index.php", "index.xml"})
_PAGE_SUFFIX: Final = re.compile(r"\.(?:html?|php|aspx?|md|markdown|xml)$", re.IGNORECASE)
_LANG_SUFFIX: Final = re.compile(r"\.[a-z]{2}(?:[-_][a-z]{2,4})?$", re.IGNORECASE)
_NOT_WORD: Final = re.compile(r"[\W_]+")
_TOKEN: Final = re.compile(r":([a-z_]+)")
_JEKYLL_STYLES: Final = {
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
    "none": "/:categories/:title:output_ext",
}
_CONFIG_NAMES: Final = (
    "hugo.toml",
    "hugo.yaml",
    "hugo.yml",
    "hugo.json",
    "config.toml",
    "config.yaml",
    "config.yml",
    "config.json",
    "config/_default/hugo.toml",
    "config/_default/config.toml",
    "config/_default/permalinks.toml",
    "_config.yml",
    "_config.yaml",
)
MAX_CONFIG_BYTES: Final = 1_000_000


def segment_key(text: str) -> str:
    """One path segment as compared: decoded, case-folded, punctuation runs as one hyphen."""
    folded = unicodedata.normalize("NFKC", unquote(text)).casefold()
    return _NOT_WORD.sub("-", folded).strip("-")


def address_segments(address: str) -> Segments:
    """The compared segments of a URL or a path ("https://x/posts/my-post/" → posts, my-post)."""
    try:
        parts = urlsplit(address.strip())
    except ValueError:
        return ()
    if parts.scheme and parts.scheme not in ("http", "https", "file") and not parts.netloc:
        return ()  # urn:, doi: and the like name no page of a site
    raw = [part for part in parts.path.split("/") if part]
    if raw and raw[-1].casefold() in _INDEX_NAMES:
        raw.pop()
    elif raw and not parts.path.endswith("/"):  # a page file; "x.html/" is a folder's name
        raw[-1] = _PAGE_SUFFIX.sub("", raw[-1])
    return tuple(key for key in (segment_key(part) for part in raw) if key)


def _path_segments(rel: str) -> tuple[list[str], str]:
    """(folders, stem) of a post path; a page bundle's index names its folder."""
    pure = PurePosixPath(rel)
    folders = list(pure.parent.parts)
    stem = _LANG_SUFFIX.sub("", pure.stem) if "." in pure.stem else pure.stem
    if stem in ("index", "_index") and folders:
        stem = folders.pop()
    return folders, stem


def _slug(text: str) -> str:
    return segment_key(text)


def _meta_text(meta: Mapping[str, Any], key: str) -> str:
    value = meta.get(key)
    return value.strip() if isinstance(value, str) else ""


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else None


def _expand(pattern: str, values: Mapping[str, str]) -> Segments | None:
    """A permalink pattern with its tokens filled in; None when a token is unknown."""
    unknown = False

    def fill(match: re.Match[str]) -> str:
        nonlocal unknown
        name = match.group(1)
        for candidate in (name, name.rstrip("_")):
            if candidate in values:
                return values[candidate]
        unknown = True
        return ""

    expanded = _TOKEN.sub(fill, pattern)
    return None if unknown else address_segments(expanded)


def filename_slug(stem: str) -> str:
    """A file name's slug: without a Jekyll date in front."""
    name_date, rest = jekyll_name_date(stem)
    return rest if name_date is not None else stem


def _token_values(
    post: Post, meta: Mapping[str, Any], folders: list[str], stem: str
) -> dict[str, str]:
    name_date, rest = jekyll_name_date(stem)
    jekyll_slug = rest if name_date is not None else ""
    filename_slug = jekyll_slug or stem
    slug = _meta_text(meta, "slug") or filename_slug
    title_slug = _slug(post.title)
    content = folders[1:] if folders[:1] == ["content"] else folders
    content = [part for part in content if not part.startswith("_")]
    values = {
        "slug": slug,
        "title": jekyll_slug or title_slug,
        "filename": stem,
        "contentbasename": stem,
        "slugorfilename": _meta_text(meta, "slug") or stem,
        "slugorcontentbasename": _meta_text(meta, "slug") or stem,
        "name": stem,
        "basename": stem,
        "section": content[0] if content else "",
        "sections": "/".join(content),
        "categories": "/".join(_slug(c) for c in post.categories),
        "output_ext": ".html",
    }
    when = _as_date(post.date) or name_date
    if when is not None:
        values.update(
            year=f"{when.year:04d}",
            short_year=f"{when.year % 100:02d}",
            month=f"{when.month:02d}",
            i_month=str(when.month),
            monthname=when.strftime("%B").lower(),
            day=f"{when.day:02d}",
            i_day=str(when.day),
            y_day=f"{when.timetuple().tm_yday:03d}",
            yearday=str(when.timetuple().tm_yday),
            weekday=str(when.isoweekday() % 7),
            weekdayname=when.strftime("%A").lower(),
            week=f"{when.isocalendar().week:02d}",
            short_day=when.strftime("%a"),
        )
    return values


def post_addresses(
    post: Post, meta: Mapping[str, Any], patterns: Mapping[str, str]
) -> set[Segments]:
    """Every address (as segments) the post may be found at."""
    folders, stem = _path_segments(post.path)
    keys: set[Segments] = set()
    plain = tuple(segment_key(part) for part in [*folders, stem])
    keys.add(tuple(part for part in plain if part))
    # As published: Jekyll's `_posts`/`_articles` folders and Hugo's `content/` are not in URLs.
    published = [part for part in folders if not part.startswith("_")]
    published = published[1:] if published[:1] == ["content"] else published
    keys.add(tuple(part for part in (segment_key(p) for p in [*published, stem]) if part))
    values = _token_values(post, meta, folders, stem)
    name_date, rest = jekyll_name_date(stem)
    jekyll_slug = rest if name_date is not None else ""
    if jekyll_slug:
        keys.add(tuple(segment_key(part) for part in [*folders, jekyll_slug] if part))
    if _meta_text(meta, "slug"):
        keys.add(tuple(segment_key(part) for part in [*folders, values["slug"]] if part))
    for key in ("url", "permalink"):
        text = _meta_text(meta, key)
        if text:
            expanded = _expand(text, values) if ":" in text else address_segments(text)
            if expanded:
                keys.add(expanded)
    aliases = meta.get("aliases")
    for alias in aliases if isinstance(aliases, list) else [aliases]:
        if isinstance(alias, str) and alias.strip():
            keys.add(address_segments(alias))
    # Hugo's :slug falls back to the title, Jekyll's to the file name: try both.
    fallbacks = (
        [values["slug"]] if _meta_text(meta, "slug") else [values["title"], filename_slug(stem)]
    )
    for section, pattern in patterns.items():
        if section in ("*", values["section"]):
            for slug in fallbacks:
                expanded = _expand(pattern, {**values, "slug": slug})
                if expanded:
                    keys.add(expanded)
    return {key for key in keys if key}


def _read_config(path: Path) -> Any:
    try:
        if not path.is_file() or path.stat().st_size > MAX_CONFIG_BYTES:
            return None
        text = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix == ".toml":
            return tomllib.loads(text)
        if path.suffix == ".json":
            return json.loads(text)
        return yaml.safe_load(text)
    except (OSError, ValueError, yaml.YAMLError, RecursionError):
        return None  # an unreadable config only means fewer addresses to compare


def _hugo_patterns(value: Any) -> dict[str, str]:
    found: dict[str, str] = {}
    if not isinstance(value, dict):
        return found
    for key, pattern in value.items():
        if isinstance(pattern, str):
            found[str(key)] = pattern
        elif isinstance(pattern, dict) and key in ("page", "section"):
            found.update({str(k): v for k, v in pattern.items() if isinstance(v, str)})
    return found


def site_patterns(library_root: Path) -> dict[str, str]:
    """Permalink patterns by section ("*" for every post) from the site's configuration."""
    patterns: dict[str, str] = {}
    for folder in _config_folders(library_root):
        for name in _CONFIG_NAMES:
            config = _read_config(folder / name)
            if not isinstance(config, dict):
                continue
            if name.endswith("permalinks.toml"):
                patterns.update(_hugo_patterns(config))
                continue
            lowered = {str(k).lower(): v for k, v in config.items()}
            patterns.update(_hugo_patterns(lowered.get("permalinks")))
            jekyll = lowered.get("permalink")
            if isinstance(jekyll, str) and jekyll.strip():
                patterns["*"] = _JEKYLL_STYLES.get(jekyll.strip(), jekyll.strip())
        if patterns:
            break
    return patterns


def _config_folders(root: Path) -> Iterable[Path]:
    yield root
    if root.parent != root:
        yield root.parent
