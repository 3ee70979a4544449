"""Turn Hugo shortcodes and Liquid tags into something Markdown can render cleanly.

Static-site templates are not Markdown: left alone they show as broken markup. Here the useful
ones become Markdown (``highlight`` → a fenced code block, ``figure`` → an image, ``ref`` → its
path), the control-flow ones vanish, and the rest become *tokens* that the renderer later turns
into small muted labels. Code the author fenced or back-ticked is left exactly as written.
"""

from __future__ import annotations

import re
import shlex

# Tokens are private-use characters: Markdown and the sanitiser pass them through untouched.
TOKEN_OPEN = "\ue000"
TOKEN_CLOSE = "\ue001"
TOKEN_RE = re.compile("\ue000(\\d+)\ue001")

_FENCE_OPEN = re.compile(r"^ {0,3}(`{3,}|~{3,})[^\n]*$")
_MORE = re.compile(r"<!--\s*more\s*-->", re.IGNORECASE)
_INLINE_CODE = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.DOTALL)
_PAIRED_HIGHLIGHT = re.compile(
    r"\{\{[<%]\s*highlight\s+([^\s>%]*)[^}]*?[>%]\}\}\n?(.*?)\{\{[<%]\s*/\s*highlight\s*[>%]\}\}"
    r"|\{%-?\s*highlight\s+(\S*)[^%]*?-?%\}\n?(.*?)\{%-?\s*endhighlight\s*-?%\}",
    re.DOTALL,
)
_LIQUID_RAW = re.compile(r"\{%-?\s*raw\s*-?%\}(.*?)\{%-?\s*endraw\s*-?%\}", re.DOTALL)
_LIQUID_COMMENT = re.compile(r"\{%-?\s*comment\s*-?%\}.*?\{%-?\s*endcomment\s*-?%\}", re.DOTALL)
_SHORTCODE_COMMENT = re.compile(r"\{\{([<%])/\*(.*?)\*/([>%])\}\}", re.DOTALL)
_SHORTCODE = re.compile(r"\{\{([<%])\s*(/?)\s*([\w./-]*)(.*?)\s*/?\s*[>%]\}\}", re.DOTALL)
_LIQUID_TAG = re.compile(r"\{%-?\s*(\w*)(.*?)-?%\}", re.DOTALL)
_LIQUID_OUTPUT = re.compile(r"\{\{-?(.*?)-?\}\}", re.DOTALL)

_LIQUID_SILENT = frozenset(
    [
        "if",
        "elsif",
        "else",
        "endif",
        "unless",
        "endunless",
        "case",
        "when",
        "endcase",
        "for",
        "endfor",
        "break",
        "continue",
        "assign",
        "capture",
        "endcapture",
        "increment",
        "decrement",
        "cycle",
        "tablerow",
        "endtablerow",
        "raw",
        "endraw",
        "comment",
        "endcomment",
        "liquid",
        "echo",
        "render",
        "layout",
        "block",
        "endblock",
    ]
)
_LIQUID_PATHS = frozenset({"link", "post_url"})
_SITE_PREFIXES = re.compile(r"^\s*(site\.baseurl|site\.url|base_path|site\.base_url)\s*$")
_URL_FILTERS = re.compile(
    r"""^\s*(['"])(.*?)\1\s*\|\s*(relative_url|absolute_url|prepend:.*)\s*$"""
)


