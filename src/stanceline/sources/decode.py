"""Bytes → text, for articles whose encoding is declared wrongly, partly, or not at all.

Order of evidence (first that fits wins):

1. a byte-order mark (UTF-8, UTF-16, UTF-32);
2. BOM-less UTF-16 recognised by its NUL pattern (ASCII text saved as UTF-16 by Windows tools);
3. valid UTF-8 containing multi-byte sequences — this beats a declared 8-bit charset, because
   random Latin text is almost never valid UTF-8 by accident while pages that say `iso-8859-1`
   but are served as UTF-8 are common;
4. the HTML `<meta charset>` / XML declaration (when ``is_html``), then the ``declared`` charset
   (e.g. from an HTTP header), each only if the bytes decode strictly with it;
5. strict UTF-8 (pure ASCII lands here);
6. mostly-UTF-8 with a few stray Windows-1252 bytes (a common scrape defect): those bytes alone
   are decoded as cp1252;
7. Windows-1252 when the result looks like Western European text (few accented letters, no
   stray symbols inside words) — charset-normalizer is unreliable on short Latin text (it picks
   cp1250 for French), and cp1252 is by far the commonest legacy encoding of news text;
8. charset-normalizer's best guess (Cyrillic cp1251, CJK, ...);
9. cp1252 with replacement characters — never raises.

Last, text that was already mojibake in the bytes (UTF-8 read as cp1252 somewhere upstream and
saved again as UTF-8: "itâ€™s") is repaired with ftfy, when enough of its telltale pairs occur.

``latin-1``/``ascii`` declarations are read as cp1252, as browsers do (WHATWG Encoding).
"""

from __future__ import annotations

import codecs
import re
from itertools import islice

from charset_normalizer import from_bytes

__all__ = ["binary_reason", "decode_bytes", "detect_encoding", "looks_like_feed", "looks_like_html"]

_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 before UTF-16: the UTF-32-LE BOM starts with the UTF-16-LE one.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_META_CHARSET = re.compile(rb"""<meta[^>]{0,512}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.+-]{1,40})""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_:.+-]{1,40})""")
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_HIGH_BYTE = re.compile(rb"[\x80-\xff]")

# Browsers read these labels as windows-1252 (WHATWG); so do the pages' authors.
_AS_CP1252 = {"iso8859-1", "ascii", "cp1252"}

# Non-letter, non-ASCII characters that Western news text uses.
_WESTERN_PUNCT = set("‘’‚“”„–—…•€™†‡‰‹›ˆ˜ \u00a0¡¢£¤¥¦§¨©ª«¬\u00ad®¯°±²³´µ¶·¸¹º»¼½¾¿×÷")

_SAMPLE = 64 * 1024


def _stray_cp1252(err: UnicodeError) -> tuple[str, int]:
    if not isinstance(err, UnicodeDecodeError):
        raise err
    bad = err.object[err.start : err.end]
    return bad.decode("cp1252", errors="replace"), err.end


codecs.register_error("stanceline-cp1252", _stray_cp1252)


def _codec_name(label: str | None) -> str | None:
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except LookupError:
        return None
    return "cp1252" if name in _AS_CP1252 else name


def _bom(content: bytes) -> tuple[str, int] | None:
    for bom, codec in _BOMS:
        if content.startswith(bom):
            return codec, len(bom)
    return None


def _utf16_without_bom(sample: bytes) -> str | None:
    """UTF-16 of mostly-ASCII text has a NUL in every other byte; nothing else does."""
    if len(sample) < 4:
        return None
    n = len(sample) - len(sample) % 2
    even = sample[0:n:2]
    odd = sample[1:n:2]
    half = n // 2
    if odd.count(0) > 0.9 * half and even.count(0) < 0.1 * half:
        return "utf-16-le"
    if even.count(0) > 0.9 * half and odd.count(0) < 0.1 * half:
        return "utf-16-be"
    return None


def _strict(content: bytes, codec: str) -> str | None:
    try:
        return content.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _looks_western(text: str) -> bool:
    letters = 0
    accented = 0
    for ch in text:
        if ch.isascii():
            if ch.isalpha():
                letters += 1
            continue
        if ch.isalpha():
            letters += 1
            accented += 1
        elif ch not in _WESTERN_PUNCT:
            return False
    # Cyrillic in cp1251 read as cp1252 is all "accented" Latin letters; Western languages
    # have a few percent at most.
    return letters == 0 or accented <= 0.25 * letters


def _declared_candidates(content: bytes, declared: str | None, is_html: bool) -> list[str]:
    out: list[str] = []
    head = content[:4096]
    if is_html:
        for rx in (_XML_ENCODING, _META_CHARSET):
            m = rx.search(head)
            if m:
                name = _codec_name(m.group(1).decode("ascii", "ignore"))
                # A meta tag readable as ASCII cannot be in UTF-16/32 (WHATWG says: use UTF-8).
                if name and not name.startswith(("utf-16", "utf-32")):
                    out.append(name)
    name = _codec_name(declared)
    if name:
        out.append(name)
    return out


def detect_encoding(content: bytes, *, declared: str | None = None, is_html: bool = False) -> str:
    """The codec name `decode_bytes` would use (``"utf-8+cp1252"`` for UTF-8 with stray bytes)."""
    return _decode(content, declared=declared, is_html=is_html)[1]


def decode_bytes(content: bytes, *, declared: str | None = None, is_html: bool = False) -> str:
    """Decode an article's bytes; see the module docstring for the order of evidence."""
    return repair_mojibake(_decode(content, declared=declared, is_html=is_html)[0])


