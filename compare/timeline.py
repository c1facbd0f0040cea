"""The timeline: where each measure lives on in every later document (three or more documents).

The one rule, used by the JSON, the workbook, the page and `compare.compare()`'s
`Result.timeline`: a measure of document d lives on in document j in the measures it is linked
to in comparison (d, j) (reviewed links included); its status there is the most changed of those
links' statuses (`headline`: unchanged < continued < expanded < narrowed < revised; all of them
are kept in `statuses`, least changed first), or dropped when it has none. Rows of the first
document's measures come first, then the second's (where a measure of B goes in C), and so on;
the last document has no rows. A pair of documents without a comparison has no cell.

    A = 2024, B = 2025, C = 2026; A（七） linked to B（三） (continued) and to C（二）, C（五）
    (expanded, narrowed): A（七） lives on in B as （三） continued and in C as （二）（五）,
    headlined narrowed.
"""
from __future__ import annotations

from collections import defaultdict

from compare.model import Comparison, Link, Result, TimelineCell, TimelineRow
from compare.vocab import CHANGE_RANK, DROPPED


def headline(statuses) -> str:
    """The most changed of a measure's link statuses (unchanged < continued < expanded <
    narrowed < revised)."""
    return max(statuses, key=lambda s: CHANGE_RANK.get(s, -1))


def timeline(result: Result) -> list[TimelineRow]:
    """The timeline of `result` by the rule above ([] for fewer than three documents)."""
    n = len(result.documents)
    if n < 3:
        return []
    by_pair = {(c.a, c.b): c for c in result.comparisons}
    rows = []
    for d in range(n - 1):
        later = [j for j in range(d + 1, n) if (d, j) in by_pair]
        if not later:
            continue
        links_of = {j: _links_by_a(by_pair[(d, j)]) for j in later}
        for m in result.documents[d].measures:
            cells = {}
            for j in later:
                links = links_of[j].get(m.id, [])
                statuses = sorted({lk.status for lk in links}, key=lambda s: CHANGE_RANK.get(s, -1))
                cells[j] = TimelineCell(later=j, ids=[lk.b for lk in links],
                                        id_statuses=[lk.status for lk in links], statuses=statuses,
                                        status=headline(statuses) if statuses else DROPPED)
            rows.append(TimelineRow(doc=d, measure=m, cells=cells))
    return rows


def _links_by_a(comp: Comparison) -> dict[str, list[Link]]:
    out: dict[str, list[Link]] = defaultdict(list)
    for lk in comp.links:
        out[lk.a].append(lk)
    return out
