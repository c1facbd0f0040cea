"""The review form: the workbook's Alignment sheet as a contract between the workbook writer and
`compare.review`.

A reviewer picks a verdict in the Review column, may fill Relink to and Notes, or changes a
row's Status; `compare.review` reads the rows back by the hidden id columns (never by position,
so sorting or filtering the sheet does no harm). This module holds the sheet's name, its columns
(in order, with width, wrapping and whether hidden), the verdicts and how they read in either
language, and what each column of a row says. It imports no spreadsheet library: reading a
review needs only these names.

Names are Chinese first, then English ("对照 Alignment", "审阅 Review", "扩展 expanded"), so the
sheet reads the same in WPS, LibreOffice and Excel. Workbooks of earlier versions (English
sheet name and headers) are still read: each column keeps the header it had then (`Column.old`).
"""
from __future__ import annotations

import re
from typing import Any, NamedTuple

from compare.text.normalize import fold, simplify
from compare.vocab import (
    CONFIDENCE_LABELS,
    CONFIRM,
    DROPPED,
    NEW,
    NOTE,
    REJECT,
    RELINK,
    STATUS_LABELS,
    STATUSES,
)

SHEET = "对照 Alignment"
OLD_SHEETS = ("Alignment",)             # the name workbooks of earlier versions gave it
LOG_SHEET = "审阅记录 Review log"

# Verdicts a reviewer may pick: the first three act on the alignment, a status name sets the
# link's status; new / dropped say the row's measure has no counterpart (on a link: reject it).
REVIEW_ACTIONS = (CONFIRM, REJECT, RELINK, *STATUSES, NEW, DROPPED)
VERDICT_LABELS = {CONFIRM: "确认", REJECT: "拒绝", RELINK: "改链", **STATUS_LABELS, NOTE: "备注"}
REVIEW_CHOICES = tuple(f"{VERDICT_LABELS[a]} {a}" for a in REVIEW_ACTIONS)   # the dropdown
REVIEW_PROMPT = ("确认 / 拒绝 / 改链（填写“改链至”）/ 状态名：改为该状态；中文或英文均可\n"
                 "confirm / reject / relink (fill Relink to) / a status name sets the status")

# What the Status cell of a row that is no longer in the result says (a rejected or relinked
# link, or a verdict naming a row this run does not have): the workbook keeps the verdict there.
GONE_LABELS = {"rejected": "已拒绝 rejected", "relinked": "已改链 relinked",
               "gone": "本次结果无此行 not in this result"}


def verdict_text(action: str) -> str:
    """"拒绝 reject": how a verdict reads in a cell and in the dropdown."""
    return f"{VERDICT_LABELS[action]} {action}" if action in VERDICT_LABELS else action


def status_cell(status: str) -> str:
    """"扩展 expanded": how a status reads in a cell."""
    return f"{STATUS_LABELS[status]} {status}" if status in STATUS_LABELS else status


def confidence_cell(confidence: str) -> str:
    """"待核 check" / "可信 strong"."""
    return f"{CONFIDENCE_LABELS[confidence]} {confidence}" if confidence in CONFIDENCE_LABELS else confidence


def read_choice(text: str, choices: tuple[str, ...], labels: dict[str, str] | None = None) -> str | None:
    """The choice a cell names, or None: its English or Chinese word, or both in either order
    ("拒绝", "reject", "拒绝 reject", "Reject 拒絕"), whatever the width, case, spacing and
    Traditional or Simplified form; "" for an empty cell. `labels`: the Chinese words of the
    choices (by default the verdicts' and statuses')."""
    if not text or not text.strip():
        return ""
    key = re.sub(r"\s+", "", simplify(fold(text))).lower()
    names = labels if labels is not None else {**STATUS_LABELS, **VERDICT_LABELS}
    for choice in choices:
        zh, en = names.get(choice, choice), choice
        if key in (zh, en, zh + en, en + zh):
            return choice
    return None


class Column(NamedTuple):
    header: str
    width: float
    wrap: bool = False
    hidden: bool = False
    old: str = ""       # the header this column had in workbooks of earlier versions


