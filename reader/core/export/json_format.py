"""Notes as W3C Web Annotation objects, so other annotation tools can import them.

The shape follows the Web Annotation Data Model (https://www.w3.org/TR/annotation-model/):
`@context` is the standard URL written as a constant (nothing is fetched), the note is a
commenting TextualBody and each tag a tagging one; `side`, `aspect`, `color` and `status` are
reader's own additions, which JSON-LD consumers ignore.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, Final

from reader.core.export.model import ExportedAnnotation, ExportedPost

CONTEXT: Final = "http://www.w3.org/ns/anno.jsonld"


def _body(item: ExportedAnnotation) -> list[dict[str, Any]]:
    note = item.annotation
    bodies: list[dict[str, Any]] = []
    if note.note:
        bodies.append(
            {
                "type": "TextualBody",
                "purpose": "commenting",
                "value": note.note,
                "format": "text/plain",
            }
        )
    bodies += [{"type": "TextualBody", "purpose": "tagging", "value": tag} for tag in note.tags]
    return bodies


def _selectors(item: ExportedAnnotation) -> list[dict[str, Any]]:
    target = item.annotation.target
    selectors: list[dict[str, Any]] = [
        {
            "type": "TextQuoteSelector",
            "exact": target.exact,
            "prefix": target.prefix,
            "suffix": target.suffix,
        }
    ]
    if item.start is not None and item.end is not None:
        selectors.append({"type": "TextPositionSelector", "start": item.start, "end": item.end})
    return selectors


def web_annotation(post: ExportedPost, item: ExportedAnnotation) -> dict[str, Any]:
    """One annotation as a Web Annotation object (positions are where the quote is now)."""
    note = item.annotation
    return {
        "@context": CONTEXT,
        "id": f"urn:uuid:{note.id}",
        "type": "Annotation",
        "created": note.created.isoformat(),
        "modified": note.modified.isoformat(),
        "body": _body(item),
        "target": {"source": post.path, "selector": _selectors(item)},
        "side": note.side,
        "aspect": note.aspect,
        "color": note.color,
        "status": item.status.value,
    }


def to_json(posts: Sequence[ExportedPost]) -> str:
    """All annotations of the posts as a JSON array, in scope and document order."""
    objects = [web_annotation(post, item) for post in posts for item in post.annotations]
    return json.dumps(objects, ensure_ascii=False, indent=2) + "\n"
