"""Is there a commitment to quote? For candidate pairs only: the best pair of clauses sharing a
specific word (`clause_match`), and the share of one title's words found in the other measure
(`title_cover`)."""
from __future__ import annotations

import numpy as np
from scipy import sparse

from compare.align.features import NAME_WEIGHT, Clauses, Features, term_weight
from compare.model import Measure
from compare.text.lexicon import quoted_names
from compare.text.specificity import specificity
from compare.text.words import domain_terms, words


def clause_match(ca: Clauses, cb: Clauses, ii: np.ndarray, jj: np.ndarray):
    """For candidate pairs (ii[k], jj[k]), sorted by ii: the cosine of their best pair of clauses
    that share a specific token, the two clauses' row numbers (-1 when none qualifies), and the
    largest specificity of the words one of their clause pairs shares.

    One sparse product per measure of A against the clauses of its candidates (the three views
    stacked, so one product gives them all): the work grows with the number of candidates, never
    with all pairs."""
    n = len(ii)
    best, shared_mass = np.zeros(n), np.zeros(n)
    pa, pb = np.full(n, -1), np.full(n, -1)
    if not n:
        return best, pa, pb, shared_mass
    na = ca.weights.shape[0]
    mass_b = cb.mass.copy()
    mass_b.data[:] = 1.0
    big_b = sparse.hstack([cb.weights, cb.specific, mass_b], format="csr")
    zero = sparse.csr_matrix(ca.weights.shape)
    big_a = sparse.vstack([sparse.hstack([ca.weights, zero, zero]), sparse.hstack([zero, ca.specific, zero]),
                           sparse.hstack([zero, zero, ca.mass])], format="csr")
    starts = np.flatnonzero(np.r_[True, ii[1:] != ii[:-1]])
    ends = np.r_[starts[1:], n]
    for s0, e0 in zip(starts, ends, strict=True):
        i = int(ii[s0])
        a0, a1 = int(ca.offsets[i]), int(ca.offsets[i + 1])
        js = jj[s0:e0]
        lo, hi = cb.offsets[js], cb.offsets[js + 1]
        sizes = hi - lo
        if a0 == a1 or not sizes.sum():
            continue
        cols = np.repeat(lo - np.r_[0, np.cumsum(sizes)[:-1]], sizes) + np.arange(sizes.sum())
        rows = np.r_[a0:a1, na + a0:na + a1, 2 * na + a0:2 * na + a1]
        block = (big_a[rows] @ big_b[cols].T).toarray()
        h = a1 - a0
        sim = np.where(block[h:2 * h] > 0, block[:h], 0.0)
        col_best = sim.max(axis=0)
        col_row = sim.argmax(axis=0)
        col_mass = block[2 * h:].max(axis=0)
        bounds = np.r_[0, np.cumsum(sizes)]
        for k in range(len(js)):
            if sizes[k] == 0:
                continue
            lo_k, hi_k = bounds[k], bounds[k + 1]
            shared_mass[s0 + k] = col_mass[lo_k:hi_k].max()
            q = lo_k + int(col_best[lo_k:hi_k].argmax())
            if col_best[q] > 0:
                best[s0 + k] = col_best[q]
                pa[s0 + k] = a0 + int(col_row[q])
                pb[s0 + k] = int(cols[q])
    return best, pa, pb, shared_mass


def title_cover(a: list[Measure], b: list[Measure], ta: list, tb: list,
                ii: np.ndarray, jj: np.ndarray) -> np.ndarray:
    """For candidate pairs: the larger of (share of A's title's words found in B's text)
    and the same from B to A, each word weighted by IDF x specificity (`ta`, `tb`: the titles'
    words of a and b, `title_words`). Found means "occurs in the text", so 阅读 is found in 全民阅读.
    A title whose one specific word is found (户口迁移 in 深化户口迁移、出入境管理等便利化改革) scores 1;
    one with one specific word of four found (高新区 政务服务 线上 通办) scores low."""
    out = np.zeros(len(ii))
    for k, (i, j) in enumerate(zip(ii.tolist(), jj.tolist(), strict=True)):
        out[k] = max(_share(ta[i], b[j].norm), _share(tb[j], a[i].norm))
    return out


def title_words(measures: list[Measure], feats: Features) -> list[list[tuple[str, float]]]:
    """Each measure's title words with their weights, IDF from `feats` (its document's features)."""
    return [_title_words(m, feats) for m in measures]


def _title_words(m: Measure, feats: Features) -> list[tuple[str, float]]:
    """The title's words other than boilerplate, and its quoted names, with their weights (IDF x
    term weight). A title's subject counts even when it is an everyday word (阅读, 养老)."""
    title = m.title_norm
    vocab, idf = feats.vocab, feats.idf
    out = {}
    for w in words(title):
        if specificity(w) > 0 or w in domain_terms():
            col = vocab.get("w:" + w)
            out[w] = term_weight(w) * (idf[col] if col is not None else 1.0)
    for name in quoted_names(title):
        col = vocab.get("q:" + name)
        out[name] = NAME_WEIGHT * (idf[col] if col is not None else 1.0)
    return list(out.items())


def _share(title: list[tuple[str, float]], text: str) -> float:
    total = sum(w for _, w in title)
    return sum(w for t, w in title if t in text) / total if total else 0.0
