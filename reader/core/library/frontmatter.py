"""Split and parse front matter: YAML (``---``), TOML (``+++``) or a leading JSON object.

A bad block never hides a post: parsing returns whatever could be read plus the problems.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field
from typing import Any

import yaml

# libyaml's safe loader (C); the pure-Python one where PyYAML was built without libyaml.
_SafeLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_BLOCK_CHARS = 256 * 1024
MAX_NODES = 20_000
MAX_DEPTH = 32

_FENCES = {"---": "yaml", "+++": "toml"}
_CLOSER_LINES = {
    "yaml": re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE),
    "toml": re.compile(r"^\+\+\+[ \t]*$", re.MULTILINE),
}
_ALIAS = re.compile(r"(?:^|[\s\[{,:-])\*[^\s,\]}]+")


@dataclass(slots=True)
class FrontMatter:
    """The parsed block: `meta` has keys trimmed and lower-cased; `body` is what follows."""

    meta: dict[str, Any]
    body: str
    format: str | None = None
    problems: list[str] = field(default_factory=list)
    body_line: int = 0  # 0-based line number where the body starts in the file


class _TooComplex(Exception):
    pass


def _normalise(value: Any, budget: list[int], depth: int = 0) -> Any:
    """Copy parsed data with lower-cased keys, bounded in size and depth (alias bombs)."""
    budget[0] -= 1
    if budget[0] < 0 or depth > MAX_DEPTH:
        raise _TooComplex
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            out[str(key).strip().lower()] = _normalise(item, budget, depth + 1)
        return out
    if isinstance(value, list | tuple):
        return [_normalise(item, budget, depth + 1) for item in value]
    return value


def _lower_keys(data: Any) -> Any:
    """Trim and lower-case the top-level keys: the fast path for blocks without anchors,
    whose size is bounded by their text (only aliases can multiply it)."""
    if not isinstance(data, dict):
        return data
    return {str(key).strip().lower(): value for key, value in data.items()}


def split_front_matter(text: str) -> tuple[str | None, str, str, int, bool]:
    """Return (format, raw block, body, body line, closed) for `text`.

    `format` is None when the text has no front matter. An opening fence without a closing
    one yields closed=False, and the whole text stays the body so nothing is hidden.
    """
    first_end = text.find("\n")
    first = (text if first_end < 0 else text[:first_end]).rstrip()
    kind = _FENCES.get(first)
    if kind is not None:
        start = first_end + 1 if first_end >= 0 else len(text)
        closer = _CLOSER_LINES[kind].search(text, start)
        if closer is None:
            return kind, "", text, 0, False
        body_start = min(closer.end() + 1, len(text))
        body_line = text.count("\n", 0, closer.end()) + 1
        return kind, text[start : closer.start()], text[body_start:], body_line, True
    if text.startswith("{"):
        try:
            _, end = json.JSONDecoder().raw_decode(text)
        except ValueError:
            return "json", text, text, 0, False
        body = text[end:]
        body_line = text.count("\n", 0, end)
        if body.startswith("\n"):
            body = body[1:]
            body_line += 1
        return "json", text[:end], body, body_line, True
    return None, "", text, 0, True


def _load_yaml(raw: str) -> Any:
    if "&" in raw and len(_ALIAS.findall(raw)) > 64:
        raise _TooComplex
    return yaml.load(raw, Loader=_SafeLoader)


def _load_block(kind: str, raw: str) -> Any:
    if kind == "yaml":
        return _load_yaml(raw)
    if kind == "toml":
        return tomllib.loads(raw)
    return json.loads(raw)


def _describe_error(kind: str, error: Exception) -> str:
    detail = str(error).strip().splitlines()
    first = detail[0] if detail else type(error).__name__
    mark = getattr(error, "problem_mark", None)
    if mark is not None:
        first = f"{getattr(error, 'problem', first)} (line {mark.line + 2})"
    return f"invalid {kind.upper()} front matter: {first}"


def parse_front_matter(text: str) -> FrontMatter:
    """Parse the front matter of a post's text, never raising for bad input."""
    kind, raw, body, body_line, closed = split_front_matter(text)
    if kind is None:
        return FrontMatter({}, body)
    if not closed:
        if kind == "json":
            return FrontMatter({}, body, kind, ["invalid JSON front matter: unclosed object"])
        fence = "---" if kind == "yaml" else "+++"
        return FrontMatter({}, body, kind, [f"front matter opened with {fence} but never closed"])
    if len(raw) > MAX_BLOCK_CHARS:
        return FrontMatter({}, body, kind, ["front matter too large (over 256 KB); ignored"])
    if not raw.strip():
        return FrontMatter({}, body, kind, [], body_line)  # `---\n---`: a common Jekyll idiom
    try:
        data = _load_block(kind, raw)
        meta = _lower_keys(data) if "&" not in raw else _normalise(data, [MAX_NODES])
    except _TooComplex:
        message = "front matter too complex (alias bomb or deep nesting); ignored"
        return FrontMatter({}, body, kind, [message], body_line)
    except (
        yaml.YAMLError,
        tomllib.TOMLDecodeError,
        ValueError,
        TypeError,
        RecursionError,
    ) as error:
        return FrontMatter({}, body, kind, [_describe_error(kind, error)], body_line)
    if meta is None:  # only comments or blank lines: nothing set, nothing wrong
        return FrontMatter({}, body, kind, [], body_line)
    if not isinstance(meta, dict):
        found = type(data).__name__
        message = f"front matter is not a set of keys (found a {found}); ignored"
        return FrontMatter({}, body, kind, [message], body_line)
    return FrontMatter(meta, body, kind, [], body_line)
