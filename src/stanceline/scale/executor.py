"""Run a pure stage function over a stream: in-process, in a local process pool, or on Dask.

Submission is windowed so memory stays bounded however long the input stream is, and results come
back in input order so progress and the single writer see a deterministic sequence.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from typing import Literal, TypeVar

T = TypeVar("T")
R = TypeVar("R")

ExecutorName = Literal["local", "dask"]


def map_stream(
    fn: Callable[[T], R],
    items: Iterable[T],
    *,
    workers: int = 1,
    executor: ExecutorName = "local",
    window: int | None = None,
) -> Iterator[R]:
    if executor == "dask":
        yield from _dask_map(fn, items, workers=max(1, workers), window=window or 64 * max(1, workers))
        return
    if workers <= 1:
        yield from map(fn, items)
        return
    yield from _pool_map(fn, items, workers=workers, window=window or 8 * workers)


def _pool_map(fn: Callable[[T], R], items: Iterable[T], *, workers: int, window: int) -> Iterator[R]:
    pending: deque[Future[R]] = deque()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        it = iter(items)
        for item in islice(it, window):
            pending.append(pool.submit(fn, item))
        while pending:
            result = pending.popleft().result()
            nxt = next(it, _SENTINEL)
            if nxt is not _SENTINEL:
                pending.append(pool.submit(fn, nxt))  # type: ignore[arg-type]
            yield result


def _dask_map(fn: Callable[[T], R], items: Iterable[T], *, workers: int, window: int) -> Iterator[R]:
    try:
        import dask.bag as db
    except ImportError as exc:  # pragma: no cover - dask is a declared dependency
        from stanceline.errors import ConfigError

        raise ConfigError(
            "the dask executor needs the 'dask' package: pip install dask", code="E401"
        ) from exc
    it = iter(items)
    while True:
        chunk = list(islice(it, window))
        if not chunk:
            return
        bag = db.from_sequence(chunk, npartitions=min(workers, len(chunk)))
        # An existing dask.distributed Client, if the user started one, takes over via dask's config.
        yield from bag.map(fn).compute(scheduler="processes", num_workers=workers)


_SENTINEL = object()
