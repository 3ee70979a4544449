"""Decoding post bytes: BOM, CRLF, legacy encodings, binary files."""

from __future__ import annotations

from reader.core.library.textfile import decode_post


def test_utf8_with_bom_and_crlf() -> None:
    decoded = decode_post("\ufeffCafé\r\nline\rend".encode())
    assert decoded.text == "Café\nline\nend"
    assert decoded.problem == ""


def test_latin1_reads_as_a_person_expects() -> None:
    decoded = decode_post("Café crème".encode("latin-1"))
    assert decoded.text == "Café crème"
    assert "not UTF-8" in decoded.problem


def test_windows_1252_quotes() -> None:
    decoded = decode_post(b"\x93quoted\x94 \x80 5")
    assert decoded.text == "\u201cquoted\u201d \u20ac 5"


def test_mostly_utf8_with_a_stray_byte_keeps_utf8() -> None:
    decoded = decode_post("naïve café résumé ".encode() + b"\xff")
    assert decoded.text.startswith("naïve café résumé")
    assert decoded.text.endswith("\ufffd")
    assert "1 undecodable" in decoded.problem


def test_binary_file_is_recognised() -> None:
    decoded = decode_post(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert decoded.binary
    assert decoded.text == ""
    assert "binary" in decoded.problem


def test_empty() -> None:
    assert decode_post(b"").text == ""
