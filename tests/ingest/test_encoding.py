import codecs

import pytest

from presslens.errors import InputError
from presslens.ingest.encoding import decode_bytes

TEXT = "“Resistance,” said Sayed al-Mousavi on Wednesday — café Zürich."


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-be"])
def test_unicode_encodings_round_trip(encoding):
    data = TEXT.encode(encoding)
    if encoding == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    assert decode_bytes(data)[0] == TEXT


def test_windows_1252_is_detected():
    data = ("The minister’s “final” offer was rejected by the café owners in Zürich, "
            "who said the so-called reform was a ‘disaster’ for everyone.").encode("cp1252")
    text, encoding = decode_bytes(data)
    assert "minister’s “final”" in text
    assert encoding == "cp1252"


def test_windows_1256_arabic_is_detected():
    arabic = "قال المتحدث باسم الحكومة العراقية إن القوات الأجنبية يجب أن تغادر البلاد. " * 3
    text, _ = decode_bytes(arabic.encode("cp1256"))
    assert text == arabic


@pytest.mark.parametrize("data, what", [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3 obj", "PDF"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
    (b"\x00\x01\x02\x03binary\x00\xff\xfe\x00junk" * 20, "NUL"),
])
def test_binary_data_is_refused(data, what):
    with pytest.raises(InputError, match="binary"):
        decode_bytes(data)


def test_a_short_cp1252_text_is_not_read_as_utf16():
    # "Café" in Windows-1252 is four bytes a detector can take for two UTF-16 signs.
    text, encoding = decode_bytes("Café".encode("cp1252"))
    assert (text, encoding) == ("Café", "cp1252")
