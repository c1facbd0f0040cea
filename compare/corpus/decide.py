"""The decision on each candidate pair: `compare`'s own rule (`compare.align.decide`), nothing else.

For each candidate pair of measures of two documents: does it stand out of its row and column
of the two documents' pool (`standing`, from `retrieve.pool_statistics`), does it carry a
commitment a reader could quote (`commitment_signals`: a clause restated, a title found, specific
words shared), and so is it a `match`, `related` or nothing (`judge`, at `threshold`); a match's
reported score is `pair_scores`'s, and below MATCH_FLOOR it is only related (`below_floor`).
Measures that read the same are matches scoring 1.0, as in `align`. Every step decides each pair
on its own (its two documents' pool, its own clauses and titles), so the pairs are decided in
chunks (`decide_chunk`: pool statistics, commitment signals, judgement and scores), which the
scheduler spreads over processes or Dask workers; a chunk holds whole older documents, so each
document's pool is scored as one unit whatever the chunks.

    Decisions          arrays over the candidate pairs (tier, confidence, cosine, score, clauses)
    chunks(ii, doc_of) -> the tasks' slices of the candidate pairs
    decide_chunk(DecideInput, start, end) -> Decisions     one chunk's decisions (a task)
    signals(state, ii, jj) -> dict        commitment signals of candidate pairs
    decide(state, ii, jj, stats, signals, threshold) -> Decisions
    scores(state, ii, jj) -> the reported scores of links
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from compare.align.decide import ACROSS_COSINE, UNLINKED, below_floor, commitment_signals, judge, standing
from compare.align.score import pair_scores
from compare.corpus import retrieve
from compare.corpus.features import CorpusFeatures
from compare.model import Measure
from compare.vocab import MATCH, STRONG

CHUNK = 4000              # candidate pairs per task (more when one older document has more)


@dataclass
class CorpusState:
    """What every task reads: the corpus's measures and features (shipped once to each worker)."""
    measures: list[Measure]
    features: CorpusFeatures


@dataclass
class Decisions:
    """The decision on candidate pairs (i[k], j[k]), measure indices in corpus order, i < j."""
    i: np.ndarray
    j: np.ndarray
    tier: np.ndarray            # match / related / "" (neither)
    confidence: np.ndarray      # strong / check for a match
    cosine: np.ndarray
    score: np.ndarray           # the reported score (matches; 0 otherwise)
    clause_a: np.ndarray        # the quoted commitment, when one clause pair carries it
    clause_b: np.ndarray

    def matches(self) -> np.ndarray:
        return np.flatnonzero(self.tier == MATCH)

    @classmethod
    def concatenate(cls, ii: np.ndarray, jj: np.ndarray, parts: list["Decisions"]) -> "Decisions":
        """The decisions on pairs (ii, jj) from those on consecutive slices of them (one at least)."""
        return cls(ii, jj, *(np.concatenate([getattr(p, name) for p in parts]) for name in
                             ("tier", "confidence", "cosine", "score", "clause_a", "clause_b")))


@dataclass
class DecideInput:
    """What every decision task reads: the corpus (shipped once to each worker), the candidate
    pairs (sorted by ii), those that read the same, and what pool statistics compare by."""
    state: CorpusState
    doc_of: np.ndarray
    keys: tuple                 # retrieve.pool_keys(measures)
    ii: np.ndarray
    jj: np.ndarray
    same: np.ndarray
    threshold: float = 1.0


def chunks(ii: np.ndarray, doc_of: np.ndarray) -> list[tuple[int, int]]:
    """The tasks' slices of the candidate pairs (sorted by ii): about CHUNK pairs each, cut only
    where the older document changes. The same for every scheduler, so results are too."""
    doc = doc_of[ii]
    cuts = np.flatnonzero(np.r_[True, doc[1:] != doc[:-1]]).tolist() + [len(ii)]
    out, start = [], 0
    for cut in cuts[1:]:
        if cut - start >= CHUNK or cut == len(ii):
            out.append((start, cut))
            start = cut
    return out


def decide_chunk(shared: DecideInput, start: int, end: int) -> Decisions:
    """The decisions on candidate pairs start:end (whole older documents): their pool statistics,
    commitment signals and `decide`."""
    s, ii, jj = shared.state, shared.ii[start:end], shared.jj[start:end]
    stats = retrieve.pool_statistics(s.features, s.measures, shared.doc_of, ii, jj, keys=shared.keys)
    return decide(s, ii, jj, stats, signals(s, ii, jj), shared.threshold, same=shared.same[start:end])


def signals(state: CorpusState, ii: np.ndarray, jj: np.ndarray) -> dict[str, np.ndarray]:
    """The commitment signals of candidate pairs (sorted by ii), as `align` computes them."""
    f, m = state.features, state.measures
    ua, ia = np.unique(ii, return_inverse=True)          # the chunk's own measures only: the
    ub, ib = np.unique(jj, return_inverse=True)          # clause matrices stay small
    return commitment_signals([m[k] for k in ua.tolist()], [m[k] for k in ub.tolist()],
                              f.features.subset(ua), f.features.subset(ub), ia, ib,
                              titles=([f.titles[k] for k in ua.tolist()], [f.titles[k] for k in ub.tolist()]))


def scores(state: CorpusState, ii: np.ndarray, jj: np.ndarray) -> np.ndarray:
    """`pair_scores` of pairs (ii[k], jj[k]): the reported score of a link, as `compare` reports it."""
    u, inv = np.unique(np.r_[ii, jj], return_inverse=True)         # the pairs' measures only
    f = state.features.features.subset(u)
    m = [state.measures[k] for k in u.tolist()]
    return pair_scores(m, m, f, f, inv[:len(ii)], inv[len(ii):])


def decide(state: CorpusState, ii: np.ndarray, jj: np.ndarray, stats: dict, sig: dict,
           threshold: float = 1.0, same: np.ndarray | None = None) -> Decisions:
    """The decisions on the candidate pairs, from their pool statistics and commitment signals;
    `same`: pairs that read the same (matches, score 1.0, whatever the rest says)."""
    n = len(ii)
    t = {"i": ii, "j": jj, "cosine": stats["cosine"], **sig,
         **standing(stats["cosine"], stats["row"], stats["col"])}
    tier, confidence = judge(t, threshold) if n else (np.zeros(0, dtype=object), np.zeros(0, dtype=object))
    clause_a = np.asarray(sig.get("clause_a", np.zeros(0, dtype=object)), dtype=object)
    clause_b = np.asarray(sig.get("clause_b", np.zeros(0, dtype=object)), dtype=object)
    m = state.measures
    across = np.array([m[i].kind != m[j].kind for i, j in zip(ii.tolist(), jj.tolist(), strict=True)], dtype=bool)
    if n:
        far = across & (np.asarray(stats["cosine"], dtype=float) < ACROSS_COSINE)
        tier[far], confidence[far] = UNLINKED, ""        # a pair of two kinds this unlike is no candidate (`align`)
    if same is not None and same.any():
        tier[same], confidence[same] = MATCH, STRONG
    score = np.zeros(n)
    keep = np.flatnonzero(tier == MATCH)
    if len(keep):
        score[keep] = scores(state, ii[keep], jj[keep])
        below_floor(tier, confidence, score, threshold, across)
    return Decisions(ii, jj, tier, confidence, np.asarray(stats["cosine"], dtype=float), score, clause_a, clause_b)
