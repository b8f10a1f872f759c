"""decode_bytes: the right text from bytes in the encodings news files really come in."""

from __future__ import annotations

import codecs
import random

import pytest

from stanceline.sources.decode import binary_reason, decode_bytes, detect_encoding, looks_like_feed, looks_like_html

FRENCH = "Le président a déclaré que l'Ukraine ne renoncera pas à l'OTAN. « Ça va être dur », a-t-il dit."
ENGLISH = "Zelensky’s office said on Monday – in a statement – that “talks would resume” in Genève."
RUSSIAN = "Президент Украины заявил, что Киев не откажется от стремления вступить в НАТО, несмотря на давление."


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
    ],
)
def test_decode_bom_wins_and_is_stripped(bom: bytes, codec: str) -> None:
    data = bom + ENGLISH.encode(codec)
    assert decode_bytes(data) == ENGLISH
    # A BOM beats a declaration that contradicts it.
    assert decode_bytes(data, declared="iso-8859-1") == ENGLISH


def test_decode_cp1252_smart_quotes_and_accents() -> None:
    assert decode_bytes(ENGLISH.encode("cp1252")) == ENGLISH


def test_decode_latin1_french_without_declaration() -> None:
    assert decode_bytes(FRENCH.encode("latin-1")) == FRENCH


def test_decode_utf16_without_bom() -> None:
    assert decode_bytes(ENGLISH.encode("utf-16-le")) == ENGLISH
    assert decode_bytes(ENGLISH.encode("utf-16-be")) == ENGLISH


def test_decode_html_meta_charset() -> None:
    html = f'<html><head><meta charset="windows-1251"></head><body><p>{RUSSIAN}</p></body></html>'
    assert RUSSIAN in decode_bytes(html.encode("cp1251"), is_html=True)
    old_style = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=koi8-r">'
        f"</head><body>{RUSSIAN}</body></html>"
    )
    assert RUSSIAN in decode_bytes(old_style.encode("koi8-r"), is_html=True)


def test_decode_declared_charset_used() -> None:
    assert decode_bytes(RUSSIAN.encode("koi8-r"), declared="KOI8-R") == RUSSIAN
    assert decode_bytes(FRENCH.encode("latin-1"), declared='"ISO-8859-1"') == FRENCH


def test_decode_valid_utf8_beats_wrong_8bit_declaration() -> None:
    html = f'<meta charset="iso-8859-1"><p>{FRENCH}</p>'.encode()
    assert FRENCH in decode_bytes(html, declared="iso-8859-1", is_html=True)


def test_decode_declared_charset_that_does_not_fit_is_ignored() -> None:
    # Declared UTF-8 but the bytes are cp1252: strict decoding fails, later evidence decides.
    assert decode_bytes(ENGLISH.encode("cp1252"), declared="utf-8") == ENGLISH


def test_decode_mostly_utf8_with_stray_cp1252_bytes() -> None:
    data = "Café au lait — “très” bien. ".encode() * 5 + "and the end’s here".encode("cp1252")
    text = decode_bytes(data)
    assert text.startswith("Café au lait — “très” bien.")
    assert text.endswith("and the end’s here")
    assert detect_encoding(data) == "utf-8+cp1252"


def test_decode_cyrillic_cp1251_undeclared() -> None:
    assert decode_bytes((RUSSIAN + " " + RUSSIAN).encode("cp1251")) == RUSSIAN + " " + RUSSIAN


def test_decode_never_raises_on_arbitrary_bytes() -> None:
    rng = random.Random(7)
    for size in (1, 2, 3, 17, 500, 4096):
        data = bytes(rng.getrandbits(8) for _ in range(size))
        assert isinstance(decode_bytes(data), str)
        assert isinstance(decode_bytes(data, declared="no-such-charset", is_html=True), str)
    assert decode_bytes(b"") == ""


def test_decode_binary_reason() -> None:
    assert binary_reason(b"%PDF-1.7\n...") == "binary file, not text (PDF)"
    assert binary_reason(b"\x89PNG\r\n\x1a\n") is not None
    assert "NUL" in (binary_reason(b"abc\x00\x01\x02def\x00\xff\xfe") or "")
    assert binary_reason(ENGLISH.encode("utf-16-le")) is None
    assert binary_reason(codecs.BOM_UTF16_LE + ENGLISH.encode("utf-16-le")) is None
    assert binary_reason(FRENCH.encode("latin-1")) is None


def test_decode_sniffs_html_and_feeds() -> None:
    assert looks_like_html(b"  \n<!DOCTYPE html><html>")
    assert looks_like_html(b"<!-- saved page --><html lang=en>")
    assert looks_like_html(codecs.BOM_UTF8 + b"<html>")
    assert not looks_like_html(b"Just text mentioning <html> later")
    assert looks_like_feed(b'<?xml version="1.0"?>\n<rss version="2.0"><channel>')
    assert looks_like_feed(b'<feed xmlns="http://www.w3.org/2005/Atom">')
    assert not looks_like_feed(b"<html><body>rss</body></html>")


@pytest.mark.parametrize("codec", ["cp1252", "latin-1"])
def test_decode_repairs_double_decoded_utf8(codec: str) -> None:
    original = "The minister’s “final offer — rejected by Zürich’s council — came too late."
    twice = original.encode("utf-8").decode(codec).encode("utf-8")
    assert decode_bytes(twice) == original


@pytest.mark.parametrize("text", [
    "Le président a dit « non » — c’est fini. Ça coûte 5 € à Zürich, São Paulo et Łódź.",
    "Ã la carte is not a phrase, but Â± and â€ once each are left alone.",
])
def test_decode_leaves_real_accents_alone(text: str) -> None:
    assert decode_bytes(text.encode("utf-8")) == text
