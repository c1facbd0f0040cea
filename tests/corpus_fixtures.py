"""A small synthetic corpus for the corpus tests (benchmarks/corpus_gen.py: plans of other regions
made from the bundled plans' measures, with a truth of families and predecessors).

Tests about what a corpus run decides, reviews or carries run its tasks in the test process
(`workers=1`): a pool of forked workers costs more than a small corpus's tasks (about 1.4 s of CPU
a run on 2 cores, against 0.8 s for the whole 6-plan run). The pool itself — the default — runs in
test_corpus_cli, in test_corpus_reports' run, in the embedded run test_corpus_dask holds the
cluster's to, in test_corpus_review's first run, and in test_corpus_incremental's fresh run, whose
measures.csv must be byte for byte the one the incremental reruns in the test process give."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCH))
import corpus_gen  # noqa: E402
import corpus_score  # noqa: E402

USE_GOLD = corpus_gen.GOLD_DIR.exists()


def make_corpus(folder: Path, plans: int = 10, seed: int = 5) -> Path:
    """Write a corpus of `plans` plans to folder (plans/, meta.csv, truth.csv); returns folder."""
    corpus_gen.generate(folder, plans, seed=seed, docx_share=0.2, use_gold=USE_GOLD)
    return folder


def copy_plans(src: Path, dst: Path, names) -> Path:
    dst.mkdir(parents=True, exist_ok=True)
    for n in names:
        shutil.copy2(src / "plans" / n, dst / n)
    return dst


def plans_in_order(folder: Path) -> list[str]:
    """The plans' file names in meta.csv's (date) order."""
    return [r["file"] for r in corpus_score.read_csv(folder / "meta.csv")]


__all__ = ["corpus_gen", "corpus_score", "make_corpus", "copy_plans", "plans_in_order"]
