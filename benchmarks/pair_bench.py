"""Pairwise quality on plans the tool has not seen: `compare OLD NEW` on consecutive editions of the
synthetic jurisdictions of `corpus_gen.py`, scored against the generator's truth.

    python benchmarks/pair_bench.py [--plans 120] [--seed 0] [--pairs 40] [--siblings]

For each jurisdiction with two or more editions, each pair of consecutive editions (year k, year
k+1) is compared in process (`compare.compare`); with --siblings, the first editions of two
jurisdictions of one year instead (plans drafted apart from the same sources, as the reference's
sibling plans are). Its links (matches) are scored against the truth:

    precision   links whose two measures belong to one family / links
    recall      truth pairs found / truth pairs, a truth pair being a new measure and the measure
                of the old edition it was derived from (`predecessor_all` in truth.csv); for
                siblings, two measures of one family
    new / dropped   measures whose family the other edition does not hold, reported new / dropped,
                over all such

The editions are drafted from the bundled plans' measures as drafters rewrite them (other places,
their own wording, dropped and added sentences, merges and splits): the knowledge the tool was
built with does not help it here. Not a test: the figures move with the generator's rates.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus_gen  # noqa: E402

import compare  # noqa: E402
from compare.vocab import MATCH  # noqa: E402


def edition_pairs(truth: list[dict]) -> list[tuple[str, str]]:
    """(old file, new file) for consecutive editions of each jurisdiction, in a stable order."""
    by_j: dict[str, set[tuple[int, str]]] = defaultdict(set)
    for row in truth:
        by_j[row["jurisdiction"]].add((int(row["year"]), row["file"]))
    out = []
    for j in sorted(by_j):
        eds = sorted(by_j[j])
        out += [(a[1], b[1]) for a, b in zip(eds, eds[1:], strict=False)]
    return out


def sibling_pairs(truth: list[dict]) -> list[tuple[str, str]]:
    """(file, file) of two jurisdictions' first editions of the same year, in a stable order."""
    first: dict[str, tuple[int, str]] = {}
    for row in truth:
        ed = (int(row["year"]), row["file"])
        first[row["jurisdiction"]] = min(first.get(row["jurisdiction"], ed), ed)
    by_year: dict[int, list[str]] = defaultdict(list)
    for year, f in sorted(first.values()):
        by_year[year].append(f)
    return [(fs[k], fs[k + 1]) for year in sorted(by_year) for fs in [by_year[year]] for k in range(len(fs) - 1)]


def score_pair(plans: Path, old: str, new: str, truth: list[dict], siblings: bool = False) -> dict:
    key = corpus_gen.normalise_label
    family = {(r["file"], key(r["label"])): r["family"] for r in truth}
    truth_pairs = set()
    if siblings:
        olds = [(key(r["label"]), r["family"]) for r in truth if r["file"] == old]
        news = [(key(r["label"]), r["family"]) for r in truth if r["file"] == new]
        truth_pairs = {(la, lb) for la, fa in olds for lb, fb in news if fa == fb}
    for r in truth:
        if siblings or r["file"] != new:
            continue
        for ref in filter(None, (r.get("predecessor_all") or "").split(";")):
            f, _, lab = ref.partition(":")
            if f == old:
                truth_pairs.add((key(lab), key(r["label"])))
    result = compare.compare([plans / old, plans / new])
    comp = result.comparisons[0]
    a, b = result.documents
    links = [(key(a.measure(lk.a).label), key(b.measure(lk.b).label)) for lk in comp.links if lk.tier == MATCH]
    right = sum(1 for la, lb in links if family.get((old, la)) is not None and family.get((old, la)) == family.get((new, lb)))
    found = sum(1 for p in links if p in truth_pairs)
    fam_old = {family.get((old, key(m.label))) for m in a.measures}
    fam_new = {family.get((new, key(m.label))) for m in b.measures}
    new_truth = [key(m.label) for m in b.measures if family.get((new, key(m.label))) not in fam_old]
    dropped_truth = [key(m.label) for m in a.measures if family.get((old, key(m.label))) not in fam_new]
    new_said = {key(b.measure(mid).label) for mid in comp.unmatched_b}
    dropped_said = {key(a.measure(mid).label) for mid in comp.unmatched_a}
    return {"links": len(links), "right": right, "truth": len(truth_pairs), "found": found,
            "new": len(new_truth), "new_found": sum(1 for x in new_truth if x in new_said),
            "dropped": len(dropped_truth), "dropped_found": sum(1 for x in dropped_truth if x in dropped_said)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--plans", type=int, default=120)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--pairs", type=int, default=40, help="at most this many edition pairs")
    ap.add_argument("--siblings", action="store_true", help="two jurisdictions' first editions, not one's next")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="compare-pairs-") as tmp:
        corpus_gen.generate(tmp, args.plans, seed=args.seed, docx_share=0.0)
        truth = corpus_gen.read_csv(Path(tmp) / "truth.csv")
        pairs = (sibling_pairs(truth) if args.siblings else edition_pairs(truth))[: args.pairs]
        t = time.perf_counter()
        total: dict[str, int] = defaultdict(int)
        for old, new in pairs:
            for k, v in score_pair(Path(tmp) / "plans", old, new, truth, args.siblings).items():
                total[k] += v
        seconds = time.perf_counter() - t
    p = total["right"] / max(total["links"], 1)
    r = total["found"] / max(total["truth"], 1)
    f1 = 2 * p * r / max(p + r, 1e-9)
    what = "sibling" if args.siblings else "edition"
    print(f"{len(pairs)} {what} pairs ({args.plans} plans, seed {args.seed}), {seconds:.1f} s: links {total['links']}, "
          f"P {p:.3f} R {r:.3f} F1 {f1:.3f}; new found {total['new_found']}/{total['new']}, "
          f"dropped found {total['dropped_found']}/{total['dropped']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
