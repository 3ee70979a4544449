"""Write notes files directly: the same bytes as notes_dump's PyYAML path, several times faster.

PyYAML's representer is generic Python and was ~40 % of saving a post with 1,000 notes. The
file has one fixed shape, so this writer lays it out itself. Only scalar text needs YAML's
judgement (plain, quoted or block); the common cases (plain words, simple multi-line notes)
are decided here, anything else is rendered once by PyYAML in the same position and
remembered. Documents of unexpected types go to PyYAML whole. A property test holds this
writer byte-identical to the PyYAML one.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any, Final

import yaml

from reader.core.notes.records import Annotation, NotesDocument, Target, sort_annotations
from reader.core.notes.yaml_dump import FORMAT, VERSION, _Flow, yaml_dump_document, yaml_text

__all__ = ["FORMAT", "VERSION", "dump_document", "dump_document_exact"]

# Where a scalar sits: top-level value, annotation value, target value, flow-list item.
_TOP, _ANN, _TGT, _FLOW = 0, 1, 2, 3
_CONTENT_INDENT: Final = {_TOP: "  ", _ANN: "      ", _TGT: "        "}
_TEMPLATE_HEAD: Final = {
    _TOP: "k:",
    _ANN: "annotations:\n  - k:",
    _TGT: "annotations:\n  - t:\n      k:",
    _FLOW: "k: [",
}
_MEMO_MAX: Final = 50_000
_memo: dict[tuple[int, str], tuple[str, int]] = {}
# What a piece is, for libyaml's "..." document end: that follows when the last block scalar
# written keeps its final line breaks (`|+`).
_NOT_BLOCK, _BLOCK, _BLOCK_KEEP = 0, 1, 2
# Aware datetimes' isoformat, when YAML reads it back as a timestamp without a tag.
_ISO: Final = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{6})?[+-]\d\d:\d\d")
_FLOW_INDICATORS: Final = re.compile(r"[,?\[\]{}:]")
_STR_TAG: Final = "tag:yaml.org,2002:str"
_resolve: Any = yaml.resolver.Resolver().resolve  # the dumpers' own implicit-type rules
_DOC_END: Final = "\n...\n"
_ASTRAL: Final = "\U00010000"  # libyaml escapes every character beyond the BMP


def _printable(text: str) -> bool:
    """Printable for Python and for libyaml (which escapes characters beyond the BMP)."""
    return text.isprintable() and (text.isascii() or max(text) < _ASTRAL)


class _Unusual(Exception):
    """Something this writer does not lay out itself; PyYAML writes the whole document."""


def _plain_ok(text: str, flow: bool) -> bool:
    """True when both YAML emitters surely write `text` plain (a sure subset, not all)."""
    if not text or not text[0].isalnum() or text[-1] in " :" or not _printable(text):
        return False
    if ": " in text or " #" in text or (flow and _FLOW_INDICATORS.search(text)):
        return False
    return bool(_resolve(yaml.ScalarNode, text, (True, False)) == _STR_TAG)


def _literal(text: str, indent: str) -> str | None:
    """`text` as a `|` or `|-` block when both emitters surely write it so, else None."""
    if text[0] in " \n" or text.endswith("\n\n"):
        return None  # indentation indicator or keep-chomping: left to PyYAML
    header = "|" if text.endswith("\n") else "|-"
    lines = (text[:-1] if header == "|" else text).split("\n")
    for line in lines:
        if line and (line[-1] == " " or not _printable(line)):
            return None
    return " " + header + "".join("\n" + indent + line if line else "\n" for line in lines)


def _rendered(text: str, where: int) -> tuple[str, int]:
    """PyYAML's rendering of `text` at `where` (after the key's colon), and its kind."""
    key = "k"
    data: Any
    if where == _TOP:
        data = {key: text}
    elif where == _ANN:
        data = {"annotations": [{key: text}]}
    elif where == _TGT:
        data = {"annotations": [{"t": {key: text}}]}
    else:
        data = {key: _Flow([text])}
    out = yaml_text(data)
    ends_open = out.endswith(_DOC_END)
    if ends_open:
        out = out[: -len(_DOC_END) + 1]
    head = _TEMPLATE_HEAD[where]
    tail = "]\n" if where == _FLOW else "\n"
    if not (out.startswith(head) and out.endswith(tail)):
        raise _Unusual(f"unexpected PyYAML layout for {text!r}")
    piece = out[len(head) : -len(tail)]
    if where == _FLOW and "\n" in piece:
        raise _Unusual("a flow item over several lines")
    if not piece.startswith((" |", " >")):
        return piece, _NOT_BLOCK
    return piece, _BLOCK_KEEP if ends_open else _BLOCK


def _scalar(text: Any, where: int, state: list[bool]) -> str:
    """`text` as written after `key:` (or inside `[...]`); `state[0]`: the text ends open."""
    if type(text) is not str:
        raise _Unusual(f"{type(text).__name__} where text was expected")
    memo_key = (where, text)
    hit = _memo.get(memo_key)
    if hit is None:
        piece: str | None = None
        kind = _NOT_BLOCK
        if "\n" not in text:
            if _plain_ok(text, where == _FLOW):
                piece = text if where == _FLOW else " " + text
        elif where != _FLOW:
            piece, kind = _literal(text, _CONTENT_INDENT[where]), _BLOCK
        hit = (piece, kind) if piece is not None else _rendered(text, where)
        if len(_memo) >= _MEMO_MAX:
            _memo.clear()
        _memo[memo_key] = hit
    if hit[1] != _NOT_BLOCK:
        state[0] = hit[1] == _BLOCK_KEEP
    return hit[0]


def _flow(items: Any, state: list[bool]) -> str:
    return " [" + ", ".join(_scalar(item, _FLOW, state) for item in items) + "]"


def _time(value: Any) -> str:
    if type(value) is not datetime:
        raise _Unusual("a timestamp that is not a datetime")
    text = value.isoformat()
    if not _ISO.fullmatch(text):
        raise _Unusual(f"timestamp {text} would need a tag")
    return " " + text


def _offset(value: Any) -> str:
    if type(value) is not int:
        raise _Unusual("an offset that is not an int")
    return f" {value}"


def _extras(
    extra: dict[Any, Any], present: set[str], data: Any, head: str, state: list[bool]
) -> str:
    """Unknown keys (not shadowed by known ones) rendered by PyYAML where they are written."""
    kept = {k: v for k, v in extra.items() if k not in present}
    if not kept:
        return ""
    if state[0]:
        raise _Unusual("unknown keys after a kept-breaks block: PyYAML knows how it ends")
    out = yaml_text(data(kept))
    if out.endswith(_DOC_END) or not out.startswith(head):
        raise _Unusual("unknown keys PyYAML lays out unusually")
    return out[len(head) :]


def _target(target: Target, state: list[bool], parts: list[str]) -> None:
    parts += ["    target:\n      exact:", _scalar(target.exact, _TGT, state), "\n"]
    present = {"exact"}
    if target.prefix:
        parts += ["      prefix:", _scalar(target.prefix, _TGT, state), "\n"]
        present.add("prefix")
    if target.suffix:
        parts += ["      suffix:", _scalar(target.suffix, _TGT, state), "\n"]
        present.add("suffix")
    if target.start is not None:
        parts += ["      start:", _offset(target.start), "\n"]
        present.add("start")
    if target.end is not None:
        parts += ["      end:", _offset(target.end), "\n"]
        present.add("end")
    if target.extra:
        parts.append(
            _extras(
                target.extra,
                present,
                lambda kept: {"annotations": [{"t": {"exact": 0, **kept}}]},
                "annotations:\n  - t:\n      exact: 0\n",
                state,
            )
        )


def _annotation(annotation: Annotation, state: list[bool], parts: list[str]) -> None:
    parts += [
        "  - id:", _scalar(annotation.id, _ANN, state),
        "\n    created:", _time(annotation.created),
        "\n    modified:", _time(annotation.modified), "\n",
    ]  # fmt: skip
    present = {"id", "created", "modified", "color", "target"}
    if annotation.deleted is not None:
        parts += ["    deleted:", _time(annotation.deleted), "\n"]
        present.add("deleted")
    parts += ["    color:", _scalar(annotation.color, _ANN, state), "\n"]
    for name, value in (("note", annotation.note or None), ("side", annotation.side),
                        ("aspect", annotation.aspect)):  # fmt: skip
        if value is not None:
            parts += ["    ", name, ":", _scalar(value, _ANN, state), "\n"]
            present.add(name)
    if annotation.tags:
        parts += ["    tags:", _flow(annotation.tags, state), "\n"]
        present.add("tags")
    _target(annotation.target, state, parts)
    if annotation.extra:
        parts.append(
            _extras(
                annotation.extra,
                present,
                lambda kept: {"annotations": [{"id": 0, **kept}]},
                "annotations:\n  - id: 0\n",
                state,
            )
        )


def _direct(document: NotesDocument) -> str:
    state = [False]  # a keep-chomped block scalar was written: libyaml then ends with "..."
    parts = [
        f"format: {FORMAT}\nversion: {VERSION}\narticle:",
        _scalar(document.article, _TOP, state),
        "\ntitle:",
        _scalar(document.title, _TOP, state),
        "\n",
    ]
    present = {"format", "version", "article", "title", "annotations"}
    if document.sides is not None:
        parts += ["sides:", _flow(document.sides, state) if document.sides else " []", "\n"]
        present.add("sides")
    annotations = sort_annotations(document.annotations)
    parts.append("annotations:\n" if annotations else "annotations: []\n")
    for annotation in annotations:
        _annotation(annotation, state, parts)
    if document.extra:
        parts.append(
            _extras(
                document.extra,
                present,
                lambda kept: {"format": 0, **kept},
                "format: 0\n",
                state,
            )
        )
    if state[0]:
        parts.append("...\n")
    return "".join(parts)


def dump_document(document: NotesDocument, *, fast: bool = True) -> str:
    """The file text for `document`: stable key order, document order, unicode kept.

    `fast` writes directly (PyYAML for anything unusual); without it, pure-Python PyYAML
    writes it all, which may quote differently but never means anything else.
    """
    if not fast:
        return yaml_dump_document(document, fast=False)
    return dump_document_exact(document)[0]


def dump_document_exact(document: NotesDocument) -> tuple[str, bool]:
    """The file text, and whether reading it back surely gives `document` again.

    True when this writer laid it all out and it holds no unknown keys (whose values may be
    any Python data); a property test holds `load_document(text) == document` for those.
    """
    try:
        return _direct(document), not _has_extras(document)
    except _Unusual:
        return yaml_dump_document(document), False


def _has_extras(document: NotesDocument) -> bool:
    return bool(document.extra) or any(a.extra or a.target.extra for a in document.annotations)
