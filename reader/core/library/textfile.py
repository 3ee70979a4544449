"""Turn a post's bytes into text the way a person expects, saying what had to be guessed."""

from __future__ import annotations

from dataclasses import dataclass

_SNIFF = 8192


@dataclass(frozen=True, slots=True)
class DecodedText:
    """Text with newlines normalised to ``\\n``; `problem` says what was repaired, if anything."""

    text: str
    problem: str = ""
    binary: bool = False


def looks_binary(data: bytes) -> bool:
    """A NUL byte near the start means this is not a text file (images, archives named .md)."""
    return b"\x00" in data[:_SNIFF]


def _normalise_newlines(text: str) -> str:
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def decode_post(data: bytes) -> DecodedText:
    """Decode UTF-8 (with or without BOM); fall back sensibly for legacy encodings.

    A file with no valid multi-byte UTF-8 at all is almost always Windows-1252/Latin-1
    (a person expects "Café", not "Caf\ufffd"); a mostly-UTF-8 file with a few stray bytes
    keeps UTF-8 and has those bytes replaced. Either way the repair is reported.
    """
    if looks_binary(data):
        return DecodedText("", "binary file (contains NUL bytes), not a Markdown post", True)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return DecodedText(_normalise_newlines(data.decode("utf-8")))
    except UnicodeDecodeError:
        pass
    lenient = data.decode("utf-8", errors="replace")
    bad = lenient.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
    valid_multibyte = sum(1 for ch in lenient if ord(ch) > 0x7F and ch != "\ufffd")
    if valid_multibyte > bad:
        message = f"not valid UTF-8: {bad} undecodable byte(s) replaced"
        return DecodedText(_normalise_newlines(lenient), message)
    try:
        text = data.decode("cp1252")
        name = "Windows-1252"
    except UnicodeDecodeError:
        text = data.decode("latin-1")
        name = "Latin-1"
    return DecodedText(_normalise_newlines(text), f"not UTF-8; read as {name}")
