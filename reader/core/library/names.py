"""File names that are not valid UTF-8, made safe to print.

On POSIX a file name is bytes; Python hands undecodable bytes over as lone surrogates
(``surrogateescape``), which work for opening the file but cannot be encoded as UTF-8: JSON,
CSV, Markdown or HTML output would either fail or carry invalid bytes. Every output shows such
a name escaped instead (``caf\\xe9.md``), while the library keeps the real name to open it.
"""

from __future__ import annotations

import re
from typing import Any

_SURROGATE = re.compile("[\udc80-\udcff]")
_ANY_SURROGATE = re.compile("[\ud800-\udfff]")


def is_valid_name(name: str) -> bool:
    """True when `name` has no undecodable bytes (it encodes as UTF-8)."""
    return _ANY_SURROGATE.search(name) is None


def printable(text: str) -> str:
    """`text` with each undecodable byte shown as ``\\xNN`` (and any other lone surrogate as
    ``\\udNNN``): always valid Unicode, the same text when nothing was wrong."""
    if _ANY_SURROGATE.search(text) is None:
        return text
    text = _SURROGATE.sub(lambda m: f"\\x{ord(m.group()) - 0xDC00:02x}", text)
    return _ANY_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def printable_data(value: Any) -> Any:
    """`value` (JSON-like: dicts, lists, strings) with every string made `printable`."""
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, dict):
        return {printable_data(k): printable_data(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [printable_data(item) for item in value]
    return value


def name_problem(rel: str) -> str:
    """The problem message for a path whose name is not valid UTF-8."""
    return f"file name is not valid text (undecodable bytes); shown as {printable(rel)}"
