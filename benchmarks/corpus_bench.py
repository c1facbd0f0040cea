"""Benchmark of `compare corpus`: time, memory and family quality on synthetic corpora.

    python benchmarks/corpus_bench.py [--plans 250,1000] [--seed 0] [--out DIR] [--keep]

For each N: corpus_gen.py builds N plans (other regions' plans drafted from the bundled plans'
measures, with the truth of families and predecessors; a tenth as .docx), then one fresh
process runs `python -m compare corpus PLANS --meta meta.csv --out OUT -q` (the embedded
default: this machine's cores, no server) and corpus_score.py scores its measures.csv against
the truth. Reported per N:

- seconds: the wall time of that process (from nothing: an empty output folder, no store);
- rerun seconds: the same command again (everything read and decided is in the store);
- peak memory: the largest resident set of any one process of the run (ru_maxrss of the
  children, so the pool's workers count too), and the largest sum over the run's processes
  (sampled every 0.2 s with psutil, when it is installed);
- jieba ratio: seconds / the time a fresh process takes for `jieba.initialize()` (loading its
  whole dictionary), measured in the same run (median of 3), so machines of other speeds compare;
- quality: corpus_score.py's figures (pairwise same-family P/R/F1, measures found, predecessor
  in family and earlier), and those of the naive baseline (corpus_baseline.py: character-bigram
  TF-IDF, cosine 0.5, connected components) on the same corpus.

Growth is seconds(N largest) / seconds(N smallest). Targets on a 2-core machine: 1,000 plans in
<= 150x jieba's load, growth 250 -> 1,000 <= 4.6x, peak <= 4 GB; same-family F1 >= 0.90 at
precision >= 0.95, every measure found, predecessor >= 0.90. Results go to OUT/corpus_bench.json
and .md (default OUT: reports/corpus-bench/). Not a test: timings depend on the machine and on
what else runs on it (the load average is reported).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
import corpus_baseline  # noqa: E402
import corpus_gen  # noqa: E402
import corpus_score  # noqa: E402

JIEBA = "import time, jieba, logging; jieba.setLogLevel(logging.WARNING); t = time.perf_counter(); " \
        "jieba.initialize(); print(time.perf_counter() - t)"


def jieba_load() -> float:
    """Median of 3 fresh processes' `jieba.initialize()` seconds."""
    runs = [float(subprocess.run([sys.executable, "-c", JIEBA], capture_output=True, text=True, check=True)
                  .stdout.strip()) for _ in range(3)]
    return statistics.median(runs)


class _TreeMemory:
    """The largest sum of resident memory over a process and its descendants, sampled."""

    def __init__(self, pid: int):
        self.peak = 0
        self.stop = threading.Event()
        try:
            import psutil
        except ImportError:
            self.thread = None
            return
        self.proc = psutil.Process(pid)
        self.thread = threading.Thread(target=self._sample, args=(psutil,), daemon=True)
        self.thread.start()

    def _sample(self, psutil) -> None:
        while not self.stop.is_set():
            try:
                procs = [self.proc, *self.proc.children(recursive=True)]
                self.peak = max(self.peak, sum(p.memory_info().rss for p in procs if p.is_running()))
            except psutil.Error:
                pass
            self.stop.wait(0.2)

    def done(self) -> int | None:
        self.stop.set()
        if self.thread is None:
            return None
        self.thread.join()
        return self.peak


def run_corpus(corpus: Path, out: Path) -> dict:
    cmd = [sys.executable, "-m", "compare", "corpus", str(corpus / "plans"), "--meta", str(corpus / "meta.csv"),
           "--out", str(out), "-q"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    tree = _TreeMemory(proc.pid)
    stdout, stderr = proc.communicate()
    seconds = time.perf_counter() - t
    tree_peak = tree.done()
    if proc.returncode != 0:
        raise SystemExit(f"compare corpus failed ({proc.returncode}): {stderr[-2000:]}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"seconds": round(seconds, 2), "peak_process_mb": round(max(peak, before) / 1024, 1),
            "peak_tree_mb": round(tree_peak / 2**20, 1) if tree_peak else None}


def bench(n: int, seed: int, work: Path) -> dict:
    corpus = work / f"corpus-{n}"
    gen = corpus_gen.generate(corpus, n, seed=seed)
    out = work / f"out-{n}"
    first = run_corpus(corpus, out)
    rerun = run_corpus(corpus, out)
    truth = corpus_score.read_csv(corpus / "truth.csv")
    quality = corpus_score.score(truth, corpus_score.read_csv(out / "measures.csv"))
    baseline = corpus_score.score(truth, corpus_baseline.baseline(corpus))
    return {"plans": n, "measures": gen["measures"], "docx": gen["docx"], **first,
            "rerun_seconds": rerun["seconds"], "quality": quality,
            "baseline": {k: baseline[k] for k in ("precision", "recall", "f1", "predecessor_ok")}}


def report(results: list[dict], jieba: float, load: tuple) -> str:
    lines = ["| plans | measures | seconds | × jieba load | rerun s | peak process MB | peak all processes MB | "
             "same-family P / R / F1 | found | predecessor ok | baseline F1 (P / R) |",
             "|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---|"]
    for r in results:
        q, b = r["quality"], r["baseline"]
        lines.append(f"| {r['plans']} | {r['measures']} | {r['seconds']} | {r['seconds'] / jieba:.0f} | "
                     f"{r['rerun_seconds']} | {r['peak_process_mb']} | {r['peak_tree_mb']} | "
                     f"{q['precision']:.3f} / {q['recall']:.3f} / {q['f1']:.3f} | {q['found_share']:.3f} | "
                     f"{q['predecessor_ok']:.3f} | {b['f1']:.3f} ({b['precision']:.3f} / {b['recall']:.3f}) |")
    if len(results) > 1:
        lines.append(f"\ngrowth {results[0]['plans']} -> {results[-1]['plans']} plans: "
                     f"{results[-1]['seconds'] / results[0]['seconds']:.2f}x")
    lines.append(f"jieba.initialize(): {jieba:.3f} s; load average before the run {load[0]:.2f}, after {load[1]:.2f}; "
                 f"{os.cpu_count()} cores")
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--plans", default="250,1000", help="comma list of corpus sizes (plans)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", default=str(ROOT / "reports" / "corpus-bench"))
    ap.add_argument("--keep", action="store_true", help="keep the corpora and outputs (in OUT/work)")
    a = ap.parse_args(argv)
    sizes = [int(x) for x in a.plans.split(",") if x.strip()]
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    load_before = os.getloadavg()[0]
    jieba = jieba_load()
    with tempfile.TemporaryDirectory() as tmp:
        work = out / "work" if a.keep else Path(tmp)
        results = []
        for n in sizes:
            results.append(bench(n, a.seed, work))
            print(f"{n} plans: {results[-1]['seconds']} s, {corpus_score.format_line(results[-1]['quality'])}",
                  file=sys.stderr)
    load = (load_before, os.getloadavg()[0])
    text = report(results, jieba, load)
    (out / "corpus_bench.json").write_text(json.dumps({"jieba_seconds": jieba, "load_average": load,
                                                        "results": results}, ensure_ascii=False, indent=1))
    (out / "corpus_bench.md").write_text(text + "\n", encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
