"""Reading a reviewed workbook: every Alignment row with a verdict, a changed Status or a note,
found by the hidden id and key columns (never by position), and the documents the workbook was
made for (its hidden Keys sheet; in workbooks of earlier versions, its sheets of measures).

A reviewed workbook is an input like any other: read from bytes within the input size cap,
refused as a zip bomb before it is unpacked, converted by LibreOffice when it was saved as
.xls/.ods/.et, and every problem in it (a broken zip, malformed XML, a cell longer than Excel
allows, a formula whose value was never stored) is one line naming the file.
"""
from __future__ import annotations

import io
import re
from pathlib import Path

from compare.errors import InputError
from compare.ingest.common import brief, check_zip, input_problem
from compare.ingest.office import CALC, convert
from compare.ingest.reader import read_bytes
from compare.limits import MAX_CELL_CHARS, MAX_REVIEW_ROWS, MAX_REVIEW_UNCOMPRESSED
from compare.model import Verdict, measure_key, split_key
from compare.parse.labels import fold_label
from compare.review.form import (
    KEYS_COLUMNS,
    KEYS_SHEET,
    OLD_SHEETS,
    OPTIONAL_EACH,
    OPTIONAL_FIELDS,
    REVIEW_ACTIONS,
    REVIEW_FIELDS,
    SHEET,
    SHOWN_FIELDS,
    VERDICT_LABELS,
    header_names,
    read_choice,
    status_cell,
    verdict_text,
)
from compare.review.identity import Reviewed, WorkbookDocument, WorkbookMeasure
from compare.text.controls import CONTROL
from compare.text.normalize import normalize
from compare.vocab import ALL_STATUSES, CONFIRM, NOTE

CONVERTED = (".xls", ".xlt", ".et", ".ods", ".ots")   # saved in another spreadsheet format
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")


def read_review(path: Path) -> list[Verdict]:
    """Verdicts of every Alignment row whose Review cell is filled, whose Status cell was changed,
    or that holds only a note (`read_workbook(path).verdicts`)."""
    return read_workbook(path).verdicts


def read_workbook(path: Path) -> Reviewed:
    """The reviewed workbook's verdicts and the documents it was made for. Never writes to it."""

    path = Path(path)
    data = read_bytes(path)
    data = _as_xlsx(path, data)
    check_zip(path, data, ".xlsx", MAX_REVIEW_UNCOMPRESSED)
    try:
        return _read(path, data)
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - a broken zip or XML inside is the file's problem
        if not input_problem(exc):
            raise
        raise InputError(path, f"不是可读的 Excel 工作簿 not a readable Excel workbook ({brief(exc, 80)})") from None


def _as_xlsx(path: Path, data: bytes) -> bytes:
    """The workbook as .xlsx bytes: as it is, or converted by LibreOffice when it was saved as
    .xls/.ods/.et (as inputs in those formats are)."""
    ext = path.suffix.lower()
    old_binary = data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
    if ext in CONVERTED or old_binary or (data.startswith(b"PK") and b"opendocument" in data[:200]):
            return convert(path, data, ext if ext in CONVERTED else ".xls", CALC)
    if not data.startswith(b"PK"):
        raise InputError(path, "不是可读的 Excel 工作簿（不是 .xlsx） not a readable Excel workbook (not an .xlsx file)")
    return data


def _read(path: Path, data: bytes) -> Reviewed:
    from openpyxl import load_workbook  # lazy: 0.12 s of start-up that runs without --review skip

    wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        name = next((n for n in (SHEET, *OLD_SHEETS) if n in wb.sheetnames), None)
        if name is None:
            raise InputError(path, f"没有“{SHEET}”表，请审阅 compare 生成的 .xlsx no '{SHEET}' sheet; review the .xlsx report written by compare")
        verdicts = _verdicts(path, wb[name])
        documents = _documents(path, wb)    # with or without verdicts: who it was made for is checked
        _check_rows(path, verdicts, documents)
        formulas = _has_formulas(wb, name)
    finally:
        wb.close()
    if formulas:
        _refuse_unstored_formulas(path, data, name)
    return Reviewed(path=path, verdicts=verdicts, documents=documents)


