"""Large reports: how much writing the workbook and the HTML page costs on a very large plan.

    python benchmarks/large_reports.py [--measures 16536] [--runs 3 | --quick] [--keep DIR]

Builds, reproducibly (fixed seed), a synthetic plan of N measures (default 16,536) from the
measures of the bundled inputs — each synthetic measure one bundled measure with a clause of
another added, so every text is distinct — in chapters of 104 measures, and a mutated copy of it
(about 96 % of the measures kept word for word, 2 % reworded, 1 % dropped, 1 % new), as a later
edition would be. Then it times, each in a fresh process, `python -m compare A B --format json`
against `--format json,xlsx,html` and prints the median of each and their ratio, with a row for
the README's benchmark table. Target: all three formats in at most 2.5 × the JSON-only time.
Not a test: timings depend on the machine and on what else runs on it.
"""
from __future__ import annotations

import argparse
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
SEED = 16536
PER_CHAPTER = 104
RATIO_TARGET = 2.5
DROPPED, REWORDED, NEW = 0.01, 0.02, 0.01     # shares of the mutated copy's measures
_CLAUSE = re.compile(r"(?<=[，；。])")


def seed_measures() -> list[tuple[str, str]]:
    """(body, units clause) of every measure of every bundled input, compilations included."""
    from compare.api import load_all
    out = []
    for path in sorted(INPUTS.glob("*.txt")):
        for doc in load_all(path):
            for m in doc.measures:
                body = m.body or m.text
                tail = m.text[len(body):] if m.text.startswith(body) else ""
                if body.strip():
                    out.append((body.replace("\n", ""), tail.replace("\n", "")))
    if not out:
        raise SystemExit(f"large_reports: no measures found in {INPUTS}")
    return out


def _clauses(text: str) -> list[str]:
    return [c for c in _CLAUSE.split(text) if c.strip()]


def synthetic_measures(n: int, seeds: list[tuple[str, str]], start: int = 0) -> list[str]:
    """n distinct measure texts: seed i (cycling) with one clause of seed j inserted, where j
    runs through the seeds differently on every cycle, so no two texts are the same."""
    s = len(seeds)
    texts = []
    for k in range(start, start + n):
        i, q = k % s, k // s
        j = (37 * q + 11 * i + 1) % s
        if j == i:
            j = (j + 1) % s
        body, tail = seeds[i]
        other = _clauses(seeds[j][0])
        extra = other[q % len(other)] if other else ""
        parts = _clauses(body)
        parts.insert(max(1, len(parts) - 1), extra.rstrip("。；") + "；")
        texts.append("".join(parts) + tail)
    return texts


def mutated(texts: list[str], rng: random.Random, fresh: list[str]) -> list[str]:
    """A later edition: most measures kept, some reworded (a clause dropped or a number changed),
    some dropped, some new ones inserted."""
    out, fresh = [], list(fresh)
    for text in texts:
        roll = rng.random()
        if roll < DROPPED:
            continue
        if roll < DROPPED + REWORDED:
            parts = _clauses(text)
            if len(parts) > 2 and rng.random() < 0.5:
                del parts[rng.randrange(1, len(parts) - 1)]
            text = re.sub(r"\d+", lambda m: str(int(m.group()) + 1), "".join(parts), count=1)
            if text == "".join(parts):
                text = text.replace("推进", "深化推进", 1)
        out.append(text)
        if roll > 1 - NEW and fresh:
            out.append(fresh.pop())                         # new
    return out


def plan_text(title: str, texts: list[str], chapter_titles: list[str]) -> str:
    """The plan as printed: a title, chapters 一、… of PER_CHAPTER measures （一）…."""
    from compare.text.numerals import cn_numeral
    lines = [title, ""]
    for c in range(0, len(texts), PER_CHAPTER):
        number = c // PER_CHAPTER + 1
        lines.append(f"{cn_numeral(number)}、{chapter_titles[(number - 1) % len(chapter_titles)]}")
        for k, text in enumerate(texts[c:c + PER_CHAPTER], start=1):
            lines.append(f"（{cn_numeral(k)}）{text}")
    return "\n".join(lines) + "\n"


CHAPTER_TITLES = ["交通通信便捷行动事项", "就业社保便捷行动事项", "教育文化便捷行动事项",
                  "医疗卫生便捷行动事项", "住房保障便捷行动事项", "政务服务便捷行动事项"]


def write_inputs(folder: Path, n: int) -> tuple[Path, Path]:
    """The synthetic plan and its mutated copy, as two .txt files in `folder`."""
    rng = random.Random(SEED)
    seeds = seed_measures()
    texts = synthetic_measures(n, seeds)
    fresh = synthetic_measures(max(n // 100, 1), seeds, start=n)
    a, b = folder / "large-a.txt", folder / "large-b.txt"
    a.write_text(plan_text("关于印发大规模测试行动方案的通知", texts, CHAPTER_TITLES), encoding="utf-8")
    b.write_text(plan_text("关于印发大规模测试行动方案（修订）的通知", mutated(texts, rng, fresh),
                           CHAPTER_TITLES), encoding="utf-8")
    return a, b


def time_run(a: Path, b: Path, out: Path, formats: str) -> float:
    cmd = [sys.executable, "-m", "compare", str(a), str(b), "--out", str(out), "-q", "--format", formats]
    t = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    dt = time.perf_counter() - t
    if p.returncode != 0:
        raise SystemExit(f"large_reports: run failed (exit {p.returncode}):\n{p.stderr[-3000:]}")
    return dt


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python benchmarks/large_reports.py",
                                 description=__doc__.split("\n\n")[0])
    ap.add_argument("--measures", type=int, default=16536, help="measures in the synthetic plan")
    ap.add_argument("--runs", type=int, default=3, help="timed runs per format set (median)")
    ap.add_argument("--quick", action="store_true", help="one timed run per format set")
    ap.add_argument("--keep", default=None, help="write inputs and reports here and keep them")
    args = ap.parse_args(argv)
    if args.quick:
        args.runs = 1
    with tempfile.TemporaryDirectory(prefix="compare-large-") as tmp:
        folder = Path(args.keep or tmp)
        folder.mkdir(parents=True, exist_ok=True)
        a, b = write_inputs(folder, args.measures)
        print(f"inputs: {a} and {b} ({args.measures:,} measures)", file=sys.stderr, flush=True)
        time_run(a, b, folder / "warm-up", "json")          # bytecode, the tokenizer's cache
        times: dict[str, list[float]] = {"json": [], "json,xlsx,html": []}
        for k in range(args.runs):
            for formats, runs in times.items():
                runs.append(time_run(a, b, folder / f"run{k}-{formats.replace(',', '-')}", formats))
                print(f"  {formats}: {runs[-1]:.2f} s", file=sys.stderr, flush=True)
        json_s = statistics.median(times["json"])
        all_s = statistics.median(times["json,xlsx,html"])
    ratio = all_s / json_s
    verdict = "ok" if ratio <= RATIO_TARGET else "MISSED"
    print(f"| {args.measures:,} measures vs a mutated copy, all formats (xlsx+html+json) | "
          f"{all_s:.1f} s vs json-only {json_s:.1f} s | ratio {ratio:.2f} (target <= {RATIO_TARGET}) "
          f"| {verdict} |")
    return 0 if ratio <= RATIO_TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
