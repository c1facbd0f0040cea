"""Families: measures that carry the same commitment, found as communities of the match graph.

The union of pairwise matches chains: one measure that restates a neighbour's sentence, or a
stock sentence two measures share, joins two commitments, and taking the closure of every link
fuses the whole corpus into a handful of "families" (on the synthetic corpus: one). So a family
is a community of the link graph (Leiden, Traag et al. 2019, maximising modularity through
igraph): a group of measures linked among themselves RESOLUTION times more than their links
would be by chance; a few stray links between two groups do not merge them, however large the
groups. Links weigh their reported score, a link `compare` marks `check` (one a reviewer should
look at first: on the synthetic corpus four in five of them join two families) a fifth of that.

For each family: its size (measures, documents), and its cohesion — the share of its members'
match links that stay inside it (1.0: no member is linked outside; a family whose members are
as much linked elsewhere is suspicious and listed first for review), and its weakest member (the
one with the smallest share of its links inside).

    families(n, i, j, weight) -> np.ndarray       family number of each measure, 0.. in order of first member
    cohesion(family, i, j) -> (per family share, per measure share)
"""
from __future__ import annotations

import numpy as np

from compare.vocab import STRONG

RESOLUTION = 2.0          # modularity resolution: a family is twice as linked inside as chance would have it
CHECK_WEIGHT = 0.2        # a link compare marks `check` (look here first) weighs a fifth of a `strong` one
SEED = 17                 # Leiden is randomised; a fixed seed makes a run's families reproducible


def link_weights(score: np.ndarray, confidence: np.ndarray) -> np.ndarray:
    """A link's weight: its reported score, times CHECK_WEIGHT for a link marked `check`."""
    return np.asarray(score, dtype=float) * np.where(np.asarray(confidence) == STRONG, 1.0, CHECK_WEIGHT)


def families(n: int, i: np.ndarray, j: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """Family of each of n measures from the match links (i[k], j[k], weight[k], `link_weights`);
    measures without links are families of their own. Numbered in order of their first member
    (corpus order)."""
    import igraph
    import random
    graph = igraph.Graph(n=n, edges=np.c_[i, j].tolist(), directed=False)
    state = random.getstate()
    random.seed(SEED)              # igraph draws from Python's random module
    try:
        part = graph.community_leiden(objective_function="modularity", weights=list(map(float, weight)),
                                      resolution=RESOLUTION, n_iterations=-1)
    finally:
        random.setstate(state)
    membership = np.asarray(part.membership, dtype=np.int64)
    first = {}
    for c in membership.tolist():
        first.setdefault(c, len(first))
    return np.array([first[c] for c in membership.tolist()], dtype=np.int64)


def cohesion(family: np.ndarray, i: np.ndarray, j: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(share of each family's members' links that stay inside it, the same per measure); 1.0 for
    a measure or family without links."""
    n_fam = int(family.max()) + 1 if len(family) else 0
    inside = family[i] == family[j]
    per_measure_all = np.bincount(np.r_[i, j], minlength=len(family)).astype(float)
    per_measure_in = np.bincount(np.r_[i[inside], j[inside]], minlength=len(family)).astype(float)
    measure_share = np.divide(per_measure_in, per_measure_all, out=np.ones(len(family)), where=per_measure_all > 0)
    fam_all = np.bincount(family, weights=per_measure_all, minlength=n_fam)
    fam_in = np.bincount(family, weights=per_measure_in, minlength=n_fam)
    return np.divide(fam_in, fam_all, out=np.ones(n_fam), where=fam_all > 0), measure_share
