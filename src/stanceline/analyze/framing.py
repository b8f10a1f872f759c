"""Framing: how each document of one story covers it, side by side.

For each member document: the terms it uses more than the others (TF-IDF within the story,
minus the mean of the other members), who it quotes and how much (quotes and quoted characters
per speaker), and the stances its extractions give the actors it covers. All from stored
extractions; nothing is generated.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from stanceline.model import Document, Position, Quote, Story
from stanceline.store.db import Store

N_TERMS = 10


@dataclass(slots=True)
class Quoted:
    speaker: str
    speaker_key: str | None
    quotes: int
    chars: int
    share: float  # of this document's quoted characters


@dataclass(slots=True)
class Frame:
    doc: Document
    terms: list[str]
    quoted: list[Quoted]
    positions: list[Position]
    quotes: list[Quote] = field(default_factory=list)
    words: int = 0


def distinctive_terms(docs: Sequence[Document], n: int = N_TERMS) -> list[list[str]]:
    """Per document, the terms it weighs more than the other documents do."""
    if len(docs) < 2:
        return [[] for _ in docs]
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    vec = TfidfVectorizer(stop_words="english", sublinear_tf=True, token_pattern=r"(?u)\b[^\W\d_][\w'’-]{2,}\b")
    try:
        m = vec.fit_transform([f"{d.title or ''}. {d.text}" for d in docs]).toarray()
    except ValueError:
        return [[] for _ in docs]
    vocab = vec.get_feature_names_out()
    out = []
    for i in range(len(docs)):
        others = np.delete(m, i, axis=0).mean(axis=0)
        score = m[i] - others
        order = np.argsort(-score, kind="stable")
        out.append([str(vocab[k]) for k in order[:n] if score[k] > 0])
    return out


def distinctive_from_vectors(vectors: Sequence[dict[str, float]], n: int = N_TERMS) -> list[list[str]]:
    """The same contrast from the term vectors the story index stored: no model to fit at view time."""
    out = []
    for i, v in enumerate(vectors):
        others = [o for j, o in enumerate(vectors) if j != i]
        score = {t: w - sum(o.get(t, 0.0) for o in others) / max(len(others), 1) for t, w in v.items()}
        out.append([t for t, x in sorted(score.items(), key=lambda kv: (-kv[1], kv[0]))[:n] if x > 0])
    return out


def compare_story(store: Store, story: Story) -> list[Frame]:
    docs = [d for d in (store.get_document(i) for i in story.doc_ids) if d is not None]
    docs.sort(key=lambda d: (d.published or "9999", d.outlet or "", d.id))
    vectors = store.story_vectors([d.id for d in docs])
    if len(docs) > 1 and all(d.id in vectors for d in docs):
        terms = distinctive_from_vectors([vectors[d.id] for d in docs])
    else:
        terms = distinctive_terms(docs)
    frames = []
    for d, ts in zip(docs, terms, strict=True):
        quotes = store.quotes(doc_id=d.id)
        by_speaker: dict[tuple[str, str | None], list[Quote]] = defaultdict(list)
        for q in quotes:
            by_speaker[(q.speaker or "unknown speaker", q.speaker_key)].append(q)
        total = sum(len(q.text) for q in quotes) or 1
        quoted = [
            Quoted(name, key, len(qs), sum(len(q.text) for q in qs), round(sum(len(q.text) for q in qs) / total, 3))
            for (name, key), qs in by_speaker.items()
        ]
        quoted.sort(key=lambda x: (-x.chars, x.speaker))
        frames.append(
            Frame(
                doc=d,
                terms=ts,
                quoted=quoted,
                positions=store.positions(doc_id=d.id),
                quotes=quotes,
                words=len(d.text.split()),
            )
        )
    return frames
