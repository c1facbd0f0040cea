"""The Excel report: a workbook to read the comparison in and to review it in.

The Alignment sheet is also the review form: a reviewer picks a verdict in its Review column
and compare.review reads it back by the hidden id columns, so those columns and their headers
are a contract with review.py (ALIGNMENT_COLUMNS, REVIEW_ACTIONS).
"""
from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from .model import STATUSES, Document, Result
from .report_html import (
    ALL_STATUSES,
    STATUS_COLOURS,
    STATUS_LABELS,
    Row,
    alignment_rows,
    chapter_counts,
    comparison_name,
    doc_name,
    commitment_lines,
    evidence_chips,
    lives_on,
    related_note,
    status_counts,
)

# Verdicts a reviewer may pick: the first three act on the alignment, a status name sets it.
REVIEW_ACTIONS = ("confirm", "reject", "relink", *STATUSES)

# Alignment sheet: (header, width, wrap). The last three are hidden ids for review.py.
ALIGNMENT_COLUMNS = (
    ("Comparison", 16, False), ("A label", 8, False), ("A chapter", 16, True),
    ("A title", 22, True), ("B label", 8, False), ("B chapter", 16, True), ("B title", 22, True),
    ("A text", 48, True), ("B text", 48, True), ("Score", 7, False), ("Status", 11, False),
    ("Confidence", 10, False), ("Evidence", 30, True), ("Nearest related", 24, True),
    ("Review", 11, False), ("Relink to", 11, False), ("Notes", 24, True),
    ("comparison #", 6, False), ("a id", 10, False), ("b id", 10, False),
)
HIDDEN_COLUMNS = ("comparison #", "a id", "b id")

MEASURE_COLUMNS = (("id", 9, False), ("Label", 8, False), ("Path", 12, True), ("Chapter", 18, True),
                   ("Title", 24, True), ("Text", 70, True), ("Units", 26, True), ("Kind", 10, False))

MAX_CELL = 32767                     # Excel's limit on characters in one cell
FORMULA_START = re.compile(r"^[\s]*[=+\-@]")
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="3A4A5C")
CHECK_FILL = PatternFill("solid", fgColor="FDEED5")     # a match to check first
TOP = Alignment(vertical="top")
WRAP = Alignment(vertical="top", wrap_text=True)


# ---------------------------------------------------------------- cells

def _text(value: str) -> str:
    """Text Excel can hold: no control characters, at most MAX_CELL characters."""
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return value if len(value) <= MAX_CELL else value[:MAX_CELL - 1] + "…"


def put(ws: Worksheet, row: int, col: int, value: Any, wrap: bool = False):
    """Write one cell. Strings are always stored as strings, never formulas: document text that
    starts with = + - @ must not run in the reader's Excel."""
    cell = ws.cell(row=row, column=col)
    if value == "":
        value = None                    # an empty cell, not a zero-length string
    if isinstance(value, str):
        cell.value = _text(value)
        cell.data_type = "s"
        if FORMULA_START.match(value):
            cell.quotePrefix = True     # Excel keeps it text even after the user edits it
    else:
        cell.value = value
    cell.alignment = WRAP if wrap else TOP
    return cell


def put_row(ws: Worksheet, row: int, values: Iterable[Any], wraps: Iterable[bool] = ()) -> None:
    wraps = list(wraps)
    for col, value in enumerate(values, start=1):
        put(ws, row, col, value, wrap=wraps[col - 1] if col <= len(wraps) else False)


def header(ws: Worksheet, row: int, names: Iterable[str]) -> None:
    for col, name in enumerate(names, start=1):
        cell = put(ws, row, col, name)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL


def table(ws: Worksheet, columns: tuple, rows: Iterable[Iterable[Any]]) -> None:
    """A sheet that is one table: header, rows, frozen header, filter, widths."""
    header(ws, 1, [c[0] for c in columns])
    wraps = [c[2] for c in columns]
    r = 1
    for r, values in enumerate(rows, start=2):
        put_row(ws, r, values, wraps)
    for col, (_, width, _) in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(r, 2)}"


