"""Is this file an image reader can show? Its format's header and its dimensions, without Qt.

Hand-written because no installed library reads just a header: Pillow would be a large new
dependency for a few bytes of each format, and Qt may not run in `core` (nor in `reader
check`). Each format is read with a small bounded read (JPEG and TIFF seek from marker to
marker rather than reading the file), so probing a hundred covers costs milliseconds.
"""

from __future__ import annotations

import re
import struct
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import BinaryIO

from reader.core.library.safe_files import SafeReader
from reader.core.library.site_files import PathLike, RefusedFile, open_regular

HEAD_BYTES = 64
SVG_BYTES = 256 * 1024  # an SVG's root element may follow a long comment or doctype
MAX_JPEG_SEGMENTS = 256
_SVG_ROOT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?svg[\s>/]")
_SVG_PROLOGUE = re.compile(rb"\A(?:\s+|<\?[^>]*\?>|<!--.*?-->|<!DOCTYPE[^>]*>)*", re.DOTALL)
_SOF = frozenset((*range(0xC0, 0xC4), *range(0xC5, 0xC8), *range(0xC9, 0xCC), *range(0xCD, 0xD0)))
_UNSHOWN_BRANDS = {b"avif": "AVIF", b"avis": "AVIF", b"heic": "HEIC", b"heix": "HEIC"}


@dataclass(frozen=True, slots=True)
class ImageProbe:
    """What the header says: `format` ("png", "svg"…), pixel size when the format has one,
    and `problem` ("" when the image can be shown)."""

    format: str = ""
    width: int | None = None
    height: int | None = None
    problem: str = ""

    @property
    def ok(self) -> bool:
        """True when reader can show the image."""
        return not self.problem


def _bad(problem: str, fmt: str = "") -> ImageProbe:
    return ImageProbe(fmt, None, None, problem)


def _sized(fmt: str, width: int, height: int) -> ImageProbe:
    if width <= 0 or height <= 0:
        return _bad(f"is a {fmt.upper()} image with no pixels ({width}×{height})", fmt)
    return ImageProbe(fmt, width, height)


def _png(head: bytes) -> ImageProbe:
    if len(head) < 24 or head[12:16] != b"IHDR":
        return _bad("is a PNG file cut short or damaged (no IHDR header)", "png")
    width, height = struct.unpack(">II", head[16:24])
    return _sized("png", width, height)


def _gif(head: bytes) -> ImageProbe:
    if len(head) < 10:
        return _bad("is a GIF file cut short", "gif")
    width, height = struct.unpack("<HH", head[6:10])
    return _sized("gif", width, height)


def _bmp(head: bytes) -> ImageProbe:
    if len(head) < 26:
        return _bad("is a BMP file cut short", "bmp")
    header_size = struct.unpack("<I", head[14:18])[0]
    if header_size == 12:
        width, height = struct.unpack("<HH", head[18:22])
    elif header_size >= 40:
        width, height = struct.unpack("<ii", head[18:26])
    else:
        return _bad("is a BMP file with an unknown header", "bmp")
    return _sized("bmp", abs(width), abs(height))


