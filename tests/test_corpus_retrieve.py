"""compare.corpus.retrieve: candidates from the index, and the pool statistics of `align`."""
from pathlib import Path

import numpy as np
import pytest

import compare
from compare.align.retrieve import retrieve as align_retrieve
from compare.corpus import retrieve
from compare.corpus.features import assemble, doc_features

INPUTS = Path(__file__).resolve().parent.parent / "inputs"
NAMES = ("chuanyu-2024.txt", "chuanyu-2025-2027.txt", "shuanghe-2025.txt", "district-template.txt")


@pytest.fixture(scope="module")
def corpus():
    docs = [compare.load(INPUTS / n) for n in NAMES]
    cf = assemble([doc_features(d.measures) for d in docs])
    measures = [m for d in docs for m in d.measures]
    doc_of = np.repeat(np.arange(len(docs)), [len(d.measures) for d in docs])
    return docs, cf, measures, doc_of


def test_pool_statistics_are_aligns_row_and_column_statistics(corpus):
    """For two documents of one kind of measure, the corpus's statistics of a pair are those
    align's retrieval computes over the same two documents' features."""
    docs, cf, measures, doc_of = corpus
    ra, rb = np.arange(0, 39), np.arange(39, 58)                 # the 2025 plan's measures, not its safeguards
    assert {measures[k].kind for k in np.r_[ra, rb]} == {"measure"}
    ii, jj, cos, row_bg, col_bg = align_retrieve(cf.features.subset(ra), cf.features.subset(rb))
    got = retrieve.pool_statistics(cf, measures, doc_of, ii, jj + 39)
    assert np.allclose(got["cosine"], cos)
    for k in range(3):                   # measures that read the same count in both (no pair left out)
        assert np.allclose(got["row"][k], row_bg[k][ii])
        assert np.allclose(got["col"][k], col_bg[k][jj])


def test_candidates_reach_a_measure_copied_elsewhere_and_the_previous_editions_best_partners(corpus):
    docs, cf, measures, doc_of = corpus
    ii, jj = retrieve.candidates(cf, doc_of, [(0, 1)])
    pairs = set(zip(ii.tolist(), jj.tolist(), strict=True))
    assert all(i < j and doc_of[i] != doc_of[j] for i, j in pairs)
    block = (cf.features.weights[:39] @ cf.features.weights[39:61].T).toarray()
    for j in range(22):                               # each 2025 measure's best 2024 partner
        assert (int(block[:, j].argmax()), 39 + j) in pairs
    # the same text in two documents is paired directly
    si, sj = retrieve.same_text_pairs(measures + measures[:3], np.r_[doc_of, [9, 9, 9]])
    assert {(0, len(measures)), (1, len(measures) + 1)} <= set(zip(si.tolist(), sj.tolist(), strict=True))


def test_adding_later_documents_brings_in_no_pair_between_earlier_ones(corpus):
    """A measure's candidates among earlier documents depend on those only, and later documents
    can only push out a measure's nearest among later ones: so a rerun that adds later plans
    decides only pairs with a new plan."""
    docs, cf, measures, doc_of = corpus
    small = assemble([doc_features(d.measures) for d in docs[:3]])
    n3 = int(small.doc_rows[3])
    i3, j3 = retrieve.candidates(small, doc_of[:n3])
    i4, j4 = retrieve.candidates(cf, doc_of)
    old = set(zip(i3.tolist(), j3.tolist(), strict=True))
    among_old = {(i, j) for i, j in zip(i4.tolist(), j4.tolist(), strict=True) if j < n3}
    assert among_old <= old and among_old


@pytest.mark.parametrize("decimals", [2, 8])
def test_shortlist_of_the_columns_above_a_sampled_floor_is_the_whole_rows_shortlist(decimals):
    """The index ranks only the columns that can be a row's best (`_above_floor`): its shortlist
    is, row by row, the one a selection over every column of the row's side gives — ties at the
    last place (values rounded to `decimals`) included."""
    rng = np.random.default_rng(decimals)
    doc_of = np.sort(rng.integers(0, 80, 4000))
    doc_rows = np.searchsorted(doc_of, np.arange(81))
    r = np.arange(int(doc_rows[30]), int(doc_rows[33]))           # the rows of three documents
    own = doc_of[r]
    block = np.round(rng.random((len(r), len(doc_of))), decimals)
    width = retrieve.SHORTLIST
    for side, lo, hi in ((np.less, 0, int(doc_rows[own[-1]])), (np.greater, int(doc_rows[own[0] + 1]), len(doc_of))):
        got = retrieve._shortlist(block, doc_of, own, side, lo, hi)
        whole = np.where(side(doc_of[None, :], own[:, None]), block, -np.inf)
        want = np.argpartition(-whole, width - 1, axis=1)[:, :width]
        want = np.where(np.isfinite(np.take_along_axis(whole, want, axis=1)), want, -1)
        assert [sorted(row) for row in got.tolist()] == [sorted(row) for row in want.tolist()]
