"""Read the well-known fields (title, date, tags, draft, cover) out of loose front matter."""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from collections.abc import Mapping
from pathlib import PurePosixPath
from typing import Any

DateValue = dt.date | dt.datetime

_JEKYLL_NAME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})-(.+)$")
_HEADING = re.compile(r"^#{1}[ \t]+(.+?)[ \t]*#*[ \t]*$", re.MULTILINE)
_FENCE = re.compile(r"^(```|~~~)", re.MULTILINE)
_DATE_FORMATS = (
    "%Y-%m-%d %H:%M:%S %z",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M %z",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%Y/%m/%d",
    "%Y.%m.%d",
    "%d.%m.%Y",
    "%B %d, %Y",
    "%b %d, %Y",
    "%d %B %Y",
    "%d %b %Y",
    "%B %d %Y",
)
COVER_KEYS = ("image", "cover", "featured_image", "featuredimage", "thumbnail", "images")


def scalar_text(value: Any) -> str | None:
    """A scalar as the text a person typed: numbers, booleans and dates become strings."""
    if type(value) is str:
        return value.strip()
    if value is None or isinstance(value, dict | list):
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value)) if abs(value) < 1e15 else str(value)
    return str(value).strip()


def jekyll_name_date(stem: str) -> tuple[dt.date | None, str]:
    """Split ``2016-05-20-my-post`` into its date and the rest of the name."""
    if len(stem) < 12 or stem[4:5] != "-":
        return None, stem  # cheap refusal: most names are not dated
    match = _JEKYLL_NAME.match(stem)
    if not match:
        return None, stem
    try:
        day = dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None, stem
    return day, match[4]


def readable_name(rel_path: str) -> str:
    """A title made from a file name: ``2016-05-20-my-post.md`` and ``my-post/index.md``."""
    path = PurePosixPath(rel_path)
    stem = path.stem
    if stem == "index" or stem.startswith("index."):
        stem = path.parent.name or stem
    _, stem = jekyll_name_date(stem)
    words = re.sub(r"[-_]+", " ", stem).strip()
    if not words:
        return path.name
    return words[0].upper() + words[1:]


def first_heading(body: str) -> str | None:
    """The first ATX ``#`` heading outside fenced code, or None."""
    fence = _FENCE.search(body)
    match = _HEADING.search(body)
    if match is None:
        return None
    if fence is not None and fence.start() < match.start():
        # A heading after a code fence may sit inside it: walk the fences properly.
        inside = False
        for line in body.splitlines():
            if line.startswith(("```", "~~~")):
                inside = not inside
            elif not inside and (found := _HEADING.match(line)):
                return found[1].strip() or None
        return None
    return match[1].strip() or None


def parse_date(value: Any) -> tuple[DateValue | None, str]:
    """Parse a front matter date; returns (date, problem). Never raises."""
    if value is None or value == "":
        return None, ""
    if isinstance(value, dt.datetime | dt.date):
        return value, ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return None, f"unreadable date {value!r}"
    text = str(value).strip()
    if not text:
        return None, ""
    iso = text.replace("Z", "+00:00") if text.endswith("Z") else text
    try:
        if len(iso) == 10:
            return dt.date.fromisoformat(iso), ""
        return dt.datetime.fromisoformat(iso), ""
    except ValueError:
        pass
    for fmt in _DATE_FORMATS:
        try:
            parsed = dt.datetime.strptime(text, fmt)
        except ValueError:
            continue
        has_time = "%H" in fmt
        return (parsed if has_time else parsed.date()), ""
    try:
        return email.utils.parsedate_to_datetime(text), ""
    except (TypeError, ValueError, IndexError):
        return None, f"unreadable date {text!r}"


def date_sort_key(value: DateValue | None) -> float:
    """Seconds since the epoch (UTC; naive values taken as UTC) for newest-first sorting."""
    if value is None:
        return float("-inf")
    if not isinstance(value, dt.datetime):
        value = dt.datetime(value.year, value.month, value.day)
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    try:
        return value.timestamp()
    except (OverflowError, OSError, ValueError):
        return float("-inf")


def string_list(value: Any, field_name: str, split: str = ",") -> tuple[tuple[str, ...], str]:
    """Tags or categories: a list, a single string or a comma string; trimmed, deduplicated.

    A string is split on `split`: "," (commas), " " (any whitespace, as Jekyll does) or ""
    (not at all). Returns (values, problem). Duplicates are merged case-insensitively keeping
    the first spelling; nested lists or mappings are skipped and reported.
    """
    if value is None:
        return (), ""
    items: list[Any]
    if isinstance(value, str):
        items = value.split() if split == " " else value.split(split) if split else [value]
    elif isinstance(value, list):
        items = value
    elif isinstance(value, dict):
        return (), f"{field_name} should be a list, found a mapping"
    else:
        items = [value]
    seen: set[str] = set()
    out: list[str] = []
    skipped = False
    for item in items:
        text = item.strip() if type(item) is str else scalar_text(item)
        if text is None:
            skipped = skipped or item is not None
            continue
        key = text.casefold()
        if text and key not in seen:
            seen.add(key)
            out.append(text)
    problem = f"{field_name}: nested values ignored" if skipped else ""
    return tuple(out), problem


def terms(
    meta: Mapping[str, Any], singular: str, plural: str, *, jekyll: bool
) -> tuple[tuple[str, ...], str]:
    """Tags (``tag``/``tags``) or categories (``category``/``categories``) as the generator
    reads them: Jekyll takes the singular key when present (one value, not split), else the
    plural one split on whitespace; elsewhere both are read, the plural split on commas."""
    one = meta.get(singular)
    if jekyll:
        if one is not None and one != []:
            return string_list(one, plural, split="")
        return string_list(meta.get(plural), plural, split=" ")
    many, problem = string_list(meta.get(plural), plural)
    if one is None:
        return many, problem
    extra, extra_problem = string_list(one, plural, split="")
    merged, _ = string_list([*many, *extra], plural, split="")
    return merged, problem or extra_problem


def truthy(value: Any) -> bool:
    """YAML booleans, and the strings people write for them."""
    if isinstance(value, str):
        return value.strip().lower() in {"true", "yes", "on", "1"}
    return bool(value) and value is not None


def cover_reference(meta: Mapping[str, Any]) -> str | None:
    """The cover image reference under any of the common keys (``cover.image`` too)."""
    for key in COVER_KEYS:
        value = meta.get(key)
        if isinstance(value, dict):
            nested = {str(k).strip().lower(): v for k, v in value.items()}
            value = nested.get("image") or nested.get("src") or nested.get("url")
        if isinstance(value, list):
            value = value[0] if value else None
        text = scalar_text(value)
        if text:
            return text
    return None
