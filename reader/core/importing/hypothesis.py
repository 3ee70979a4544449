"""Hypothesis annotations (its API's Annotation resource) as import records.

Hypothesis's API search answers `{"total": N, "rows": [...]}` and its client's export file is
`{"export_date", "export_userid", "client_version", "annotations": [...]}`; both hold the same
objects: `uri` (the page), `target[].selector` (TextQuoteSelector, TextPositionSelector,
RangeSelector...), `text` (the note, as the person typed it) and `tags`. Offsets of a
TextPositionSelector count in the web page's text, not in reader's article text, so they are
not kept. Replies and page notes quote no passage of the post and are listed as skipped.
"""

from __future__ import annotations

from typing import Any

from reader.core.importing.model import HYPOTHESIS, Incoming, Skipped
from reader.core.importing.values import (
    EntryError,
    as_list,
    checked_note,
    checked_text,
    tag_list,
    text_field,
    timestamp,
    type_name,
)
from reader.core.importing.w3c import entry_name, quote_of


def looks_like_hypothesis(entry: Any) -> bool:
    """Hypothesis objects carry `uri` and a list `target`, and no `@context`."""
    return (
        isinstance(entry, dict)
        and "@context" not in entry
        and "uri" in entry
        and isinstance(entry.get("target", []), list)
    )


def read_hypothesis(entry: Any, index: int) -> Incoming | Skipped:
    """One Hypothesis annotation; replies and page notes come back as Skipped."""
    if not isinstance(entry, dict):
        raise EntryError(f"annotation {index} must be an object, not {type_name(entry)}")
    where = entry_name(index, entry)
    ident = entry.get("id")
    if ident is not None and not isinstance(ident, str):
        raise EntryError(f"{where}: `id` must be text, not {type_name(ident)}")
    uri = text_field(entry, "uri", where).strip() or None
    note = checked_note(text_field(entry, "text", where), where)
    tags = tag_list(entry.get("tags"), where, tidy=True)
    created, modified = timestamp(entry, "created", where), timestamp(entry, "updated", where)
    references = entry.get("references")
    if references is not None and not isinstance(references, list):
        raise EntryError(f"{where}: `references` must be a list, not {type_name(references)}")
    if references:
        return Skipped(index, "a reply to another annotation", uri or "")
    target_list = entry.get("target")
    if target_list is not None and not isinstance(target_list, list):
        raise EntryError(f"{where}: `target` must be a list, not {type_name(target_list)}")
    source: str | None = None
    quote = None
    for target in as_list(target_list):
        if not isinstance(target, dict):
            raise EntryError(f"{where}: a target must be an object, not {type_name(target)}")
        selectors = [s for s in as_list(target.get("selector")) if isinstance(s, dict)]
        quote = quote_of(selectors, where)
        if target.get("source") is not None:
            source = checked_text(target.get("source"), f"{where}: `target.source`").strip()
        if quote is not None:
            break
    if quote is None:
        return Skipped(index, "a page note (no quoted passage)", uri or source or "")
    exact, prefix, suffix, _start, _end = quote
    return Incoming(
        index=index,
        origin=HYPOTHESIS,
        source_id=ident or "",
        source=source or None,
        uri=uri,
        exact=exact,
        prefix=prefix,
        suffix=suffix,
        note=note,
        tags=tags,
        created=created,
        modified=modified,
    )
