"""Score a `compare corpus` measure table against the truth of a synthetic corpus.

    python benchmarks/corpus_score.py TRUTH.csv MEASURES.csv [--json]

    score(truth_rows, measure_rows) -> dict of figures
    format_line(figures) -> the one-line summary printed by the command
    ideal_measures(truth_rows) -> the MEASURES rows a perfect tool would write (scores 1.0 on all)

TRUTH.csv is written by corpus_gen.py (file, label, family, predecessor_file, predecessor_label,
predecessor_all, year …). MEASURES.csv is what `compare corpus` writes: document (the input
file's name), label (as printed), family, predecessor_document, predecessor_label, status,
similarity … (extra columns are ignored). A measure is named by (file name, label); labels match
whatever their parentheses or spaces ((十二), （十二）, ( 十二 ), 十二). When a label occurs more than
once in a file (numbering that restarts in each chapter) the k-th occurrence matches the k-th;
a predecessor named by such a label is taken to be its first occurrence.

Figures
-------
found        share of truth measures that have a row in MEASURES (extra: rows naming no truth
             measure, e.g. a heading parsed as a measure).
pairs P/R/F1 pairwise "same family" over all pairs of truth measures: precision = pairs put in one
             family that truly share one / pairs put in one family; recall = / pairs that truly
             share one. Computed from the contingency table (sum of C(n,2) over cells, rows,
             columns), never by enumerating pairs. A truth measure missing from MEASURES counts
             as a family of its own.
families     number of true families vs predicted families (among the found measures).
predecessor  share of truth measures whose predicted predecessor is right in kind: the family's
             earliest measure (no measure of its family in an earlier document) must have none;
             every other measure must name a measure of its own true family in an earlier
             document. Documents are ordered by year, then by their order in TRUTH.csv (which
             corpus_gen writes in date order). Also split by truth: "continuing" (derived from
             the same jurisdiction's previous edition) and "adoption" (a first adoption).
exact        share whose predicted predecessor is exactly the true one: the truth's predecessor
             (any of them for a merge) when there is one; for a first adoption the family's
             earliest adopter (any measure of the family in the earliest document holding it);
             none for the family's earliest measure.
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import PurePath

_LABEL = re.compile(r"^\s*[（(]?\s*([零一二三四五六七八九十百]+)\s*[）)]?\s*$")


def normalise_label(label: str) -> str:
    """'(十二)', '（十二）', '( 十二 )', '十二' -> '（十二）'; anything else: stripped as is."""
    label = (label or "").replace("\u3000", " ")
    m = _LABEL.match(label)
    return f"（{m.group(1)}）" if m else label.strip()


def _doc(name: str) -> str:
    return PurePath((name or "").replace("\\", "/")).name


def _keys(rows, doc_col, label_col):
    """(document, label, k-th occurrence) for each row, in row order."""
    seen = Counter()
    out = []
    for r in rows:
        base = (_doc(r.get(doc_col, "")), normalise_label(r.get(label_col, "")))
        out.append(base + (seen[base],))
        seen[base] += 1
    return out


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def _year(row):
    y = row.get("year")
    if y:
        return int(y)
    m = re.search(r"(19|20)\d\d", _doc(row["file"]))
    return int(m.group(0)) if m else 0


def score(truth_rows, measure_rows) -> dict:
    tkeys = _keys(truth_rows, "file", "label")
    mkeys = _keys(measure_rows, "document", "label")
    pred = dict(zip(mkeys, measure_rows, strict=True))
    truth = dict(zip(tkeys, truth_rows, strict=True))
    n = len(tkeys)

    # documents ordered by year, then order of first appearance in the truth
    first_seen = {}
    for k, r in zip(tkeys, truth_rows, strict=True):
        first_seen.setdefault(k[0], (_year(r), len(first_seen)))
    rank = first_seen

    # pairwise same-family from the contingency table
    cells, rows_t, cols_p = Counter(), Counter(), Counter()
    for i, k in enumerate(tkeys):
        tf = truth[k]["family"]
        pr = pred.get(k)
        pf = ("found", pr.get("family", "")) if pr is not None and pr.get("family", "") != "" else ("alone", i)
        cells[(tf, pf)] += 1
        rows_t[tf] += 1
        cols_p[pf] += 1
    tp = sum(_pairs(c) for c in cells.values())
    true_pairs = sum(_pairs(c) for c in rows_t.values())
    pred_pairs = sum(_pairs(c) for c in cols_p.values())
    precision = tp / pred_pairs if pred_pairs else 1.0
    recall = tp / true_pairs if true_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    # predecessors
    family_docs = defaultdict(set)
    for k in tkeys:
        family_docs[truth[k]["family"]].add(k[0])
    earliest = {f: min(docs, key=rank.__getitem__) for f, docs in family_docs.items()}
    by_doc_family = defaultdict(set)
    for k in tkeys:
        by_doc_family[(k[0], truth[k]["family"])].add(k)

    def resolve(doc, label):
        if not (doc or "").strip() and not (label or "").strip():
            return None
        return (_doc(doc), normalise_label(label), 0)

    ok = exact = 0
    by_kind = {"continuing": [0, 0, 0], "adoption": [0, 0, 0], "earliest": [0, 0, 0]}
    for k in tkeys:
        t = truth[k]
        fam = t["family"]
        pr = pred.get(k)
        p = resolve(pr.get("predecessor_document", ""), pr.get("predecessor_label", "")) if pr else None
        first_of_family = earliest[fam] == k[0]
        if first_of_family:
            right = p is None
        else:
            right = p is not None and p in truth and truth[p]["family"] == fam and rank[p[0]] < rank[k[0]]
        if t.get("predecessor_file"):
            kind = "continuing"
            allp = [x for x in (t.get("predecessor_all") or "").split("+") if x]
            want = {(_doc(x.rsplit(":", 1)[0]), normalise_label(x.rsplit(":", 1)[1]), 0) for x in allp}
            want = want or {resolve(t["predecessor_file"], t["predecessor_label"])}
        elif first_of_family:
            kind, want = "earliest", {None}
        else:
            kind, want = "adoption", by_doc_family[(earliest[fam], fam)]
        hit = p in want if p is not None else None in want
        ok += right
        exact += hit
        by_kind[kind][0] += right
        by_kind[kind][1] += hit
        by_kind[kind][2] += 1

    found = sum(1 for k in tkeys if k in pred)
    return {
        "measures": n, "found": found, "found_share": round(found / n, 4) if n else 0.0,
        "extra": sum(1 for k in mkeys if k not in truth),
        "pairs_true": true_pairs, "pairs_predicted": pred_pairs, "pairs_correct": tp,
        "precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
        "families_true": len(rows_t),
        "families_predicted": len({pf for pf in cols_p if pf[0] == "found"}),
        "predecessor_ok": round(ok / n, 4) if n else 0.0,
        "predecessor_exact": round(exact / n, 4) if n else 0.0,
        "predecessor_ok_by_truth": {kind: round(a / n_, 4) if n_ else None for kind, (a, _, n_) in by_kind.items()},
        "predecessor_exact_by_truth": {kind: round(e / n_, 4) if n_ else None
                                       for kind, (_, e, n_) in by_kind.items()},
        "measures_by_truth": {kind: n_ for kind, (_, _, n_) in by_kind.items()},
    }


def ideal_measures(truth_rows) -> list:
    """MEASURES rows that score 1.0 everywhere: the true family, the true predecessor, and for a
    first adoption the family's earliest adopter (first measure of the earliest document)."""
    tkeys = _keys(truth_rows, "file", "label")
    rank = {}
    for k, r in zip(tkeys, truth_rows, strict=True):
        rank.setdefault(k[0], (_year(r), len(rank)))
    first = {}
    for k, r in zip(tkeys, truth_rows, strict=True):
        f = r["family"]
        if f not in first or rank[k[0]] < rank[first[f][0][0]]:
            first[f] = (k, r)
    out = []
    for k, r in zip(tkeys, truth_rows, strict=True):
        pd, pl = r.get("predecessor_file", ""), r.get("predecessor_label", "")
        if not pd:
            (fk, fr) = first[r["family"]]
            if rank[fk[0]] < rank[k[0]]:
                pd, pl = fr["file"], fr["label"]
        out.append({"document": r["file"], "label": r["label"], "family": r["family"],
                    "predecessor_document": pd, "predecessor_label": pl,
                    "status": "continued" if pd else "first", "similarity": ""})
    return out


