"""Lineage: each measure's predecessor in its family, and its status against it.

The predecessor of a measure is the closest earlier measure of its family: first the measures of
its jurisdiction's previous edition it is linked to (several when the new measure merges them;
one old measure with several successors is a split), else those of the latest earlier document of
its own jurisdiction it is linked to (a measure left out of one edition and taken up again, or a
commitment another of its plans made: its own lineage, not another jurisdiction's), else — a first adoption — the measure of the
family's earliest adopting document it most resembles (TF-IDF cosine). A measure of the first
document that has its family has none: it is `new`. The status against the predecessor is
`compare`'s (`compare.classify`): the links between two editions are classified together, as
`compare OLD NEW` classifies them (merges and splits seen whole); an adoption is classified as a
pair. Evidence comes with it, as in `compare`'s reports.

    Lineage                  one measure's predecessors, status, score and evidence
    plan(...) -> list[Lineage]        each measure's predecessors and scores (links not yet classified)
    jobs(lineage, ...) -> list[Job]   what to classify: one job per pair of documents
    classify_job(job) -> list[Link]   a task
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from compare.classify.link import classify, classify_pairs
from compare.corpus.documents import apart
from compare.model import Link, Measure
from compare.vocab import NEW

EDITION, ADOPTION = "edition", "adoption"


@dataclass
class Lineage:
    """A measure's predecessors (measure indices, corpus order; the closest first) and its link to
    each (`links`, filled by classification)."""
    measure: int
    kind: str = ""                          # edition / adoption / "" (new)
    predecessors: list[int] = field(default_factory=list)
    scores: list[float] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)

    @property
    def status(self) -> str:
        return self.links[0].status if self.links else NEW


@dataclass
class Job:
    """Links to classify between two documents: measures a[i] → b[j] with their scores."""
    doc_a: int
    doc_b: int
    a: list[Measure]
    b: list[Measure]
    pairs: list[tuple[int, int, float]]
    together: bool                          # an edition: classified together (merges, splits)
    apart: bool = False                     # of other jurisdictions: their own places not compared

    def signature(self) -> str:
        return (";".join(f"{i}-{j}-{s:.6f}" for i, j, s in self.pairs) + ("|e" if self.together else "|a")
                + ("|o" if self.apart else ""))


@dataclass
class _Pair:
    i: int
    j: int
    score: float


def classify_job(job: Job) -> list[Link]:
    """The Links of a job, in its pairs' order."""
    if job.together:
        return classify_pairs(job.a, job.b, [_Pair(i, j, s) for i, j, s in job.pairs], job.apart)
    return [classify(job.a[i], job.b[j], s, job.apart) for i, j, s in job.pairs]


def plan(measures: list[Measure], doc_of: np.ndarray, doc_rows: np.ndarray, family: np.ndarray,
         previous: dict[int, int], links: tuple[np.ndarray, np.ndarray, np.ndarray],
         resemblance, jurisdiction: list[str] | None = None) -> list[Lineage]:
    """Each measure's predecessors, closest first, with the scores of its links to them (NaN for
    an adoption no link was decided for: the caller scores it).

    `links`: the match links (i, j, score), i earlier than j; `resemblance(i, j)`: the cosines of
    measures i[k] and j[k]; `previous`: document → its previous edition; `jurisdiction`: each
    document's ("" unknown)."""
    li, lj, ls = links
    by_later: dict[int, list[tuple[int, float]]] = {}
    for i, j, s in zip(li.tolist(), lj.tolist(), ls.tolist(), strict=True):
        if family[i] == family[j]:
            by_later.setdefault(j, []).append((i, s))
    earliest: dict[int, int] = {}                       # family → its first document
    for k in range(len(measures)):
        earliest.setdefault(int(family[k]), int(doc_of[k]))
    score_of = {(i, j): s for i, j, s in zip(li.tolist(), lj.tolist(), ls.tolist(), strict=True)}
    lineage, wanted = [], []
    for k in range(len(measures)):
        d, f = int(doc_of[k]), int(family[k])
        own = sorted(_own_links(by_later.get(k, []), doc_of, previous.get(d),
                                jurisdiction[d] if jurisdiction else "", jurisdiction),
                     key=lambda x: (-x[0], x[1]))
        node = Lineage(k)
        if own:
            node.kind, node.predecessors, node.scores = EDITION, [i for _, i in own], [s for s, _ in own]
        elif earliest[f] < d:
            first = np.flatnonzero(family[doc_rows[earliest[f]]:doc_rows[earliest[f] + 1]] == f)
            wanted.append((k, first + doc_rows[earliest[f]]))
            node.kind = ADOPTION
        lineage.append(node)
    if wanted:                               # the earliest adopter's measure most like each one
        ks = np.concatenate([np.full(len(f), k) for k, f in wanted])
        fs = np.concatenate([f for _, f in wanted])
        sims = resemblance(fs, ks)
        at = 0
        for k, first in wanted:
            best = int(first[int(np.argmax(sims[at:at + len(first)]))])
            at += len(first)
            lineage[k].predecessors, lineage[k].scores = [best], [score_of.get((best, k), float("nan"))]
    return lineage


def _own_links(linked: list[tuple[int, float]], doc_of: np.ndarray, prev: int | None, place: str,
               jurisdiction: list[str] | None) -> list[tuple[float, int]]:
    """(score, measure) of a measure's links to its previous edition, else to the latest earlier
    document of its own (known) jurisdiction it is linked to; [] when neither."""
    own = [(s, i) for i, s in linked if prev is not None and doc_of[i] == prev]
    if own or not place:
        return own
    mine = [(s, i) for i, s in linked if jurisdiction[int(doc_of[i])] == place]
    latest = max((int(doc_of[i]) for _, i in mine), default=-1)
    return [(s, i) for s, i in mine if doc_of[i] == latest]


def jobs(lineage: list[Lineage], doc_of: np.ndarray, doc_rows: np.ndarray,
         jurisdiction: list[str] | None = None) -> list[Job]:
    """The classification jobs of the lineage links, one per (older, newer document, kind), in
    document order (measures filled in by the caller); `jurisdiction`: each document's, to tell
    plans of other jurisdictions (`documents.apart`)."""
    groups: dict[tuple[int, int, bool], list[tuple[int, int, float]]] = {}
    for node in lineage:
        d = int(doc_of[node.measure])
        for p, s in zip(node.predecessors, node.scores, strict=True):
            groups.setdefault((int(doc_of[p]), d, node.kind == EDITION), []).append((p, node.measure, s))
    out = []
    for (da, db, together), pairs in sorted(groups.items()):
        pairs.sort()
        out.append(Job(da, db, [], [], [(p - int(doc_rows[da]), k - int(doc_rows[db]), s) for p, k, s in pairs],
                       together, bool(jurisdiction) and apart(jurisdiction[da], jurisdiction[db])))
    return out
