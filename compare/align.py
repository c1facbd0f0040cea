"""Alignment: which measures of B continue which measures of A.

The algorithm, in the order it runs:
1. Measures with the same normalised text are linked first and leave the pool (unchanged).
2. Cheap retrieval: TF-IDF cosine of all remaining pairs (sparse products, in row chunks so
   memory stays bounded), keeping each measure's top candidates and each row's and column's
   background (mean and spread of its cosines).
3. Rescoring of the candidates only: a blend of the cosine and rapidfuzz's token_sort_ratio over
   the distinctive words (`process.cdist` on the candidate lists).
4. A global decision. A pair is linked when one side is the other's best candidate and the pair
   stands out from both backgrounds (leave-one-out z-scores) and clears an absolute floor.
   Because "best" is asked from both sides, an old measure can feed one new measure (merge)
   and a new measure can draw on several old ones (split) without everything linking to
   everything; a second-best pair almost as strong as the best is linked as well.
Measures kinds align only among themselves (safeguards with safeguards).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .model import Measure
from .similarity import Features, evidence, featurize
from .tokens import GENERIC, words

TOP_K = 8                 # candidates kept per measure from the cheap retrieval
FUZZ_WEIGHT = 0.3         # share of rapidfuzz in the blended score
FLOOR = 0.09              # minimum blended score of a link at threshold 1.0
Z_SUM = 5.0               # row z + column z a link must reach
Z_ONE = 0.5               # and neither side may be unremarkable
EVIDENCE = 3.0            # shared distinctive words + 2 x title containment a link needs
SECOND_RATIO = 0.8        # a second candidate this close to the best is linked too
CHUNK = 1024              # rows of the cosine matrix computed at a time


@dataclass
class Pair:
    i: int                # index into A's measures
    j: int                # index into B's measures
    score: float          # blended similarity, 0..1
    cosine: float


def align(a: list[Measure], b: list[Measure], threshold: float = 1.0) -> list[Pair]:
    """Pairs (i, j) of linked measures. `threshold` scales how strong a link must be:
    above 1 fewer links, below 1 more."""
    pairs: list[Pair] = []
    used_a, used_b = set(), set()
    by_norm: dict[tuple[str, str], list[int]] = {}
    for j, m in enumerate(b):
        by_norm.setdefault((m.kind, m.norm), []).append(j)
    for i, m in enumerate(a):
        for j in by_norm.get((m.kind, m.norm), []):
            if j not in used_b and m.norm:
                pairs.append(Pair(i, j, 1.0, 1.0))
                used_a.add(i)
                used_b.add(j)
                break
    for kind in sorted({m.kind for m in a} & {m.kind for m in b}):
        ia = [i for i, m in enumerate(a) if m.kind == kind and i not in used_a]
        jb = [j for j, m in enumerate(b) if m.kind == kind and j not in used_b]
        if ia and jb:
            for p in _align_pool([a[i] for i in ia], [b[j] for j in jb], threshold):
                pairs.append(Pair(ia[p.i], jb[p.j], p.score, p.cosine))
    pairs.sort(key=lambda p: (p.i, p.j))
    return pairs


def _align_pool(a: list[Measure], b: list[Measure], threshold: float) -> list[Pair]:
    fa, fb = featurize([a, b])
    ii, jj, cos, row_bg, col_bg = _retrieve(fa, fb)
    if not len(ii):
        return []
    score = (1 - FUZZ_WEIGHT) * cos + FUZZ_WEIGHT * _fuzzy(a, b, ii, jj)
    zr = _loo_z(cos, *(row_bg[k][ii] for k in range(3)))
    zc = _loo_z(cos, *(col_bg[k][jj] for k in range(3)))
    cited = evidence(a, b, ii, jj)
    best_a = _best(ii, score, len(a))
    best_b = _best(jj, score, len(b))
    floor = FLOOR * threshold
    out = []
    for k in range(len(ii)):
        i, j, s = int(ii[k]), int(jj[k]), float(score[k])
        strong = (zr[k] + zc[k] >= Z_SUM * threshold and min(zr[k], zc[k]) >= Z_ONE and s >= floor
                  and cited[k] >= EVIDENCE * threshold)
        if not strong:
            continue
        first = s >= best_a[i] - 1e-12 or s >= best_b[j] - 1e-12
        second = s >= SECOND_RATIO * max(best_a[i], best_b[j])
        if first or second:
            out.append(Pair(i, j, s, float(cos[k])))
    return out


def _best(idx: np.ndarray, score: np.ndarray, n: int) -> np.ndarray:
    best = np.zeros(n)
    np.maximum.at(best, idx, score)
    return best


def _retrieve(fa: Features, fb: Features):
    """Top-K candidates per row and per column of the cosine matrix, and each row's and
    column's (count, sum, sum of squares) of cosines for the z-scores."""
    na, nb = fa.weights.shape[0], fb.weights.shape[0]
    k = min(TOP_K, nb)
    bt = fb.weights.T.tocsc()
    row_bg = [np.full(na, float(nb)), np.zeros(na), np.zeros(na)]
    col_bg = [np.full(nb, float(na)), np.zeros(nb), np.zeros(nb)]
    ci, cj, cv = [], [], []
    col_top_val = np.full((min(TOP_K, na), nb), -1.0)
    col_top_idx = np.zeros((min(TOP_K, na), nb), dtype=np.int64)
    for start in range(0, na, CHUNK):
        block = (fa.weights[start:start + CHUNK] @ bt).toarray()
        row_bg[1][start:start + len(block)] = block.sum(axis=1)
        row_bg[2][start:start + len(block)] = (block * block).sum(axis=1)
        col_bg[1] += block.sum(axis=0)
        col_bg[2] += (block * block).sum(axis=0)
        top = np.argpartition(-block, k - 1, axis=1)[:, :k]
        vals = np.take_along_axis(block, top, axis=1)
        rows = np.broadcast_to(np.arange(start, start + len(block))[:, None], top.shape)
        ci.append(rows.ravel())
        cj.append(top.ravel())
        cv.append(vals.ravel())
        # merge this block's best rows per column into the running column top-K
        kk = min(col_top_val.shape[0], len(block))
        part = np.argpartition(-block, kk - 1, axis=0)[:kk]
        vals = np.take_along_axis(block, part, axis=0)
        allv = np.vstack([col_top_val, vals])
        alli = np.vstack([col_top_idx, part + start])
        keep = np.argsort(-allv, axis=0, kind="stable")[: col_top_val.shape[0]]
        col_top_val = np.take_along_axis(allv, keep, axis=0)
        col_top_idx = np.take_along_axis(alli, keep, axis=0)
    ci.append(col_top_idx.ravel())
    cj.append(np.broadcast_to(np.arange(nb)[None, :], col_top_idx.shape).ravel())
    cv.append(col_top_val.ravel())
    i, j, v = np.concatenate(ci), np.concatenate(cj), np.concatenate(cv)
    keep = v > 0
    i, j, v = i[keep], j[keep], v[keep]
    key = np.unique(i * nb + j, return_index=True)[1]      # de-duplicate, sorted by (i, j)
    return i[key], j[key], v[key], row_bg, col_bg


