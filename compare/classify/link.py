"""Links: classify aligned pairs (judged together, so merges and splits are seen whole) or one pair
a reviewer set by hand."""
from __future__ import annotations

from compare.classify.commitments import Weights
from compare.classify.evidence import deadline_change, evidence
from compare.classify.fates import Fate, judge_group
from compare.classify.status import status_from
from compare.model import Evidence, Link, Measure, same_text
from compare.vocab import UNCHANGED


def _link(a: Measure, b: Measure, score: float, fates: list[Fate]) -> Link:
    if same_text(a, b):
        return Link(a.id, b.id, round(float(score), 4), UNCHANGED,
                    Evidence(diff=[["=", b.text]], deadline_change=deadline_change(a, b)))
    ev = evidence(a, b)
    ev.commitments = [f.record() for f in fates]
    status, secondary = status_from(fates)
    return Link(a.id, b.id, round(float(score), 4), status, ev, secondary_status=secondary)


def classify(a: Measure, b: Measure, score: float, apart: bool = False) -> Link:
    """A link with its status and evidence, for a pair seen alone (a reviewer's relink);
    `score` comes from the alignment; `apart`: the measures' documents are of other
    jurisdictions (`judge_group`)."""
    fates = judge_group([a], [b], [(0, 0)], Weights([a, b]), apart)[(0, 0)]
    return _link(a, b, score, fates)


def classify_pairs(a: list[Measure], b: list[Measure], pairs, apart: bool = False) -> list[Link]:
    """Links for the aligned pairs (objects with i, j, score) of measures a[i] → b[j], judged
    together so merges and splits are seen whole; IDF over both documents' measures; `apart`:
    the documents are of other jurisdictions (`judge_group`)."""
    pairs = list(pairs)
    fates = judge_group(a, b, [(p.i, p.j) for p in pairs], Weights(list(a) + list(b)), apart)
    return [_link(a[p.i], b[p.j], p.score, fates[(p.i, p.j)]) for p in pairs]
