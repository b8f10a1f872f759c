"""RawItem → a prepared document: decode, clean, date, fingerprint. Pure and picklable, so the same
function runs in-process, in a local process pool or on a Dask cluster.

Each document has a budget (`DocumentBudget`): size caps checked before the cleaners are called,
and a wall-time limit on cleaning and dating together. Dating is what is left of the time after
cleaning; when HTML dating (htmldate's extensive search among it) runs out of it, the document is
dated from its manifest, URL and text alone, and the evidence says so.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from functools import lru_cache

from stanceline.budget import E_BUDGET, TimeLimitExceeded, over_cap, time_limit
from stanceline.clean.core import CLEAN_VERSION, CleanOptions, clean_html, clean_text
from stanceline.clean.html.metadata import outlet_from_host
from stanceline.clean.language import identify
from stanceline.config import DocumentBudget
from stanceline.dates.decide import DATE_VERSION, date_document
from stanceline.dedup import content_hash, minhash, minhash_bytes, text_hash
from stanceline.errors import ModelMissingError
from stanceline.model import Cleaned, DateGuess, Document, Metadata, RawItem, SourceError
from stanceline.pipeline.failed import MIN_WORDS
from stanceline.pipeline.ids import item_document_id, storable
from stanceline.sources.decode import decode_bytes

E_INTERNAL = "E109"
# Fingerprinting and dating each get at least this long, even when cleaning used most of the budget.
_MIN_STEP_SECONDS = 0.5


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
    seconds: float = 0.0  # wall time this document took to prepare
    # What the item was read from (a path, `path#L3`, a URL): the ingest report names it, while
    # the document's `source` is its URL when one is known.
    read_from: str = ""
    language_confidence: float = 0.0  # the identifier's probability; 0 when declared or unknown


def stage_versions() -> dict[str, str]:
    return {"clean": CLEAN_VERSION, "date": DATE_VERSION}




def prepare(
    item: RawItem, options: CleanOptions | None = None, budget: DocumentBudget | None = None
) -> Prepared | SourceError:
    """Never raises for bad content: a problem becomes a SourceError naming the source."""
    options = options or CleanOptions()
    budget = budget or DocumentBudget()
    started = time.perf_counter()
    source = storable(item.source)
    try:
        raw_hash = content_hash(item.content)
        is_html = item.media_type == "text/html"
        with time_limit(budget.seconds):
            decoded = decode_bytes(item.content, declared=item.encoding, is_html=is_html)
            if "\x00" in decoded:
                return SourceError(source, "binary content, not text", "E103")
            over = over_cap(decoded, is_html=is_html, budget=budget)
            if over:
                return SourceError(source, over, E_BUDGET)
        spent = time.perf_counter() - started
        _load_tools()  # once per process, on no document's time
        resumed = time.perf_counter()
        # Cleaning, language and the dedup fingerprint get the rest (at least a floor); the
        # fingerprint is linear in words but not free (about 2 s for 300,000 distinct ones).
        with time_limit(max(budget.seconds - spent, _MIN_STEP_SECONDS)):
            cleaned = clean_html(decoded, item.meta.url, options) if is_html else clean_text(decoded, options)
            words = len(cleaned.text.split())
            if words == 0:
                return SourceError(source, "no article text found", "E104")
            if words < MIN_WORDS:
                return SourceError(source, f"too little article text ({words} words)", "E105")
            language, language_confidence = identify(cleaned.text, cleaned.language)
            text = storable(cleaned.text)
            fingerprint = minhash_bytes(minhash(text))
        left = budget.seconds - spent - (time.perf_counter() - resumed)
        guess = _date(item, decoded if is_html else None, cleaned, max(left, _MIN_STEP_SECONDS))
    except TimeLimitExceeded:
        return SourceError(
            source, f"cleaning and fingerprinting took longer than the {budget.seconds:g} s budget", E_BUDGET
        )
    except RecursionError:
        return SourceError(source, "HTML nested too deeply to parse", "E106")
    except (ValueError, LookupError, UnicodeError) as exc:
        return SourceError(source, f"cannot process: {exc}", "E107")
    except ModelMissingError as exc:
        return SourceError(source, exc.message, exc.code)
    except MemoryError:
        return SourceError(source, "ran out of memory while cleaning", E_BUDGET)
    except Exception as exc:
        # A defect in a cleaner or a library costs this document, not the batch.
        return SourceError(source, f"internal error while cleaning ({type(exc).__name__}: {exc})", E_INTERNAL)
    # Manifest/feed metadata wins over what the page says about itself; an outlet nobody names
    # is the host of the article's address.
    url = storable(item.meta.url or cleaned.url)
    outlet = item.meta.outlet or cleaned.outlet or (outlet_from_host(url) if url else None)
    doc = Document(
        id=item_document_id(item, raw_hash),
        source=url or source,
        text=text,
        raw_hash=raw_hash,
        url=url,
        outlet=storable(outlet),
        title=storable(item.meta.title or cleaned.title),
        author=storable(item.meta.author or cleaned.author),
        published=guess.published,
        date_source=guess.source,
        date_confidence=round(guess.confidence, 3),
        language=language,
    )
    return Prepared(
        doc=doc,
        raw=item.content,
        media_type=item.media_type,
        text_hash=text_hash(text),
        minhash=fingerprint,
        date_evidence=storable(guess.evidence),
        removed_blocks=len(cleaned.removed),
        versions=stage_versions(),
        seconds=round(time.perf_counter() - started, 4),
        read_from=source,
        language_confidence=language_confidence,
    )


_WARM_TEXT = " ".join(["A short paragraph of plain words, written to load the tools once."] * 4)
_WARM_PAGE = (
    "<html><head><title>Warm up</title><meta property='article:published_time' content='2024-01-02'>"
    f"</head><body><article><p>{_WARM_TEXT}</p><p>Posted on 2 January 2024.</p></article></body></html>"
)


@lru_cache(maxsize=1)
def _load_tools() -> None:
    """Load, once per process and outside any document's budget, what the first document would
    otherwise pay for (seconds on a busy machine): the cleaners' models, the language model, the
    fingerprint's library and the date readers (dateparser loads its data on first use)."""
    try:
        cleaned = clean_html(_WARM_PAGE, "http://127.0.0.1/2024/01/02/warm-up")
        clean_text(_WARM_TEXT)
        identify(_WARM_TEXT, None)
        minhash(_WARM_TEXT)
        date_document(meta=Metadata(), html=_WARM_PAGE, url=None, text=cleaned.text, removed=cleaned.removed)
    except Exception:  # a tool that fails here fails again on the document, which reports it
        pass


def _date(item: RawItem, html: str | None, cleaned: Cleaned, seconds: float) -> DateGuess:
    """The date stage within `seconds`; past them, the date from everything but the HTML."""
    meta, text, removed = item.meta, cleaned.text, cleaned.removed
    try:
        with time_limit(seconds):
            return date_document(meta=meta, html=html, url=meta.url, text=text, removed=removed)
    except TimeLimitExceeded:
        if html is None:
            return DateGuess(None, "none", 0.0, f"dating stopped at the time budget ({seconds:.1f} s)")
    guess = date_document(meta=meta, html=None, url=meta.url, text=text, removed=removed)
    note = f"HTML dating stopped at the time budget ({seconds:.1f} s)"
    return DateGuess(
        guess.published, guess.source, guess.confidence, f"{guess.evidence}; {note}" if guess.evidence else note
    )


def prepare_batch(
    items: list[RawItem], options: CleanOptions | None = None, budget: DocumentBudget | None = None
) -> list[Prepared | SourceError]:
    """`prepare` over a batch: one task for the executor, so per-task overhead is paid once per batch."""
    return [prepare(item, options, budget) for item in items]
