"""The answer cache: one computation per key at a time, keyed by the data's fingerprint."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest

from stanceline.web import data


def test_cache_concurrent_misses_compute_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(data, "fingerprint", lambda store: (1,))
    cache = data.AnswerCache(ttl=5)
    calls: list[int] = []

    def compute() -> int:
        calls.append(1)
        time.sleep(0.1)
        return 42

    results: list[Any] = []
    threads = [
        threading.Thread(target=lambda: results.append(cache.get_or_compute(None, ("k",), compute)))  # type: ignore[arg-type]
        for _ in range(20)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert calls == [1] and results == [42] * 20


def test_cache_new_fingerprint_writes_or_expiry_recompute(monkeypatch: pytest.MonkeyPatch) -> None:
    version = [1]
    monkeypatch.setattr(data, "fingerprint", lambda store: (version[0],))
    cache = data.AnswerCache(ttl=0.05)
    n = [0]

    def compute() -> int:
        n[0] += 1
        return n[0]

    get = lambda: cache.get_or_compute(None, ("k",), compute)  # type: ignore[arg-type]  # noqa: E731
    assert get() == 1 and get() == 1
    version[0] = 2
    assert get() == 2
    cache.writes += 1
    assert get() == 3
    time.sleep(0.06)
    assert get() == 4


def test_cache_failed_computation_does_not_wedge_the_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(data, "fingerprint", lambda store: (1,))
    cache = data.AnswerCache()

    def boom() -> int:
        raise RuntimeError("x")

    with pytest.raises(RuntimeError):
        cache.get_or_compute(None, ("k",), boom)  # type: ignore[arg-type]
    assert cache.get_or_compute(None, ("k",), lambda: 7) == 7  # type: ignore[arg-type]
