"""Where `compare corpus`'s time goes: the wall and CPU seconds of each step of one run.

    python benchmarks/corpus_stages.py CORPUS [--out DIR] [--workers N] [--json FILE]

CORPUS is a folder made by corpus_gen.py (CORPUS/plans, CORPUS/meta.csv; `python
benchmarks/corpus_gen.py CORPUS --plans 1000` makes one). The run is `compare.corpus(...)` in this
process, with the pipeline's steps wrapped by timers (nothing else changes: the run writes its
reports and store into DIR, default a temporary folder, from nothing). Per step: wall seconds, this
process's CPU seconds and the CPU seconds of the worker processes it started (a pool's workers are
counted when the pool closes). Steps nest (`read` holds `read tasks` and `store: files`); the
table lists them in the order they first ran. Not a test: timings depend on the machine and its
load (printed), so compare runs made in the same window.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


class Timer:
    """Accumulated (wall, own CPU, children's CPU, calls) per step name, in first-run order."""

    def __init__(self):
        self.steps: dict[str, list[float]] = {}

    @contextlib.contextmanager
    def step(self, name: str):
        t0, c0, k0 = time.perf_counter(), time.process_time(), _children_cpu()
        try:
            yield
        finally:
            row = self.steps.setdefault(name, [0.0, 0.0, 0.0, 0])
            row[0] += time.perf_counter() - t0
            row[1] += time.process_time() - c0
            row[2] += _children_cpu() - k0
            row[3] += 1

    def wrap(self, owner, attr: str, name: str | None = None) -> None:
        """Time every call of owner.attr (a module's function or a class's method) as step `name`."""
        fn = getattr(owner, attr)
        timer = self

        def timed(*args, **kwargs):
            with timer.step(name or attr):
                return fn(*args, **kwargs)
        setattr(owner, attr, timed)


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def instrument(timer: Timer) -> None:
    """Wrap the pipeline's steps (module attributes looked up at call time) with timers."""
    from compare.corpus import decide, families, lineage, reports, retrieve, run, schedule, store, tables
    for owner, attr, name in [
            (run, "_read", "read"), (run, "describe", "documents"), (run, "assemble", "assemble features"),
            (decide, "CorpusState", "corpus state"),
            (retrieve, "candidates", "candidates"), (retrieve, "same_text_pairs", "same-text pairs"),
            (retrieve, "pool_statistics", "pool statistics"), (decide, "decide", "decide (judge, scores)"),
            (families, "families", "families (Leiden)"), (families, "cohesion", "cohesion"),
            (lineage, "plan", "lineage plan"), (decide, "scores", "scores"), (lineage, "jobs", "lineage jobs"),
            (run, "_classify", "classify"), (tables, "frames", "tables"),
            (store.Store, "file", "store: files"), (store.Store, "put_packed_file", "store: files"),
            (store.Store, "decisions", "store: decisions"), (store.Store, "put_decisions", "store: decisions"),
            (store.Store, "links", "store: links"), (store.Store, "put_packed_links", "store: links"),
            (store.Store, "commit", "store: commit")]:
        timer.wrap(owner, attr, name)
    original_map = schedule.Runner.map

    def timed_map(self, fn, items, shared=None):
        with timer.step(f"{fn.__name__}s"):
            return original_map(self, fn, items, shared)
    schedule.Runner.map = timed_map
    original_writer = reports._writer

    def timed_writer(fmt, name):
        write = original_writer(fmt, name)

        def timed(result, path):
            with timer.step(f"write {name}"):
                return write(result, path)
        return timed
    reports._writer = timed_writer


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--out", type=Path, help="output folder (default: a temporary one)")
    ap.add_argument("--workers", type=int, default=None)
    ap.add_argument("--json", type=Path, help="also write the figures here")
    a = ap.parse_args(argv)
    if a.out is not None and a.out.exists() and any(a.out.iterdir()):
        ap.error(f"{a.out} is not empty: the run is timed from nothing (no store, no reports)")
    timer = Timer()
    instrument(timer)
    import compare
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        out = a.out or Path(tmp) / "out"
        with timer.step("total"):
            result = compare.corpus([a.corpus / "plans"], meta=a.corpus / "meta.csv", out=out, workers=a.workers)
    print(f"{'step':28} {'calls':>6} {'wall s':>8} {'cpu s':>8} {'workers cpu s':>14}")
    for name, (wall, cpu, kids, calls) in timer.steps.items():
        print(f"{name:28} {calls:6d} {wall:8.2f} {cpu:8.2f} {kids:14.2f}")
    print(f"{result.counts}\nload average before {load:.2f}, after {os.getloadavg()[0]:.2f}")
    if a.json:
        a.json.write_text(json.dumps({"load": [load, os.getloadavg()[0]], "counts": result.counts,
                                      "steps": timer.steps}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
