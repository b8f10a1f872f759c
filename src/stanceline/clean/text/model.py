"""The learned line classifier: boosted trees shipped as JSON, loaded once per process.

Trained by bench/train_cleaner.py on the dev gold sets only; evaluated by `stanceline.trees`.
When the file is missing or was written for other features, `load()` returns None and the
cleaner uses its rule scores alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from stanceline.clean.text.features import FEATURE_NAMES
from stanceline.trees import Trees, read_json_resource, trees_from_spec

MODEL_PATH = "data/cleaner/lines.json"


@dataclass(frozen=True)
class LineModel:
    trees: Trees
    theta: float  # a short line is kept when its probability clears this
    drop_below: float  # a short line inside the article run is still dropped below this
    body_floor: float  # a prose line below this probability counts against the run

    def proba(self, rows: list[list[float]]) -> list[float]:
        return [float(v) for v in self.trees.proba(rows)]


def from_spec(spec: dict[str, Any]) -> LineModel | None:
    if tuple(spec.get("features", ())) != FEATURE_NAMES or "trees" not in spec:
        return None
    return LineModel(
        trees=trees_from_spec(spec), theta=float(spec["theta"]), drop_below=float(spec["drop_below"]),
        body_floor=float(spec["body_floor"]),
    )


@lru_cache(maxsize=1)
def load() -> LineModel | None:
    spec = read_json_resource(MODEL_PATH)
    return from_spec(spec) if spec is not None else None
