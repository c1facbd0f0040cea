"""Reviewing families in the workbook: the sheets' contract, reading the verdicts back, applying them.

A reviewer can, in corpus.xlsx:
- in 家族 Families, on a family's row: 确认 confirm, or 合并 merge with 合并至 Merge into = another
  family's number (as the workbook shows it): the two families are one;
- in 措施 Measures, on a measure's row: 确认 confirm, 拆出 split (the measure is a family of its own),
  or 移至 move with 移至 Move to = a family's number (the measure belongs there).
Notes are kept. `compare corpus … --review corpus.xlsx` applies the verdicts after the families
are found and before the lineage is worked out, and writes them into the new workbook on the
rows they name, with what became of each (审阅结果 Outcome), so the review is cumulative.

Families and measures are named by measures, never by row or family number (numbers change when
plans are added): a measure by its document's file name and its id (hidden columns), a family
by one of its measures (its anchor, hidden columns), and a typed family number is read as the
family the workbook showed under that number. A family merged away keeps a grey row of its own
with its verdict. An unknown verdict refuses the workbook (one line naming the row); a verdict
naming a measure this corpus does not have is skipped, and said so.

    read_verdicts(path) -> list[CorpusVerdict]
    apply_verdicts(verdicts, family, docs, doc_of, doc_rows) -> (family, verdicts with outcomes)
    summary(verdicts) -> str        the line the command prints: applied, skipped and why
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from compare.errors import InputError
from compare.review.form import Column, read_choice

CONFIRM, MERGE, SPLIT, MOVE = "confirm", "merge", "split", "move"
LABELS = {CONFIRM: "确认", MERGE: "合并", SPLIT: "拆出", MOVE: "移至"}
FAMILY_ACTIONS = (CONFIRM, MERGE)
MEASURE_ACTIONS = (CONFIRM, SPLIT, MOVE)

FAMILY_SHEET, MEASURE_SHEET = "家族 Families", "措施 Measures"
REVIEW, TARGET_FAMILY, TARGET_MEASURE, NOTES, OUTCOME = (
    "审阅 Review", "合并至 Merge into", "移至 Move to", "备注 Notes", "审阅结果 Outcome")
ANCHOR_DOC, ANCHOR_ID = "锚文件 anchor document", "锚编号 anchor id"
TARGET_DOC, TARGET_ID, TARGET_SHOWN = "目标锚文件 target document", "目标锚编号 target id", "目标原值 target as written"
MEASURE_DOC, MEASURE_ID = "文件 Document", "编号 id"
# What the Review cell's prompt says (the workbook's dropdown offers the verdicts, Chinese first).
FAMILY_PROMPT = ("确认 / 合并（在“合并至”填家族编号）；中文或英文均可\n"
                 "confirm / merge (fill Merge into with a family's number)")
MEASURE_PROMPT = ("确认 / 拆出（自成一个家族）/ 移至（在“移至”填家族编号）；中文或英文均可\n"
                  "confirm / split (a family of its own) / move (fill Move to with a family's number)")
REVIEW_COLUMNS = (Column(REVIEW, 12, True), Column(NOTES, 24, True), Column(OUTCOME, 30, True))
HIDDEN_COLUMNS = tuple(Column(h, 10, hidden=True) for h in (TARGET_DOC, TARGET_ID, TARGET_SHOWN))


@dataclass
class CorpusVerdict:
    """One reviewed row: what it says, about which measure (the family's anchor on a family row),
    towards which measure's family, and what became of it."""
    sheet: str                     # FAMILY_SHEET or MEASURE_SHEET
    row: int
    action: str
    subject: tuple[str, str]       # (document, measure id)
    target: tuple[str, str] | None = None
    typed: str = ""                # the target family number as typed
    note: str = ""
    applied: bool = False
    outcome: str = ""


# What became of a verdict (审阅结果 Outcome), Chinese first, marked as the pairwise workbook marks it:
# ✔ applied, ⚠ not applied and why.
DONE = {CONFIRM: "✔ 已确认 confirmed", "note": "✔ 备注已保留 note kept", MERGE: "✔ 已合并 merged",
        SPLIT: "✔ 已拆出，自成一个家族 split off: a family of its own", MOVE: "✔ 已移至该家族 moved"}
SKIPPED = "⚠ 未采用 skipped："


def verdict_text(action: str) -> str:
    return f"{LABELS[action]} {action}" if action in LABELS else action


def read_verdicts(path) -> list[CorpusVerdict]:
    """Every row of both sheets with a verdict or a note."""
    from openpyxl import load_workbook
    p = Path(path)
    if not p.is_file():
        raise InputError(p, "审阅表不存在（应为 compare corpus 写出的 corpus.xlsx） "
                               "reviewed workbook not found (expected the corpus.xlsx written by compare corpus)")
    try:
        wb = load_workbook(p, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - zip, XML, OS errors all mean "unreadable"
        raise InputError(p, f"不是可读的 Excel 工作簿 not a readable Excel workbook ({type(exc).__name__})") from None
    try:
        if FAMILY_SHEET not in wb.sheetnames or MEASURE_SHEET not in wb.sheetnames:
            raise InputError(p, f"没有“{FAMILY_SHEET}”和“{MEASURE_SHEET}”表，请审阅 compare corpus 写出的 corpus.xlsx "
                                f"no '{FAMILY_SHEET}' and '{MEASURE_SHEET}' sheets; review the corpus.xlsx "
                                "written by compare corpus")
        fam_rows = _rows(p, wb[FAMILY_SHEET], (REVIEW, NOTES, TARGET_FAMILY, ANCHOR_DOC, ANCHOR_ID,
                                                TARGET_DOC, TARGET_ID, TARGET_SHOWN, "家族 Family"))
        measure_rows = _rows(p, wb[MEASURE_SHEET], (REVIEW, NOTES, TARGET_MEASURE, MEASURE_DOC, MEASURE_ID,
                                                     TARGET_DOC, TARGET_ID, TARGET_SHOWN))
    finally:
        wb.close()
    anchors = {r["家族 Family"]: (r[ANCHOR_DOC], r[ANCHOR_ID]) for _, r in fam_rows
               if r["家族 Family"] and r[ANCHOR_ID]}
    out, bad = [], []
    for n, r in fam_rows:
        v = _verdict(FAMILY_SHEET, n, r, FAMILY_ACTIONS, TARGET_FAMILY, (r[ANCHOR_DOC], r[ANCHOR_ID]), anchors, bad)
        if v:
            out.append(v)
    for n, r in measure_rows:
        v = _verdict(MEASURE_SHEET, n, r, MEASURE_ACTIONS, TARGET_MEASURE, (r[MEASURE_DOC], r[MEASURE_ID]),
                     anchors, bad)
        if v:
            out.append(v)
    if bad:
        raise InputError(p, f"无法识别的审阅意见 unknown Review value(s): {', '.join(bad[:5])}"
                               f"{' …' if len(bad) > 5 else ''}; 请填 use "
                            + " / ".join(verdict_text(a) for a in (CONFIRM, MERGE, SPLIT, MOVE))
                            + "（中文或英文均可 Chinese or English）")
    return out


def _rows(path: Path, ws, wanted: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    rows = ws.iter_rows(values_only=True)
    head = {str(v).strip(): i for i, v in enumerate(next(rows, ())) if v is not None}
    missing = [h for h in wanted[:5] if h not in head]
    if missing:
        raise InputError(path, f"“{ws.title}”表缺少列 the {ws.title} sheet lacks column(s) {', '.join(missing)}; "
                               "review the corpus.xlsx written by compare corpus")
    out = []
    for n, values in enumerate(rows, start=2):
        cells = {h: _cell(values, head.get(h)) for h in wanted}
        if cells[REVIEW] or cells[NOTES]:
            out.append((n, cells))
        elif wanted[-1] == "家族 Family":              # every family row: its number names its anchor
            out.append((n, cells))
    return out


def _cell(values: tuple, i: int | None) -> str:
    v = values[i] if i is not None and i < len(values) else None
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return str(v).strip()


def _verdict(sheet, n, r, actions, target_col, subject, anchors, bad) -> CorpusVerdict | None:
    typed = r[REVIEW]
    action = read_choice(typed, actions, LABELS)
    if action is None:
        bad.append(f"{sheet} 第{n}行 row {n} {typed!r}")
        return None
    if not action and not r[NOTES]:
        return None
    target = None
    wanted = r[target_col]
    if action in (MERGE, MOVE):
        if wanted and wanted == r[TARGET_SHOWN] and r[TARGET_ID]:
            target = (r[TARGET_DOC], r[TARGET_ID])         # as written by the last run
        else:
            target = anchors.get(wanted)
    return CorpusVerdict(sheet, n, action or "note", subject, target, wanted, r[NOTES])


def apply_verdicts(verdicts: list[CorpusVerdict], family: np.ndarray, docs, doc_of, doc_rows
                   ) -> tuple[np.ndarray, list[CorpusVerdict]]:
    """The families after the verdicts (merges first, then splits and moves), renumbered in
    order of first member; each verdict's outcome said."""
    where = {}
    for d, doc in enumerate(docs):
        for k, m in enumerate(doc.measures):
            where[(doc.name or doc.file_name, m.id)] = int(doc_rows[d]) + k
    family = family.copy()
    order = sorted(verdicts, key=lambda v: (v.action != MERGE, v.sheet, v.row))
    for v in order:
        _apply(v, family, where)
    _, first = np.unique(family, return_index=True)
    renumber = {int(family[k]): n for n, k in enumerate(sorted(first.tolist()))}
    return np.array([renumber[int(f)] for f in family.tolist()], dtype=np.int64), verdicts


def _apply(v: CorpusVerdict, family: np.ndarray, where: dict) -> None:
    k = where.get(v.subject)
    if k is None:
        _skip(v, _missing(v.subject))
        return
    if v.action in (CONFIRM, "note"):
        v.applied, v.outcome = True, DONE[v.action]
        return
    if v.action == SPLIT:
        family[k] = family.max() + 1
        v.applied, v.outcome = True, DONE[SPLIT]
        return
    t = where.get(v.target) if v.target else None
    if t is None:
        _skip(v, f"{v.typed or '（空 empty）'} 不是本批文件中的家族 names no family of this corpus")
        return
    if v.action == MERGE:
        family[family == family[k]] = family[t]
    else:
        family[k] = family[t]
    v.applied, v.outcome = True, DONE[v.action]


def _skip(v: CorpusVerdict, reason: str) -> None:
    v.applied, v.outcome = False, SKIPPED + reason


def _missing(subject: tuple[str, str]) -> str:
    return f"{subject[0]} {subject[1]} 不是本批文件中的措施 is not a measure of this corpus"


def summary(verdicts: list[CorpusVerdict]) -> str:
    """"审阅 review：已采用 3 条审阅意见，未采用 1 条 applied 3 verdicts, skipped 1（措施 Measures
    第5行 row 5：…）" — what the command line says after a review (rows with only a note count
    as notes)."""
    counted = [v for v in verdicts if v.action != "note"]
    applied = sum(v.applied for v in counted)
    notes = sum(v.applied for v in verdicts if v.action == "note")
    skipped = [v for v in verdicts if not v.applied]
    kept = f"，保留 {notes} 条备注" if notes else ""
    line = (f"审阅 review：已采用 {applied} 条审阅意见{kept}，未采用 {len(skipped)} 条 "
            f"applied {applied} verdict{'s' if applied != 1 else ''}"
            + (f" and {notes} note{'s' if notes != 1 else ''}" if notes else "") + f", skipped {len(skipped)}")
    if skipped:
        line += "（" + "；".join(f"{v.sheet} 第{v.row}行 row {v.row}：{v.outcome.removeprefix(SKIPPED)}"
                                for v in skipped) + "）"
    return line
