from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


@pytest.fixture(autouse=True)
def _bench_env_restored(monkeypatch: pytest.MonkeyPatch) -> None:
    """A harness's main() writes the folder and split into the environment for its workers;
    recorded here first, both are put back after each test (an empty value means unset)."""
    from bench import gold

    for name in (gold.ROOT_ENV, gold.SPLIT_ENV):
        monkeypatch.setenv(name, os.environ.get(name, ""))
