"""A Dask worker plugin that runs the caller's warm-up once in each worker as it joins."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from distributed.diagnostics.plugin import WorkerPlugin


class Warm(WorkerPlugin):
    """Runs `fn` (e.g. loading the spaCy pipeline, which the loader caches per process) when a worker
    starts, so each worker pays for it once and up front, not inside whichever task comes first."""

    def __init__(self, fn: Callable[[], None]) -> None:
        self.fn = fn

    def setup(self, worker: Any) -> None:
        self.fn()
