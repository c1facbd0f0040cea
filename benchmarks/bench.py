"""Benchmark: `python benchmarks/bench.py [--quick] [--out DIR] [--check]` (from a source checkout:
it reads the bundled documents in inputs/; `nox -s bench` runs it).

Two measurements, against the speed targets of this project (a 2-core machine):

1. End to end: `python -m compare A B --out TMP -q` on inputs/chuanyu-2024.txt vs
   inputs/chuanyu-2025-2027.txt (parse, align, xlsx + html + json), each run a fresh Python
   process; the median of 5 (3 with --quick). One warm-up run first, not counted: it compiles
   bytecode and builds the tokenizer's dictionary cache and the page template's bytecode, as any
   first run on a machine does (the runs' environment drops PYTHONDONTWRITEBYTECODE: with it, each
   run would compile the project's modules from source again, which no installed copy does). Each
   run is paired with a fresh process timing how long jieba takes to load its dictionary
   (`jieba.initialize()`), so the figure that matters — the run's time as a multiple of that —
   holds on a faster or busier machine. Target: median ratio <= 0.7. Each run is also paired with
   a fresh process that only imports the libraries a run needs (LIBRARIES): the floor no work of
   the project's own can lower, reported as a multiple of the same jieba load.
3. A 20 MB plan (measure （一） of the 2024 plan repeated, ~55,000 measures) against the 2024 plan,
   JSON only: throughput of reading, parsing and aligning a file near the input size limit.
2. Alignment alone: `compare.align.align` on synthetic documents of N = 200, 1,000 and 5,000
   measures per side (200 and 1,000 with --quick), made by recombining and mutating the
   measures of every bundled input, B holding a known share of measures derived from A.
   Each N runs in its own process, so its peak memory (ru_maxrss) is its own. The growth
   exponent is the slope of log(seconds) against log(N). Target: 5,000 x 5,000 in <= 30 s and
   <= 4 GB peak.

Runs: 5 for N = 200 and 1,000, 3 for N = 5,000 (3 for all with --quick).
The results are printed as a table and written to OUT/bench.json and OUT/bench.md
(default OUT: reports/bench/). `--check` exits 1 when a target is missed. Not a test: timings
depend on the machine and on what else runs on it.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INPUTS = ROOT / "inputs"
PAIR = ("chuanyu-2024.txt", "chuanyu-2025-2027.txt")
E2E_TARGET_RATIO = 0.7        # the seed pair end to end, as a multiple of jieba's dictionary load
BIG_BYTES = 20 * 1024 * 1024
ALIGN_TARGET_N = 5000
ALIGN_TARGET_S = 30.0
ALIGN_TARGET_BYTES = 4 * 1024 ** 3
DERIVED_SHARE = 0.5          # share of B's measures derived from a measure of A
SEED = 20240205


# --- 1. end to end ----------------------------------------------------------------------------------

def jieba_load_seconds() -> float:
    """jieba's own dictionary load (`jieba.initialize()`), timed in a fresh process."""
    code = ("import logging, time, jieba; jieba.setLogLevel(logging.WARNING); t = time.perf_counter(); "
            "jieba.initialize(); print(time.perf_counter() - t)")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(p.stdout.strip().splitlines()[-1])


# What every seed-pair run must import before it does any work: the CLI, the matrices, the fuzzy
# matcher, the tokenizer's module and the two writers (numpy's unused modules deferred as a run does).
LIBRARIES = ("from compare.startup import defer_unused_numpy_modules as d; d(); "
             "import click, numpy, scipy.sparse, rapidfuzz.process, jieba, xlsxwriter, jinja2")


def libraries_seconds(env: dict) -> float:
    """A fresh process importing LIBRARIES only (interpreter start-up included): the floor under
    the end-to-end time that no work of the project's own can lower."""
    t = time.perf_counter()
    subprocess.run([sys.executable, "-c", LIBRARIES], check=True, env=env, capture_output=True)
    return time.perf_counter() - t


