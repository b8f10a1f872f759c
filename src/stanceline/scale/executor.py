"""Where stage functions run: in this process, a local process pool, or a dask.distributed cluster.

One interface, `Executor.submit(fn, *args)` returning a future with `.result()`, so the pipeline is
the same code on one machine and on a cluster. `ordered()` streams results back in submission order
with a bounded number of tasks in flight: memory stays bounded however long the input is, and the
single writer sees the same sequence whatever the executor, so runs give the same store.

Dask: `--scheduler tcp://HOST:8786` (or DASK_SCHEDULER_ADDRESS) connects a `distributed.Client` to
an existing cluster; without an address a `LocalCluster` of `workers` single-threaded worker
processes is started for the run and closed after it. Tasks are plain functions of picklable
records; a worker that dies mid-task has its tasks rerun elsewhere by the scheduler, and since
workers only compute (the writer stores), a rerun stores nothing twice.
"""

from __future__ import annotations

import logging
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Literal, Protocol, TypeVar

from stanceline.errors import ConfigError

T = TypeVar("T")
R = TypeVar("R")

ExecutorName = Literal["local", "dask"]
SCHEDULER_ENV = "DASK_SCHEDULER_ADDRESS"


@dataclass(frozen=True, slots=True)
class ExecutorOptions:
    name: ExecutorName = "local"
    workers: int = 1
    # A dask scheduler address; None means DASK_SCHEDULER_ADDRESS, and without it a LocalCluster.
    scheduler: str | None = None
    # Run once in each worker process before its first task (the caller's warm-up, e.g. loading spaCy).
    warm: Callable[[], None] | None = None
    # What this code's stage versions are; every Dask worker must report the same (E433).
    versions: Callable[[], dict[str, str]] | None = None

    def scheduler_address(self) -> str | None:
        if self.name != "dask":
            return None
        return self.scheduler or os.environ.get(SCHEDULER_ENV) or None


class TaskFuture(Protocol[R]):  # type: ignore[misc]
    def result(self) -> R: ...


class Executor(Protocol):
    workers: int
    remote: bool

    def submit(self, fn: Callable[..., R], /, *args: Any) -> TaskFuture[R]: ...


def check_database(options: ExecutorOptions, dialect: str) -> None:
    """A remote cluster's workers run on other machines: the store they feed must be a server."""
    if options.scheduler_address() and dialect == "sqlite":
        raise ConfigError(
            "a remote Dask scheduler needs a PostgreSQL database (--db postgresql://…): a SQLite file "
            "is local to this machine. Use --executor dask without --scheduler for a local cluster.",
            code="E431",
        )


# -- the three executors ----------------------------------------------------------------------------
class InlineExecutor:
    """workers=1: run each task at once in this process (no pickling, no second process)."""

    workers = 1
    remote = False

    def submit(self, fn: Callable[..., R], /, *args: Any) -> Future[R]:
        fut: Future[R] = Future()
        try:
            fut.set_result(fn(*args))
        except BaseException as exc:  # handed to whoever asks for the result, as a pool would
            fut.set_exception(exc)
        return fut


class PoolExecutor:
    """A local process pool; each process loads the spaCy pipeline once (initializer)."""

    remote = False

    def __init__(self, workers: int, warm: Callable[[], None] | None) -> None:
        self.workers = workers
        self._pool = ProcessPoolExecutor(max_workers=workers, initializer=warm)

    def submit(self, fn: Callable[..., R], /, *args: Any) -> Future[R]:
        return self._pool.submit(fn, *args)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


