"""What a reviewer reads after a round of review on the bundled plans: a status they set stands
alone (no "或…" second reading beside it), rows of the previous workbook are named as such, and
the review log gives each verdict's row in this workbook too."""
from __future__ import annotations

import openpyxl
import pytest
from bs4 import BeautifulSoup
from bundled import VERDICTS, reviewed_run

from compare.report import build_view
from compare.review.form import LOG_SHEET, SHEET


@pytest.fixture(scope="module")
def second(tmp_path_factory):
    return reviewed_run(tmp_path_factory.mktemp("reading"))


def test_a_status_the_reviewer_set_shows_no_second_reading(second):
    result, paths = second
    link = next(lk for lk in result.comparisons[0].links if (lk.a, lk.b) == ("m022", "m008"))
    assert link.status == "expanded" and link.reviewed == "expanded"
    assert link.secondary_status == "narrowed"              # the tool's reading, kept in the JSON …
    row = next(r for r in build_view(result).comparisons[0].rows if r.link is link)
    assert row.secondary == ""                               # … but not shown beside the reviewer's
    page = BeautifulSoup(paths["html"].read_text(encoding="utf-8"), "html.parser")
    shown = page.select_one(f"#{row.anchor}")
    assert shown is not None and shown.select_one(".secondary") is None
    assert "或收窄" not in shown.get_text()
    assert page.select(".secondary")                         # unreviewed links still show theirs


def test_rows_of_the_previous_workbook_are_named_as_such(second):
    result, paths = second
    book = openpyxl.load_workbook(paths["xlsx"], read_only=True)
    rows = list(book[SHEET].iter_rows(values_only=True))
    head = rows[0]
    outcomes = [r[head.index("审阅结果 Outcome")] or "" for r in rows[1:]]
    cited = [o for o in outcomes if "行 row" in o]
    assert cited and all("上一审阅表第" in o and "of the reviewed workbook" in o for o in cited)
    log = list(book[LOG_SHEET].iter_rows(values_only=True))
    assert log[0][:2] == ("上一审阅表行 Row in the reviewed workbook", "本表行 Row here")
    assert sorted(r[0] for r in log[1:]) == sorted(v.row for v in result.review)
    review = head.index("审阅 Review")
    for r in log[1:]:                                        # the row here carries the verdict again
        assert rows[r[1] - 1][review] == r[5], r
    assert len(log) - 1 == len(VERDICTS)


def test_an_evidence_line_says_which_old_clause_when_two_meet_in_one_new_clause(second):
    """2024（七）→ 2025–2027（十九): two old clauses are widened into one new clause; each line
    quotes its own old clause, so the two lines differ."""
    result, _ = second
    view = build_view(result)
    row = next(r for r in view.comparisons[0].rows if r.link and (r.link.a, r.link.b) == ("m007", "m019"))
    widened = [t for kind, t in row.lines if kind == "widened"]
    assert len(widened) == 2 and len(set(widened)) == 2, widened
    assert all("」→「" in t for t in widened)