# Labels and titles first, so freezing the first FROZEN columns keeps them in view; then what
# the tool says, the texts, and the reviewer's columns.
ALIGNMENT_COLUMNS = (
    Column("比较 Comparison", 12, True, old="Comparison"),
    Column("A 标签 A label", 7, True, old="A label"),
    Column("A 标题 A title", 16, True, old="A title"),
    Column("B 标签 B label", 7, True, old="B label"),
    Column("B 标题 B title", 16, True, old="B title"),
    Column("状态 Status", 10, True, old="Status"),
    Column("可信度 Confidence", 11, True, old="Confidence"),
    Column("相似度 Score", 7, old="Score"),
    Column("依据 Evidence", 34, True, old="Evidence"),
    Column("A 原文 A text", 40, True, old="A text"),
    Column("B 原文 B text", 40, True, old="B text"),
    Column("审阅 Review", 11, True, old="Review"),
    Column("改链至 Relink to", 9, True, old="Relink to"),
    Column("备注 Notes", 20, True, old="Notes"),
    Column("审阅结果 Outcome", 22, True),
    Column("最近相关 Nearest related", 18, True, old="Nearest related"),
    Column("A 章节 A chapter", 12, True, old="A chapter"),
    Column("B 章节 B chapter", 12, True, old="B chapter"),
    Column("comparison #", 6, hidden=True), Column("a id", 10, hidden=True),
    Column("b id", 10, hidden=True), Column("status #", 10, hidden=True),
)
HEADERS = tuple(c.header for c in ALIGNMENT_COLUMNS)
HIDDEN_COLUMNS = tuple(c.header for c in ALIGNMENT_COLUMNS if c.hidden)
FROZEN = HEADERS.index("状态 Status")     # columns kept in view when scrolling right

# What review.py reads, field -> header. The hidden columns keep their names in every version;
# "status #" (the status as written, to tell an edited Status cell) is not in older workbooks.
REVIEW_FIELDS = {"comparison": "comparison #", "a_id": "a id", "b_id": "b id", "action": "审阅 Review",
                 "target": "改链至 Relink to", "note": "备注 Notes", "status": "状态 Status",
                 "written": "status #"}
OPTIONAL_FIELDS = ("status", "written")


def header_names(header: str) -> tuple[str, ...]:
    """The header and, for a column that had another one before, its old header."""
    old = next((c.old for c in ALIGNMENT_COLUMNS if c.header == header and c.old), "")
    return (header, old) if old else (header,)


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


def review_cells(row) -> tuple[Any, Any, Any, Any]:
    """Review, Relink to, Notes and Outcome of a row: the verdict typed on this row (so the next
    `--review` applies it again) and, in Outcome, what every verdict did here."""
    own = row.typed[0] if getattr(row, "typed", None) else None
    outcome = "\n".join(m.cell for m in getattr(row, "marks", ()))
    if own is None:
        return None, None, None, outcome or None
    action = verdict_text(own.action) if own.action != NOTE else None
    return action, own.target or None, own.note or None, outcome or None


def alignment_values(row, comparison_name: str) -> list[Any]:
    """The cells of one view row, in ALIGNMENT_COLUMNS order (None: an empty cell). A row the
    result no longer has (`row.gone`: a rejected link …) keeps its verdict and says so in Status."""
    a = row.a.measure if row.a else None
    b = row.b.measure if row.b else None
    lk = row.link
    gone = getattr(row, "gone", "")
    review, target, note, outcome = review_cells(row)
    score = round(lk.score, 3) if lk else getattr(row, "was_score", None)   # a rejected link's
    values = {
        "比较 Comparison": comparison_name,
        "A 标签 A label": a.label if a else None, "A 标题 A title": a.title if a else None,
        "B 标签 B label": b.label if b else None, "B 标题 B title": b.title if b else None,
        "状态 Status": GONE_LABELS[gone] if gone else status_cell(row.status),
        "可信度 Confidence": confidence_cell(row.confidence) or None, "相似度 Score": score,
        "依据 Evidence": evidence_text(row) or None,
        "A 原文 A text": a.text if a else None, "B 原文 B text": b.text if b else None,
        "审阅 Review": review, "改链至 Relink to": target, "备注 Notes": note,
        "审阅结果 Outcome": outcome, "最近相关 Nearest related": row.related or None,
        "A 章节 A chapter": a.chapter if a else None, "B 章节 B chapter": b.chapter if b else None,
        "comparison #": row.comparison if row.comparison >= 0 else None,
        "a id": getattr(row, "a_id", "") or (a.id if a else None),
        "b id": getattr(row, "b_id", "") or (b.id if b else None),
        "status #": None if gone else row.status,
    }
    return [values[h] for h in HEADERS]