def bench_e2e(runs: int) -> dict:
    a, b = (str(INPUTS / n) for n in PAIR)
    formats, note = "xlsx,html,json", ""
    times, loads, floors = [], [], []
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    with tempfile.TemporaryDirectory(prefix="compare-bench-") as tmp:
        for k in range(runs + 1):                  # run 0 is the warm-up
            out = Path(tmp) / f"run{k}"
            cmd = [sys.executable, "-m", "compare", a, b, "--out", str(out), "-q", "--format", formats]
            load = jieba_load_seconds()
            t = time.perf_counter()
            p = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp, env=env)
            dt = time.perf_counter() - t
            if p.returncode != 0 and k == 0 and formats != "json":
                formats = "json"                   # a writer cannot run here: time the pipeline alone
                note = f"all-format run failed ({p.stderr.strip()[-200:]}); timed with --format json only"
                continue
            if p.returncode != 0:
                raise SystemExit(f"bench: end-to-end run failed (exit {p.returncode}):\n{p.stderr}")
            written = sorted(x.suffix for x in out.iterdir())
            report = json.loads(next(out.glob("*.json")).read_text(encoding="utf-8"))
            measures = [len(d["measures"]) for d in report["documents"]]     # what the table names
            if k:
                times.append(dt)
                loads.append(load)
                floors.append(libraries_seconds(env))
    ratios = [t / j for t, j in zip(times, loads, strict=True)]
    floor_ratio = statistics.median(f / j for f, j in zip(floors, loads, strict=True))
    med = statistics.median(ratios)
    import resource
    peak = _maxrss_bytes(resource, resource.RUSAGE_CHILDREN)   # the largest child so far: a run
    return {"pair": list(PAIR), "measures": measures, "formats": formats, "note": note, "runs": runs,
            "seconds": [round(t, 3) for t in times], "median_s": round(statistics.median(times), 3),
            "jieba_load_s": [round(j, 3) for j in loads], "ratios": [round(r, 3) for r in ratios],
            "median_ratio": round(med, 3), "peak_bytes": peak, "reports": written,
            "libraries_s": round(statistics.median(floors), 3), "libraries_ratio": round(floor_ratio, 3),
            "target_ratio": E2E_TARGET_RATIO, "ok": med <= E2E_TARGET_RATIO}


def big_text(target: int = BIG_BYTES) -> tuple[str, int]:
    """≥ 20 MB: measure （一） of the 2024 plan repeated, numbered （一）…（一百） under chapters 一、…;
    (text, number of measures)."""
    from compare.text.numerals import cn_numeral
    first = next(ln for ln in (INPUTS / PAIR[0]).read_text(encoding="utf-8").splitlines() if ln.startswith("（一）"))
    para = first[len("（一）"):]
    lines, size, count, chapter = ["关于印发《大文件测试方案》的通知", ""], 0, 0, 0
    while size < target:
        chapter += 1
        lines.append(f"{cn_numeral(chapter)}、第{chapter}部分")
        for k in range(1, 101):
            lines.append(f"（{cn_numeral(k)}）{para}")
            size += len(lines[-1].encode("utf-8")) + 1
            count += 1
    return "\n".join(lines) + "\n", count


def bench_big() -> dict:
    """One run of the 20 MB plan against the 2024 plan, JSON only."""
    text, n = big_text()
    with tempfile.TemporaryDirectory(prefix="compare-bench-big-") as tmp:
        big = Path(tmp) / "big.txt"
        big.write_text(text, encoding="utf-8")
        cmd = [sys.executable, "-m", "compare", str(big), str(INPUTS / PAIR[0]), "--out", str(Path(tmp) / "out"),
               "-q", "--format", "json"]
        t = time.perf_counter()
        p = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp)
        dt = time.perf_counter() - t
        if p.returncode != 0:
            raise SystemExit(f"bench: 20 MB run failed (exit {p.returncode}):\n{p.stderr}")
        report = json.loads(next((Path(tmp) / "out").glob("*.json")).read_text(encoding="utf-8"))
    found = len(report["documents"][0]["measures"])
    return {"bytes": len(text.encode("utf-8")), "measures": n, "found": found, "seconds": round(dt, 2),
            "ok": found == n}


