"""Does a post's body refer to an image that is not remote? Asked once per post by the scan.

`reader check` and the window render a post to find the inline images its article cannot show;
rendering every post would cost seconds on a large library, so the scan notes which bodies have
an image reference that is not remote. The test over-estimates (any `![…](…)`, `src=` or link
definition that is not a URL counts) and never misses one the renderer would resolve.
"""

from __future__ import annotations

import re

_IMAGE_REFS = re.compile(
    r"""!\[[^\n]*?\]\(\s*<?([^\s>)]+)"""  # ![alt](src)
    r"""|\bsrc\s*=\s*["']?([^\s"'>]+)"""  # <img src=…>, {{< figure src="…" >}}
    r"""|^[ ]{0,3}\[[^\]\n]+\]:\s*<?([^\s>]+)""",  # [ref]: src, for ![alt][ref]
    re.IGNORECASE | re.MULTILINE,
)
_REMOTE = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)")


def may_show_local_images(body: str) -> bool:
    """True unless every image reference in `body` is remote (or there is none)."""
    bang = "![" in body
    if not bang and "src" not in body.lower():  # lower() is 8x faster than re.IGNORECASE
        return False
    for match in _IMAGE_REFS.finditer(body):
        definition = match.group(3)
        if definition is not None and not bang:
            continue
        ref = match.group(1) or match.group(2) or definition
        if ref and not _REMOTE.match(ref):
            return True
    return False