def format_line(s: dict) -> str:
    k, e = s["predecessor_ok_by_truth"], s["predecessor_exact_by_truth"]

    def fmt(x):
        return "-" if x is None else f"{x:.3f}"
    return (f"measures {s['found']}/{s['measures']} found {s['found_share']:.3f} extra {s['extra']} | "
            f"pairs P {s['precision']:.3f} R {s['recall']:.3f} F1 {s['f1']:.3f} | "
            f"families true {s['families_true']} predicted {s['families_predicted']} | "
            f"predecessor ok {s['predecessor_ok']:.3f} (continuing {fmt(k['continuing'])}, adoption "
            f"{fmt(k['adoption'])}, earliest {fmt(k['earliest'])}) | exact {s['predecessor_exact']:.3f} "
            f"(continuing {fmt(e['continuing'])}, adoption {fmt(e['adoption'])}, earliest {fmt(e['earliest'])})")


def read_csv(path) -> list:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("truth")
    ap.add_argument("measures")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON instead")
    a = ap.parse_args(argv)
    truth = read_csv(a.truth)
    measures = read_csv(a.measures)
    missing = {"document", "label", "family"} - set(measures[0] if measures else ())
    if missing:
        print(f"{a.measures}: missing columns {', '.join(sorted(missing))}", file=sys.stderr)
        return 2
    s = score(truth, measures)
    print(json.dumps(s, ensure_ascii=False, indent=1) if a.json else format_line(s))
    return 0


if __name__ == "__main__":
    sys.exit(main())
