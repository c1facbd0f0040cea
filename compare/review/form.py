"""The review form: the workbook's Alignment sheet as a contract between the workbook writer and
`compare.review`.

A reviewer picks a verdict in the Review column, may fill Relink to and Notes, or changes a
row's Status; `compare.review` reads the rows back by the hidden columns (never by position,
so sorting or filtering the sheet does no harm): each row's measures by their keys (label and
text fingerprint, `model.measure_key`; ids as well), and the hidden sheet KEYS_SHEET records
which documents the workbook was made for (file names, fingerprints, every measure's id and
key), so a verdict follows its measure into a re-issued document and never lands on another. This module holds the sheet's name, its columns
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
    KIND_LABELS,
    NEW,
    NOTE,
    REJECT,
    RELINK,
    STATUS_LABELS,
    STATUSES,
    status_text,
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
# link, or a verdict naming a row this run does not have), or of a second verdict on one row
# (its row shows the other): the workbook keeps the verdict there.
GONE_LABELS = {"rejected": "已拒绝 rejected", "relinked": "已改链 relinked",
               "gone": "本次结果无此行 not in this result", "again": "同一行的另一条意见 another verdict on this row"}


def verdict_text(action: str) -> str:
    """"拒绝 reject": how a verdict reads in a cell and in the dropdown."""
    return f"{VERDICT_LABELS[action]} {action}" if action in VERDICT_LABELS else action


def status_cell(status: str) -> str:
    """"扩展 expanded": how a status reads in a cell."""
    return status_text(status)


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
# the tool says and the reviewer's columns, which print (the first PRINTED columns: on A4
# landscape, one page wide, at a size that can be read and marked up on paper); then the full
# texts and chapters, which are read on screen (two columns of 40 widths would shrink the
# printed page to 5-point text). Evidence is most of what a row prints, so it has the widest
# printed column: at 36 widths its rows were tall and the cells beside it mostly blank (41
# pages for the bundled three plans, 31 now). A row is as high as its longest text needs,
# printed or not (a text is never cut on screen), so the screen's columns are wide enough
# that they seldom decide a row's height.
ALIGNMENT_COLUMNS = (
    Column("比较 Comparison", 12, True, old="Comparison"),
    Column("A 标签 A label", 6, True, old="A label"),
    Column("A 标题 A title", 12, True, old="A title"),
    Column("B 标签 B label", 6, True, old="B label"),
    Column("B 标题 B title", 12, True, old="B title"),
    Column("状态 Status", 9, True, old="Status"),
    Column("可信度 Confidence", 10, True, old="Confidence"),
    Column("相似度 Score", 6, old="Score"),
    Column("依据 Evidence", 48, True, old="Evidence"),
    Column("审阅 Review", 8, True, old="Review"),
    Column("改链至 Relink to", 7, True, old="Relink to"),
    Column("备注 Notes", 12, True, old="Notes"),
    Column("审阅结果 Outcome", 11, True),
    Column("A 原文 A text", 80, True, old="A text"),
    Column("B 原文 B text", 80, True, old="B text"),
    Column("最近相关 Nearest related", 24, True, old="Nearest related"),
    Column("A 章节 A chapter", 16, True, old="A chapter"),
    Column("B 章节 B chapter", 16, True, old="B chapter"),
    Column("comparison #", 6, hidden=True), Column("a id", 10, hidden=True),
    Column("b id", 10, hidden=True), Column("status #", 10, hidden=True),
    Column("a key", 12, hidden=True), Column("b key", 12, hidden=True),
    Column("target key", 12, hidden=True), Column("target #", 8, hidden=True),
)
HEADERS = tuple(c.header for c in ALIGNMENT_COLUMNS)
HIDDEN_COLUMNS = tuple(c.header for c in ALIGNMENT_COLUMNS if c.hidden)
FROZEN = HEADERS.index("状态 Status")     # columns kept in view when scrolling right
PRINTED = HEADERS.index("A 原文 A text")   # columns printed (the print area): up to the texts

# What review.py reads, field -> header. The hidden columns keep their names in every version;
# "status #" (the status as written, to tell an edited Status cell) is not in older workbooks,
# nor are the keys ("a key", "b key": the row's measures; "target key": a relink target's, with
# "target #", the Relink to text it was written for) and the texts the row showed.
REVIEW_FIELDS = {"comparison": "comparison #", "a_id": "a id", "b_id": "b id", "action": "审阅 Review",
                 "target": "改链至 Relink to", "note": "备注 Notes", "status": "状态 Status",
                 "written": "status #", "a_key": "a key", "b_key": "b key", "target_key": "target key",
                 "target_written": "target #", "a_label": "A 标签 A label", "a_title": "A 标题 A title",
                 "b_label": "B 标签 B label", "b_title": "B 标题 B title", "comparison_name": "比较 Comparison"}
OPTIONAL_FIELDS = ("status", "written")        # both or neither
OPTIONAL_EACH = ("a_key", "b_key", "target_key", "target_written", "a_label", "a_title", "b_label",
                 "b_title", "comparison_name")
SHOWN_FIELDS = ("a_label", "a_title", "b_label", "b_title", "comparison_name")

# The hidden sheet of identities: one row per document ("id" empty, "key" its fingerprint) and
# one per measure ("key": label#fingerprint), documents numbered as the comparisons number them.
KEYS_SHEET = "键 Keys"
KEYS_COLUMNS = ("doc #", "file", "name", "id", "label", "key", "title")


def header_names(header: str) -> tuple[str, ...]:
    """The header and, for a column that had another one before, its old header."""
    old = next((c.old for c in ALIGNMENT_COLUMNS if c.header == header and c.old), "")
    return (header, old) if old else (header,)


def evidence_text(row) -> str:
    """The Evidence cell of a link row: the link kind and chips on one line, then, when the link
    has commitments, the close second status and one line per change ("+ 新增：「…」",
    "− 不再提及：「…」", "↑ 扩大：…", "≈ 概括：…", "= 保留：…"). A dropped or new measure's row
    gives the measure of the other document nearest in topic, if any (it prints with the
    evidence; the Nearest related column, which says the same, is read on screen)."""
    if row.link is None:
        return getattr(row, "related", "") or ""
    chips = "；".join(t for _, t in row.chips)
    head = "；".join(filter(None, [KIND_LABELS.get(row.kind, ""), chips]))
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
    a_label, a_title, a_text, a_chapter, a_id, a_key = _measure_cells(row.a.measure if row.a else None)
    b_label, b_title, b_text, b_chapter, b_id, b_key = _measure_cells(row.b.measure if row.b else None)
    lk = row.link
    gone = getattr(row, "gone", "")
    review, target, note, outcome = review_cells(row)
    score = round(lk.score, 3) if lk else getattr(row, "was_score", None)   # a rejected link's
    values = {
        "比较 Comparison": comparison_name,
        "A 标签 A label": a_label, "A 标题 A title": a_title,
        "B 标签 B label": b_label, "B 标题 B title": b_title,
        "状态 Status": GONE_LABELS[gone] if gone else status_cell(row.status),
        "可信度 Confidence": confidence_cell(row.confidence) or None, "相似度 Score": score,
        "依据 Evidence": evidence_text(row) or None,
        "A 原文 A text": a_text, "B 原文 B text": b_text,
        "审阅 Review": review, "改链至 Relink to": target, "备注 Notes": note,
        "审阅结果 Outcome": outcome, "最近相关 Nearest related": row.related or None,
        "A 章节 A chapter": a_chapter, "B 章节 B chapter": b_chapter,
        "comparison #": row.comparison if row.comparison >= 0 else None,
        "a id": getattr(row, "a_id", "") or a_id,
        "b id": getattr(row, "b_id", "") or b_id,
        "status #": None if gone else row.status,
        "a key": getattr(row, "a_key", "") or a_key,     # a lost verdict's row: the key it was typed on
        "b key": getattr(row, "b_key", "") or b_key,
        **_target_cells(row),
    }
    return [values[h] for h in HEADERS]


def _measure_cells(m) -> tuple[Any, Any, Any, Any, Any, Any]:
    """Label, title, text, chapter, id and key of a row's measure on one side; all None (empty
    cells) on the side a dropped or new measure has no counterpart."""
    return (m.label, m.title, m.text, m.chapter, m.id, m.key) if m else (None,) * 6


def _target_cells(row) -> dict[str, Any]:
    """The hidden target key of a relink typed on the row, and the Relink to text it belongs to
    (a reviewer who changes that text names another target: the key is then not used)."""
    own = row.typed[0] if getattr(row, "typed", None) else None
    if own is None or own.action != RELINK or not own.target:
        return {"target key": None, "target #": None}
    return {"target key": own.target_key or None, "target #": own.target}