def fill(status: str) -> PatternFill:
    """The light status colour shared with the HTML report."""
    return PatternFill("solid", fgColor=STATUS_COLOURS.get(status, ("FFFFFF",))[0])


def status_text(status: str) -> str:
    return f"{status} {STATUS_LABELS[status]}" if status in STATUS_LABELS else status


def sheet_title(wb: Workbook, wanted: str) -> str:
    """A valid, unused sheet name: at most 31 characters, none of []:*?/\\, unique ignoring case."""
    base = re.sub(r"[\[\]:*?/\\]", "_", wanted).strip("'") or "Sheet"
    base = base[:31]
    taken = {ws.title.lower() for ws in wb.worksheets}
    name, n = base, 2
    while name.lower() in taken:
        suffix = f" ({n})"
        name, n = base[:31 - len(suffix)] + suffix, n + 1
    return name


# ---------------------------------------------------------------- sheets

def summary_sheet(ws: Worksheet, result: Result) -> None:
    """Documents, counts per comparison and chapter, settings: what a reader opens first."""
    r = 1
    cell = put(ws, r, 1, "Policy comparison 政策措施对比")
    cell.font = Font(bold=True, size=14)
    r += 2
    r = _block(ws, r, "Documents", ("#", "Name", "Source", "Title", "文号", "Date", "Issuers", "Measures"),
               [(i + 1, doc_name(result, i), d.source, d.title, d.doc_number, d.date, "、".join(d.issuers),
                 len(d.measures)) for i, d in enumerate(result.documents)])
    heads = ("Comparison", *(status_text(s) for s in ALL_STATUSES), "Total", "Reviewed")
    counts = []
    for k, comp in enumerate(result.comparisons):
        c = status_counts(alignment_rows(result, k))
        counts.append((comparison_name(result, comp), *c.values(), sum(c.values()), len(comp.reviewed)))
    r = _block(ws, r, "Counts per status", heads, counts, status_heads=True)
    for k, comp in enumerate(result.comparisons):
        per = chapter_counts(alignment_rows(result, k))
        r = _block(ws, r, f"By chapter: {comparison_name(result, comp)}",
                   ("Chapter", *(status_text(s) for s in ALL_STATUSES), "Total"),
                   [(ch, *c.values(), sum(c.values())) for ch, c in per.items()], status_heads=True)
    r = _block(ws, r, "Settings", ("Setting", "Value"),
               [(k, _setting(v)) for k, v in result.settings.items()])
    if result.warnings:
        _block(ws, r, "Warnings", ("Warning",), [(w,) for w in result.warnings])
    for col, width in zip("ABCDEFGHIJ", (24, 14, 26, 40, 20, 12, 28, 10, 10, 10), strict=True):
        ws.column_dimensions[col].width = width


def _block(ws: Worksheet, r: int, title: str, heads: tuple, rows: list[tuple],
           status_heads: bool = False) -> int:
    """A titled table inside the Summary sheet; returns the next free row."""
    put(ws, r, 1, title).font = Font(bold=True, size=12)
    header(ws, r + 1, heads)
    if status_heads:
        for col, s in enumerate(ALL_STATUSES, start=2):
            cell = ws.cell(row=r + 1, column=col)
            cell.fill, cell.font = fill(s), Font(bold=True, color=STATUS_COLOURS[s][1])
    for i, values in enumerate(rows, start=r + 2):
        put_row(ws, i, values, [True] * len(heads))
    return r + 3 + len(rows)


def _setting(value: Any) -> Any:
    if isinstance(value, (int, float, bool)) or value is None:
        return value
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def evidence_text(lk, status: str) -> str:
    """The Evidence cell: the link kind and chips on one line (as before commitments existed),
    then, when the link has commitments, the close second status and one line per change
    ("+ 新增：「…」", "− 不再提及：「…」", "↑ 扩大：…", "≈ 概括：…", "= 保留：…")."""
    chips = "；".join(t for _, t in evidence_chips(lk.evidence))
    head = "；".join(filter(None, [lk.kind if lk.kind != "one-to-one" else "", chips]))
    lines = [t for _, t in commitment_lines(lk.evidence)]
    if not lines:
        return head
    second = lk.secondary_status if lk.secondary_status and lk.secondary_status != status else ""
    top = [f"亦可视为：{STATUS_LABELS.get(second, second)} {second}"] if second else []
    return "\n".join(top + lines + ([head] if head else []))


