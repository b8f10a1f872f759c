"""The learned block classifier (boosted trees shipped as JSON) and the decoding of its scores.

Trained by bench/train_blocks.py on the dev gold sets only; evaluated by `stanceline.trees`.
`load()` returns None when the file is missing or was written for other features;
the HTML cleaner then keeps trafilatura's answer as it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from stanceline.clean.html.blocks import FEATURE_NAMES, Block, page_rows
from stanceline.trees import Trees, read_json_resource, trees_from_spec

MODEL_PATH = "data/cleaner/blocks.json"
_TOK = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class BlockModel:
    trees: Trees
    drop_below: float  # an extracted paragraph whose block scores below this is dropped
    add_above: float  # a missed block scoring at least this is added near the article
    reach: int  # how many blocks away from the kept text an addition may lie
    shift: float  # threshold change for favor_precision (+) / favor_recall (−)
    gate: float  # the pass runs when the extracted words are fewer than this share of the page's

    def proba(self, rows: list[list[float]]) -> Any:
        return self.trees.proba(rows)


def thresholds(model: BlockModel, precision: bool, recall: bool) -> tuple[float, float]:
    """(drop_below, add_above) after the precision/recall knob: precision drops more and adds
    less, recall the reverse."""
    d = model.shift * (int(precision) - int(recall))
    return model.drop_below + d, model.add_above + d


def from_spec(spec: dict[str, Any]) -> BlockModel | None:
    if tuple(spec.get("features", ())) != FEATURE_NAMES or not spec.get("trees"):
        return None
    return BlockModel(
        trees=trees_from_spec(spec), drop_below=float(spec["drop_below"]), add_above=float(spec["add_above"]),
        reach=int(spec["reach"]), shift=float(spec["shift"]), gate=float(spec.get("gate", 1e9)),
    )


@lru_cache(maxsize=1)
def load() -> BlockModel | None:
    spec = read_json_resource(MODEL_PATH)
    return from_spec(spec) if spec is not None else None


def token_key(text: str) -> str:
    """A text as its lowercase word run: how blocks and paragraphs are matched."""
    return " ".join(_TOK.findall(text.lower()))


def _inside(key: str, joined: str, joined_words: set[str]) -> bool:
    """Whether the words of `key` occur as one run in `joined` (spaced tokens). A run of its words
    is made of its words: a key whose first or last word it lacks settles the question without
    searching the whole text, which is most of the cost on long pages."""
    head, _, rest = key.partition(" ")
    if head not in joined_words or (rest and rest.rpartition(" ")[2] not in joined_words):
        return False
    return f" {key} " in joined


def apply(paragraphs: list[str], blocks: list[Block], model: BlockModel, precision: bool, recall: bool,
          ) -> tuple[list[str], list[str]]:
    """The block classifier's second opinion on an extractor's paragraphs (`correct` with the
    model's scores, rows built only for the blocks it asks about). Returns (kept, removed)."""
    pkeys = [token_key(p) for p in paragraphs]
    # the words of the paragraphs joined are the words of each in turn: tokenised once for both
    tokens = " ".join(pkeys).split()
    words = set(tokens)
    rows = page_rows(blocks, "\n\n".join(paragraphs), tokens, words)
    drop_below, add_above = thresholds(model, precision, recall)
    return correct(paragraphs, [b.text for b in blocks], lambda idx: model.proba(rows(idx)), drop_below,
                   add_above, model.reach, [b.key for b in blocks], pkeys, words)


# A block the model is sure of is still not added when this share of its word triples is already in
# the kept text: a near-copy (a summary box, the same paragraph under another encoding or markup)
# would repeat the article rather than extend it.
_DUP_SHARE = 0.9
_DUP_MIN = 8  # word triples; a short heading or label may well repeat words of the text


def _shingles(key: str) -> set[tuple[str, ...]]:
    w = key.split()
    # fewer than 3 words make one short shingle
    return set(zip(w, w[1:], w[2:], strict=False)) if len(w) >= 3 else {tuple(w)}


def correct(paragraphs: list[str], blocks: list[str], score: Callable[[list[int]], Sequence[float]],
            drop_below: float, add_above: float, reach: int,
            keys: list[str] | None = None, pkeys: list[str] | None = None, words: set[str] | None = None,
            ) -> tuple[list[str], list[str]]:
    """Correct an extractor's paragraphs with block probabilities (`score` maps block indices
    to probabilities; it is asked only about the blocks that matter, as rows cost time).

    A block the extractor missed but the model is sure of (p ≥ add_above) comes in when it lies
    within `reach` blocks of the kept text; the region grows through such blocks (the article is
    one region; a sure block far away is more likely a teaser). With drop_below > 0, a paragraph
    whose block scores lower goes. The extractor's order stands; an added block goes after the
    last paragraph from an earlier block; paragraphs that match no block are kept as given.
    `keys` and `pkeys` are the blocks' and paragraphs' token keys and `words` the set of the
    paragraphs' words, when the caller has them.
    Returns (kept, removed)."""
    if keys is None:
        keys = [token_key(b) for b in blocks]
    if pkeys is None:
        pkeys = [token_key(p) for p in paragraphs]
    # each key's first block: filled from the end, so earlier blocks overwrite later ones
    index = dict(zip(reversed(keys), range(len(keys) - 1, -1, -1), strict=True))
    covered = set(pkeys)
    joined = " " + " ".join(pkeys) + " "
    joined_words = set(joined.split()) if words is None else words
    prob: dict[int, float] = {}

    def ask(idx: list[int]) -> None:
        need = [i for i in idx if i not in prob]
        if need:
            prob.update(zip(need, map(float, score(need)), strict=True))

    matched = [index.get(k) for k in pkeys]
    if drop_below > 0:
        ask(sorted({i for i in matched if i is not None}))
    kept: list[tuple[float, int, str]] = []
    removed: list[str] = []
    anchors: list[int] = []
    pos = -1.0
    for j, (para, m) in enumerate(zip(paragraphs, matched, strict=True)):
        if m is not None:
            if drop_below > 0 and prob[m] < drop_below:
                removed.append(para)
                continue
            anchors.append(m)
            pos = max(pos, float(m))  # never moves a paragraph back
        kept.append((pos, j, para))
    if anchors:
        lo, hi = max(0, min(anchors) - reach), min(len(blocks) - 1, max(anchors) + reach)
        seen: set[int] = set()
        # the kept text's word triples: only an addition long enough to be a near-copy reads
        # them, so they are gathered at the first such addition
        have: set[tuple[str, ...]] | None = None
        added: list[set[tuple[str, ...]]] = []
        while True:  # the region grows block by block through sure blocks
            cand = [i for i in range(lo, hi + 1) if i not in seen and keys[i] and keys[i] not in covered
                    and not _inside(keys[i], joined, joined_words)]
            if not cand:
                break
            seen.update(cand)
            ask(cand)
            for i in cand:
                if prob[i] >= add_above and keys[i] not in covered:
                    covered.add(keys[i])
                    lo, hi = max(0, min(lo, i - reach)), min(len(blocks) - 1, max(hi, i + reach))
                    new = _shingles(keys[i])
                    if len(new) >= _DUP_MIN:
                        if have is None:
                            have = set().union(*map(_shingles, pkeys), *added)
                        if len(new & have) >= _DUP_SHARE * len(new):
                            continue
                        have |= new
                    elif have is None:
                        added.append(new)
                    else:
                        have |= new
                    kept.append((i + 0.5, -1, blocks[i]))
    kept.sort(key=lambda t: (t[0], t[1]))
    return [t[2] for t in kept], removed