class DaskExecutor:
    """A dask.distributed client: on an existing cluster (remote) or a LocalCluster it starts."""

    def __init__(self, options: ExecutorOptions) -> None:
        try:
            import distributed
        except ImportError as exc:  # pragma: no cover - distributed is a declared dependency
            raise ConfigError(
                "the dask executor needs the 'distributed' package: pip install 'distributed'", code="E430"
            ) from exc
        dist: Any = distributed  # untyped library: its calls are made through Any
        address = options.scheduler_address()
        self._cluster: Any = None
        self.remote = address is not None
        if address:
            try:
                self.client: Any = dist.Client(address, timeout="20s")
            except (OSError, TimeoutError) as exc:
                raise ConfigError(f"cannot reach the Dask scheduler at {address}: {exc}", code="E432") from exc
        else:
            self._cluster = local_cluster(max(1, options.workers))
            self.client = dist.Client(self._cluster)
        if options.versions is not None:
            check_workers(self.client, options.versions)
        if options.warm is not None:
            from stanceline.scale.plugin import Warm

            self.client.register_plugin(Warm(options.warm), name="stanceline-warm")
        self.workers = max(1, len(self.client.scheduler_info().get("workers", {})))

    def submit(self, fn: Callable[..., R], /, *args: Any) -> Any:
        # pure=False: inputs are unique documents, hashing their bytes for a task key would be wasted.
        return self.client.submit(fn, *args, pure=False)

    def close(self) -> None:
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()


# Dask settings for the workers of a LocalCluster (a remote cluster's workers take theirs from their
# own configuration: docs/SCALE.md). The statistical profiler walks the running task's stack 100
# times a second on the worker's event loop, taking the GIL from the task each time; over a spaCy
# parse that cost about 5% of the task's CPU (one worker parsing 49 pages in tasks of 8, two runs
# each way: 1.4-1.9 CPU-s of event loop with it, 0.6-0.8 without, per 19 CPU-s of parsing; see
# docs/SCALE.md). Nothing here reads its profiles.
WORKER_CONFIG: dict[str, Any] = {"distributed.worker.profile.enabled": False}


def local_cluster(workers: int) -> Any:
    """A LocalCluster of `workers` single-threaded worker processes (they inherit WORKER_CONFIG)."""
    import dask
    import distributed

    dist: Any = distributed
    with dask.config.set(WORKER_CONFIG):
        return dist.LocalCluster(
            n_workers=workers,
            threads_per_worker=1,  # spaCy and the cleaners hold the GIL: one task per process
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )


def check_workers(client: Any, versions: Callable[[], dict[str, str]]) -> None:
    """Every worker must run the same stanceline stage versions as this process, or the store would
    mix outputs of two versions under one version tag."""
    mine = versions()
    theirs = client.run(versions)
    bad = {addr: v for addr, v in theirs.items() if v != mine}
    if bad:
        addr, v = next(iter(bad.items()))
        raise ConfigError(
            f"Dask worker {addr} runs stanceline {v} but this process runs {mine}: install the same "
            "stanceline version on every worker",
            code="E433",
        )


@contextmanager
def open_executor(options: ExecutorOptions) -> Iterator[Executor]:
    if options.name == "dask":
        dask = DaskExecutor(options)
        try:
            yield dask
        finally:
            dask.close()
    elif options.workers <= 1:
        yield InlineExecutor()
    else:
        pool = PoolExecutor(options.workers, options.warm)
        try:
            yield pool
        finally:
            pool.close()


# -- ordered, bounded streaming ------------------------------------------------------------------
def ordered(executor: Executor, fn: Callable[[T], R], items: Iterable[T], *, window: int) -> Iterator[R]:
    """fn over items on the executor, results in input order, at most `window` tasks in flight."""
    pending: deque[TaskFuture[R]] = deque()
    it = iter(items)
    for item in it:
        pending.append(executor.submit(fn, item))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def map_stream(
    fn: Callable[[T], R],
    items: Iterable[T],
    *,
    workers: int = 1,
    executor: ExecutorName = "local",
    window: int | None = None,
) -> Iterator[R]:
    """fn over items on a fresh executor of this kind, in order (see `ordered`)."""
    with open_executor(ExecutorOptions(name=executor, workers=workers)) as ex:
        yield from ordered(ex, fn, items, window=window or 4 * ex.workers)