# --- 2. alignment alone: synthetic documents ----------------------------------------------------------

_CLAUSE = re.compile(r"(?<=[，；。！？])")


def _seed_measures():
    """Measures of every bundled input (compilations: every attachment)."""
    from compare.ingest import read_text
    from compare.parse.structure import parse
    out = []
    for path in sorted(INPUTS.glob("*.txt")):
        for doc in parse(read_text(path), str(path)):
            out.extend(m for m in doc.measures if m.norm)
    if not out:
        raise SystemExit(f"bench: no measures found in {INPUTS}")
    return out


class Synth:
    """Makes measures by recombining and mutating clauses of the seed measures."""

    def __init__(self, seeds, rng: random.Random):
        from compare.text.lexicon import words
        self.rng = rng
        self.seeds = [[c for c in _CLAUSE.split(m.body.replace("\n", "")) if c.strip()] for m in seeds]
        self.seeds = [s for s in self.seeds if s]
        self.kinds = [m.kind for m in seeds]
        vocab = sorted({w for m in seeds for w in words(m.norm)})
        self.vocab = vocab

    def fresh(self) -> tuple[list[str], str]:
        """A new measure: one seed's clauses, a clause or two from others, then mutations."""
        rng = self.rng
        k = rng.randrange(len(self.seeds))
        clauses = list(self.seeds[k])
        for _ in range(rng.randint(1, 2)):
            other = self.seeds[rng.randrange(len(self.seeds))]
            clauses.insert(rng.randint(1, len(clauses)), rng.choice(other))
        return self.mutate(clauses, strength=3), self.kinds[k]

    def mutate(self, clauses: list[str], strength: int = 1) -> list[str]:
        """Drop, insert or swap clauses and replace words: what a new edition does to a measure."""
        rng = self.rng
        c = list(clauses)
        for _ in range(strength):
            op = rng.random()
            if op < 0.25 and len(c) > 2:
                del c[rng.randrange(1, len(c))]
            elif op < 0.5:
                other = self.seeds[rng.randrange(len(self.seeds))]
                c.insert(rng.randint(1, len(c)), rng.choice(other))
            elif op < 0.65 and len(c) > 2:
                i = rng.randrange(1, len(c) - 1)
                c[i], c[i + 1] = c[i + 1], c[i]
            else:
                c = [self._replace_words(x) for x in c]
        return c

    def _replace_words(self, clause: str) -> str:
        rng = self.rng
        for _ in range(rng.randint(1, 2)):
            w = rng.choice(self.vocab)
            pos = rng.randrange(max(len(clause) - 2, 1))
            clause = clause[:pos] + w + clause[pos + 2:]
        return clause


def _measure(clauses: list[str], kind: str, order: int):
    from compare.model import Measure
    from compare.text.numerals import cn_numeral
    text = "".join(clauses)
    title = text.split("。", 1)[0][:60]
    n = order + 1
    return Measure(id=f"m{n:05d}", label=f"（{cn_numeral(n)}）", path=[], chapter="", title=title,
                   text=text, kind=kind, body=text, number=n, order=order)


def synthetic_pair(n: int, seed: int = SEED, derived: float = DERIVED_SHARE):
    """Documents A and B of n measures each; B's first `derived` share (before shuffling) derive
    from distinct measures of A. Returns (a, b, truth) with truth the set of (i, j) pairs."""
    rng = random.Random(seed + n)
    synth = Synth(_seed_measures(), rng)
    fresh_a = [synth.fresh() for _ in range(n)]
    a = [_measure(c, kind, i) for i, (c, kind) in enumerate(fresh_a)]
    n_rel = int(round(derived * n))
    src = rng.sample(range(n), n_rel)
    rows = [(synth.mutate(fresh_a[i][0], strength=rng.randint(1, 3)), fresh_a[i][1], i) for i in src]
    rows += [(*synth.fresh(), None) for _ in range(n - n_rel)]
    rng.shuffle(rows)
    b = [_measure(c, kind, j) for j, (c, kind, _) in enumerate(rows)]
    truth = {(i, j) for j, (_, _, i) in enumerate(rows) if i is not None}
    return a, b, truth


