"""Stories: documents about the same event or topic, across outlets.

Two kinds of link join documents into one story: near-duplicates found at ingest
(`doc.duplicate_of`), and topical similarity (TF-IDF cosine) between documents published
within a time window of each other. Components of that graph with two or more documents are
stories. A story's id is a hash of its sorted member ids, so re-running on the same corpus gives
the same ids, and a story that gains a document gets a new id (it is a different story).
"""

from __future__ import annotations

import calendar
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from stanceline.model import Document, Story

VERSION = "stories-1"

# Cosine similarity of TF-IDF vectors above which two documents in one time window may be one
# story. Low on purpose: in a small corpus on one topic the shared words ("NATO", "Ukraine") get
# almost no IDF weight, and scraped pages carry chrome; the sample's same-story pairs score
# 0.14-0.18. The time window and the mutual-neighbour rule below keep it from chaining.
SIMILARITY = 0.12
# Without a date on either side we cannot check the window, so ask for much closer text.
SIMILARITY_UNDATED = 0.4
# Link two documents only if each is among the other's K nearest qualifying neighbours, so one
# generic article cannot glue a day's unrelated stories together.
K_NEIGHBOURS = 5
WINDOW_DAYS = 14
# Row block for the similarity product: memory stays O(block * n), not O(n^2).
BLOCK = 512
N_TERMS = 8

_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


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


def _gap(a: _Span, b: _Span) -> int:
    return max(0, max(a.lo, b.lo) - min(a.hi, b.hi))


def story_id(doc_ids: Sequence[str]) -> str:
    h = hashlib.sha1("\n".join(sorted(doc_ids)).encode("utf-8")).hexdigest()
    return "s:" + h[:16]


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _doc_text(d: Document) -> str:
    # The title says what the story is; weigh it like a couple of sentences of body.
    title = d.title or ""
    return f"{title}. {title}. {d.text}"


def build_stories(
    docs: Sequence[Document],
    *,
    similarity: float = SIMILARITY,
    window_days: int = WINDOW_DAYS,
) -> list[Story]:
    """Cluster documents into stories (two or more documents each), newest first."""
    docs = sorted(docs, key=lambda d: d.id)
    n = len(docs)
    if n < 2:
        return []
    index = {d.id: i for i, d in enumerate(docs)}
    uf = _UnionFind(n)
    for i, d in enumerate(docs):
        if d.duplicate_of and d.duplicate_of in index:
            uf.union(i, index[d.duplicate_of])

    matrix, vocab = _tfidf(docs)
    spans = [date_span(d.published) for d in docs]
    if matrix is not None:
        near: list[set[int]] = [set() for _ in range(n)]
        for lo in range(0, n, BLOCK):
            sims = (matrix[lo : lo + BLOCK] @ matrix.T).tocoo()
            cands: dict[int, list[tuple[float, int]]] = {}
            for r, c, v in zip(sims.row, sims.col, sims.data, strict=True):
                i, j = lo + int(r), int(c)
                if j == i:
                    continue
                a, b = spans[i], spans[j]
                if a is not None and b is not None:
                    ok = v >= similarity and _gap(a, b) <= window_days
                else:
                    ok = v >= SIMILARITY_UNDATED
                if ok:
                    cands.setdefault(i, []).append((-float(v), j))
            for i, lst in cands.items():
                near[i] = {j for _, j in sorted(lst)[:K_NEIGHBOURS]}
        for i in range(n):
            for j in near[i]:
                if i in near[j]:
                    uf.union(i, j)

    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(uf.find(i), []).append(i)
    stories = []
    for members in groups.values():
        if len(members) < 2:
            continue
        member_docs = [docs[i] for i in members]
        terms = _top_terms(matrix, vocab, members) if matrix is not None else []
        dated = sorted(d.published for d in member_docs if d.published)
        stories.append(
            Story(
                id=story_id([d.id for d in member_docs]),
                label=_label(member_docs, terms),
                doc_ids=sorted(d.id for d in member_docs),
                start=dated[0] if dated else None,
                end=dated[-1] if dated else None,
                terms=terms,
            )
        )
    stories.sort(key=lambda s: (s.end or "", s.id), reverse=True)
    return stories


def _tfidf(docs: Sequence[Document]) -> tuple[Any, list[str]]:
    from sklearn.feature_extraction.text import TfidfVectorizer

    vec = TfidfVectorizer(
        stop_words="english",
        sublinear_tf=True,
        min_df=1,
        max_df=1.0,
        ngram_range=(1, 1),
        token_pattern=r"(?u)\b[^\W\d_][\w'’-]{2,}\b",
        max_features=50000,
    )
    try:
        matrix = vec.fit_transform([_doc_text(d) for d in docs])
    except ValueError:
        # Every document is empty or only stop words: nothing to compare.
        return None, []
    return matrix, list(vec.get_feature_names_out())


def _top_terms(matrix: Any, vocab: list[str], members: list[int]) -> list[str]:
    import numpy as np

    sub = matrix[members]
    weights = np.asarray(sub.sum(axis=0)).ravel()
    # A term carried by more of the members says more about the story than one doc's quirk.
    spread = np.asarray((sub > 0).sum(axis=0)).ravel()
    score = weights * spread
    order = np.argsort(-score, kind="stable")
    return [vocab[k] for k in order[:N_TERMS] if score[k] > 0]


def _label(docs: list[Document], terms: list[str]) -> str:
    titled = sorted((d for d in docs if d.title), key=lambda d: (d.published or "9999", d.id))
    if titled:
        return (titled[0].title or "").strip()
    if terms:
        return " · ".join(terms[:4])
    return docs[0].text[:80].strip()
