"""The review form: the workbook's Alignment sheet as a contract between the workbook writer and
`compare.review`.

A reviewer picks a verdict in the Review column, may fill Relink to and Notes, and
`compare.review` reads the rows back by the hidden id columns (never by position, so sorting or
filtering the sheet does no harm). This module holds the sheet's name, its columns (in order,
with width, wrapping and whether hidden), the verdicts and what each column of a row says. It
imports no spreadsheet library: reading a review needs only these names.
"""
from __future__ import annotations

from typing import Any, NamedTuple

from ..model import STATUSES
from .labels import STATUS_LABELS

SHEET = "Alignment"

# Verdicts a reviewer may pick: the first three act on the alignment, a status name sets it.
REVIEW_ACTIONS = ("confirm", "reject", "relink", *STATUSES)
REVIEW_PROMPT = "confirm / reject / relink (fill Relink to) / a status name to set the status"


class Column(NamedTuple):
    header: str
    width: float
    wrap: bool = False
    hidden: bool = False


ALIGNMENT_COLUMNS = (
    Column("Comparison", 16), Column("A label", 8), Column("A chapter", 16, True),
    Column("A title", 22, True), Column("B label", 8), Column("B chapter", 16, True),
    Column("B title", 22, True), Column("A text", 48, True), Column("B text", 48, True),
    Column("Score", 7), Column("Status", 11), Column("Confidence", 10),
    Column("Evidence", 30, True), Column("Nearest related", 24, True),
    Column("Review", 11), Column("Relink to", 11), Column("Notes", 24, True),
    Column("comparison #", 6, hidden=True), Column("a id", 10, hidden=True),
    Column("b id", 10, hidden=True),
)
HEADERS = tuple(c.header for c in ALIGNMENT_COLUMNS)
HIDDEN_COLUMNS = tuple(c.header for c in ALIGNMENT_COLUMNS if c.hidden)

# What review.py reads, field -> header.
REVIEW_FIELDS = {"comparison": "comparison #", "a_id": "a id", "b_id": "b id", "action": "Review",
                 "target": "Relink to", "note": "Notes"}


def evidence_text(row) -> str:
    """The Evidence cell of a link row: the link kind and chips on one line, then, when the link
    has commitments, the close second status and one line per change ("+ 新增：「…」",
    "− 不再提及：「…」", "↑ 扩大：…", "≈ 概括：…", "= 保留：…")."""
    if row.link is None:
        return ""
    chips = "；".join(t for _, t in row.chips)
    head = "；".join(filter(None, [row.kind if row.kind != "one-to-one" else "", chips]))
    lines = [t for _, t in row.lines]
    if not lines:
        return head
    second = row.secondary
    top = [f"亦可视为：{STATUS_LABELS.get(second, second)} {second}"] if second else []
    return "\n".join(top + lines + ([head] if head else []))


def alignment_values(row, comparison_name: str) -> list[Any]:
    """The cells of one view row, in ALIGNMENT_COLUMNS order (None: an empty cell)."""
    a = row.a.measure if row.a else None
    b = row.b.measure if row.b else None
    lk = row.link
    return [comparison_name,
            a.label if a else None, a.chapter if a else None, a.title if a else None,
            b.label if b else None, b.chapter if b else None, b.title if b else None,
            a.text if a else None, b.text if b else None,
            round(lk.score, 3) if lk else None, row.status, row.confidence or None,
            evidence_text(row) or None, row.related or None, None, None, row.note or None,
            row.comparison, a.id if a else None, b.id if b else None]
