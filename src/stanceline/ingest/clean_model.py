"""The learned line classifier: a logistic regression shipped as JSON, loaded once per process.

Trained by bench/train_cleaner.py on the dev gold sets only. When the file is missing or was
written for other features, `load()` returns None and the cleaner uses its rule scores alone.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from stanceline.ingest.clean_features import FEATURE_NAMES


@dataclass(frozen=True, slots=True)
class LineModel:
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    theta: float
    drop_below: float

    def proba(self, rows: list[list[float]]) -> list[float]:
        out = []
        for row in rows:
            z = self.intercept
            for x, m, s, c in zip(row, self.mean, self.scale, self.coef, strict=True):
                z += c * (x - m) / (s or 1.0)
            out.append(1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))))
        return out


@lru_cache(maxsize=1)
def load() -> LineModel | None:
    try:
        raw = resources.files("stanceline").joinpath("data/cleaner/lines.json").read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return None
    spec = json.loads(raw)
    if tuple(spec.get("features", ())) != FEATURE_NAMES:
        return None
    return LineModel(
        mean=tuple(spec["mean"]),
        scale=tuple(spec["scale"]),
        coef=tuple(spec["coef"]),
        intercept=float(spec["intercept"]),
        theta=float(spec["theta"]),
        drop_below=float(spec["drop_below"]),
    )
