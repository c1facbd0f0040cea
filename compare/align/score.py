"""The reported score of a link, 0..1: one scale for every link, aligned or set by a reviewer."""
from __future__ import annotations

from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz, process

from compare.align.features import CLAUSE_BREAK, Features, featurize
from compare.model import Measure, same_text
from compare.text.lexicon import is_generic, words

FUZZ_WEIGHT = 0.3         # share of rapidfuzz in the reported score (of the pairs kept; not a criterion)


def pair_scores(a: list[Measure], b: list[Measure], fa: Features, fb: Features,
                ii: np.ndarray, jj: np.ndarray) -> np.ndarray:
    """The reported score of links a[ii[k]] → b[jj[k]], 0..1, given the measures' features
    (rows of their documents' features): 1.0 for two measures that read the same (`same_text`),
    else (1 - FUZZ_WEIGHT) × their TF-IDF cosine + FUZZ_WEIGHT × the rapidfuzz ratio of their
    distinctive words. One scale for every link, aligned or set by a reviewer (`LinkScorer`)."""
    ii, jj = np.asarray(ii, dtype=np.int64), np.asarray(jj, dtype=np.int64)
    if not len(ii):
        return np.zeros(0)
    cos = np.asarray(fa.weights[ii].multiply(fb.weights[jj]).sum(axis=1)).ravel()
    score = (1 - FUZZ_WEIGHT) * cos + FUZZ_WEIGHT * _fuzzy(a, b, ii, jj)
    same = np.array([same_text(a[i], b[j]) for i, j in zip(ii.tolist(), jj.tolist(), strict=True)])
    score[same] = 1.0
    return score


class LinkScorer:
    """Scores any link between two documents' measures as `align` scores its pairs — within
    the two documents' features (IDF over both), the same blend — for a link a reviewer sets
    by hand. The features are made on the first call, once."""

    def __init__(self, a: list[Measure], b: list[Measure]):
        self.a, self.b = a, b
        self._features: list[Features] | None = None

    def __call__(self, i: int, j: int) -> float:
        if self._features is None:
            self._features = featurize([self.a, self.b])
        fa, fb = self._features
        return float(pair_scores(self.a, self.b, fa, fb, np.array([i]), np.array([j]))[0])


def _distinctive(m: Measure) -> str:
    """The measure's words without boilerplate, clause by clause (clauses are tokenized once)."""
    return _distinctive_words(m.content)


@lru_cache(maxsize=1 << 16)     # a corpus scores one measure's links in many chunks of pairs
def _distinctive_words(content: str) -> str:
    return " ".join(w for part in CLAUSE_BREAK.split(content) for w in words(part) if not is_generic(w))


def _fuzzy(a: list[Measure], b: list[Measure], ii: np.ndarray, jj: np.ndarray) -> np.ndarray:
    """rapidfuzz token_sort_ratio of the candidate pairs only, 0..1 (`process.cpdist`, pairwise
    and vectorised: a large comparison never scores all pairs)."""
    sa = [_distinctive(m) for m in a]
    sb = [_distinctive(m) for m in b]
    return process.cpdist([sa[i] for i in ii], [sb[j] for j in jj], scorer=fuzz.token_sort_ratio,
                          dtype=np.float32, workers=-1).astype(np.float64) / 100.0
