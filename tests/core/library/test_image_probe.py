"""The image probe: each format's header and size from a small read, and every way a file
posing as an image goes wrong (text, truncation, FIFOs, links out of the library)."""

from __future__ import annotations

import os
import struct
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from reader.core.library.image_probe import probe_head, probe_image
from tests.image_helpers import png_bytes


def probe(path: Path) -> tuple[str, int | None, int | None, str]:
    found = probe_image(path, [path.parent])
    return found.format, found.width, found.height, found.problem


def jpeg(width: int, height: int, padding: int = 0) -> bytes:
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    exif = b"\xff\xe1" + struct.pack(">H", padding + 2) + b"\x00" * padding if padding else b""
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    return b"\xff\xd8" + app0 + exif + sof + b"\xff\xda\x00\x02" + b"\x00" * 8 + b"\xff\xd9"


def gif(width: int, height: int) -> bytes:
    return b"GIF89a" + struct.pack("<HH", width, height) + b"\x00\x00\x00" + b"\x3b"


def bmp(width: int, height: int) -> bytes:
    header = struct.pack("<IiiHHIIiiII", 40, width, height, 1, 24, 0, 0, 0, 0, 0, 0)
    return b"BM" + struct.pack("<IHHI", 54 + len(header), 0, 0, 54) + header


def webp_lossless(width: int, height: int) -> bytes:
    bits = (width - 1) | ((height - 1) << 14)
    chunk = b"\x2f" + bits.to_bytes(4, "little") + b"\x00" * 8
    body = b"WEBP" + b"VP8L" + struct.pack("<I", len(chunk)) + chunk
    return b"RIFF" + struct.pack("<I", len(body)) + body


def webp_extended(width: int, height: int) -> bytes:
    chunk = b"\x00" * 4 + (width - 1).to_bytes(3, "little") + (height - 1).to_bytes(3, "little")
    body = b"WEBP" + b"VP8X" + struct.pack("<I", len(chunk)) + chunk
    return b"RIFF" + struct.pack("<I", len(body)) + body


def tiff(width: int, height: int) -> bytes:
    entries = struct.pack("<HHII", 256, 3, 1, width) + struct.pack("<HHII", 257, 4, 1, height)
    return b"II*\x00" + struct.pack("<I", 8) + struct.pack("<H", 2) + entries + b"\x00" * 4


def ico(width: int, height: int) -> bytes:
    return b"\x00\x00\x01\x00\x01\x00" + bytes([width % 256, height % 256]) + b"\x00" * 14


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (png_bytes(7, 5), ("png", 7, 5)),
        (jpeg(640, 480), ("jpeg", 640, 480)),
        (jpeg(320, 200, padding=60_000), ("jpeg", 320, 200)),  # frame header after a big EXIF
        (gif(3, 9), ("gif", 3, 9)),
        (bmp(12, -8), ("bmp", 12, 8)),  # top-down bitmaps have a negative height
        (webp_lossless(100, 50), ("webp", 100, 50)),
        (webp_extended(1920, 1080), ("webp", 1920, 1080)),
        (tiff(33, 44), ("tiff", 33, 44)),
        (ico(0, 32), ("ico", 256, 32)),
        (
            b'<?xml version="1.0"?>\n<!-- hi -->\n<svg xmlns="http://www.w3.org/2000/svg"/>',
            ("svg", None, None),
        ),
        (b"\xef\xbb\xbf<svg viewBox='0 0 1 1'></svg>", ("svg", None, None)),
    ],
)
def test_formats_are_recognised_with_their_size(
    tmp_path: Path, data: bytes, expected: tuple[str, int | None, int | None]
) -> None:
    path = tmp_path / "image.bin"
    path.write_bytes(data)
    assert probe(path) == (*expected, "")


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "is empty"),
        (b"This is text, not a PNG.\n", "is not a readable image"),
        (b"<!DOCTYPE html><html><body>not found</body></html>", "is not a readable image"),
        (png_bytes()[:20], "PNG file cut short"),
        (png_bytes(0, 4), "no pixels"),
        (jpeg(10, 10)[:24], "JPEG file cut short"),
        (b"GIF89a\x01", "GIF file cut short"),
        (b"RIFF\x10\x00\x00\x00WEBPVP8Z", "WebP file cut short"),
        (b"\x00\x00\x00\x1cftypavif" + b"\x00" * 20, "AVIF image, which reader cannot show"),
    ],
)
def test_what_is_not_a_showable_image_is_said(tmp_path: Path, data: bytes, problem: str) -> None:
    path = tmp_path / "image.png"
    path.write_bytes(data)
    assert problem in probe(path)[3]


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "cover.png"
    os.mkfifo(fifo)
    assert "not a regular file" in probe(fifo)[3]


def test_a_link_out_of_the_allowed_folders_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside.png"
    outside.write_bytes(png_bytes())
    library = tmp_path / "library"
    library.mkdir()
    (library / "cover.png").symlink_to(outside)
    found = probe_image(library / "cover.png", [library])
    assert "outside the library" in found.problem


def test_a_missing_file_is_a_problem_not_an_exception(tmp_path: Path) -> None:
    assert "cannot be read" in probe(tmp_path / "gone.png")[3]


class _Bytes:
    """A file-like object over bytes, for probing without the file system."""

    def __init__(self, data: bytes) -> None:
        self.data, self.position = data, 0

    def read(self, size: int = -1) -> bytes:
        end = len(self.data) if size < 0 else self.position + size
        chunk = self.data[self.position : end]
        self.position += len(chunk)
        return chunk

    def seek(self, offset: int, whence: int = 0) -> int:
        base = {0: 0, 1: self.position, 2: len(self.data)}[whence]
        self.position = max(0, base + offset)
        return self.position


@given(st.binary(max_size=300))
@example(b"\x00\x00\x01\x00")  # an icon header cut after its type
@example(b"II*\x00\xff\xff\xff\xff")  # a TIFF whose first directory lies past the end
def test_any_bytes_give_an_answer_never_an_exception(data: bytes) -> None:
    found = probe_head(_Bytes(data), data[:64])  # type: ignore[arg-type]
    assert found.ok or found.problem