class Cleanup:
    """One body's worth of substitutions; `labels` holds the text of each muted token."""

    def __init__(self) -> None:
        self.labels: list[tuple[str, bool]] = []  # (text, muted)

    def token(self, text: str, *, muted: bool = True) -> str:
        """Stand-in for a label the renderer inserts after sanitising."""
        self.labels.append((text, muted))
        return f"{TOKEN_OPEN}{len(self.labels) - 1}{TOKEN_CLOSE}"

    def run(self, body: str) -> str:
        """Rewrite `body`, leaving fenced code untouched."""
        body = body.replace(TOKEN_OPEN, "\ufffd").replace(TOKEN_CLOSE, "\ufffd")
        body = _MORE.sub("", body)
        out: list[str] = []
        for text, is_code in _split_fences(body):
            out.append(text if is_code else self._prose(text))
        return "".join(out)

    def _prose(self, text: str) -> str:
        """Paired blocks first (they may span lines), then single tags outside code spans."""
        text = _LIQUID_COMMENT.sub("", text)
        raws: list[str] = []

        def keep_raw(m: re.Match[str]) -> str:
            raws.append(m.group(1))
            return f"\ue002{len(raws) - 1}\ue003"

        text = _LIQUID_RAW.sub(keep_raw, text)
        text = _PAIRED_HIGHLIGHT.sub(_highlight_block, text)
        pieces: list[str] = []
        last = 0
        for m in _INLINE_CODE.finditer(text):
            pieces.append(self._tags(text[last : m.start()]))
            pieces.append(m.group(0))
            last = m.end()
        pieces.append(self._tags(text[last:]))
        joined = "".join(pieces)
        return re.sub("\ue002(\\d+)\ue003", lambda m: raws[int(m.group(1))], joined)

    def _tags(self, text: str) -> str:
        text = _SHORTCODE_COMMENT.sub(
            lambda m: self.token(f"{{{{{m.group(1)}{m.group(2)}{m.group(3)}}}}}", muted=False),
            text,
        )
        text = _SHORTCODE.sub(self._shortcode, text)
        text = _LIQUID_TAG.sub(self._liquid_tag, text)
        return _LIQUID_OUTPUT.sub(self._liquid_output, text)

    def _shortcode(self, m: re.Match[str]) -> str:
        closing, name, args = m.group(2), m.group(3), _split_args(m.group(4))
        if closing or not name:
            return ""
        named = {k: v for k, _, v in (a.partition("=") for a in args if "=" in a)}
        positional = [a for a in args if "=" not in a]
        if name in ("ref", "relref"):
            return (positional or [named.get("path", "")])[0]
        if name == "figure" and named.get("src"):
            return _figure(named)
        detail = positional[0] if positional else named.get("id", named.get("src", ""))
        return self.token(_label(name, detail))

    def _liquid_tag(self, m: re.Match[str]) -> str:
        name, rest = m.group(1), m.group(2).strip()
        if name in _LIQUID_SILENT or not name:
            return ""
        if name in _LIQUID_PATHS:
            return rest.split()[0] if rest else ""
        return self.token(_label(name, rest.split()[0] if rest else ""))

    def _liquid_output(self, m: re.Match[str]) -> str:
        expr = m.group(1)
        if _SITE_PREFIXES.match(expr):
            return ""
        url = _URL_FILTERS.match(expr)
        if url:
            return url.group(2)
        return self.token(_label(expr.strip().split("|")[0].strip(), ""))


def _split_fences(body: str) -> list[tuple[str, bool]]:
    """Cut `body` into (text, is_fenced_code) runs; an unclosed fence runs to the end."""
    runs: list[tuple[str, bool]] = []
    prose: list[str] = []
    code: list[str] = []
    fence = ""
    for line in body.splitlines(keepends=True):
        stripped = line.rstrip("\n")
        if not fence:
            m = _FENCE_OPEN.match(stripped)
            if m and not (m.group(1)[0] == "`" and "`" in stripped[m.end(1) :]):
                runs.append(("".join(prose), False))
                prose = []
                fence = m.group(1)
                code = [line]
            else:
                prose.append(line)
        else:
            code.append(line)
            close = stripped.strip()
            if close.startswith(fence[0] * len(fence)) and not close.strip(fence[0]):
                runs.append(("".join(code), True))
                fence, code = "", []
    if fence:
        runs.append(("".join(code), True))
    runs.append(("".join(prose), False))
    return [r for r in runs if r[0]]


def _split_args(raw: str) -> list[str]:
    try:
        return shlex.split(raw)
    except ValueError:
        return raw.split()


def _label(name: str, detail: str) -> str:
    detail = detail if len(detail) <= 40 else detail[:39] + "…"
    return f"[{name}{': ' + detail if detail else ''}]"


def _highlight_block(m: re.Match[str]) -> str:
    lang = (m.group(1) if m.group(1) is not None else m.group(3) or "").strip("\"'")
    code = m.group(2) if m.group(2) is not None else m.group(4) or ""
    fence = "~" * max(3, _longest_run(code, "~") + 1)
    lang = re.sub(r"[^\w+#.-]", "", lang)
    return f"\n{fence}{lang}\n{code.rstrip()}\n{fence}\n"


def _longest_run(text: str, ch: str) -> int:
    runs = re.findall(re.escape(ch) + "+", text)
    return max((len(r) for r in runs), default=0)


def _escape_md(text: str) -> str:
    return re.sub(r"([\\\[\]*_`<>])", r"\\\1", text)


def _figure(named: dict[str, str]) -> str:
    src = named["src"].replace(">", "%3E").replace("<", "%3C").replace("\n", "")
    alt = _escape_md(named.get("alt") or named.get("title") or named.get("caption") or "")
    caption = named.get("caption") or named.get("title") or ""
    out = f"\n\n![{alt}](<{src}>)\n\n"
    if caption:
        out += f"*{_escape_md(caption)}*\n\n"
    return out


def clean_markup(body: str) -> tuple[str, list[tuple[str, bool]]]:
    """Return the rewritten body and the label for each token it now contains."""
    cleanup = Cleanup()
    return cleanup.run(body), cleanup.labels