def _webp(head: bytes) -> ImageProbe:
    chunk = head[12:16]
    if chunk == b"VP8 " and len(head) >= 30 and head[23:26] == b"\x9d\x01\x2a":
        width, height = struct.unpack("<HH", head[26:30])
        return _sized("webp", width & 0x3FFF, height & 0x3FFF)
    if chunk == b"VP8L" and len(head) >= 25 and head[20] == 0x2F:
        bits = int.from_bytes(head[21:25], "little")
        return _sized("webp", (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1)
    if chunk == b"VP8X" and len(head) >= 30:
        width = int.from_bytes(head[24:27], "little") + 1
        height = int.from_bytes(head[27:30], "little") + 1
        return _sized("webp", width, height)
    return _bad("is a WebP file cut short or damaged", "webp")


def _ico(head: bytes) -> ImageProbe:
    if len(head) < 8:
        return _bad("is an icon file cut short", "ico")
    count = struct.unpack("<H", head[4:6])[0]
    if count == 0:
        return _bad("is an icon file with no images", "ico")
    return _sized("ico", head[6] or 256, head[7] or 256)


def _jpeg(handle: BinaryIO) -> ImageProbe:
    """Walk the segments from marker to marker to the frame header (SOF), seeking past data."""
    handle.seek(2)
    for _ in range(MAX_JPEG_SEGMENTS):
        marker = handle.read(2)
        while marker[:1] == b"\xff" and marker[1:2] == b"\xff":  # fill bytes
            marker = marker[1:] + handle.read(1)
        if len(marker) < 2 or marker[0] != 0xFF:
            break
        code = marker[1]
        if code == 0xD9 or code == 0xDA:  # end of image, or scan data before any frame header
            break
        if 0xD0 <= code <= 0xD8 or code == 0x01:
            continue  # markers without a length
        length_bytes = handle.read(2)
        if len(length_bytes) < 2:
            break
        length = struct.unpack(">H", length_bytes)[0]
        if length < 2:
            break
        if code in _SOF:
            frame = handle.read(5)
            if len(frame) < 5:
                break
            height, width = struct.unpack(">HH", frame[1:5])
            return _sized("jpeg", width, height)
        handle.seek(length - 2, 1)
    return _bad("is a JPEG file cut short or damaged (no frame header)", "jpeg")


def _tiff(handle: BinaryIO, head: bytes) -> ImageProbe:
    order = "<" if head[:2] == b"II" else ">"
    offset = struct.unpack(order + "I", head[4:8])[0]
    handle.seek(offset)
    count_bytes = handle.read(2)
    if len(count_bytes) < 2:
        return _bad("is a TIFF file cut short", "tiff")
    count = min(struct.unpack(order + "H", count_bytes)[0], 512)
    entries = handle.read(12 * count)
    size: dict[int, int] = {}
    for start in range(0, len(entries) - 11, 12):
        tag, kind = struct.unpack(order + "HH", entries[start : start + 4])
        if tag in (256, 257):
            value = entries[start + 8 : start + 12]
            code = "H" if kind == 3 else "I"
            size[tag] = struct.unpack(order + code, value[: 2 if kind == 3 else 4])[0]
    if 256 not in size or 257 not in size:
        return _bad("is a TIFF file without a size", "tiff")
    return _sized("tiff", size[256], size[257])


def _svg(data: bytes) -> ImageProbe:
    if data.startswith(b"\x1f\x8b"):
        try:
            data = zlib.decompressobj(wbits=31).decompress(data, SVG_BYTES)
        except zlib.error:
            return _bad("is a compressed SVG file that cannot be unpacked", "svg")
    data = data.removeprefix(b"\xef\xbb\xbf")
    prologue = _SVG_PROLOGUE.match(data)
    rest = data[prologue.end() if prologue else 0 :]
    if _SVG_ROOT.match(rest):
        return ImageProbe("svg")
    return _bad("is not a readable image")


def probe_head(handle: BinaryIO, head: bytes) -> ImageProbe:
    """Probe an open file whose first bytes are `head`."""
    try:
        return _probe_head(handle, head)
    except struct.error:
        return _bad("is an image file cut short")


def _probe_head(handle: BinaryIO, head: bytes) -> ImageProbe:
    if not head:
        return _bad("is empty")
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return _png(head)
    if head.startswith(b"\xff\xd8\xff"):
        return _jpeg(handle)
    if head.startswith((b"GIF87a", b"GIF89a")):
        return _gif(head)
    if head.startswith(b"BM"):
        return _bmp(head)
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return _webp(head)
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return _tiff(handle, head)
    if head.startswith((b"\x00\x00\x01\x00", b"\x00\x00\x02\x00")):
        return _ico(head)
    if head[4:8] == b"ftyp":
        name = _UNSHOWN_BRANDS.get(head[8:12])
        if name:
            return _bad(f"is an {name} image, which reader cannot show", name.lower())
    handle.seek(0)
    return _svg(handle.read(SVG_BYTES))


def probe_image(path: PathLike, roots: Sequence[PathLike] | SafeReader) -> ImageProbe:
    """Probe the file at `path` (which must lie inside `roots`, or be one the reader given
    reads); never raises."""
    try:
        with open_regular(path, roots) as (handle, _size):
            return probe_head(handle, handle.read(HEAD_BYTES))
    except RefusedFile as refused:
        return _bad(str(refused))
    except (OSError, struct.error, ValueError) as error:
        return _bad(f"cannot be read ({error})")
