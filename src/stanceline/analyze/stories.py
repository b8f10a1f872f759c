"""Stories: documents about the same event, across outlets, assigned incrementally.

Each canonical document gets a sparse term vector once, when it is first seen: its title (twice) and
text, stop words out, weights `(1 + log tf) * idf`, the idf from the document frequencies of all
documents vectorised so far, kept to its TOP_TERMS heaviest terms (their counts are stored, and both
sides of a comparison are weighed with the frequencies of the moment). Its KEY_TERMS heaviest terms go
into an inverted index with the document's date span. A new document is compared only with the
documents that share at least two of its key terms and lie within WINDOW_DAYS of its date (an index
lookup, capped at MAX_CANDIDATES), and joins the story of the most similar one above SIMILARITY; if
that document had no story, the two start one. Nothing is rebuilt: what each arriving document costs
depends on how many documents share its words in its window, not on the size of the corpus.

Events, not topics: the key terms of a news event are its names and specifics, which the idf weighs
up, while a topic's common words ("car", "market", "sale") are weighed down; the window is days, not
weeks. Without a date on either side the text must be much closer (SIMILARITY_UNDATED).

A story's id is fixed by the document that started it, so links to it survive its growth. `build_stories`
runs the same assignment over a list of documents in memory (used by tests and tools).
"""

from __future__ import annotations

import calendar
import hashlib
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from stanceline.model import Document, Story
from stanceline.store.db import DocFilter, Store
from stanceline.store.story_index import StoryTables

VERSION = "stories-2"

TOP_TERMS = 40
KEY_TERMS = 20
MIN_SHARED_KEYS = 2
MAX_CANDIDATES = 100
WINDOW_DAYS = 3
# Cosine of two documents' top-term vectors above which they report one event. Measured on
# stance_news_en's same-event groups and a hand-written set of events (bench/stories.py).
SIMILARITY = 0.2
SIMILARITY_UNDATED = 0.5
N_LABEL_TERMS = 8

_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
_TOKEN = re.compile(r"(?u)\b[^\W\d_][\w'’-]{2,}\b")


@dataclass(frozen=True, slots=True)
class _Span:
    """The interval a date at some precision covers: "2024-10" is all of October."""

    lo: int
    hi: int


def date_span(published: str | None) -> _Span | None:
    if not published:
        return None
    m = _DATE.match(published)
    if not m:
        return None
    try:
        y = int(m.group(1))
        if m.group(3):
            d = date(y, int(m.group(2)), int(m.group(3))).toordinal()
            return _Span(d, d)
        if m.group(2):
            mo = int(m.group(2))
            last = calendar.monthrange(y, mo)[1]
            return _Span(date(y, mo, 1).toordinal(), date(y, mo, last).toordinal())
        return _Span(date(y, 1, 1).toordinal(), date(y, 12, 31).toordinal())
    except ValueError:
        return None


def story_id(seed_doc_id: str) -> str:
    return "s:" + hashlib.sha1(seed_doc_id.encode("utf-8")).hexdigest()[:16]


def _stop_words() -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS)


_STOP: list[frozenset[str]] = []


def term_counts(doc: Document) -> Counter[str]:
    if not _STOP:
        _STOP.append(_stop_words())
    stop = _STOP[0]
    title = doc.title or ""
    words = _TOKEN.findall(f"{title}. {title}. {doc.text}".lower())
    return Counter(w for w in words if w not in stop)


def weigh(tf: dict[str, int], df: dict[str, int], n_docs: int) -> dict[str, float]:
    """TF-IDF weights of a document's kept terms, L2-normalised, with the frequencies of now."""
    w = {t: (1 + math.log(c)) * (math.log((n_docs + 1) / (df.get(t, 0) + 1)) + 1) for t, c in tf.items()}
    norm = math.sqrt(sum(v * v for v in w.values())) or 1.0
    return {t: v / norm for t, v in w.items()}


def vectorise(counts: Counter[str], df: dict[str, int], n_docs: int) -> dict[str, int]:
    """The document's TOP_TERMS heaviest terms with their counts. Counts, not weights, are kept: a
    comparison weighs both sides with the frequencies of the moment, so a document indexed when the
    corpus was small is not stuck with the idf of that time."""
    w = weigh(dict(counts), df, n_docs)
    top = sorted(w.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_TERMS]
    return {t: counts[t] for t, _ in top}


def key_terms(vector: dict[str, float]) -> list[str]:
    """The heaviest terms of a weighted vector."""
    return [t for t, _ in sorted(vector.items(), key=lambda kv: (-kv[1], kv[0]))[:KEY_TERMS]]


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(t, 0.0) for t, v in a.items())


