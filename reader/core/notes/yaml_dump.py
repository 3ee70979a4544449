"""Write the notes file format (design.md, "Annotations file") in one stable shape.

One key order, document order, unicode kept and multi-line notes as block scalars, so files
read well and diff and merge cleanly under git or sync tools. libyaml's emitter writes it
(PyYAML's pure-Python one where libyaml is missing, with the same meaning).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Final

import yaml

from reader.core.notes.records import Annotation, NotesDocument, Target, sort_annotations

FORMAT: Final = "reader-annotations"
VERSION: Final = 1
_ODD_BREAKS: Final = ("\r", "\x85", "\u2028", "\u2029")


class _Flow(list[Any]):
    """A list written on one line (`sides`, `tags`), as in the design's example."""


class _PyDumper(yaml.SafeDumper):
    """Pure-Python safe dumper that indents sequences under their key, as in the design."""

    def ignore_aliases(self, data: Any) -> bool:
        return True  # the loader refuses aliases, so the writer never makes any

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


_CBase: Any = getattr(yaml, "CSafeDumper", None)


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    # Line breaks other than \n would be normalised by a reader: only escaping keeps them.
    if any(ch in data for ch in _ODD_BREAKS):
        style: str | None = '"'
    else:
        style = "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


def _represent_datetime(dumper: yaml.SafeDumper, data: datetime) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:timestamp", data.isoformat())


def _represent_flow(dumper: yaml.SafeDumper, data: _Flow) -> yaml.SequenceNode:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True)


def _add_representers(dumper: Any) -> None:
    dumper.add_representer(str, _represent_str)
    dumper.add_representer(datetime, _represent_datetime)
    dumper.add_representer(_Flow, _represent_flow)


_add_representers(_PyDumper)
_CDumper: Any = None
if _CBase is not None:

    class _CDumperClass(_CBase):  # type: ignore[misc]
        """libyaml's emitter (several times faster); its sequences are re-indented after."""

        def ignore_aliases(self, data: Any) -> bool:
            return True

    _add_representers(_CDumperClass)
    _CDumper = _CDumperClass


def _indent_annotations(text: str) -> str:
    """Indent the `annotations:` list by two spaces, as the pure-Python dumper writes it.

    libyaml writes that list flush with its key. Every line of the list (up to the next
    top-level key) moves right by the same amount, which keeps the YAML meaning: block
    scalars carry indentation relative to their parent, and blank lines stay blank.
    """
    lines = text.split("\n")
    inside = False
    for index, line in enumerate(lines):
        if not inside:
            inside = line == "annotations:"
            continue
        # Items start "- ", their lines "  "; a top-level key may itself start "-" ("-x: 1").
        if line and not line.startswith(("  ", "- ")):
            break
        if line:
            lines[index] = "  " + line
    return "\n".join(lines)


def target_to_dict(target: Target) -> dict[Any, Any]:
    """The target mapping in file order; empty parts left out."""
    out: dict[Any, Any] = {"exact": target.exact}
    if target.prefix:
        out["prefix"] = target.prefix
    if target.suffix:
        out["suffix"] = target.suffix
    if target.start is not None:
        out["start"] = target.start
    if target.end is not None:
        out["end"] = target.end
    out.update((k, v) for k, v in target.extra.items() if k not in out)
    return out


def annotation_to_dict(annotation: Annotation) -> dict[Any, Any]:
    """One annotation as the file holds it, keys in the design's order, then unknown keys."""
    out: dict[Any, Any] = {
        "id": annotation.id,
        "created": annotation.created,
        "modified": annotation.modified,
    }
    if annotation.deleted is not None:
        out["deleted"] = annotation.deleted
    out["color"] = annotation.color
    if annotation.note:
        out["note"] = annotation.note
    if annotation.side is not None:
        out["side"] = annotation.side
    if annotation.aspect is not None:
        out["aspect"] = annotation.aspect
    if annotation.tags:
        out["tags"] = _Flow(annotation.tags)
    out["target"] = target_to_dict(annotation.target)
    out.update((k, v) for k, v in annotation.extra.items() if k not in out)
    return out


def document_to_dict(document: NotesDocument) -> dict[Any, Any]:
    """The whole file as plain data in the order it is written."""
    out: dict[Any, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "article": document.article,
        "title": document.title,
    }
    if document.sides is not None:
        out["sides"] = _Flow(document.sides)
    out["annotations"] = [annotation_to_dict(a) for a in sort_annotations(document.annotations)]
    out.update((k, v) for k, v in document.extra.items() if k not in out)
    return out


def yaml_text(data: Any, *, fast: bool = True) -> str:
    """Plain data as the notes file writes it, through PyYAML (libyaml when `fast`)."""
    use_c = fast and _CDumper is not None
    text: str = yaml.dump(
        data,
        Dumper=_CDumper if use_c else _PyDumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=1_000_000_000,
    )
    return _indent_annotations(text) if use_c else text


def dump_document(document: NotesDocument, *, fast: bool = True) -> str:
    """The file text for `document`: stable key order, document order, unicode kept.

    `fast` uses libyaml when present; without it, pure-Python PyYAML writes it, which may
    quote differently but never means anything else (a test proves it).
    """
    return yaml_text(document_to_dict(document), fast=fast)


def dump_document_exact(document: NotesDocument) -> tuple[str, bool]:
    """The file text, and whether reading it back surely gives `document` again.

    True when it holds no unknown keys (whose values may be any Python data); a property
    test holds `load_document(text) == document` for those, so the store can keep `document`
    as what the file holds without parsing it again.
    """
    return dump_document(document), not _has_extras(document)


def _has_extras(document: NotesDocument) -> bool:
    return bool(document.extra) or any(a.extra or a.target.extra for a in document.annotations)
