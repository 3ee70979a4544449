"""Names of language codes for the Language choice, from Qt's locale data (no network)."""

from __future__ import annotations

from PySide6.QtCore import QLocale


def _qt_name(code: str) -> str:
    parts = code.split("-")
    fixed = [parts[0].lower()]
    for part in parts[1:]:
        fixed.append(part.title() if len(part) == 4 else part.upper())
    return "_".join(fixed)


def language_label(code: str) -> str:
    """ "Japanese (ja)", "Chinese, Traditional Han (zh-hant)"; the bare code when Qt has no
    name for it."""
    locale = QLocale(_qt_name(code))
    if locale.language() == QLocale.Language.C:
        return code
    name = QLocale.languageToString(locale.language())
    parts = code.split("-")
    if any(len(part) == 4 for part in parts[1:]):
        name += ", " + QLocale.scriptToString(locale.script())
    elif len(parts) > 1:
        name += ", " + QLocale.territoryToString(locale.territory())
    return f"{name} ({code})"
