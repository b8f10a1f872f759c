"""The standing robustness suite: hostile inputs (bench/fuzz.py) through the real command line.

The fast part runs by default on a small fuzz folder; the whole folder (>= 2,000 hostile inputs,
50 good articles, NLP on), the kill -9 loop, concurrent runs and the browser crawl are
`@pytest.mark.slow`."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).parent))

from bench import fuzz  # noqa: E402


def _corpus(factory: pytest.TempPathFactory, scale: fuzz.Scale) -> Iterator[fuzz.FuzzCorpus]:
    root = factory.mktemp(f"fuzz-{scale}") / "corpus"
    corpus = fuzz.build(root, scale=scale)
    yield corpus
    fuzz.restore_permissions(root)


@pytest.fixture(scope="session")
def small_fuzz(tmp_path_factory: pytest.TempPathFactory) -> Iterator[fuzz.FuzzCorpus]:
    yield from _corpus(tmp_path_factory, "small")


@pytest.fixture(scope="session")
def full_fuzz(tmp_path_factory: pytest.TempPathFactory) -> Iterator[fuzz.FuzzCorpus]:
    yield from _corpus(tmp_path_factory, "full")
