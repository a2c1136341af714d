"""Turning file bytes into text: BOMs, UTF-8, then detection for legacy encodings."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from presslens.errors import InputError

# Magic numbers of formats that are often dropped into a folder of articles by mistake.
_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"\x7fELF", "an executable"),
)

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode ``data`` to text and name the encoding used.

    >>> decode_bytes("Caf\\u00e9".encode("cp1252"))[0]
    'Café'

    Raises ``InputError`` for binary data.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise InputError(f"starts with a {encoding} byte-order mark but {exc}") from None
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"binary file ({what}), not text")
    if b"\x00" in data[:4096] and _looks_like_bomless_utf16(data):
        # ASCII-range UTF-16 is also valid UTF-8 (full of NULs): look for it first.
        for encoding in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            # NUL bytes come from the high byte of Latin letters: real UTF-16 of that kind
            # decodes to Latin text, binary junk to anything at all.
            sample = text[:4096]
            latin = sum(1 for ch in sample if ord(ch) < 0x250 or ch.isspace())
            ascii_words = sum(1 for ch in sample if ch.isascii() and (ch.isalnum() or
                                                                     ch.isspace()))
            if sample and latin / len(sample) > 0.9 and ascii_words / len(sample) > 0.6:
                return _check_textual(text), encoding
    try:
        return _check_textual(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    if b"\x00" in data and not _looks_like_bomless_utf16(data):
        raise InputError("binary file (contains NUL bytes), not text")
    best = from_bytes(data).best()
    if best is None:
        raise InputError("binary file (no text encoding fits), not text")
    text = str(best)
    # UTF-16 or UTF-32 without a byte-order mark and without a NUL byte is a detector's guess
    # on a short text ("Caf\xe9" reads as two CJK signs), not an encoding any news page is
    # served in: a Latin code page that reads the bytes wins over it.
    if best.encoding.startswith(("utf_16", "utf_32")) and b"\x00" not in data:
        try:
            return _check_textual(data.decode("cp1252")), "cp1252"
        except UnicodeDecodeError:
            pass
    # Latin code pages share most letters, and a short text rarely tells them apart:
    # Windows-1252 is by far the commonest, so it wins whenever it reads the bytes.
    if best.encoding in _LATIN_CODE_PAGES:
        try:
            return _check_textual(data.decode("cp1252")), "cp1252"
        except UnicodeDecodeError:
            pass
    return _check_textual(text), best.encoding


_LATIN_CODE_PAGES = frozenset({
    "cp1252", "cp1250", "cp1254", "cp1257", "cp1258", "latin_1", "iso8859_2", "iso8859_3",
    "iso8859_4", "iso8859_9", "iso8859_10", "iso8859_13", "iso8859_14", "iso8859_15",
    "iso8859_16", "mac_roman", "mac_latin2", "cp850", "cp437",
})


def _looks_like_bomless_utf16(data: bytes) -> bool:
    sample = data[:4096]
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = max(1, len(sample) // 2)
    return max(even_nuls, odd_nuls) / half > 0.3 and min(even_nuls, odd_nuls) / half < 0.05


def _check_textual(text: str) -> str:
    sample = text[:20000]
    if not sample:
        return text
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls / len(sample) > 0.02:
        raise InputError("binary file (control characters), not text")
    return text
