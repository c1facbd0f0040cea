"""compare.corpus.families: families are communities of the links, which a stray link cannot fuse."""
import itertools

import numpy as np

from compare.corpus.families import cohesion, families, link_weights
from compare.vocab import CHECK, STRONG


def _clique(nodes):
    return list(itertools.combinations(nodes, 2))


def test_a_stray_link_does_not_fuse_two_families_as_the_union_of_links_would():
    edges = _clique(range(0, 6)) + _clique(range(6, 12)) + _clique(range(12, 15)) + [(5, 6), (11, 12)]
    i, j = np.array(edges).T
    fam = families(16, i, j, np.ones(len(edges)))
    assert list(fam) == [0] * 6 + [1] * 6 + [2] * 3 + [3]       # numbered by first member; 15 alone
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components
    n_components = connected_components(coo_matrix((np.ones(len(i)), (i, j)), shape=(16, 16)), directed=False)[0]
    assert n_components == 2                                  # the closure: 15 measures in one "family"


def test_families_are_the_same_every_run():
    rng = np.random.default_rng(0)
    i, j = rng.integers(0, 200, 800), rng.integers(0, 200, 800)
    keep = i != j
    w = rng.random(keep.sum())
    assert np.array_equal(families(200, i[keep], j[keep], w), families(200, i[keep], j[keep], w))


def test_cohesion_is_the_share_of_links_inside_and_flags_the_weakest_member():
    edges = _clique(range(0, 4)) + [(3, 4), (4, 5), (4, 6)]
    i, j = np.array(edges).T
    fam = np.array([0, 0, 0, 0, 0, 1, 1])
    per_family, per_measure = cohesion(fam, i, j)
    assert per_measure[0] == 1.0 and per_measure[4] == 1 / 3           # 4: one link of three inside
    assert per_family[0] == (3 * 3 + 4 + 1) / (3 * 3 + 4 + 3)
    assert per_family[1] == 0.0


def test_a_check_link_weighs_a_fifth_of_a_strong_one():
    assert list(link_weights(np.array([0.5, 0.5]), np.array([STRONG, CHECK]))) == [0.5, 0.1]
