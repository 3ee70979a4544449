"""Hugo shortcodes, as the site shows them where that can be done offline.

Hugo replaces shortcodes before Goldmark reads the page, so they are rewritten here as
Markdown (or as raw HTML the finishing step understands), never left as braces:

- ``highlight`` and ``code-toggle`` bodies become fenced code blocks, taken verbatim;
  ``code-toggle`` shows the configuration as given with a note of the formats Hugo adds;
- admonitions (``note``, ``warning``, ``notice``, ``alert``, ``hint``, ...) become a box with
  their title, ``details`` a box titled by its summary; their bodies stay Markdown;
- ``figure`` becomes an image, ``ref``/``relref`` the path they name;
- any other shortcode becomes a small muted label; a paired one keeps its body as Markdown.

Hand-written because no library reads Hugo's shortcode syntax outside Hugo itself.
"""

from __future__ import annotations

import re
import shlex
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from reader.core.render.allowlist import BOX_CLASS, BOX_TITLE_CLASS

# One shortcode tag: {{< name args >}} or {{% name args %}}, opening, closing or self-closing.
TAG = re.compile(
    r"\{\{([<%])\s*(/?)\s*([\w./-]+)((?:[^<>%}\"]|\}(?!\})|\"[^\"]*\")*?)\s*(/?)\s*[>%]\}\}"
)
ESCAPED = re.compile(r"\{\{([<%])/\*(.*?)\*/([>%])\}\}", re.DOTALL)
ESCAPED_END = re.compile(r"\*/[>%]\}\}")
CODE_PAIRED_END = re.compile(r"\{\{[<%]\s*/\s*(?:highlight|code-toggle)\s*[>%]\}\}")
CODE_PAIRED = re.compile(
    r"\{\{[<%]\s*(highlight|code-toggle)\b((?:[^>%\"]|\"[^\"]*\")*?)(?<!/)\s*[>%]\}\}[ \t]*\n?"
    r"(.*?)\{\{[<%]\s*/\s*\1\s*[>%]\}\}",
    re.DOTALL,
)
BOX_KIND = {
    **dict.fromkeys(("note", "info", "notice", "callout", "admonition", "alert", "hint"), "note"),
    **dict.fromkeys(("tip", "success", "example", "question", "todo"), "tip"),
    "important": "important",
    **dict.fromkeys(("warning", "attention"), "warning"),
    **dict.fromkeys(("caution", "danger", "error", "bug", "failure"), "caution"),
}
# Shortcodes whose first positional argument is the kind (Learn's notice, hugo-book's hint).
_KIND_FIRST = frozenset({"notice", "hint", "admonition", "callout", "alert"})


@dataclass(frozen=True, slots=True)
class Args:
    """A shortcode's arguments: positional ones and ``name=value`` ones."""

    positional: tuple[str, ...]
    named: dict[str, str]

    @classmethod
    def parse(cls, raw: str) -> Args:
        try:
            parts = shlex.split(raw)
        except ValueError:
            parts = raw.split()
        named = {k: v for k, _, v in (p.partition("=") for p in parts if "=" in p)}
        return cls(tuple(p for p in parts if "=" not in p), named)

    def first(self, *names: str) -> str:
        """The first named argument present, else the first positional one, else ""."""
        for name in names:
            if self.named.get(name):
                return self.named[name]
        return self.positional[0] if self.positional else ""


def unescape(text: str) -> str:
    """``{{</* x */>}}`` as Hugo prints it: ``{{< x >}}`` (the same for ``%``)."""
    return ESCAPED.sub(lambda m: f"{{{{{m.group(1)}{m.group(2)}{m.group(3)}}}}}", text)


def indent_of(text: str, at: int) -> str:
    """The whitespace before `at` on its line, when only whitespace precedes it there."""
    line_start = text.rfind("\n", 0, at) + 1
    before = text[line_start:at]
    return before if not before.strip() else ""


def fenced(code: str, language: str, indent: str) -> str:
    lines = code.rstrip().split("\n") if code.strip() else []  # the closing tag's indent goes
    common = min((len(x) - len(x.lstrip()) for x in lines if x.strip()), default=0)
    fence = "~" * max(3, _longest_run(code, "~") + 1)
    body = "".join(f"{indent}{line[common:]}\n" for line in lines)
    return f"{fence}{language}\n{body}{indent}{fence}"


