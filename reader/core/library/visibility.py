"""What the generator does not publish, and why: drafts and their kin are hidden unless asked.

Hugo hides drafts, ``headless: true`` bundles, pages built with ``build`` (formerly
``_build``) ``render: never`` or ``list: never``, pages whose publish date is still to come and
pages whose expiry date has passed. Jekyll hides ``published: false``, ``_drafts/`` and future
posts. The publish date is Hugo's: ``publishDate`` (or ``pubdate``, ``published``), and on a
Hugo or Jekyll site (unless it builds future posts) the post's date when none is written; a
plain folder of notes shows a post dated in the future. The expiry date is ``expiryDate``
(or ``unpublishdate``).

Dates are compared with the clock when the posts are listed, not when they were read, so a
cached record of a scheduled post shows up on its day without being read again.
"""

from __future__ import annotations

from typing import Any, Final

from reader.core.library import fields

DRAFT: Final = "draft"
UNPUBLISHED: Final = "unpublished"  # Jekyll `published: false`
HEADLESS: Final = "headless"
UNRENDERED: Final = "unrendered"  # build.render never (or link)
UNLISTED: Final = "unlisted"  # build.list never
SCHEDULED: Final = "scheduled"
EXPIRED: Final = "expired"
REASONS: Final = (DRAFT, UNPUBLISHED, HEADLESS, UNRENDERED, UNLISTED, SCHEDULED, EXPIRED)

PUBLISH_KEYS: Final = ("publishdate", "pubdate", "published")
EXPIRY_KEYS: Final = ("expirydate", "unpublishdate")


def _word(value: Any) -> str:
    if isinstance(value, bool):
        return "always" if value else "never"
    return str(value).strip().lower() if value is not None else ""


def _build_reason(meta: dict[str, Any]) -> str:
    options = meta.get("build")
    if options is None:
        options = meta.get("_build")
    if not isinstance(options, dict):
        return ""
    options = {str(key).strip().lower(): value for key, value in options.items()}
    if _word(options.get("render")) in ("never", "link"):
        return UNRENDERED
    if _word(options.get("list")) == "never":
        return UNLISTED
    return ""


def is_draft(meta: dict[str, Any], rel: str) -> bool:
    """`draft: true`, or a file under a Jekyll `_drafts/` folder."""
    draft = meta.get("draft")
    if draft if type(draft) is bool else fields.truthy(draft):
        return True
    return rel.startswith("_drafts/") or "/_drafts/" in rel


def static_reason(meta: dict[str, Any], rel: str) -> str:
    """Why the front matter (cascades applied) or the folder hides the post, or ""."""
    if is_draft(meta, rel):
        return DRAFT
    published = meta.get("published")
    if published is False or (isinstance(published, str) and published.strip() == "false"):
        return UNPUBLISHED
    headless = meta.get("headless")
    if headless if type(headless) is bool else fields.truthy(headless):
        return HEADLESS
    return _build_reason(meta)


def _first_date(meta: dict[str, Any], keys: tuple[str, ...]) -> tuple[fields.DateValue | None, str]:
    for key in keys:
        value = meta.get(key)
        if value is None or isinstance(value, bool) or value == "":
            continue
        parsed, problem = fields.parse_date(value)
        if problem:
            return None, f"{key}: {problem}"
        return parsed, ""
    return None, ""


def publish_dates(
    meta: dict[str, Any],
) -> tuple[fields.DateValue | None, fields.DateValue | None, list[str]]:
    """(publish date, expiry date, problems) as written; None when not written."""
    publish, publish_problem = _first_date(meta, PUBLISH_KEYS)
    expiry, expiry_problem = _first_date(meta, EXPIRY_KEYS)
    return publish, expiry, [p for p in (publish_problem, expiry_problem) if p]


def dated_reason(
    publish: fields.DateValue | None,
    expiry: fields.DateValue | None,
    now: float,
) -> str:
    """Scheduled before the publish date, expired after the expiry date, else "". `now` is
    seconds since the epoch."""
    if publish is not None and fields.date_sort_key(publish) > now:
        return SCHEDULED
    if expiry is not None and fields.date_sort_key(expiry) <= now:
        return EXPIRED
    return ""
