"""Similarity of every measure of A with every measure of B, computed as sparse matrix products.

Each measure becomes a bag of jieba words and character bigrams weighted by TF-IDF, the IDF
taken over the measures of the documents being compared, so terms nearly every measure uses
count little and distinctive ones count much. Two views:
- cosine of the TF-IDF rows: likeness of the two texts (a sparse product, for all pairs);
- evidence, for candidate pairs only: distinctive words the two share, and whether either
  title's words occur in the other text (what a reader would cite for the link).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse

from .clean import normalize
from .model import Measure
from .tokens import GENERIC, bigrams, domain_terms, words

GENERIC_WEIGHT = 0.25     # a generic word counts a quarter of what its IDF says
BIGRAM_WEIGHT = 0.5       # bigrams back up words; they should not dominate them
DOMAIN_WEIGHT = 1.5       # a named public-service term (门诊慢特病) is strong evidence


@dataclass
class Features:
    """Sparse weighted term matrices for a set of measures, rows in measure order."""
    weights: sparse.csr_matrix      # TF-IDF, rows L2-normalised


TITLE_WEIGHT = 1.0        # title words count again: the title names the measure


def _bag(m: Measure) -> dict[str, float]:
    bag: dict[str, float] = {}
    terms = domain_terms()
    for text, weight in ((m.norm, 1.0), (normalize(m.title), TITLE_WEIGHT)):
        if not weight:
            continue
        for w in words(text):
            damp = GENERIC_WEIGHT if w in GENERIC else DOMAIN_WEIGHT if w in terms else 1.0
            bag["w:" + w] = bag.get("w:" + w, 0.0) + weight * damp
            if len(w) > 2:              # parts of long words: 跨省异地就医 meets 异地就医
                for g in bigrams(w):
                    bag["g:" + g] = bag.get("g:" + g, 0.0) + weight * damp * BIGRAM_WEIGHT
    return bag


def featurize(groups: list[list[Measure]]) -> list[Features]:
    """One Features per group, sharing a vocabulary and IDF computed over all groups."""
    bags = [[_bag(m) for m in g] for g in groups]
    vocab: dict[str, int] = {}
    for g in bags:
        for b in g:
            for t in b:
                vocab.setdefault(t, len(vocab))
    mats = []
    for g in bags:
        rows, cols, vals = [], [], []
        for i, b in enumerate(g):
            for t, v in b.items():
                rows.append(i)
                cols.append(vocab[t])
                vals.append(v)
        mats.append(sparse.csr_matrix((vals, (rows, cols)), shape=(len(g), len(vocab)), dtype=np.float64))
    n_docs = sum(m.shape[0] for m in mats)
    df = np.zeros(len(vocab))
    for m in mats:
        df += np.asarray((m > 0).sum(axis=0)).ravel()
    idf = np.log((1 + n_docs) / (1 + df)) + 1.0
    out = []
    for m in mats:
        tf = m.copy()
        tf.data = 1.0 + np.log1p(tf.data)          # sublinear tf: repetition matters, a little
        raw = tf @ sparse.diags(idf)
        raw = raw.tocsr()
        norms = np.sqrt(np.asarray(raw.multiply(raw).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        weights = sparse.diags(1.0 / norms) @ raw
        out.append(Features(weights.tocsr()))
    return out


def cosine(fa: Features, fb: Features) -> np.ndarray:
    return (fa.weights @ fb.weights.T).toarray()


def _word_sets(measures: list[Measure], vocab: dict[str, int], titles: bool) -> tuple[list, list]:
    rows, cols = [], []
    for r, m in enumerate(measures):
        text = normalize(m.title) if titles else m.norm
        for w in set(words(text)) - GENERIC:
            rows.append(r)
            cols.append(vocab.setdefault(w, len(vocab)))
    return rows, cols


def evidence(a: list[Measure], b: list[Measure], ii: np.ndarray, jj: np.ndarray) -> np.ndarray:
    """How much a pair shares that a reader would cite, for the candidate pairs (i, j):
    the number of distinctive words the two texts share, plus twice the share of either
    title's distinctive words found in the other text (a title names what the measure is).
    A link resting on one shared word that neither title mentions is a coincidence."""
    vocab: dict[str, int] = {}
    parts = [_word_sets(a, vocab, False), _word_sets(b, vocab, False),
             _word_sets(a, vocab, True), _word_sets(b, vocab, True)]
    shape = [len(a), len(b), len(a), len(b)]
    wa, wb, ta, tb = (sparse.csr_matrix((np.ones(len(r)), (r, c)), shape=(n, len(vocab)))
                      for (r, c), n in zip(parts, shape, strict=True))
    shared = np.asarray(wa[ii].multiply(wb[jj]).sum(axis=1)).ravel()
    in_b = np.asarray(ta[ii].multiply(wb[jj]).sum(axis=1)).ravel() / np.maximum(
        np.asarray(ta[ii].sum(axis=1)).ravel(), 1)
    in_a = np.asarray(tb[jj].multiply(wa[ii]).sum(axis=1)).ravel() / np.maximum(
        np.asarray(tb[jj].sum(axis=1)).ravel(), 1)
    return shared + 2.0 * np.maximum(in_a, in_b)


def pair_score(a: Measure, b: Measure) -> float:
    """Similarity of one pair (for links a reviewer sets by hand): cosine of their TF-IDF."""
    fa, fb = featurize([[a], [b]])
    return float(cosine(fa, fb)[0, 0])