@dataclass(frozen=True, slots=True)
class Candidate:
    doc_id: str
    story_id: str | None
    span: _Span | None
    vector: dict[str, float]


@dataclass(slots=True)
class Indexed:
    """A document as the story index holds it."""

    doc_id: str
    story_id: str | None
    span: _Span | None
    vector: dict[str, float]
    keys: list[str]


class StoryIndex(Protocol):
    """Where vectors, key terms and document frequencies live: the store, or memory (build_stories)."""

    def document_frequencies(self, terms: Iterable[str]) -> tuple[dict[str, int], int]: ...
    def add_frequencies(self, terms: Iterable[str]) -> None: ...
    def candidates(self, keys: Sequence[str], span: _Span | None, window: int, limit: int) -> list[Candidate]: ...
    def index(self, item: Indexed) -> None: ...
    def join(self, doc_id: str, story: str) -> None: ...


def assign(index: StoryIndex, doc: Document) -> tuple[str | None, str | None]:
    """Vectorise and index one new document; return (story it joins, document it matched)."""
    counts = term_counts(doc)
    index.add_frequencies(counts)
    df, n = index.document_frequencies(counts)
    tf = vectorise(counts, df, n)
    vec = weigh(tf, df, n)
    keys = key_terms(vec)
    span = date_span(doc.published)
    best: tuple[float, str, Candidate] | None = None
    cands = [c for c in index.candidates(keys, span, WINDOW_DAYS, MAX_CANDIDATES) if c.doc_id != doc.id]
    if cands:
        df, n = index.document_frequencies({t for c in cands for t in c.vector} | set(tf))
    for cand in cands:
        dated = span is not None and cand.span is not None
        sim = cosine(vec, weigh(cand.vector, df, n))  # type: ignore[arg-type]
        if sim >= (SIMILARITY if dated else SIMILARITY_UNDATED) and (
            best is None or sim > best[0] or (sim == best[0] and cand.doc_id < best[1])
        ):
            best = (sim, cand.doc_id, cand)
    story: str | None = None
    if best is not None:
        story = best[2].story_id or story_id(best[1])
        if best[2].story_id is None:
            index.join(best[1], story)
    index.index(Indexed(doc.id, story, span, tf, keys))  # type: ignore[arg-type]
    return story, best[1] if best else None


def overlaps(a: _Span | None, b: _Span | None, window: int) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return max(a.lo, b.lo) - min(a.hi, b.hi) <= window


# -- in memory ---------------------------------------------------------------------------------------
@dataclass(slots=True)
class MemoryIndex:
    df: Counter[str] = field(default_factory=Counter)
    n: int = 0
    docs: dict[str, Indexed] = field(default_factory=dict)
    by_key: dict[str, list[str]] = field(default_factory=dict)

    def document_frequencies(self, terms: Iterable[str]) -> tuple[dict[str, int], int]:
        return {t: self.df[t] for t in terms}, self.n

    def add_frequencies(self, terms: Iterable[str]) -> None:
        self.df.update(set(terms))
        self.n += 1

    def candidates(self, keys: Sequence[str], span: _Span | None, window: int, limit: int) -> list[Candidate]:
        shared: Counter[str] = Counter()
        for k in keys:
            shared.update(self.by_key.get(k, ()))
        out = []
        for doc_id, n in sorted(shared.items(), key=lambda kv: (-kv[1], kv[0])):
            item = self.docs[doc_id]
            if n >= MIN_SHARED_KEYS and overlaps(span, item.span, window):
                out.append(Candidate(doc_id, item.story_id, item.span, item.vector))
        return out[:limit]

    def index(self, item: Indexed) -> None:
        self.docs[item.doc_id] = item
        for k in item.keys:
            self.by_key.setdefault(k, []).append(item.doc_id)

    def join(self, doc_id: str, story: str) -> None:
        self.docs[doc_id].story_id = story


def build_stories(docs: Sequence[Document]) -> list[Story]:
    """Assign `docs` (in id order; near-duplicates join their canonical document's story) in memory."""
    index = MemoryIndex()
    by_id = {d.id: d for d in docs}
    canonical = sorted((d for d in docs if not (d.duplicate_of and d.duplicate_of in by_id)), key=lambda d: d.id)
    for d in canonical:
        assign(index, d)
    members: dict[str, list[Document]] = {}
    for item in index.docs.values():
        if item.story_id:
            members.setdefault(item.story_id, []).append(by_id[item.doc_id])
    for d in docs:
        if d.duplicate_of and d.duplicate_of in by_id:
            canon = index.docs[d.duplicate_of]
            if canon.story_id is None:
                canon.story_id = story_id(canon.doc_id)
                members[canon.story_id] = [by_id[canon.doc_id]]
            members[canon.story_id].append(d)
    stories = [
        make_story(sid, ds, [index.docs[d.id].vector for d in ds if d.id in index.docs], index)
        for sid, ds in members.items()
    ]
    stories.sort(key=lambda s: (s.end or "", s.id), reverse=True)
    return stories