def _verdicts(path: Path, ws) -> list[Verdict]:
    rows = ws.iter_rows(values_only=True)
    cols = _columns(path, next(rows, ()))
    bad: list[str] = []
    verdicts = []
    for n, values in enumerate(rows, start=2):
        if n > MAX_REVIEW_ROWS + 1:
            raise InputError(path, f"“{SHEET}”表超过 {MAX_REVIEW_ROWS:,} 行（上限） the {SHEET} sheet has more than {MAX_REVIEW_ROWS:,} rows (limit)")
        v = _verdict(path, cols, values, n, bad)
        if v is not None:
            verdicts.append(v)
    if bad:
        shown = ", ".join(bad[:5]) + (" …" if len(bad) > 5 else "")
        raise InputError(path, f"无法识别的审阅意见 unknown Review value(s): {shown}; use one of {', '.join(REVIEW_ACTIONS)} "
                               f"(or {'、'.join(VERDICT_LABELS[a] for a in REVIEW_ACTIONS)})")
    return verdicts


def _columns(path: Path, head: tuple) -> dict[str, int]:
    """Field -> column index, found by header text (this version's or an earlier one's), so
    added or moved columns do no harm. The Status columns are optional: without them (a workbook
    of an earlier version) a changed Status cannot be told; so are the keys and shown texts."""
    names = {str(v).strip(): i for i, v in enumerate(head) if v is not None}
    found, missing = {}, []
    for field, header in REVIEW_FIELDS.items():
        at = next((names[h] for h in header_names(header) if h in names), None)
        if at is not None:
            found[field] = at
        elif field not in OPTIONAL_FIELDS + OPTIONAL_EACH:
            missing.append(header)
    if missing:
        raise InputError(path, f"“{SHEET}”表缺少列 the {SHEET} sheet lacks column(s) {', '.join(missing)}; "
                               "review the .xlsx report written by compare")
    if not all(f in found for f in OPTIONAL_FIELDS):
        for f in OPTIONAL_FIELDS:
            found.pop(f, None)
    return found


def _cell(values: tuple, i: int | None) -> str:
    """Cell text, "" when empty; 17.0 typed into a cell reads back as "17"; control characters
    taken out (they print nothing and would reach the reports)."""
    v = values[i] if i is not None and i < len(values) else None
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return CONTROL.sub("", str(v)).strip()


def _check_lengths(path: Path, cols: dict[str, int], values: tuple, row: int) -> None:
    """Every cell the review reads holds at most MAX_CELL_CHARS characters (Excel's own limit: a
    longer one was not typed in a spreadsheet)."""
    for field, i in cols.items():
        v = values[i] if i < len(values) else None
        if isinstance(v, str) and len(v) > MAX_CELL_CHARS:
            raise InputError(path, f"第 {row} 行“{REVIEW_FIELDS[field]}”单元格有 {len(v):,} 个字符，超过上限 "
                                   f"row {row}: the {REVIEW_FIELDS[field]} cell holds {len(v):,} characters "
                                   f"(limit {MAX_CELL_CHARS:,}, Excel's own)")


def _verdict(path: Path, cols: dict[str, int], values: tuple, row: int, bad: list[str]) -> Verdict | None:
    """The verdict of one row, or None. An unreadable Review or Status value is added to `bad`
    (the whole review is refused: guessing could drop a rejection)."""
    _check_lengths(path, cols, values, row)
    typed, note = _cell(values, cols["action"]), _cell(values, cols["note"])
    action = read_choice(typed, REVIEW_ACTIONS)
    if action is None:
        bad.append(f"row {row} {brief(typed, 30)!r}")
        return None
    edited, remark = _status_edit(cols, values, row, bad), ""
    source = "review"
    if edited and action in ("", CONFIRM):
        action, source = edited, "status"
    elif edited and edited != action:
        remark = (f"“状态”改为 {status_cell(edited)}，但“审阅”列为 {verdict_text(action)}：采用了审阅意见，未采用状态修改 "
                  f"the Status cell was changed to {status_cell(edited)}, but the Review cell says "
                  f"{verdict_text(action)}: the Review verdict was applied, the Status edit was not")
    if not action and note:
        action, source = NOTE, "notes"
    if not action:
        return None
    comp = _cell(values, cols["comparison"])
    get = {f: _cell(values, cols.get(f)) for f in ("a_key", "b_key", "target_key", "target_written")}
    return Verdict(comparison=int(comp) if comp.isdigit() else -1,
                   a_id=_cell(values, cols["a_id"]), b_id=_cell(values, cols["b_id"]),
                   action=action, target=_cell(values, cols["target"]), note=note, row=row,
                   source=source, remark=remark, **get,
                   shown={f: _cell(values, cols[f])[:200] for f in SHOWN_FIELDS if f in cols})


