from __future__ import annotations

import pytest

from stanceline.scale.executor import map_stream


def square(x: int) -> int:
    return x * x


@pytest.mark.parametrize(("executor", "workers"), [("local", 1), ("local", 2), ("dask", 2)])
def test_executor_keeps_order_and_streams(executor: str, workers: int) -> None:
    consumed = []

    def gen():  # type: ignore[no-untyped-def]
        for i in range(40):
            consumed.append(i)
            yield i

    it = map_stream(square, gen(), workers=workers, executor=executor, window=8)  # type: ignore[arg-type]
    first = next(it)
    assert first == 0
    # Windowed submission: the input is not drained ahead of the consumer.
    assert len(consumed) <= 8 + 1
    assert [first, *it] == [i * i for i in range(40)]


def _profiling() -> bool:
    import dask

    return bool(dask.config.get("distributed.worker.profile.enabled"))


def test_executor_local_cluster_workers_do_not_profile() -> None:
    from stanceline.scale.executor import DaskExecutor, ExecutorOptions

    ex = DaskExecutor(ExecutorOptions(name="dask", workers=1))
    try:
        # The setting each worker process runs with, not this process's.
        assert list(ex.client.run(_profiling).values()) == [False]
    finally:
        ex.close()
