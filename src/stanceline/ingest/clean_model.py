"""The learned line classifier: boosted trees shipped as JSON, loaded once per process.

Trained by bench/train_cleaner.py on the dev gold sets only. All trees are walked at once with
numpy (one gather per depth level), so a page of a few hundred lines costs a few milliseconds.
When the file is missing or was written for other features, `load()` returns None and the
cleaner uses its rule scores alone.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np

from stanceline.ingest.clean_features import FEATURE_NAMES

MODEL_PATH = "data/cleaner/lines.json"


@dataclass(frozen=True)
class LineModel:
    feature: Any  # (trees, nodes) int: split feature, -1 at leaves
    threshold: Any  # (trees, nodes) float: go left when x <= threshold
    left: Any  # (trees, nodes) int child index; leaves point at themselves
    right: Any
    value: Any  # (trees, nodes) float leaf values (already scaled by the learning rate)
    init: float
    depth: int
    theta: float  # a short line is kept when its probability clears this
    drop_below: float  # a short line inside the article run is still dropped below this
    body_floor: float  # a prose line below this probability counts against the run

    def proba(self, rows: list[list[float]]) -> list[float]:
        if not rows:
            return []
        X = np.asarray(rows, dtype=np.float64)
        n = X.shape[0]
        t = self.feature.shape[0]
        node = np.zeros((t, n), dtype=np.int64)
        trees = np.arange(t)[:, None]
        cols = np.arange(n)[None, :]
        for _ in range(self.depth):
            f = self.feature[trees, node]
            x = X[cols, np.maximum(f, 0)]
            node = np.where(x <= self.threshold[trees, node], self.left[trees, node], self.right[trees, node])
        raw = self.init + self.value[trees, node].sum(axis=0)
        return [float(v) for v in 1.0 / (1.0 + np.exp(-np.clip(raw, -30, 30)))]


def from_spec(spec: dict[str, Any]) -> LineModel | None:
    if tuple(spec.get("features", ())) != FEATURE_NAMES or "trees" not in spec:
        return None
    trees = spec["trees"]
    width = max(len(tr["feature"]) for tr in trees)

    def grid(key: str, fill: float, dtype: Any) -> Any:
        out = np.full((len(trees), width), fill, dtype=dtype)
        for i, tr in enumerate(trees):
            out[i, : len(tr[key])] = tr[key]
        return out

    left = grid("left", 0, np.int64)
    right = grid("right", 0, np.int64)
    feature = grid("feature", -1, np.int64)
    # leaves loop back to themselves so every tree can be walked the same number of levels
    leaf = feature < 0
    idx = np.broadcast_to(np.arange(width), feature.shape)
    left = np.where(leaf, idx, left)
    right = np.where(leaf, idx, right)
    return LineModel(
        feature=feature, threshold=grid("threshold", 0.0, np.float64), left=left, right=right,
        value=grid("value", 0.0, np.float64), init=float(spec["init"]), depth=int(spec["depth"]),
        theta=float(spec["theta"]), drop_below=float(spec["drop_below"]),
        body_floor=float(spec["body_floor"]),
    )


@lru_cache(maxsize=1)
def load() -> LineModel | None:
    try:
        raw = resources.files("stanceline").joinpath(MODEL_PATH).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return None
    return from_spec(json.loads(raw))
