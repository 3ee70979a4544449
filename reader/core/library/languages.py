"""Which language a post file is in, and which other files are its translations.

Read as the generators read them:
- Hugo: ``name.<lang>.md`` (also ``index.<lang>.md``), per-language content folders named by
  the config's ``contentDir``, and ``translationKey`` in the front matter;
- Jekyll: a ``lang:`` key, ``_collection/<lang>/`` and ``<lang>/_posts/`` folders.

Language codes are those the site config names; without a config, any code of the form
``xx``, ``xx-yy``, ``xx-yyyy`` or ``xx-yyyy-zz``. The translation key is the file's path with
its language taken out: files with the same key are one post in several languages.
"""

from __future__ import annotations

import re
from typing import Any

from reader.core.library.site_config import Site

_CODE = re.compile(r"[a-z]{2}(?:-[a-z]{2}|-[a-z]{4}(?:-[a-z]{2})?)?")
_POSTS_FOLDERS = frozenset({"_posts", "_drafts"})
_SUFFIXES = (".markdown", ".md")


def is_language_code(text: str, site: Site) -> bool:
    """A code the site config names, or (without one) a code of the usual forms."""
    code = text.lower()
    if site.languages:
        return code in site.languages
    return _CODE.fullmatch(code) is not None


def _strip_suffix(name: str) -> str:
    lower = name.lower()
    for suffix in _SUFFIXES:
        if lower.endswith(suffix):
            return name[: -len(suffix)]
    return name


def _declared(meta: dict[str, Any]) -> str:
    value = meta.get("lang")
    return value.strip().lower() if isinstance(value, str) else ""


def _language_folder(parts: list[str], declared: str, site: Site, root_name: str) -> int:
    """Index of the folder in `parts` that names the language (Jekyll), or -1."""
    for index, part in enumerate(parts[:-1]):
        after_collection = (index == 0 and root_name.startswith("_")) or (
            index > 0 and parts[index - 1].startswith("_")
        )
        before_posts = parts[index + 1] in _POSTS_FOLDERS
        if part in _POSTS_FOLDERS or not (after_collection or before_posts):
            continue
        if part.lower() == declared or is_language_code(part, site):
            return index
    return -1


def post_language(rel: str, meta: dict[str, Any], site: Site, root_name: str) -> tuple[str, str]:
    """(language, translation key) of the file at library-relative `rel`.

    The language is "" when nothing names one and the site has no default language.
    """
    declared = _declared(meta)
    folder, _, name = rel.rpartition("/")
    stem = _strip_suffix(name)
    lang = ""
    base, dot, suffix = stem.rpartition(".")
    if dot and base and is_language_code(suffix, site):
        lang, stem = suffix.lower(), base
    parts = [*folder.split("/"), stem] if folder else [stem]
    for content_dir, code in site.content_dirs:
        if not content_dir:
            lang = lang or code
            break
        if rel.startswith(content_dir + "/"):
            lang = lang or code
            parts = parts[content_dir.count("/") + 1 :]
            break
    else:
        index = _language_folder(parts, declared, site, root_name)
        if index >= 0:
            lang = lang or parts[index].lower()
            parts = parts[:index] + parts[index + 1 :]
    lang = declared or lang or site.default_language
    key = meta.get("translationkey")
    if isinstance(key, str | int | float) and not isinstance(key, bool) and str(key).strip():
        return lang, f"key:{str(key).strip()}"
    return lang, "/".join(parts) or rel  # a name that is all suffix keeps its own path