def _status_edit(cols: dict[str, int], values: tuple, row: int, bad: list[str]) -> str:
    """The status a reviewer changed the row's Status cell to, or "" when it is as written (the
    hidden "status #" column keeps what the workbook wrote; a row without it was not a status)."""
    if "written" not in cols:
        return ""
    written, shown = _cell(values, cols["written"]), _cell(values, cols["status"])
    if written not in ALL_STATUSES or not shown or shown == status_cell(written):
        return ""
    status = read_choice(shown, ALL_STATUSES)
    if status is None:
        bad.append(f"row {row} Status {brief(shown, 30)!r}")
        return ""
    return "" if status == written else status


# ---------------------------------------------------------------- rows and their hidden columns

def _check_rows(path: Path, verdicts: list[Verdict], documents: list[WorkbookDocument]) -> None:
    """Each verdict's row shows the measures its hidden columns record (labels; titles where the
    Keys sheet has them). A sheet sorted or pasted without its hidden columns moves the verdicts
    onto other measures' ids: refused, naming the rows, rather than applied to other measures."""
    titles = {m.key: m.title[:200] for d in documents for m in d.measures}
    bad = [(v, why) for v in verdicts if (why := _mismatch(v, titles))]
    if not bad:
        return
    more = " …" if len(bad) > 5 else ""
    zh, en = ("、".join(str(v.row) for v, _ in bad[:5]) + more, ", ".join(str(v.row) for v, _ in bad[:5]) + more)
    shown, hidden = bad[0][1]
    raise InputError(path, f"“{SHEET}”表第 {zh} 行（共 {len(bad)} 行）显示的措施与隐藏列记录的不符（第 {bad[0][0].row} 行显示 "
                           f"{shown}，隐藏列为 {hidden}），表格可能只排序或粘贴了部分列，请撤销，或用筛选按钮对整张表排序 "
                           f"row(s) {en} of the {SHEET} sheet ({len(bad)} in all) show other measures than their "
                           f"hidden columns record (row {bad[0][0].row} shows {shown}, its hidden columns {hidden}): "
                           "was the sheet sorted or pasted without its hidden columns? Undo that, or sort the "
                           "whole table with its filter buttons")


def _mismatch(v: Verdict, titles: dict[str, str]) -> tuple[str, str] | None:
    """(what the row shows, what its hidden columns record) when they are other measures; None
    when they agree, or cannot be told (a row of one's own, a sheet without those columns, a
    label cell emptied)."""
    if v.comparison < 0 and not (v.a_id or v.b_id):
        return None
    shown, hidden, differ = [], [], False
    for side, mid, key in (("a", v.a_id, v.a_key), ("b", v.b_id, v.b_key)):
        label, title = v.shown.get(f"{side}_label"), v.shown.get(f"{side}_title", "")
        if not label and (mid or key) or label is None or (mid and not key):
            continue        # an emptied cell (merged into the row above) says nothing either way
        want = split_key(key)[0] if key else ""
        differ |= fold_label(label) != fold_label(want) or bool(title and titles.get(key, title) != title)
        shown.append(" ".join(filter(None, [label, title[:12]])) or "—")
        hidden.append(" ".join(filter(None, [want, titles.get(key, "")[:12]])) or "—")
    return (" / ".join(shown), " / ".join(hidden)) if differ else None


# ---------------------------------------------------------------- the documents it was made for

def _documents(path: Path, wb) -> list[WorkbookDocument]:
    """The documents the workbook was made for, from its hidden Keys sheet; in a workbook of an
    earlier version (no such sheet), from its sheets of measures (ids, labels and texts, keyed
    the same way). [] when it has neither."""
    if KEYS_SHEET in wb.sheetnames:
        return _from_keys(path, wb[KEYS_SHEET])
    return _from_measure_sheets(path, wb)


