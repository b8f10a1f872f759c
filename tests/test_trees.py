"""The numpy tree walk must give the probabilities scikit-learn gives for the same fitted model."""

from __future__ import annotations

import json

import numpy as np
import pytest

from stanceline.trees import export_hgb, read_json_resource, trees_from_spec


def test_trees_match_scikit_learn_after_a_json_round_trip() -> None:
    ensemble = pytest.importorskip("sklearn.ensemble")
    rng = np.random.default_rng(0)
    X = rng.normal(size=(600, 5))
    y = ((X[:, 0] * X[:, 1] > 0) ^ (X[:, 2] > 0.5)).astype(int)
    model = ensemble.HistGradientBoostingClassifier(max_iter=30, max_depth=4, random_state=0).fit(X, y)
    spec = json.loads(json.dumps(export_hgb(model)))
    ours = trees_from_spec(spec).proba(X.tolist())
    theirs = model.predict_proba(X)[:, 1]
    assert np.max(np.abs(ours - theirs)) < 1e-5
    assert trees_from_spec(spec).proba([]).shape == (0,)


def test_trees_missing_resource_is_none() -> None:
    assert read_json_resource("data/does-not-exist.json") is None
    assert read_json_resource("data/cleaner/lines.json") is not None


def test_trees_flat_walk_equals_walking_each_tree_by_hand() -> None:
    # the flat tables must land every row on the same leaves as walking each tree node by node
    spec = {"trees": [
        {"feature": [0, 1, -1, -1, -1], "threshold": [0.5, -1.0, 0, 0, 0], "left": [1, 3, 0, 0, 0],
         "right": [2, 4, 0, 0, 0], "value": [0.0, 0.0, 0.3, -0.7, 0.11]},
        {"feature": [1, -1, -1], "threshold": [0.25, 0, 0], "left": [1, 0, 0], "right": [2, 0, 0],
         "value": [0.0, -0.2, 0.45]},
    ], "init": 0.1, "depth": 2}
    rows = [[0.5, -1.0], [0.6, 0.0], [0.0, 0.25], [-3.0, 2.0]]

    def by_hand(row: list[float]) -> float:
        raw = spec["init"]
        for tr in spec["trees"]:
            i = 0
            while tr["feature"][i] >= 0:
                i = tr["left"][i] if row[tr["feature"][i]] <= tr["threshold"][i] else tr["right"][i]
            raw += tr["value"][i]
        return float(1.0 / (1.0 + np.exp(-raw)))

    got = trees_from_spec(spec).proba(rows)
    assert np.allclose(got, [by_hand(r) for r in rows], rtol=0, atol=1e-15)