def make_story(sid: str, docs: Sequence[Document], tfs: Sequence[dict[str, float]], index: StoryIndex) -> Story:
    df, n = index.document_frequencies({t for tf in tfs for t in tf})
    weight: Counter[str] = Counter()
    spread: Counter[str] = Counter()
    for v in (weigh(tf, df, n) for tf in tfs):  # type: ignore[arg-type]
        for t, w in v.items():
            weight[t] += w  # type: ignore[assignment]
            spread[t] += 1
    # A term carried by more of the members says more about the story than one document's quirk.
    terms = [t for t, _ in sorted(weight.items(), key=lambda kv: (-kv[1] * spread[kv[0]], kv[0]))][:N_LABEL_TERMS]
    dated = sorted(d.published for d in docs if d.published)
    return Story(
        id=sid,
        label=_label(list(docs), terms),
        doc_ids=sorted(d.id for d in docs),
        start=dated[0] if dated else None,
        end=dated[-1] if dated else None,
        terms=terms,
    )


def _label(docs: list[Document], terms: list[str]) -> str:
    titled = sorted((d for d in docs if d.title), key=lambda d: (d.published or "9999", d.id))
    if titled:
        return (titled[0].title or "").strip()
    if terms:
        return " · ".join(terms[:4])
    return docs[0].text[:80].strip()


# -- in the store --------------------------------------------------------------------------------------
class _StoreIndex:
    """StoryIndex over the store's tables, inside one transaction. Document frequencies are read once
    per term and batch, and this batch's own counts are kept here and written once at the end
    (`flush`): the same numbers as writing them per document, with far fewer statements."""

    def __init__(self, tables: StoryTables) -> None:
        self.tables = tables
        self.touched: set[str] = set()
        self._stored: dict[str, int] = {}
        self._n_stored: int | None = None
        self._added: Counter[str] = Counter()
        self._n_added = 0

    def document_frequencies(self, terms: Iterable[str]) -> tuple[dict[str, int], int]:
        terms = list(terms)
        missing = [t for t in terms if t not in self._stored]
        if missing or self._n_stored is None:
            found, n = self.tables.frequencies(missing)
            self._stored.update(dict.fromkeys(missing, 0))
            self._stored.update(found)
            self._n_stored = n
        df = {t: self._stored[t] + self._added[t] for t in terms}
        return df, self._n_stored + self._n_added

    def add_frequencies(self, terms: Iterable[str]) -> None:
        self._added.update(set(terms))
        self._n_added += 1

    def flush(self) -> None:
        self.tables.add_frequencies(dict(self._added), self._n_added)

    def candidates(self, keys: Sequence[str], span: _Span | None, window: int, limit: int) -> list[Candidate]:
        rows = self.tables.candidates(
            keys, span.lo if span else None, span.hi if span else None, window, limit, MIN_SHARED_KEYS
        )
        out = []
        for doc_id, story, lo, hi, vector in rows:
            cspan = _Span(lo, hi) if lo is not None and hi is not None else None
            if overlaps(span, cspan, window):
                out.append(Candidate(doc_id, story, cspan, vector))
        return out

    def index(self, item: Indexed) -> None:
        span = item.span
        self.tables.index(
            item.doc_id, item.story_id, span.lo if span else None, span.hi if span else None, item.vector, item.keys
        )
        if item.story_id:
            self.touched.add(item.story_id)

    def join(self, doc_id: str, story: str) -> None:
        self.tables.join(doc_id, story)
        self.touched.add(story)


# Queued documents assigned per transaction: a killed run loses at most one batch's work, which the
# next run redoes (the queue rows go in the same transaction as the assignments).
STORY_BATCH = 200


def update_stories(store: Store) -> int:
    """Assign every queued (new canonical) document to a story; returns how many were assigned."""
    done = 0
    while True:
        with store.story_tables() as tables:
            queued = tables.claim(STORY_BATCH)
            if not queued:
                return done
            index = _StoreIndex(tables)
            docs = {d.id: d for d in store.list_documents(DocFilter(doc_ids=[d for _, d in queued]), limit=None)}
            for _, doc_id in queued:
                doc = docs.get(doc_id)
                if doc is not None and not doc.duplicate_of:
                    assign(index, doc)
            index.flush()
            for sid in sorted(index.touched):
                members = tables.members(sid)
                member_docs = store.list_documents(DocFilter(doc_ids=[d for d, _ in members]), limit=None)
                tables.save_story(make_story(sid, member_docs, [v for _, v in members], index))
            done += len(queued)
