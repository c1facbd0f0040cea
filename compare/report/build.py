"""Building the view: `build_view(result)` runs after classification and after a review's verdicts
are applied; every writer renders the one View it returns (`as_view` accepts a Result too)."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from compare.model import Result
from compare.report.documents import DocumentView, _document, _spoken_names
from compare.report.review_view import ReviewView, review_view
from compare.report.rows import Row
from compare.report.view import (
    ComparisonView,
    TimelineRowView,
    comparison_view,
    summary_sentence,
    timeline_rows,
)
from compare.vocab import ALL_STATUSES


@dataclass
class View:
    """Everything the reports show about one result."""
    result: Result
    title: str                          # "川渝2024 → 川渝2025 → 双核2025"
    documents: list[DocumentView]
    comparisons: list[ComparisonView]
    timeline: list[TimelineRowView]
    totals: dict[str, int]              # rows per status over all comparisons
    review: ReviewView | None = None    # the applied review (`review_view`), None without one

    @property
    def warnings(self) -> list[str]:
        return self.result.warnings

    @property
    def settings(self) -> dict[str, Any]:
        return self.result.settings

    @property
    def rows(self) -> list[Row]:
        """Every row of every comparison, comparison by comparison."""
        return [r for c in self.comparisons for r in c.rows]


def build_view(result: Result) -> View:
    """The view of `result` (after classification and review; building it changes nothing)."""
    comparisons = [comparison_view(result, k) for k in range(len(result.comparisons))]
    totals: Counter = Counter()
    for c in comparisons:
        totals.update(c.counts)
    documents = [_document(i, d, spoken)
                 for i, (d, spoken) in enumerate(zip(result.documents, _spoken_names(result.documents), strict=True))]
    for c in comparisons:
        c.sentence = summary_sentence(c.fates(), documents[c.a].spoken, documents[c.b].spoken)
    view = View(result=result, title=" → ".join(d.name for d in documents), documents=documents,
                comparisons=comparisons, timeline=timeline_rows(result, comparisons),
                totals={s: totals.get(s, 0) for s in ALL_STATUSES})
    view.review = review_view(result, comparisons)
    return view


def as_view(what: View | Result) -> View:
    """Writers accept a View, or a Result to build one from."""
    return what if isinstance(what, View) else build_view(what)