def _align_worker(n: int, runs: int) -> dict:
    """In its own process: build the documents, time align() `runs` times, report peak memory."""
    import resource
    t = time.perf_counter()
    a, b, truth = synthetic_pair(n)
    gen_s = time.perf_counter() - t
    from compare.align import align
    from compare.align import clear_caches
    from compare.text.lexicon import words
    words("推进")                              # the tokenizer's start-up is not alignment
    rss_before = _maxrss_bytes(resource)
    times, pairs = [], []
    for _ in range(runs):
        clear_caches()                         # every run tokenizes from scratch
        t = time.perf_counter()
        pairs = align(a, b)
        times.append(time.perf_counter() - t)
    found = {(p.i, p.j) for p in pairs if p.tier == "match"}
    return {"n": n, "runs": runs, "seconds": [round(x, 3) for x in times],
            "median_s": round(statistics.median(times), 3), "generate_s": round(gen_s, 2),
            "links": len(found), "related_tier": len(pairs) - len(found), "derived": len(truth),
            "derived_found": len(truth & found),
            "peak_bytes": _maxrss_bytes(resource), "rss_before_align_bytes": rss_before}


def _maxrss_bytes(resource, who=None) -> int:
    r = resource.getrusage(resource.RUSAGE_SELF if who is None else who).ru_maxrss
    return int(r if sys.platform == "darwin" else r * 1024)     # Linux reports KiB


def bench_align(sizes: list[int], runs_for) -> dict:
    rows = []
    for n in sizes:
        cmd = [sys.executable, str(Path(__file__).resolve()), "--_align-worker", str(n), str(runs_for(n))]
        p = subprocess.run(cmd, capture_output=True, text=True)
        if p.returncode != 0:
            raise SystemExit(f"bench: alignment worker N={n} failed (exit {p.returncode}):\n"
                             f"{p.stderr[-3000:]}")
        rows.append(json.loads(p.stdout.strip().splitlines()[-1]))
        print(f"  N={n}: {rows[-1]['median_s']} s", file=sys.stderr, flush=True)
    slope = _slope([r["n"] for r in rows], [r["median_s"] for r in rows])
    big = next((r for r in rows if r["n"] == ALIGN_TARGET_N), None)
    ok = None if big is None else (big["median_s"] <= ALIGN_TARGET_S
                                   and big["peak_bytes"] <= ALIGN_TARGET_BYTES)
    return {"sizes": rows, "growth_exponent": slope, "derived_share": DERIVED_SHARE,
            "target": {"n": ALIGN_TARGET_N, "seconds": ALIGN_TARGET_S, "peak_bytes": ALIGN_TARGET_BYTES},
            "ok": ok}


def _slope(xs, ys) -> float | None:
    """Least-squares slope of log y against log x: 1 is linear, 2 quadratic."""
    pts = [(math.log(x), math.log(y)) for x, y in zip(xs, ys, strict=True) if x > 0 and y > 0]
    if len(pts) < 2:
        return None
    mx = sum(p[0] for p in pts) / len(pts)
    my = sum(p[1] for p in pts) / len(pts)
    sxx = sum((p[0] - mx) ** 2 for p in pts)
    return round(sum((p[0] - mx) * (p[1] - my) for p in pts) / sxx, 2) if sxx else None


# --- output -----------------------------------------------------------------------------------------

def _mb(b: int) -> str:
    return f"{b / 1024 ** 2:,.0f} MB"


