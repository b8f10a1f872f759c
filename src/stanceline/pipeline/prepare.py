"""RawItem → a prepared document: decode, clean, date, fingerprint. Pure and picklable, so the same
function runs in-process, in a local process pool or on a Dask cluster."""

from __future__ import annotations

from dataclasses import dataclass

from stanceline.clean.core import CLEAN_VERSION, CleanOptions, clean_html, clean_text
from stanceline.dates.decide import DATE_VERSION, date_document
from stanceline.dedup import content_hash, document_id, minhash, minhash_bytes, text_hash
from stanceline.model import Document, RawItem, SourceError
from stanceline.sources.decode import decode_bytes

# Below this many words a "document" is a stub, an error page or chrome only.
MIN_WORDS = 20


@dataclass(frozen=True, slots=True)
class Prepared:
    doc: Document
    raw: bytes
    media_type: str
    text_hash: str
    minhash: bytes
    date_evidence: str | None
    removed_blocks: int
    versions: dict[str, str]


def stage_versions() -> dict[str, str]:
    return {"clean": CLEAN_VERSION, "date": DATE_VERSION}


def prepare(item: RawItem, options: CleanOptions | None = None) -> Prepared | SourceError:
    """Never raises for bad content: a problem becomes a SourceError naming the source."""
    options = options or CleanOptions()
    try:
        raw_hash = content_hash(item.content)
        is_html = item.media_type == "text/html"
        decoded = decode_bytes(item.content, declared=item.encoding, is_html=is_html)
        if "\x00" in decoded:
            return SourceError(item.source, "binary content, not text", "E103")
        cleaned = clean_html(decoded, item.meta.url, options) if is_html else clean_text(decoded, options)
        words = len(cleaned.text.split())
        if words == 0:
            return SourceError(item.source, "no article text found", "E104")
        if words < MIN_WORDS:
            return SourceError(item.source, f"too little article text ({words} words)", "E105")
        guess = date_document(
            meta=item.meta,
            html=decoded if is_html else None,
            url=item.meta.url,
            text=cleaned.text,
            removed=cleaned.removed,
        )
    except RecursionError:
        return SourceError(item.source, "HTML nested too deeply to parse", "E106")
    except (ValueError, LookupError, UnicodeError) as exc:
        return SourceError(item.source, f"cannot process: {exc}", "E107")
    doc = Document(
        id=document_id(item.source, raw_hash),
        source=item.source,
        text=cleaned.text,
        raw_hash=raw_hash,
        url=item.meta.url,
        outlet=item.meta.outlet,
        # Manifest/feed metadata wins over what the page says about itself.
        title=item.meta.title or cleaned.title,
        author=item.meta.author or cleaned.author,
        published=guess.published,
        date_source=guess.source,
        date_confidence=round(guess.confidence, 3),
        language=cleaned.language,
    )
    return Prepared(
        doc=doc,
        raw=item.content,
        media_type=item.media_type,
        text_hash=text_hash(cleaned.text),
        minhash=minhash_bytes(minhash(cleaned.text)),
        date_evidence=guess.evidence,
        removed_blocks=len(cleaned.removed),
        versions=stage_versions(),
    )