def _alignment_values(result: Result, row: Row) -> list[Any]:
    comp = result.comparisons[row.comparison]
    a, b, lk = row.a, row.b, row.link
    evidence = evidence_text(lk, row.status) if lk else ""
    return [comparison_name(result, comp),
            a.label if a else "", a.chapter if a else "", a.title if a else "",
            b.label if b else "", b.chapter if b else "", b.title if b else "",
            a.text if a else "", b.text if b else "",
            round(lk.score, 3) if lk else None, row.status, lk.confidence if lk else "", evidence,
            related_note(result, comp, row), None, None, lk.note if lk else None,
            row.comparison, a.id if a else "", b.id if b else ""]


def alignment_sheet(ws: Worksheet, result: Result) -> None:
    """One row per link and unmatched measure, with the Review form columns and hidden ids."""
    rows = [r for k in range(len(result.comparisons)) for r in alignment_rows(result, k)]
    table(ws, ALIGNMENT_COLUMNS, (_alignment_values(result, r) for r in rows))
    heads = [c[0] for c in ALIGNMENT_COLUMNS]
    status_col, score_col = heads.index("Status") + 1, heads.index("Score") + 1
    conf_col = heads.index("Confidence") + 1
    for i, row in enumerate(rows, start=2):
        ws.cell(row=i, column=status_col).fill = fill(row.status)
        if row.link and row.link.confidence == "check":
            ws.cell(row=i, column=conf_col).fill = CHECK_FILL
        ws.cell(row=i, column=score_col).number_format = "0.00"
    for name in HIDDEN_COLUMNS:
        ws.column_dimensions[get_column_letter(heads.index(name) + 1)].hidden = True
    review_col = get_column_letter(heads.index("Review") + 1)
    _review_dropdown(ws, f"{review_col}2:{review_col}{max(len(rows) + 1, 2)}")
    ws.freeze_panes = "C2"


def _review_dropdown(ws: Worksheet, ref: str) -> None:
    dv = DataValidation(type="list", formula1='"' + ",".join(REVIEW_ACTIONS) + '"', allow_blank=True,
                        showErrorMessage=True, showInputMessage=True)
    dv.errorTitle, dv.error = "Review", "Choose one of: " + ", ".join(REVIEW_ACTIONS)
    dv.promptTitle = "Review"
    dv.prompt = "confirm / reject / relink (fill Relink to) / a status name to set the status"
    ws.add_data_validation(dv)
    dv.add(ref)


def unmatched_sheet(ws: Worksheet, result: Result, status: str) -> None:
    """New (unmatched b) or Dropped (unmatched a) measures of every comparison."""
    rows = []
    for k, comp in enumerate(result.comparisons):
        for r in alignment_rows(result, k):
            m = r.b if status == "new" else r.a
            if r.status == status and m:
                rows.append((comparison_name(result, comp), m.id, m.label, m.chapter, m.title, m.text,
                             "、".join(m.units), m.kind))
    table(ws, (("Comparison", 18, False), *MEASURE_COLUMNS[:2], *MEASURE_COLUMNS[3:]), rows)
    for i in range(2, len(rows) + 2):
        ws.cell(row=i, column=1).fill = fill(status)


def measures_sheet(ws: Worksheet, result: Result, index: int) -> None:
    doc = result.documents[index]
    table(ws, MEASURE_COLUMNS, ((m.id, m.label, " › ".join(m.path), m.chapter, m.title, m.text,
                                 "、".join(m.units), m.kind) for m in doc.measures))


