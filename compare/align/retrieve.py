"""Candidate retrieval: the TF-IDF cosine of all pairs in sparse row chunks (memory stays
bounded), each measure keeping its top-K candidates, and each row's and column's sum and sum of
squares, so a pair's leave-one-out z-score can say whether it stands out of its row and column."""
from __future__ import annotations

from statistics import NormalDist  # not scipy.special: 0.4 s of start-up

import numpy as np

from compare.align.features import Features


def expected_max(n: np.ndarray | float) -> np.ndarray:
    """Expected largest of n independent standard normal draws (Blom's approximation): what the
    best of n unrelated candidates typically scores as a z-score."""
    n = np.maximum(np.asarray(n, dtype=float), 1.0)
    inv = np.vectorize(NormalDist().inv_cdf, otypes=[float])
    return inv((n - 0.375) / (n + 0.25))


def retrieve(fa: Features, fb: Features):
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


def loo_z(x: np.ndarray, n: np.ndarray, s: np.ndarray, ss: np.ndarray) -> np.ndarray:
    """z-score of x against the other values of its row (or column): leave-one-out, so a
    pair's own value does not widen the spread it is measured against."""
    m = np.maximum(n - 1, 1)
    mean = (s - x) / m
    var = np.maximum((ss - x * x) / m - mean * mean, 0.0)
    sd = np.sqrt(var) + 0.01        # a floor: among near-zero cosines no pair is "remarkable"
    return (x - mean) / sd


TOP_K = 8                 # candidates kept per measure from the cheap retrieval


CHUNK = 1024              # rows of the cosine matrix computed at a time
