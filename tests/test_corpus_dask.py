"""`compare corpus --scheduler`: a real Dask scheduler and two workers on 127.0.0.1 (subprocesses)
do the work, and measures.csv is byte for byte the embedded run's. The command line of the run on
the cluster runs in this process (tests/in_process.py), as the cluster's client."""
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from corpus_fixtures import make_corpus
from in_process import run_compare

distributed = pytest.importorskip("distributed")
DASK = Path(sys.executable).with_name("dask")


def _start(args, log):
    return subprocess.Popen([str(DASK), *args], stdout=log, stderr=subprocess.STDOUT, cwd=log.name.rsplit("/", 1)[0],
                            env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])})


@pytest.fixture
def cluster(tmp_path):
    if not DASK.exists():
        pytest.skip("the dask command is not installed next to this Python")
    info = tmp_path / "scheduler.json"
    procs = []
    logs = [open(tmp_path / f"{name}.log", "w") for name in ("scheduler", "worker1", "worker2")]
    try:
        procs.append(_start(["scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                             "--scheduler-file", str(info)], logs[0]))
        for log in logs[1:]:
            procs.append(_start(["worker", "--scheduler-file", str(info), "--nthreads", "1", "--no-nanny",
                                 "--no-dashboard", "--host", "127.0.0.1"], log))
        deadline = time.time() + 30
        while not info.exists() and time.time() < deadline:
            time.sleep(0.1)
        address = json.loads(info.read_text())["address"]
        with distributed.Client(address, timeout=30) as client:
            client.wait_for_workers(2, timeout=30)
        yield address
        with distributed.Client(address, timeout=10) as client:
            client.shutdown()                   # scheduler and workers stop at once
    finally:
        for p in procs:
            try:
                p.wait(timeout=5)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
        for log in logs:
            log.close()


def test_the_cluster_gives_the_embedded_result_and_its_workers_do_the_work(cluster, tmp_path):
    root = make_corpus(tmp_path / "corpus", plans=6, seed=5)
    cmd = ["corpus", root / "plans", "--meta", root / "meta.csv", "-q"]
    embedded = run_compare(*cmd, "--out", tmp_path / "embedded")
    assert embedded.returncode == 0, embedded.stderr
    on_dask = run_compare(*cmd, "--out", tmp_path / "dask", "--scheduler", cluster)
    assert on_dask.returncode == 0, on_dask.stderr
    assert (tmp_path / "dask" / "measures.csv").read_bytes() == (tmp_path / "embedded" / "measures.csv").read_bytes()
    assert (tmp_path / "dask" / "families.csv").read_bytes() == (tmp_path / "embedded" / "families.csv").read_bytes()
    with distributed.Client(cluster, timeout=30) as client:
        done = client.run(lambda dask_worker: sorted({str(k[0] if isinstance(k, tuple) else k).split("-")[0]
                                                       for k, *_ in dask_worker.state.log}))
        executed = client.run(lambda dask_worker: dask_worker.state.executed_count)
    assert len(executed) == 2 and all(n > 0 for n in executed.values()), executed      # both workers worked
    steps = set().union(*done.values())
    assert {"read_task", "decide_task", "classify_task"} <= steps, steps


def test_an_unreachable_scheduler_is_a_one_line_error(tmp_path):
    root = tmp_path / "plans"
    root.mkdir()
    (root / "a.txt").write_text("（一）推进试点。\n", encoding="utf-8")
    # a process of its own: Dask reads DASK_* variables when it is imported
    r = subprocess.run([sys.executable, "-m", "compare", "corpus", str(root), "--out", str(tmp_path / "out"),
                        "--scheduler", "tcp://127.0.0.1:9"], capture_output=True, text=True, timeout=60,
                       env={**os.environ, "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "2s"})
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "cannot connect" in r.stderr