def timeline_sheet(ws: Worksheet, result: Result) -> None:
    """Each measure against each later document: where it lives on, and how. The first
    document's measures first, then the second's (where B goes in C), and so on; the last column
    names the measure's document."""
    n = len(result.documents)
    later = range(1, n)
    columns = [("id", 9, False), ("Label", 8, False), ("Chapter", 16, True), ("Title", 24, True)]
    for j in later:
        columns += [(f"{doc_name(result, j)}: lives on in", 22, True), (f"{doc_name(result, j)}: status", 12, False)]
    columns += [("Summary", 24, False), ("Document", 14, False)]
    summaries = {(t.get("doc", 0), t.get("a")): t.get("summary", "") for t in result.timeline}
    rows, statuses = [], []
    for d in range(n - 1):
        for m in result.documents[d].measures:
            values: list[Any] = [m.id, m.label, m.chapter, m.title]
            found = []
            for j in later:
                if j <= d:
                    values += ["", ""]
                    found.append("")
                    continue
                ids, status = lives_on(result, m.id, j, d)
                values += ["；".join(_describe(result.documents[j], i) for i in ids), status]
                found.append(status)
            kept = sum(s not in ("dropped", "") for s in found)
            values.append(summaries.get((d, m.id)) or f"in {kept} of {n - 1 - d} later documents")
            values.append(doc_name(result, d))
            rows.append(values)
            statuses.append(found)
    table(ws, tuple(columns), rows)
    for i, found in enumerate(statuses, start=2):
        for k, status in enumerate(found):
            if status:
                ws.cell(row=i, column=6 + 2 * k).fill = fill(status)


def _describe(doc: Document, mid: str) -> str:
    """"（七） 推进异地就医…" for a measure id, the bare id if the document lacks it."""
    m = next((m for m in doc.measures if m.id == mid), None)
    return f"{m.label} {m.title}" if m else mid


# ---------------------------------------------------------------- workbook

def build_workbook(result: Result) -> Workbook:
    """Summary, Alignment, New, Dropped, [Timeline], then one measures sheet per document."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Summary"
    summary_sheet(ws, result)
    alignment_sheet(wb.create_sheet("Alignment"), result)
    unmatched_sheet(wb.create_sheet("New"), result, "new")
    unmatched_sheet(wb.create_sheet("Dropped"), result, "dropped")
    if len(result.documents) >= 3:
        timeline_sheet(wb.create_sheet("Timeline"), result)
    for i in range(len(result.documents)):
        measures_sheet(wb.create_sheet(sheet_title(wb, f"{i + 1} {doc_name(result, i)}")), result, i)
    wb.active = 0
    stamp = fixed_time(result)
    wb.properties.creator = "compare"
    wb.properties.title = " → ".join(doc_name(result, i) for i in range(len(result.documents)))
    wb.properties.created = wb.properties.modified = stamp
    return wb


def fixed_time(result: Result) -> datetime:
    """The newest document's date (a run's only date that means something), else 2000-01-01."""
    dates = sorted(d.date for d in result.documents if re.fullmatch(r"\d{4}-\d{2}-\d{2}", d.date or ""))
    for date in reversed(dates):
        try:
            return datetime.strptime(date, "%Y-%m-%d")
        except ValueError:
            continue
    return datetime(2000, 1, 1)


def write_xlsx(result: Result, path: Path) -> None:
    """Write the workbook; report.write_reports makes the write atomic."""
    wb = build_workbook(result)
    wb.save(path)
    _pin_zip(Path(path), fixed_time(result))


def _pin_zip(path: Path, stamp: datetime) -> None:
    """openpyxl stamps 'modified' with the clock and the zip entries with the time of writing;
    pin both so two runs on the same result give the same bytes."""
    with zipfile.ZipFile(path) as zin:
        entries = [(info, zin.read(info.filename)) for info in zin.infolist()]
    iso = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    when = (max(stamp.year, 1980),) + stamp.timetuple()[1:6]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info, data in entries:
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                              rb"\g<1>" + iso.encode() + rb"\g<2>", data)
            zout.writestr(zipfile.ZipInfo(info.filename, date_time=when), data,
                          compress_type=zipfile.ZIP_DEFLATED)
