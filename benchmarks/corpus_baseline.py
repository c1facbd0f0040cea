"""Naive baseline for `compare corpus`: character-bigram TF-IDF, a cosine threshold, connected
components; writes a MEASURES.csv that corpus_score.py reads.

    python benchmarks/corpus_baseline.py CORPUS_DIR --out MEASURES.csv [--threshold 0.5]

    measures_of(corpus_dir) -> [(document, label, text, rank)] (every measure, via compare.load)
    tfidf(texts) -> L2-normalised scipy.sparse CSR matrix of character bigrams
    cluster(X, threshold) -> (component per row, {(i, j): similarity} for the edges above it)
    baseline(corpus_dir, threshold=0.5) -> MEASURES rows

Method (deliberately simple, no tuning to the corpus): the text of each measure (`.text` of
`compare.load`: title, body and units clause, whitespace removed) as character bigrams; weight
(1 + log tf) * idf with idf = log((1 + N) / (1 + df)) + 1; rows L2-normalised; cosine similarity
X·Xᵀ computed in row blocks, keeping pairs at or above the threshold; families are the connected
components of that graph. The predecessor of a measure is its most similar neighbour (an edge
above the threshold) in an earlier document, the latest such document on a tie; documents are ordered by year and date from
CORPUS_DIR/meta.csv (by file name when there is none). Only the public API of `compare` is used.
"""
from __future__ import annotations

import argparse
import csv
import math
import re
import sys
import time
from pathlib import Path

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import connected_components

_SPACE = re.compile(r"\s+")


def measures_of(corpus_dir) -> list:
    """Every measure of every plan in CORPUS_DIR/plans as (document, label, text, rank)."""
    import compare
    corpus_dir = Path(corpus_dir)
    files = sorted(p.name for p in (corpus_dir / "plans").iterdir() if p.suffix in (".txt", ".docx"))
    order = {}
    meta = corpus_dir / "meta.csv"
    if meta.exists():
        with open(meta, encoding="utf-8-sig", newline="") as fh:
            for i, r in enumerate(csv.DictReader(fh)):
                order[r["file"]] = (int(r.get("year") or 0), r.get("date", ""), i)
    files.sort(key=lambda f: order.get(f, (0, "", f)))
    out = []
    for rank, f in enumerate(files):
        doc = compare.load(str(corpus_dir / "plans" / f))
        for m in doc.measures:
            out.append((f, m.label, _SPACE.sub("", m.text), order.get(f, (0, "", rank))[:2]))
    return out


def tfidf(texts) -> sparse.csr_matrix:
    vocab, indptr, indices, data = {}, [0], [], []
    for t in texts:
        counts = {}
        for i in range(len(t) - 1):
            j = vocab.setdefault(t[i:i + 2], len(vocab))
            counts[j] = counts.get(j, 0) + 1
        indices.extend(counts)
        data.extend(1.0 + math.log(c) for c in counts.values())
        indptr.append(len(indices))
    X = sparse.csr_matrix((np.array(data, dtype=np.float32), np.array(indices, dtype=np.int32),
                           np.array(indptr, dtype=np.int64)), shape=(len(texts), max(1, len(vocab))))
    df = np.bincount(X.indices, minlength=X.shape[1])
    idf = (np.log((1.0 + X.shape[0]) / (1.0 + df)) + 1.0).astype(np.float32)
    X = X @ sparse.diags(idf)
    norms = np.sqrt(np.asarray(X.multiply(X).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ X)


def cluster(X, threshold: float, block: int = 512):
    """Connected components of the graph of pairs with cosine >= threshold; the edges too."""
    n = X.shape[0]
    XT = X.T.tocsc()
    rows, cols, sims = [], [], []
    for start in range(0, n, block):
        S = (X[start:start + block] @ XT).tocoo()
        keep = (S.data >= threshold) & (S.row + start < S.col)
        rows.append(S.row[keep] + start)
        cols.append(S.col[keep])
        sims.append(S.data[keep])
    r = np.concatenate(rows) if rows else np.zeros(0, int)
    c = np.concatenate(cols) if cols else np.zeros(0, int)
    s = np.concatenate(sims) if sims else np.zeros(0)
    graph = sparse.coo_matrix((np.ones(len(r)), (r, c)), shape=(n, n))
    _, comp = connected_components(graph, directed=False)
    return comp, (r, c, s)


def baseline(corpus_dir, threshold=0.5) -> list:
    ms = measures_of(corpus_dir)
    X = tfidf([m[2] for m in ms])
    comp, (r, c, s) = cluster(X, threshold)
    # i -> (similarity, rank, j): most similar earlier neighbour; on a tie the latest document
    # (identical texts in several earlier editions: the closest one in time)
    best = {}
    for i, j, sim in zip(r.tolist(), c.tolist(), s.tolist(), strict=True):
        sim = round(sim, 4)
        for a, b in ((i, j), (j, i)):
            if ms[b][3] < ms[a][3] and (sim, ms[b][3]) > best.get(a, (-1.0, (-1, ""), None))[:2]:
                best[a] = (sim, ms[b][3], b)
    out = []
    for i, (doc, label, _, _) in enumerate(ms):
        sim, _, j = best.get(i, (None, None, None))
        out.append({"document": doc, "label": label, "family": f"B{comp[i]:05d}",
                    "predecessor_document": ms[j][0] if j is not None else "",
                    "predecessor_label": ms[j][1] if j is not None else "",
                    "status": "linked" if j is not None else "first",
                    "similarity": f"{sim:.4f}" if sim is not None else ""})
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus_dir")
    ap.add_argument("--out", required=True, help="MEASURES.csv to write")
    ap.add_argument("--threshold", type=float, default=0.5,
                    help="cosine at or above which two measures are linked (default 0.5, not tuned)")
    a = ap.parse_args(argv)
    t = time.perf_counter()
    rows = baseline(a.corpus_dir, a.threshold)
    with open(a.out, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    print(f"{len(rows)} measures, {len({r['family'] for r in rows})} families, "
          f"{time.perf_counter() - t:.1f}s -> {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