# A lead byte of a UTF-8 sequence read as cp1252 or Latin-1 ("Ã", "Â", "â", "Å"…) followed by a
# continuation byte read the same way: what a UTF-8 character becomes when decoded twice.
# Real text almost never has these pairs; ftfy (slow on long text) runs only where they recur.
_MOJIBAKE = re.compile("[\u00c2-\u00c5\u00e2][\u0080-\u00bf\u20ac\u201a\u0192\u201e\u2026\u2020"
                       "\u2021\u02c6\u2030\u0160\u2039\u0152\u017d\u2018\u2019\u201c\u201d\u2022"
                       "\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178]")
_MOJIBAKE_MIN = 3
_MOJIBAKE_LEADS = ("\u00c2", "\u00c3", "\u00c4", "\u00c5", "\u00e2")


def repair_mojibake(text: str) -> str:
    """Undo double decoding ("â€™" → "’") with ftfy's encoding fixer, only on text that shows
    several telltale pairs; other text is returned as it is."""
    # substring tests run at memory speed; the pattern scan only where a lead character occurs
    if not any(lead in text for lead in _MOJIBAKE_LEADS):
        return text
    if sum(1 for _ in islice(_MOJIBAKE.finditer(text), _MOJIBAKE_MIN)) < _MOJIBAKE_MIN:
        return text
    # Imported here, not at the top: ftfy costs 0.08-0.17 s to import (measured with -X importtime
    # on this 2-core machine under load), nothing else in the pipeline loads it, and only the rare
    # page whose text is mojibake needs it. charset-normalizer, by contrast, is imported at the top:
    # htmldate and trafilatura load it in every ingest anyway.
    import ftfy

    return str(ftfy.fix_encoding(text))


def _decode(content: bytes, *, declared: str | None, is_html: bool) -> tuple[str, str]:
    if not content:
        return "", "utf-8"
    bom = _bom(content)
    if bom:
        codec, skip = bom
        return content[skip:].decode(codec, errors="replace"), codec

    candidates = _declared_candidates(content, declared, is_html)
    wide = next((c for c in candidates if c.startswith(("utf-16", "utf-32"))), None)
    wide = wide or _utf16_without_bom(content[:_SAMPLE])
    if wide:
        # Without a BOM, plain "utf-16" means little-endian in practice (Windows).
        codec = {"utf-16": "utf-16-le", "utf-32": "utf-32-le"}.get(wide, wide)
        text = _strict(content, codec)
        if text is not None:
            return text, codec

    as_utf8 = _strict(content, "utf-8")
    if as_utf8 is not None and _UTF8_MULTIBYTE.search(content):
        return as_utf8, "utf-8"
    for codec in candidates:
        text = _strict(content, codec)
        if text is not None:
            return text, codec
    if as_utf8 is not None:
        return as_utf8, "utf-8"

    sequences = _UTF8_MULTIBYTE.findall(content)
    if sequences:
        stray = len(_HIGH_BYTE.findall(content)) - sum(len(m) for m in sequences)
        if stray < len(sequences):
            return content.decode("utf-8", errors="stanceline-cp1252"), "utf-8+cp1252"

    western = _strict(content, "cp1252")
    # The character-level check is Python-speed: judge on a sample.
    if western is not None and _looks_western(western[: 4 * _SAMPLE]):
        return western, "cp1252"

    guess = _charset_normalizer(content)
    if guess is not None:
        return guess
    return content.decode("cp1252", errors="replace"), "cp1252"


def _charset_normalizer(content: bytes) -> tuple[str, str] | None:
    best = from_bytes(content[: 4 * _SAMPLE]).best()
    if best is None:
        return None
    text = _strict(content, best.encoding)
    if text is None:
        return None
    return text, best.encoding


# --- sniffing -----------------------------------------------------------------------------------

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"\x1f\x8b", "gzip data"),
    (b"\x7fELF", "executable"),
    (b"RIFF", "RIFF media"),
    (b"\xd0\xcf\x11\xe0", "MS Office document"),
)


def binary_reason(sample: bytes) -> str | None:
    """Why `sample` (the start of a file) is not text, or None if it is text."""
    for magic, kind in _MAGIC:
        if sample.startswith(magic):
            return f"binary file, not text ({kind})"
    if _bom(sample) or _utf16_without_bom(sample):
        return None
    if b"\x00" in sample:
        return "binary file, not text (contains NUL bytes)"
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    if sample and controls > 0.05 * len(sample):
        return "binary file, not text (control bytes)"
    return None


def _head_text(sample: bytes) -> str:
    bom = _bom(sample)
    if bom:
        codec, skip = bom
        return sample[skip : skip + 2048].decode(codec, errors="ignore")
    utf16 = _utf16_without_bom(sample[:2048])
    if utf16:
        return sample[:2048].decode(utf16, errors="ignore")
    return sample[:2048].decode("latin-1")


def looks_like_html(sample: bytes) -> bool:
    head = _head_text(sample).lstrip().lower()
    if head.startswith("<?xml"):
        return "<html" in head[:1024]
    while head.startswith("<!--"):
        end = head.find("-->")
        if end < 0:
            return False
        head = head[end + 3 :].lstrip()
    return head.startswith(("<!doctype html", "<html"))


def looks_like_feed(sample: bytes) -> bool:
    head = _head_text(sample).lstrip().lower()[:2048]
    return any(tag in head for tag in ("<rss", "<feed", "<rdf:rdf"))
