"""Similarity of measures, computed as sparse matrix products.

Each measure becomes a bag of tokens — jieba words, the character bigrams of words (跨省异地就医
meets 异地就医), and names in quotation marks as wholes ("巴蜀工匠") — weighted by TF-IDF. The IDF
is taken over the measures of the documents being compared (a word every measure of these two
plans uses counts little), and each word is further weighted by its specificity against a broad
background (`text.specificity`: general Chinese and policy plans), so that 联动机制, 人才 or 品牌,
which every plan uses, cannot carry a link. Three views:
- `featurize` / `cosine`: likeness of two whole measures (for all pairs, a sparse product);
- `clause_match`: for candidate pairs only, the best-matching pair of clauses — the one thing both
  measures say (a commitment a reader could quote), scored by cosine, counted only when the two
  clauses share a specific word;
- `title_cover`: for candidate pairs, the share of either title found in the other measure (a
  title names what the measure is about; 推进出入境管理便利化 inside 深化户口迁移、出入境管理等便利化改革).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from scipy import sparse

from compare.model import Measure
from compare.text.clauses import is_opening
from compare.text.lexicon import GENERIC_WEIGHT, bigrams, places_in, quoted_names, subject_words, without_names
from compare.text.lexicon import clear_cache as clear_word_cache
from compare.text.specificity import SPECIFIC, specificity
from compare.text.words import clear_cache as clear_cut_cache

BIGRAM_WEIGHT = 0.5       # bigrams back up words; they should not dominate them
NAME_WEIGHT = 1.0         # a quoted name, as one token (the words inside it do not count apart)
NAME_MASS = 2.0           # a programme name two clauses share is evidence worth two specific words
TITLE_WEIGHT = 1.0        # title words count again: the title names the measure
PLACE_WEIGHT = 0.5        # a place the measure names, as one token: it tells apart measures that differ
#                           only in where (东城区… / 西城区…) when both documents name it; never specific

CLAUSE_BREAK = re.compile(r"[，,。；;：:！!？?]")
_SENTENCE = re.compile(r"[。；;！!？?]")


@dataclass
class Features:
    """Sparse weighted term matrices for a set of measures, rows in measure order, and the same
    for their clauses (`units`)."""
    weights: sparse.csr_matrix      # TF-IDF, rows L2-normalised
    vocab: dict[str, int]           # token -> column, shared by every group featurized together
    idf: np.ndarray
    units: "Clauses"

    def subset(self, rows: list[int]) -> "Features":
        """The features of some of the measures (in the order given), on the same vocabulary
        and IDF: a pool of one kind scored within its documents."""
        idx = np.asarray(rows, dtype=np.int64)
        return Features(self.weights[idx], self.vocab, self.idf, self.units.subset(idx))


def term_weight(w: str) -> float:
    """How much a word counts before IDF: its specificity against general Chinese, floored."""
    return max(GENERIC_WEIGHT, specificity(w))


@lru_cache(maxsize=1 << 16)
def _word_tokens(w: str) -> tuple[tuple[tuple[str, float], ...], bool]:
    """(tokens with weights, is it specific) of one word: the word itself and its character
    bigrams (2-character words too: 阅读 meets 全民阅读)."""
    tw = term_weight(w)
    toks = (("w:" + w, tw),) + tuple(("g:" + g, tw * BIGRAM_WEIGHT) for g in bigrams(w))
    return toks, specificity(w) >= SPECIFIC


@lru_cache(maxsize=1 << 16)
def _piece(text: str) -> tuple[tuple, tuple]:
    """Tokens of one clause, cached (a clause is tokenized once for the measure's bag, its
    clause vector and its sentence): (all tokens, specific tokens)."""
    bag: dict[str, float] = {}
    spec: dict[str, float] = {}
    for w in subject_words(without_names(text)):
        toks, specific = _word_tokens(w)
        for t, x in toks:
            bag[t] = bag.get(t, 0.0) + x
            if specific:
                spec[t] = spec.get(t, 0.0) + x
    for name in quoted_names(text):
        bag["q:" + name] = bag.get("q:" + name, 0.0) + NAME_WEIGHT
        spec["q:" + name] = spec.get("q:" + name, 0.0) + NAME_WEIGHT
    for place in places_in(text):
        bag["p:" + place] = bag.get("p:" + place, 0.0) + PLACE_WEIGHT
    return tuple(bag.items()), tuple(spec.items())


def clear_caches() -> None:
    """Forget every word's and clause's tokens (for benchmarks that time tokenizing from scratch)."""
    _word_tokens.cache_clear()
    _piece.cache_clear()
    clear_word_cache()
    clear_cut_cache()


def featurize(groups: list[list[Measure]]) -> list[Features]:
    """One Features per group, sharing a vocabulary and IDF computed over all groups' measures.

    Every clause is tokenized once (`_piece`); a measure's vector, and each of its units (title,
    clauses, sentences), are sums of clause vectors, made by sparse products."""
    vocab: dict[str, int] = {}
    specific: set[str] = set()
    built = [_group_matrices(g, vocab, specific) for g in groups]
    spec_col = np.zeros(len(vocab))
    mass_col = np.zeros(len(vocab))
    for t, c in vocab.items():
        if t in specific:
            spec_col[c] = 1.0
            if t.startswith("w:"):
                mass_col[c] = specificity(t[2:])
            elif t.startswith("q:"):
                mass_col[c] = NAME_MASS
    mats = []
    for g_measure, g_unit, pieces, _texts, _offsets in built:
        p = sparse.csr_matrix((pieces[2], (pieces[0], pieces[1])), shape=(pieces[3], len(vocab)))
        mats.append((g_measure @ p, g_unit @ p))
    n_docs = sum(m.shape[0] for m, _ in mats)
    df = np.zeros(len(vocab))
    for m, _ in mats:
        df += np.asarray((m > 0).sum(axis=0)).ravel()
    idf = np.log((1 + n_docs) / (1 + df)) + 1.0
    out = []
    for (m, u), (_gm, _gu, _p, texts, offsets) in zip(mats, built, strict=True):
        present = u.copy().tocsr()
        present.data[:] = 1.0
        units = Clauses(texts, offsets, _tfidf(u, idf), _scale_columns(present, spec_col),
                        _scale_columns(present, mass_col))
        out.append(Features(_tfidf(m, idf), vocab, idf, units))
    return out


def _group_matrices(measures: list[Measure], vocab: dict[str, int], specific: set[str]):
    """Tokens of every distinct clause of the group (rows, cols, vals, n), and the aggregation
    matrices measure × clause and unit × clause that sum them."""
    piece_row: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []

    def piece(text: str) -> int:
        r = piece_row.get(text)
        if r is None:
            r = piece_row[text] = len(piece_row)
            items, spec_items = _piece(text)
            for t, x in items:
                c = vocab.get(t)
                if c is None:
                    c = vocab[t] = len(vocab)
                rows.append(r)
                cols.append(c)
                vals.append(x)
            specific.update(t for t, _ in spec_items)
        return r

    gm_r, gm_c, gm_v = [], [], []
    gu_r, gu_c = [], []
    texts: list[str] = []
    offsets = [0]
    for k, m in enumerate(measures):
        title = m.title_norm
        for part in CLAUSE_BREAK.split(m.content):       # the measure: its text, and its title again
            if part:
                gm_r.append(k)
                gm_c.append(piece(part))
                gm_v.append(1.0)
        if title:
            gm_r.append(k)
            gm_c.append(piece(title))
            gm_v.append(TITLE_WEIGHT)
        for text, parts in _units(m):
            for p in parts:
                gu_r.append(len(texts))
                gu_c.append(piece(p))
            texts.append(text)
        offsets.append(len(texts))
    n = len(piece_row)
    g_measure = sparse.csr_matrix((gm_v, (gm_r, gm_c)), shape=(len(measures), n))
    g_unit = sparse.csr_matrix((np.ones(len(gu_r)), (gu_r, gu_c)), shape=(len(texts), n))
    return g_measure, g_unit, (rows, cols, vals, n), texts, np.asarray(offsets)


def _tfidf(m: sparse.csr_matrix, idf: np.ndarray) -> sparse.csr_matrix:
    tf = m.copy()
    tf.data = 1.0 + np.log1p(tf.data)          # sublinear tf: repetition matters, a little
    raw = _scale_columns(tf, idf)
    norms = np.sqrt(np.asarray(raw.multiply(raw).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    raw.data *= np.repeat(1.0 / norms, np.diff(raw.indptr))
    return raw


def _scale_columns(m: sparse.csr_matrix, factor: np.ndarray) -> sparse.csr_matrix:
    """m with column j times factor[j], zeros dropped: the product with a diagonal matrix, made
    in place on a copy (a `sparse.diags` matrix checks its offsets with np.unique, which imports
    numpy.ma, ~0.02 s of a pair's start-up)."""
    out = m.tocsr(copy=True)
    out.data *= factor[out.indices]
    out.eliminate_zeros()
    return out


def cosine(fa: Features, fb: Features) -> np.ndarray:
    return (fa.weights @ fb.weights.T).toarray()


# --- clauses: the one thing both measures say ---------------------------------------------------------

def clauses(m: Measure) -> list[str]:
    """What the measure says, in units a reader would quote: its title, each clause (split at
    ，；：。) and each sentence of several clauses (a commitment often spans a sentence: 将居住证作为
    入学主要依据，保障…随迁子女…接受义务教育). Fragments under 2 characters are dropped."""
    return [text for text, _ in _units(m)]


def _units(m: Measure) -> list[tuple[str, list[str]]]:
    """(unit text, the clauses it is made of) for the title, every clause and every sentence."""
    title = m.title_norm
    body = m.content[len(title):] if title and m.content.startswith(title) else m.content
    out = [(title, [title])] if len(title) >= 2 else []
    for sentence in _SENTENCE.split(body):
        parts = [p for p in CLAUSE_BREAK.split(sentence) if len(p) >= 2]
        out.extend((p, [p]) for p in _opened(parts))
        if len(parts) > 1:
            out.append((sentence, parts))
    return out


def _opened(parts: list[str]) -> list[str]:
    """The clauses of a sentence, an adverbial opening (依托全国一体化政务服务平台，…) joined to the
    clause it opens: two plans naming the same platform or setting commit to nothing in common."""
    out: list[str] = []
    carry = ""
    for k, p in enumerate(parts):
        if k + 1 < len(parts) and is_opening(p):
            carry += p
            continue
        out.append(carry + p)
        carry = ""
    return out


@dataclass
class Clauses:
    """Clause vectors of a list of measures: rows of measure k are offsets[k]:offsets[k+1]."""
    texts: list[str]
    offsets: np.ndarray
    weights: sparse.csr_matrix      # TF-IDF (the comparison's IDF), rows L2-normalised
    specific: sparse.csr_matrix     # 1 where a clause has a specific token
    mass: sparse.csr_matrix         # specificity of each specific word of a clause (words only)

    def subset(self, idx: np.ndarray) -> "Clauses":
        """The clauses of measures idx (in that order), renumbered."""
        lo, hi = self.offsets[idx], self.offsets[idx + 1]
        sizes = hi - lo
        rows = (np.repeat(lo - np.r_[0, np.cumsum(sizes)[:-1]], sizes) + np.arange(sizes.sum())
                if len(idx) else np.zeros(0, dtype=np.int64))
        return Clauses([self.texts[r] for r in rows.tolist()], np.r_[0, np.cumsum(sizes)],
                       self.weights[rows], self.specific[rows], self.mass[rows])


# --- titles: what the measure is about -------------------------------------------------------------


