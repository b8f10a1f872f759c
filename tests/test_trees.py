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
