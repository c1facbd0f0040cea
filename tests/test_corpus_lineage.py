"""compare.corpus.lineage: predecessors (previous edition first, else the earliest adopter) and
statuses as compare classifies them. Corpus runs here run their tasks in the test process
(workers=1: see corpus_fixtures)."""
from pathlib import Path

import numpy as np

import compare
from compare.corpus.lineage import ADOPTION, EDITION, plan
from compare.vocab import NEW

INPUTS = Path(__file__).resolve().parent.parent / "inputs"


def test_an_editions_statuses_are_compares(tmp_path):
    old, new = INPUTS / "chuanyu-2024.txt", INPUTS / "chuanyu-2025-2027.txt"
    pairwise = {(lk.a, lk.b): lk for lk in compare.compare([old, new]).comparisons[0].links}
    c = compare.corpus([old, new], workers=1).corpus
    seen = 0
    for node in c.lineage:
        for p, lk in zip(node.predecessors, node.links, strict=True):
            assert node.kind == EDITION
            ref = pairwise[(c.measures[p].id, c.measures[node.measure].id)]
            # the score differs a little: its cosine takes IDF within each document, not the pair
            assert (lk.status, lk.secondary_status) == (ref.status, ref.secondary_status)
            assert lk.evidence.commitments == ref.evidence.commitments
            seen += 1
    assert seen == len(pairwise) == 24


def test_a_first_adoption_points_to_the_earliest_adopter_it_most_resembles():
    """Measures 0-1 in document 0, 2-3 in document 1 (another jurisdiction), 4 in document 2 (the
    next edition of document 1): family 7 = {0, 2, 4}, family 8 = {1, 3}."""
    measures = [None] * 5
    doc_of = np.array([0, 0, 1, 1, 2])
    doc_rows = np.array([0, 2, 4, 5])
    family = np.array([7, 8, 7, 8, 7])
    links = (np.array([2, 0]), np.array([4, 4]), np.array([0.9, 0.5]))    # 2 -> 4 (edition), 0 -> 4
    sims = {(0, 2): 0.4, (1, 3): 0.6}
    lineage = plan(measures, doc_of, doc_rows, family, {2: 1}, links,
                   lambda i, j: np.array([sims[(a, b)] for a, b in zip(i, j, strict=True)]))
    assert [(n.kind, n.predecessors) for n in lineage] == [
        ("", []), ("", []), (ADOPTION, [0]), (ADOPTION, [1]), (EDITION, [2])]
    assert lineage[4].scores == [0.9] and lineage[0].status == NEW


def test_a_measure_its_previous_edition_lacks_continues_its_own_jurisdictions_not_an_adoption():
    """Documents 0 (jurisdiction 甲, the family's first adopter), 1, 2 and 3 (乙; 2 is 乙's latest
    before 3, another plan of its own): measure 3 is linked to 甲's 0 and 乙's 1; its previous
    edition (2) lacks the family, so its predecessor is its own jurisdiction's 1, not 甲's 0."""
    doc_of = np.arange(4)
    doc_rows = np.arange(5)
    family = np.array([7, 7, 8, 7])
    links = (np.array([0, 1]), np.array([3, 3]), np.array([0.9, 0.7]))
    lineage = plan([None] * 4, doc_of, doc_rows, family, {2: 1, 3: 2}, links,
                   lambda i, j: np.ones(len(i)), ["甲", "乙", "乙", "乙"])
    assert (lineage[3].kind, lineage[3].predecessors, lineage[3].scores) == (EDITION, [1], [0.7])
    assert (lineage[1].kind, lineage[1].predecessors) == (ADOPTION, [0])


def test_a_job_between_plans_of_other_jurisdictions_compares_no_own_places():
    """Documents 0 and 1 of two provinces, 1 and 2 two editions of one: only the first job is
    apart (each plan's own places not compared, as `compare A B` does), and its signature says so."""
    from compare.corpus.lineage import Lineage, jobs
    nodes = [Lineage(1, ADOPTION, [0], [0.9]), Lineage(2, EDITION, [1], [0.9])]
    made = jobs(nodes, np.array([0, 1, 2]), np.array([0, 1, 2]), ["江苏省", "安徽省", "安徽省"])
    assert [(j.doc_a, j.doc_b, j.apart) for j in made] == [(0, 1, True), (1, 2, False)]
    assert made[0].signature() != jobs(nodes, np.array([0, 1, 2]), np.array([0, 1, 2]))[0].signature()