def _from_keys(path: Path, ws) -> list[WorkbookDocument]:
    rows = ws.iter_rows(values_only=True)
    head = [str(v).strip() if v is not None else "" for v in next(rows, ())]
    if any(c not in head for c in KEYS_COLUMNS):
        raise InputError(path, f"隐藏的“{KEYS_SHEET}”表缺少列 the hidden {KEYS_SHEET} sheet lacks its columns; "
                               "review the .xlsx report written by compare")
    at = {c: head.index(c) for c in KEYS_COLUMNS}
    docs: dict[int, WorkbookDocument] = {}
    for n, values in enumerate(rows, start=2):
        if n > MAX_REVIEW_ROWS + 1:
            raise InputError(path, f"“{KEYS_SHEET}”表超过 {MAX_REVIEW_ROWS:,} 行（上限） the {KEYS_SHEET} sheet has more than {MAX_REVIEW_ROWS:,} rows (limit)")
        cell = {c: _cell(values, at[c])[:MAX_CELL_CHARS] for c in KEYS_COLUMNS}
        if not cell["doc #"].isdigit():
            continue
        k = int(cell["doc #"])
        doc = docs.setdefault(k, WorkbookDocument(index=k, file=cell["file"], name=cell["name"]))
        if cell["id"]:
            doc.measures.append(WorkbookMeasure(cell["id"], cell["label"], cell["key"], cell["title"]))
        else:
            doc.fingerprint = cell["key"]
    return [docs[k] for k in sorted(docs)]


_ID_HEADS, _LABEL_HEADS, _TEXT_HEADS, _TITLE_HEADS = ("编号 id", "id"), ("标签 Label", "Label"), \
    ("原文 Text", "Text"), ("标题 Title", "Title")


def _from_measure_sheets(path: Path, wb) -> list[WorkbookDocument]:
    """Workbooks of earlier versions: one sheet of measures per document, after the others, in
    document order (first column id, with Label and Text columns)."""
    docs = []
    for ws in wb.worksheets:
        rows = ws.iter_rows(values_only=True)
        head = [str(v).strip() if v is not None else "" for v in next(rows, ())]
        if not head or head[0] not in _ID_HEADS or not any(h in head for h in _TEXT_HEADS):
            continue
        col = {name: next((head.index(h) for h in heads if h in head), None) for name, heads in
               (("label", _LABEL_HEADS), ("text", _TEXT_HEADS), ("title", _TITLE_HEADS))}
        if col["label"] is None:
            continue
        name = re.sub(r"^\d+\s+", "", ws.title)      # "1 chuanyu-2024": the sheet names the document
        doc = WorkbookDocument(index=len(docs), file=name, name=name)
        for n, values in enumerate(rows, start=2):
            if n > MAX_REVIEW_ROWS + 1:
                raise InputError(path, f"工作表超过 {MAX_REVIEW_ROWS:,} 行（上限） sheet {brief(ws.title, 31)} has more than {MAX_REVIEW_ROWS:,} rows (limit)")
            mid, label = _cell(values, 0), _cell(values, col["label"])
            if mid:
                text = _cell(values, col["text"])[:MAX_CELL_CHARS]
                doc.measures.append(WorkbookMeasure(mid, label, measure_key(label, normalize(text)),
                                                    _cell(values, col["title"])[:200]))
        doc.fingerprint = doc.computed_fingerprint()
        docs.append(doc)
    return docs


# ---------------------------------------------------------------- formulas

def _has_formulas(wb, name: str) -> bool:
    """Does the Alignment sheet hold any formula? (The workbook compare writes holds none; a scan
    of the sheet's XML is cheaper than reading every cell twice.)"""
    ws = wb[name]
    tail = b""
    with ws._get_source() as src:           # openpyxl's own handle on the sheet's XML
        while chunk := src.read(1 << 20):
            if _FORMULA.search(tail + chunk):
                return True
            tail = chunk[-16:]
    return False


def _refuse_unstored_formulas(path: Path, data: bytes, name: str) -> None:
    """A formula in a cell the review reads is used by its stored value; one whose value was
    never stored (a file saved by a program that does not calculate) cannot be read: refused,
    rather than read as an empty cell."""
    from openpyxl import load_workbook  # lazy, as in _read

    wb = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    stored = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        rows = wb[name].iter_rows()
        values = stored[name].iter_rows(values_only=True)
        head = next(values, ())
        cols = _columns(path, head)
        next(rows, None)
        for n, (cells, cached) in enumerate(zip(rows, values, strict=False), start=2):
            for field, i in cols.items():
                cell = cells[i] if i < len(cells) else None
                if getattr(cell, "data_type", "") == "f" and (i >= len(cached) or cached[i] is None):
                    raise InputError(path, f"第 {n} 行“{REVIEW_FIELDS[field]}”单元格是未保存结果的公式，请直接填写值 "
                                           f"row {n}: the {REVIEW_FIELDS[field]} cell holds a formula "
                                           f"({brief(cell.value, 30)}) whose value was never stored; "
                                           "type the value itself, or open and save the file in a spreadsheet program")
    finally:
        wb.close()
        stored.close()


__all__ = ["read_review", "read_workbook"]