def _loo_z(x: np.ndarray, n: np.ndarray, s: np.ndarray, ss: np.ndarray) -> np.ndarray:
    """z-score of x against the other values of its row (or column): leave-one-out, so a
    pair's own value does not widen the spread it is measured against."""
    m = np.maximum(n - 1, 1)
    mean = (s - x) / m
    var = np.maximum((ss - x * x) / m - mean * mean, 0.0)
    sd = np.sqrt(var) + 0.01        # a floor: among near-zero cosines no pair is "remarkable"
    return (x - mean) / sd


def _distinctive(m: Measure) -> str:
    return " ".join(w for w in words(m.norm) if w not in GENERIC)


def _fuzzy(a: list[Measure], b: list[Measure], ii: np.ndarray, jj: np.ndarray) -> np.ndarray:
    """rapidfuzz token_sort_ratio of the candidate pairs only, 0..1 (`process.cpdist`, pairwise
    and vectorised: a large comparison never scores all pairs)."""
    from rapidfuzz import fuzz, process
    sa = [_distinctive(m) for m in a]
    sb = [_distinctive(m) for m in b]
    return process.cpdist([sa[i] for i in ii], [sb[j] for j in jj], scorer=fuzz.token_sort_ratio,
                          dtype=np.float32, workers=-1).astype(np.float64) / 100.0
