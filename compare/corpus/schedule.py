"""Where the corpus's tasks run: on this machine's cores (the default, no server), or on a Dask
cluster (`--scheduler tcp://HOST:PORT`). Both run the same tasks, split the same way, and the
pipeline assembles their results in the same order, so the results are the same.

- Embedded: a pool of worker processes, one per core this process may use (forked, so a large
  object every task reads — the corpus's measures and features — is shared, not copied); in this
  process when there is one core or one task.
- Dask: `distributed.Client(address)`; such an object is sent to every worker once
  (`Client.scatter(broadcast=True)`), the tasks are submitted with keys named after their step
  (`read_task-…`, `decide_task-…`, `classify_task-…`) and gathered in order. The workers must see the
  input files at the same paths (a shared folder), as with any Dask job that reads files.

    Runner(scheduler=None, workers=None)      .map(fn, items, shared=None) -> list; .close()
"""
from __future__ import annotations

import os
import uuid
from typing import Any, Callable

from compare.errors import InputError

_SHARED: dict[str, Any] = {}
CHUNKS_PER_WORKER = 32          # the embedded pool sends each worker its items in about this many chunks


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:           # not Linux
        return os.cpu_count() or 1


def _embedded_call(fn: Callable, item: Any) -> Any:
    return fn(item, _SHARED.get("shared"))


def _install(shared: Any) -> None:
    _SHARED["shared"] = shared


class Runner:
    """Runs `fn(item, shared)` for each item, in order, and returns the results in order."""

    def __init__(self, scheduler: str | None = None, workers: int | None = None):
        self.scheduler = scheduler
        self.workers = workers or _cores()
        self.client = None
        self.tasks = 0                                  # tasks run (for progress and tests)
        if scheduler:
            try:
                from distributed import Client
            except ImportError as exc:
                raise InputError(None, "--scheduler 需要安装 Dask 的 distributed 包 needs Dask's distributed: "
                                       "pip install \"policy-compare[dask]\"") from exc
            import dask
            try:                        # Dask's own connect timeout (DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT)
                self.client = Client(scheduler, timeout=dask.config.get("distributed.comm.timeouts.connect"))
            except (OSError, TimeoutError, ValueError) as exc:
                raise InputError(None, f"--scheduler {scheduler}：无法连接 cannot connect ({exc})") from exc

    def map(self, fn: Callable, items: list, shared: Any = None) -> list:
        items = list(items)
        self.tasks += len(items)
        if self.client is not None:
            return self._dask(fn, items, shared)
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor
        if self.workers <= 1 or len(items) <= 1 or "fork" not in multiprocessing.get_all_start_methods():
            return [fn(item, shared) for item in items]      # (without fork the shared object would be copied)
        _install(shared)                # forked workers see it without a copy being sent
        try:
            with ProcessPoolExecutor(min(self.workers, len(items)), mp_context=multiprocessing.get_context("fork"),
                                     initializer=_install, initargs=(shared,)) as pool:
                return list(pool.map(_embedded_call, [fn] * len(items), items, chunksize=self._chunk(len(items))))
        finally:
            _SHARED.clear()

    def _chunk(self, n: int) -> int:
        """Items sent to a worker at a time: a few thousand small tasks (classifying one pair of
        documents) cost more in messages than in work one by one; CHUNKS_PER_WORKER chunks a
        worker keep the workers evenly busy to the end."""
        return max(1, n // (self.workers * CHUNKS_PER_WORKER))

    def _dask(self, fn: Callable, items: list, shared: Any) -> list:
        run = uuid.uuid4().hex[:8]
        token = (self.client.scatter([shared], broadcast=True, hash=False)[0]   # one object, even a list
                 if shared is not None else None)
        futures = [self.client.submit(fn, item, token, key=f"{fn.__name__}-{run}-{k}", pure=False)
                   for k, item in enumerate(items)]
        try:
            return self.client.gather(futures)
        finally:
            for f in futures:
                f.release()
            if token is not None:
                token.release()

    def close(self) -> None:
        if self.client is not None:
            self.client.close()
            self.client = None
