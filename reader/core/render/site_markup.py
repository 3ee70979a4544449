"""Rewrite a post's site markup (Hugo shortcodes, Liquid, kramdown) before Markdown reads it.

Static-site generators replace their templates before their Markdown renderer runs, so this
pass does the same, offline: see `shortcodes` (Hugo) and `liquid` (Jekyll) for what becomes
what. Text that must be shown exactly as written but not read as Markdown (escaped shortcodes,
labels) becomes a *token*, a private-use character pair that Markdown and the sanitiser pass
through; the finishing step puts the text back. Code keeps its text, except that Hugo's escaped
shortcodes read ``{{< x >}}`` there too and Liquid's ``raw`` markers vanish, as on the site.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

from reader.core.render import liquid, shortcodes

# Tokens are private-use characters: Markdown and the sanitiser pass them through untouched.
TOKEN_OPEN = "\ue000"
TOKEN_CLOSE = "\ue001"
TOKEN_RE = re.compile("\ue000(\\d+)\ue001")
_KEEP_RE = re.compile("\ue002(\\d+)\ue003")  # text restored after every rewrite is done

_FENCE_OPEN = re.compile(r"^[ \t]*(`{3,}|~{3,})[^\n]*$")
_MORE = re.compile(r"<!--\s*more\s*-->", re.IGNORECASE)
_INLINE_CODE = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.DOTALL)
_GO_COMMENT = re.compile(r"\{\{-?\s*/\*.*?\*/\s*-?\}\}", re.DOTALL)
_TEMPLATE_END = re.compile(r"\}\}")


def sub_bounded(
    pattern: re.Pattern[str],
    closer: re.Pattern[str],
    text: str,
    repl: Callable[[re.Match[str]], str],
) -> str:
    """`pattern.sub` on the text up to the last match of `closer` only.

    An opener that is never closed would make a lazy ``(.*?)`` scan to the end of the text,
    once per opener: quadratic on hostile input. Nothing after the last closer can match, so
    that tail is left alone and every scan stops at a closer: linear.
    """
    last: re.Match[str] | None = None
    for found in closer.finditer(text):
        last = found
    if last is None:
        return text
    return pattern.sub(repl, text[: last.end()]) + text[last.end() :]


class Cleanup:
    """One body's worth of rewriting; `labels` holds the text of each token."""

    def __init__(self, post_dir: Path | None = None, library_root: Path | None = None) -> None:
        self.labels: list[tuple[str, bool]] = []  # (text, muted)
        self.post_dir = post_dir
        self.library_root = library_root
        self._kept: list[str] = []
        self._paired: set[int] = set()  # indexes (in document order) of paired opening tags
        self._closed_boxes: list[str | None] = []
        self._tag_index = 0

    def token(self, text: str, *, muted: bool = True) -> str:
        """Stand-in for a label (or literal text) the finishing step inserts after sanitising."""
        self.labels.append((text, muted))
        return f"{TOKEN_OPEN}{len(self.labels) - 1}{TOKEN_CLOSE}"

    def keep(self, text: str) -> str:
        """Protect `text` from every later rewrite of this pass."""
        self._kept.append(text)
        return f"\ue002{len(self._kept) - 1}\ue003"

    def run(self, body: str) -> str:
        """Rewrite `body`; fenced code keeps its text."""
        for ch in (TOKEN_OPEN, TOKEN_CLOSE, "\ue002", "\ue003"):
            body = body.replace(ch, "\ufffd")
        body = _MORE.sub("", body)
        body = sub_bounded(liquid.COMMENT, liquid.COMMENT_END, body, lambda m: "")
        body = sub_bounded(liquid.RAW, liquid.RAW_END, body, lambda m: self.keep(m.group(1)))
        body = sub_bounded(liquid.HIGHLIGHT, liquid.HIGHLIGHT_END, body, self._liquid_highlight)
        body = sub_bounded(
            shortcodes.CODE_PAIRED,
            shortcodes.CODE_PAIRED_END,
            body,
            lambda m: self.keep(shortcodes.code_block(m, self.token)),
        )
        pieces = list(self._pieces(body))
        self._pair([text for text, kind in pieces if kind == "prose"])
        out = []
        for text, kind in pieces:
            if kind == "prose":
                out.append(self._prose(text))
            else:
                out.append(shortcodes.unescape(liquid.RAW_MARKER.sub("", text)))
        return self._restore("".join(out))

    def _restore(self, text: str) -> str:
        for _ in range(8):  # kept text may itself hold kept text
            if "\ue002" not in text:
                break
            text = _KEEP_RE.sub(lambda m: self._kept[int(m.group(1))], text)
        return text

    def _pieces(self, body: str) -> Iterator[tuple[str, str]]:
        """(text, "prose" | "code") runs: fenced blocks and inline code spans are code."""
        for text, is_code in _split_fences(body):
            if is_code:
                yield text, "code"
                continue
            text = liquid.markdown_inside_html(text)
            last = 0
            for m in _INLINE_CODE.finditer(text):
                yield text[last : m.start()], "prose"
                yield m.group(0), "code"
                last = m.end()
            yield text[last:], "prose"

    def _pair(self, prose: list[str]) -> None:
        """Which opening shortcode tags have a closing tag: Hugo's rule for a paired one."""
        open_by_name: dict[str, list[int]] = {}
        index = 0
        for text in prose:
            for m in shortcodes.TAG.finditer(shortcodes.ESCAPED.sub("", text)):
                name = m.group(3)
                if m.group(2):
                    stack = open_by_name.get(name)
                    if stack:
                        self._paired.add(stack.pop())
                elif not m.group(5):
                    open_by_name.setdefault(name, []).append(index)
                index += 1

    def _prose(self, text: str) -> str:
        text = sub_bounded(
            shortcodes.ESCAPED,
            shortcodes.ESCAPED_END,
            text,
            lambda m: self.token(shortcodes.unescape(m.group(0)), muted=False),
        )
        text = sub_bounded(_GO_COMMENT, _TEMPLATE_END, text, lambda m: "")
        text = shortcodes.TAG.sub(self._shortcode, text)
        text = sub_bounded(liquid.TAG, liquid.TAG_END, text, self._liquid_tag)
        return sub_bounded(
            liquid.OUTPUT, _TEMPLATE_END, text, lambda m: liquid.output(m.group(1), self.token)
        )

    def _shortcode(self, m: re.Match[str]) -> str:
        index = self._tag_index
        self._tag_index += 1
        closing, name, args = m.group(2), m.group(3), shortcodes.Args.parse(m.group(4))
        indent = shortcodes.indent_of(m.string, m.start())
        if closing:
            if self._closed_boxes and self._closed_boxes[-1] == name:
                self._closed_boxes.pop()
                return shortcodes.box_close(indent)
            return ""
        paired = index in self._paired
        if name in ("ref", "relref"):
            return args.first("path")
        if name == "figure" and args.named.get("src"):
            return shortcodes.figure(args)
        box = shortcodes.box_for(name, args) if paired else None
        if box is not None:
            self._closed_boxes.append(name)
            return shortcodes.box_open(box[0], box[1], indent)
        label = self.token(shortcodes.label_text(name, args.first("id", "src", "config", "file")))
        line_end = m.string.find("\n", m.end())
        alone = not m.string[m.end() : len(m.string) if line_end < 0 else line_end].strip()
        if paired and alone and (indent or m.start() == 0 or m.string[m.start() - 1] == "\n"):
            return f"\n\n{indent}{label}\n\n"  # a paired one's label heads its body
        return label

    def _liquid_tag(self, m: re.Match[str]) -> str:
        name, rest = m.group(1), m.group(2).strip()
        if name in liquid.SILENT or not name:
            return ""
        if name in ("link", "post_url"):
            target = rest.split()[0] if rest else ""
            path = None
            if self.post_dir is not None and self.library_root is not None:
                find = liquid.post_path if name == "post_url" else liquid.link_path
                path = find(target, self.post_dir, self.library_root)
            return path if path is not None else target
        return self.token(shortcodes.label_text(name, rest.split()[0] if rest else ""))

    def _liquid_highlight(self, m: re.Match[str]) -> str:
        language = re.sub(r"[^\w+#.-]", "", m.group(1))
        indent = shortcodes.indent_of(m.string, m.start())
        return self.keep(f"\n{indent}{shortcodes.fenced(m.group(2), language, indent)}\n")


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


def clean_markup(
    body: str, *, post_dir: Path | None = None, library_root: Path | None = None
) -> tuple[str, list[tuple[str, bool]]]:
    """Return the rewritten body and the text of each token it now contains."""
    cleanup = Cleanup(post_dir, library_root)
    return cleanup.run(body), cleanup.labels
