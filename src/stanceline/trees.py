"""Boosted-tree ensembles shipped as JSON inside the package, and reading those JSON resources.

The cleaner's line and block classifiers are scikit-learn gradient-boosted trees exported by the
bench/train_* scripts (never pickled, so a scikit-learn upgrade cannot break loading). All trees
are walked at once with numpy, one gather per depth level, so scoring a page's few hundred rows
costs well under a few milliseconds. Scoring uses numpy alone: scikit-learn fits the trees (in
bench/) and is a dependency of the package for other work (story clusters, framing), but this
module never imports it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import numpy as np


@dataclass(frozen=True)
class Trees:
    feature: Any  # (trees, nodes) int: split feature, -1 at leaves
    threshold: Any  # (trees, nodes) float: go left when x <= threshold
    left: Any  # (trees, nodes) int child index; leaves point at themselves
    right: Any
    value: Any  # (trees, nodes) float leaf values (already scaled by the learning rate)
    init: float
    depth: int
    # The same tables flattened tree after tree, children as indices into the flat tables and
    # leaves reading feature 0 (they loop back to themselves whatever it holds): one gather per
    # table and level instead of two-dimensional indexing.
    flat: tuple[Any, Any, Any, Any, Any] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        t, width = self.feature.shape
        base = (np.arange(t, dtype=np.int64) * width)[:, None]
        flat = (np.maximum(self.feature, 0).ravel(), self.threshold.ravel(), (self.left + base).ravel(),
                (self.right + base).ravel(), self.value.ravel())
        object.__setattr__(self, "flat", flat)

    def proba(self, rows: list[list[float]]) -> Any:
        """Probability of the positive class per row, as a numpy array."""
        if not rows:
            return np.zeros(0)
        X = np.asarray(rows, dtype=np.float64)
        n, width = X.shape
        feature, threshold, left, right, value = self.flat
        t = self.feature.shape[0]
        # node[i * n + r]: where row r stands in tree i
        node = np.repeat(np.arange(t, dtype=np.int64) * self.feature.shape[1], n)
        at = np.tile(np.arange(n, dtype=np.int64) * width, t)
        x_flat = X.ravel()
        for _ in range(self.depth):
            node = np.where(x_flat[at + feature[node]] <= threshold[node], left[node], right[node])
        raw = self.init + value[node].reshape(t, n).sum(axis=0)
        return 1.0 / (1.0 + np.exp(-np.clip(raw, -30, 30)))


def trees_from_spec(spec: dict[str, Any]) -> Trees:
    """The ensemble in an exported spec: {"trees": [{feature, threshold, left, right, value}], "init", "depth"}."""
    trees = spec["trees"]
    width = max(len(tr["feature"]) for tr in trees)

    def grid(key: str, fill: float, dtype: Any) -> Any:
        out = np.full((len(trees), width), fill, dtype=dtype)
        for i, tr in enumerate(trees):
            out[i, : len(tr[key])] = tr[key]
        return out

    feature = grid("feature", -1, np.int64)
    # leaves loop back to themselves so every tree can be walked the same number of levels
    leaf = feature < 0
    idx = np.broadcast_to(np.arange(width), feature.shape)
    return Trees(
        feature=feature,
        threshold=grid("threshold", 0.0, np.float64),
        left=np.where(leaf, idx, grid("left", 0, np.int64)),
        right=np.where(leaf, idx, grid("right", 0, np.int64)),
        value=grid("value", 0.0, np.float64),
        init=float(spec["init"]),
        depth=int(spec["depth"]),
    )


def export_hgb(model: Any) -> dict[str, Any]:
    """The spec of a fitted scikit-learn HistGradientBoostingClassifier (binary), for `trees_from_spec`.

    Reads the fitted predictors' node tables; thresholds are kept exact (the quantile cuts sit on
    data values, so rounding could move a row across a split)."""
    trees, depth = [], 0
    for (pred,) in model._predictors:
        nodes = pred.nodes
        leaf = nodes["is_leaf"].astype(bool)
        trees.append({
            "feature": [(-1 if lf else int(f)) for f, lf in zip(nodes["feature_idx"], leaf, strict=True)],
            "threshold": [float(t) for t in nodes["num_threshold"]],
            "left": [int(x) for x in nodes["left"]],
            "right": [int(x) for x in nodes["right"]],
            "value": [round(float(v), 6) if lf else 0.0 for v, lf in zip(nodes["value"], leaf, strict=True)],
        })
        depth = max(depth, int(nodes["depth"].max()))
    return {"trees": trees, "init": float(np.ravel(model._baseline_prediction)[0]), "depth": depth}


def read_json_resource(path: str) -> dict[str, Any] | None:
    """A JSON file shipped in the package (path relative to the package root), or None if absent."""
    try:
        raw = resources.files("stanceline").joinpath(path).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return None
    data = json.loads(raw)
    return data if isinstance(data, dict) else None