def _longest_run(text: str, ch: str) -> int:
    runs = re.findall(re.escape(ch) + "+", text)
    return max((len(r) for r in runs), default=0)


def _config_language(code: str) -> str:
    """What ``code-toggle`` was given: TOML, JSON or YAML (Hugo accepts all three)."""
    stripped = code.strip()
    if stripped.startswith(("{", "[{")) or (stripped.startswith("[") and stripped.endswith("]")):
        try:
            tomllib.loads(code)
        except tomllib.TOMLDecodeError:
            return "json"
        return "toml"
    try:
        tomllib.loads(code)
    except tomllib.TOMLDecodeError:
        return "yaml"
    return "toml"


_FORMATS = {"toml": "TOML", "yaml": "YAML", "json": "JSON"}


def code_block(match: re.Match[str], label: Callable[[str], str]) -> str:
    """A paired ``highlight`` or ``code-toggle`` as a fenced block (plus a note for the latter).

    `label` turns a note into a label token; the result is Markdown, indented like the tag.
    """
    name, args, code = match.group(1), Args.parse(match.group(2)), unescape(match.group(3))
    indent = indent_of(match.string, match.start())
    if name == "highlight":
        language = re.sub(r"[^\w+#.-]", "", args.first().strip("\"'"))
        return f"\n{indent}{fenced(code, language, indent)}\n"
    language = _config_language(code)
    others = " and ".join(v for k, v in _FORMATS.items() if k != language)
    file = args.named.get("file", "")
    shown = f"{file}.{language}" if file else _FORMATS[language]
    note = label(f"{shown} — Hugo also shows this as {others}")
    return f"\n\n{indent}{note}\n\n{indent}{fenced(code, language, indent)}\n"


def box_open(kind: str, title: str, indent: str) -> str:
    """Raw HTML that opens a styled box; Markdown follows after the blank line."""
    return (
        f'\n\n{indent}<div class="{BOX_CLASS} {BOX_CLASS}-{kind}">\n'
        f'{indent}<p class="{BOX_TITLE_CLASS}">{escape(title, quote=False)}</p>\n\n'
    )


def box_close(indent: str) -> str:
    """Raw HTML that closes a box opened by `box_open`."""
    return f"\n\n{indent}</div>\n\n"


def box_for(name: str, args: Args) -> tuple[str, str] | None:
    """(kind, title) when shortcode `name` is an admonition or ``details``, else None."""
    if name == "details":
        return "details", args.first("summary", "title") or "Details"
    if name not in BOX_KIND:
        return None
    if name in _KIND_FIRST:
        kind_word = args.first("type", "color", "style").lower()
        title_at = 1 if args.positional and kind_word == args.positional[0].lower() else 0
        rest = args.positional[title_at:]
        title = args.named.get("title") or (rest[0] if rest else "")
        kind = BOX_KIND.get(kind_word, BOX_KIND[name])
        return kind, title or (kind_word or name).capitalize()
    return BOX_KIND[name], args.first("title") or name.capitalize()


def label_text(name: str, detail: str) -> str:
    """The text of a muted label: ``[name: detail]``, the detail cut to 40 characters."""
    detail = detail if len(detail) <= 40 else detail[:39] + "…"
    return f"[{name}{': ' + detail if detail else ''}]"


def _escape_md(text: str) -> str:
    return re.sub(r"([\\\[\]*_`<>])", r"\\\1", text)


def figure(args: Args) -> str:
    """Hugo's ``figure`` as a Markdown image with its caption below."""
    named = args.named
    src = named["src"].replace(">", "%3E").replace("<", "%3C").replace("\n", "")
    alt = _escape_md(named.get("alt") or named.get("title") or named.get("caption") or "")
    caption = named.get("caption") or named.get("title") or ""
    out = f"\n\n![{alt}](<{src}>)\n\n"
    if caption:
        out += f"*{_escape_md(caption)}*\n\n"
    return out
