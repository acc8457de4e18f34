"""Where the tasks of a build run: local processes, or a Dask cluster (``dask.distributed``).

An engine maps a function over a list of task arguments and returns the results in the list's
order, whatever order they finish in, so both engines produce the same tables. Tasks are
module-level functions of :mod:`syrianews.partitions` and :mod:`syrianews.assemble`, and
their results are small (summaries, counts): the rows go through files.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from typing import Any

from . import lean
from .config import BuildConfig


def _task(fn: Callable, *args: Any) -> Any:
    """Run one task, then give the memory it freed back to the system (a worker's resident
    memory is then that of one task, not the high-water mark of all it ran)."""
    try:
        return fn(*args)
    finally:
        lean.release()


class LocalEngine:
    """``jobs`` worker processes (none when ``jobs`` is 1: tasks run in this process), started
    lean (:func:`syrianews.lean.start_worker`: no pandas, allocators that give memory back)."""

    name = "local"

    def __init__(self, jobs: int):
        self.jobs = jobs
        self._pool: ProcessPoolExecutor | None = ProcessPoolExecutor(max_workers=jobs, initializer=lean.start_worker) if jobs > 1 else None

    @property
    def workers(self) -> int:
        return self.jobs

    def map(self, fn: Callable, args: Sequence[tuple], on_done: Callable[[Any], None] | None = None) -> list[Any]:
        if self._pool is None:
            out = []
            for a in args:
                out.append(_task(fn, *a))
                if on_done:
                    on_done(out[-1])
            return out
        futures = [self._pool.submit(_task, fn, *a) for a in args]
        index = {f: i for i, f in enumerate(futures)}
        results: list[Any] = [None] * len(futures)
        for f in as_completed(futures):
            results[index[f]] = f.result()
            if on_done:
                on_done(results[index[f]])
        return results

    def share(self, value: Any) -> Any:
        return value

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None


class DaskEngine:
    """A ``dask.distributed`` client: of the scheduler at ``address``, else of a LocalCluster of
    ``jobs`` single-threaded worker processes. Workers need syrianews installed (same version)
    and must see the inputs and the output folder at the same paths."""

    name = "dask"

    def __init__(self, jobs: int, address: str | None = None):
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError as e:  # pragma: no cover - depends on the install
            raise ImportError("the dask engine needs dask.distributed: pip install 'syrianews[dask]'") from e
        self._cluster = None
        if address:
            self._client = Client(address)
        else:
            self._cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=":0")  # any free port
            self._client = Client(self._cluster)

    @property
    def workers(self) -> int:
        return len(self._client.scheduler_info().get("workers", {}))

    def map(self, fn: Callable, args: Sequence[tuple], on_done: Callable[[Any], None] | None = None) -> list[Any]:
        from dask.distributed import as_completed as dask_completed

        futures = [self._client.submit(_task, fn, *a, pure=False) for a in args]
        if on_done:
            for f in dask_completed(futures):
                on_done(f.result())
        return self._client.gather(futures)

    def share(self, value: Any) -> Any:
        """Send a value to the cluster once (e.g. the title map) instead of in every task."""
        return self._client.scatter([value], broadcast=True)[0]  # a list: one object, not its items

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()


def make_engine(config: BuildConfig) -> LocalEngine | DaskEngine:
    if config.engine == "dask":
        return DaskEngine(config.jobs, config.scheduler)
    return LocalEngine(config.jobs)