def markdown(res: dict) -> str:
    e, al = res["e2e"], res["align"]
    ok = {True: "ok", False: "**MISSED**", None: "not measured"}
    lines = [
        f"# compare benchmark ({res['mode']}, {res['date']})",
        "",
        f"Machine: {res['machine']['cpus']} CPUs, Python {res['machine']['python']}, "
        f"{res['machine']['platform']}. Command: `{res['command']}`",
        "",
        "| measurement | N per side | median s | runs (s) | peak memory | target | result |",
        "|---|---:|---:|---|---:|---|---|",
        f"| end to end, {e['formats']} ({' vs '.join(e['pair'])}) | {' / '.join(map(str, e['measures']))} "
        f"| {e['median_s']:.2f} | "
        f"{', '.join(f'{x:.2f}' for x in e['seconds'])} | {_mb(e['peak_bytes'])} "
        f"| median <= {e['target_ratio']} × jieba load: **{e['median_ratio']:.2f} ×** "
        f"(jieba {statistics.median(e['jieba_load_s']):.2f} s) | {ok[e['ok']]} |",
    ]
    for r in al["sizes"]:
        target = ""
        verdict = ""
        if r["n"] == al["target"]["n"]:
            target = f"<= {al['target']['seconds']:.0f} s, <= {_mb(al['target']['peak_bytes'])}"
            verdict = ok[al["ok"]]
        lines.append(f"| align() alone, links {r['links']}, derived found {r['derived_found']}/{r['derived']} "
                     f"| {r['n']:,} | {r['median_s']:.2f} | {', '.join(f'{x:.2f}' for x in r['seconds'])} "
                     f"| {_mb(r['peak_bytes'])} | {target} | {verdict} |")
    big = res.get("big")
    if big:
        lines.append(f"| 20 MB plan vs the 2024 plan, json | {big['found']:,} / 39 | {big['seconds']:.1f} | | | "
                     f"every measure found | {ok[big['ok']]} |")
    lines += ["", f"Growth exponent of align() (slope of log s vs log N): {al['growth_exponent']}",
              "", f"Importing the libraries a run needs, alone, in a fresh process: {e['libraries_s']:.2f} s, "
              f"{e['libraries_ratio']:.2f} × jieba load (median; `{LIBRARIES.split('; ')[-1]}`)."]
    if e["note"]:
        lines += ["", f"Note: {e['note']}"]
    lines += ["", "End to end: fresh `python -m compare A B --out TMP -q` processes after one uncounted "
              "warm-up run. align(): synthetic documents (recombined and mutated measures of the bundled "
              f"inputs, {al['derived_share']:.0%} of B derived from A), one process per N; peak memory is "
              "that process's ru_maxrss (generation included)."]
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python benchmarks/bench.py", description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="N = 200 and 1,000 only, 3 runs (CI-sized)")
    ap.add_argument("--out", default=str(ROOT / "reports" / "bench"), help="folder for bench.json/.md")
    ap.add_argument("--check", action="store_true", help="exit 1 when a measured target is missed")
    ap.add_argument("--_align-worker", nargs=2, type=int, metavar=("N", "RUNS"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args._align_worker:
        print(json.dumps(_align_worker(*args._align_worker)))
        return 0
    for name in PAIR:
        if not (INPUTS / name).is_file():
            raise SystemExit(f"bench: {INPUTS / name} not found (run from a source checkout)")
    e2e_runs = 3 if args.quick else 5
    sizes = [200, 1000] if args.quick else [200, 1000, 5000]
    print(f"end to end: {e2e_runs} runs …", file=sys.stderr, flush=True)
    e2e = bench_e2e(e2e_runs)
    print("align() on synthetic documents …", file=sys.stderr, flush=True)
    align_res = bench_align(sizes, lambda n: 3 if args.quick or n >= 5000 else 5)
    big = None
    if not args.quick:
        print("a 20 MB plan …", file=sys.stderr, flush=True)
        big = bench_big()
    res = {"mode": "quick" if args.quick else "full",
           "date": time.strftime("%Y-%m-%d %H:%M:%S"),
           "command": "python benchmarks/bench.py" + (" --quick" if args.quick else ""),
           "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                       "platform": platform.platform()},
           "e2e": e2e, "align": align_res, "big": big}
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    md = markdown(res)
    (out / "bench.json").write_text(json.dumps(res, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (out / "bench.md").write_text(md, encoding="utf-8")
    print(md)
    print(f"written: {out / 'bench.json'}, {out / 'bench.md'}", file=sys.stderr)
    missed = [x for x in (e2e["ok"], align_res["ok"]) if x is False]
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
