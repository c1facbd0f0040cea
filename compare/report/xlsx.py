"""The Excel report: a workbook to read the comparison in and to review it in, rendered from the
view. Sheets: Summary, Alignment (also the review form, see `form.py`), New, Dropped, Timeline
(three or more documents), then one sheet of measures per document.

Written with XlsxWriter, which streams cells straight into the sheet XML: a 16,536-measure
comparison is written several times faster than through openpyxl's object model (openpyxl
stays the library that *reads* workbooks: reviews and .xlsx inputs). Every string is written as
a string, never a formula — document text starting with = + - @ must not run in the reader's
Excel — and one that looks like a formula also gets Excel's quote prefix, so it stays text when
the reader edits it. Equal results give equal bytes: no clock, fixed zip dates.
"""
from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path
from typing import Any

import xlsxwriter

from ..model import Result
from .form import ALIGNMENT_COLUMNS, HEADERS, REVIEW_ACTIONS, REVIEW_PROMPT, SHEET, Column, alignment_values
from .labels import ALL_STATUSES, STATUS_COLOURS, status_text
from .view import View, as_view

MAX_CELL = 32767                     # Excel's limit on characters in one cell
FORMULA_START = re.compile(r"^[\s]*[=+\-@]")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")     # characters no cell may hold
UNFIT = re.compile(r"[\x00-\x08\x0b-\x1f]")                 # … and a carriage return
HEADER = {"bold": True, "font_color": "#FFFFFF", "bg_color": "#3A4A5C"}
CHECK_FILL = "FDEED5"                # a match to check first

MEASURE_COLUMNS = (Column("id", 9), Column("Label", 8), Column("Path", 12, True),
                   Column("Chapter", 18, True), Column("Title", 24, True), Column("Text", 70, True),
                   Column("Units", 26, True), Column("Kind", 10))


class Sheet:
    """One worksheet and the formats of its cells: every cell is top-aligned, some wrap, some
    have a fill; formats are made once per kind and reused."""

    def __init__(self, book: xlsxwriter.Workbook, name: str, cache: dict):
        self.ws = book.add_worksheet(name)
        self.book, self.cache = book, cache

    def fmt(self, wrap: bool = False, fill: str = "", quote: bool = False, **extra):
        key = (wrap, fill, quote, tuple(sorted(extra.items())))
        if key not in self.cache:
            props = {"valign": "top", **extra}
            if wrap:
                props["text_wrap"] = True
            if fill:
                props["bg_color"] = "#" + fill
            if quote:
                props["quote_prefix"] = True
            self.cache[key] = self.book.add_format(props)
        return self.cache[key]

    def put(self, row: int, col: int, value: Any, wrap: bool = False, fill: str = "", **extra) -> None:
        """Write one cell (0-based row and column); None and "" leave it empty (a filled empty
        cell still gets its fill)."""
        if value is None or value == "":
            if fill or extra:
                self.ws.write_blank(row, col, None, self.fmt(wrap, fill, **extra))
            return
        self.write(row, col, value, self.fmt(wrap, fill, **extra),
                   lambda: self.fmt(wrap, fill, True, **extra))

    def write(self, row: int, col: int, value: Any, fmt, quoted) -> None:
        """Write a non-empty value with format `fmt` (`quoted()` gives its quote-prefix twin, for
        text that looks like a formula)."""
        if isinstance(value, str):
            self.ws.write_string(row, col, cell_text(value), quoted() if FORMULA_START.match(value) else fmt)
        elif isinstance(value, bool):
            self.ws.write_boolean(row, col, value, fmt)
        elif isinstance(value, (int, float)):
            self.ws.write_number(row, col, value, fmt)
        else:
            self.write(row, col, str(value), fmt, quoted)

    def rows(self, start: int, rows, wraps: list[bool], fills=None, numbers: dict[int, str] | None = None) -> int:
        """Write rows of values from row `start` on, column k wrapping if wraps[k]; `fills(values)`
        -> {column: fill} colours some cells of a row; `numbers` {column: number format}.
        Returns the number of rows written."""
        numbers = numbers or {}
        plain = [self.fmt(w, **({"num_format": numbers[k]} if k in numbers else {})) for k, w in enumerate(wraps)]
        quoted = [lambda w=w: self.fmt(w, quote=True) for w in wraps]
        n = 0
        for n, values in enumerate(rows, start=1):
            colour = fills(values) if fills else None
            r = start + n - 1
            for col, value in enumerate(values):
                paint = colour.get(col) if colour else None
                if paint:
                    self.put(r, col, value, wraps[col], paint)
                elif value is not None and value != "":
                    self.write(r, col, value, plain[col], quoted[col])
        return n

    def header(self, row: int, names) -> None:
        for col, name in enumerate(names):
            self.put(row, col, name, **HEADER)

    def table(self, columns: tuple[Column, ...], rows, fills=None) -> int:
        """A sheet that is one table: header, rows, widths, hidden columns, frozen header and a
        filter. `fills(values)` -> {column: fill} colours cells of a row. Returns rows written."""
        for col, c in enumerate(columns):
            self.ws.set_column(col, col, c.width, None, {"hidden": True} if c.hidden else {})
        self.header(0, [c.header for c in columns])
        n = self.rows(1, rows, [c.wrap for c in columns], fills)
        self.ws.freeze_panes(1, 0)
        self.ws.autofilter(0, 0, max(n, 1), len(columns) - 1)
        return n


def cell_text(value: str) -> str:
    """Text a cell can hold: line breaks as line feeds, no other control characters, at most
    MAX_CELL characters."""
    if UNFIT.search(value):
        value = CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
    return value if len(value) <= MAX_CELL else value[:MAX_CELL - 1] + "…"


def fill(status: str) -> str:
    """The light status colour shared with the HTML report."""
    return STATUS_COLOURS.get(status, ("FFFFFF",))[0]


def sheet_title(taken: set[str], wanted: str) -> str:
    """A valid, unused sheet name: at most 31 characters, none of []:*?/\\, unique ignoring case."""
    base = re.sub(r"[\[\]:*?/\\]", "_", wanted).strip("'") or "Sheet"
    base = base[:31]
    name, n = base, 2
    while name.lower() in taken:
        suffix = f" ({n})"
        name, n = base[:31 - len(suffix)] + suffix, n + 1
    taken.add(name.lower())
    return name


# ---------------------------------------------------------------- sheets

def summary_sheet(sh: Sheet, view: View) -> None:
    """Documents, counts per comparison and chapter, settings: what a reader opens first."""
    sh.put(0, 0, "Policy comparison 政策措施对比", bold=True, font_size=14)
    r = 2
    r = _block(sh, r, "Documents", ("#", "Name", "File", "Title", "文号", "Date", "Issuers", "Measures"),
               [(d.index + 1, d.name, d.file, d.title, d.doc_number, d.date, "、".join(d.issuers), d.measures)
                for d in view.documents])
    heads = ("Comparison", *(status_text(s) for s in ALL_STATUSES), "Total", "Reviewed")
    counts = [(c.name, *c.counts.values(), sum(c.counts.values()), len(c.comparison.reviewed))
              for c in view.comparisons]
    r = _block(sh, r, "Counts per status", heads, counts, status_heads=True)
    for c in view.comparisons:
        r = _block(sh, r, f"By chapter: {c.name}", ("Chapter", *(status_text(s) for s in ALL_STATUSES), "Total"),
                   [(ch, *n.values(), sum(n.values())) for ch, n in c.chapters.items()], status_heads=True)
    r = _block(sh, r, "Settings", ("Setting", "Value"), [(k, _setting(v)) for k, v in view.settings.items()])
    if view.warnings:
        _block(sh, r, "Warnings", ("Warning",), [(w,) for w in view.warnings])
    for col, width in enumerate((24, 14, 26, 40, 20, 12, 28, 10, 10, 10)):
        sh.ws.set_column(col, col, width)


def _block(sh: Sheet, r: int, title: str, heads: tuple, rows: list[tuple], status_heads: bool = False) -> int:
    """A titled table inside the Summary sheet; returns the next free row."""
    sh.put(r, 0, title, bold=True, font_size=12)
    for col, name in enumerate(heads):
        s = ALL_STATUSES[col - 1] if status_heads and 1 <= col <= len(ALL_STATUSES) else ""
        if s:
            sh.put(r + 1, col, name, fill=STATUS_COLOURS[s][0], bold=True, font_color="#" + STATUS_COLOURS[s][1])
        else:
            sh.put(r + 1, col, name, **HEADER)
    for i, values in enumerate(rows, start=r + 2):
        for col, value in enumerate(values):
            sh.put(i, col, value, wrap=True)
    return r + 3 + len(rows)


def _setting(value: Any) -> Any:
    if isinstance(value, (int, float, bool, str)) or value is None:
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def alignment_sheet(sh: Sheet, view: View) -> None:
    """One row per link and unmatched measure, with the Review form columns and hidden ids."""
    status_col, conf_col = HEADERS.index("Status"), HEADERS.index("Confidence")
    score_col = HEADERS.index("Score")
    rows = [(r, c.name) for c in view.comparisons for r in c.rows]
    for col, c in enumerate(ALIGNMENT_COLUMNS):
        sh.ws.set_column(col, col, c.width, None, {"hidden": True} if c.hidden else {})
    sh.header(0, HEADERS)

    def paint(values):
        marks = {status_col: fill(values[status_col])}
        if values[conf_col] == "check":
            marks[conf_col] = CHECK_FILL
        return marks
    sh.rows(1, (alignment_values(row, name) for row, name in rows), [c.wrap for c in ALIGNMENT_COLUMNS],
            paint, {score_col: "0.00"})
    review = HEADERS.index("Review")
    sh.ws.data_validation(1, review, max(len(rows), 1), review, {
        "validate": "list", "source": list(REVIEW_ACTIONS), "ignore_blank": True,
        "input_title": "Review", "input_message": REVIEW_PROMPT,
        "error_title": "Review", "error_message": "Choose one of: " + ", ".join(REVIEW_ACTIONS)})
    sh.ws.freeze_panes(1, 2)
    sh.ws.autofilter(0, 0, max(len(rows), 1), len(HEADERS) - 1)


def unmatched_sheet(sh: Sheet, view: View, status: str) -> None:
    """New (unmatched b) or Dropped (unmatched a) measures of every comparison."""
    rows = []
    for c in view.comparisons:
        for r in c.rows:
            side = r.b if status == "new" else r.a
            if r.status == status and side:
                m = side.measure
                rows.append((c.name, m.id, m.label, m.chapter, m.title, m.text, "、".join(m.units), m.kind))
    columns = (Column("Comparison", 18), *MEASURE_COLUMNS[:2], *MEASURE_COLUMNS[3:])
    sh.table(columns, rows, lambda _: {0: fill(status)})


def measures_sheet(sh: Sheet, view: View, index: int) -> None:
    doc = view.documents[index].document
    sh.table(MEASURE_COLUMNS, ((m.id, m.label, " › ".join(m.path), m.chapter, m.title, m.text,
                                "、".join(m.units), m.kind) for m in doc.measures))


def timeline_sheet(sh: Sheet, view: View) -> None:
    """Each measure against each later document: where it lives on, and how (the view's
    timeline: the headline status; a measure split over several measures names each one's
    status). The last column names the measure's document."""
    later = range(1, len(view.documents))
    columns = [Column("id", 9), Column("Label", 8), Column("Chapter", 16, True), Column("Title", 24, True)]
    for j in later:
        name = view.documents[j].name
        columns += [Column(f"{name}: lives on in", 22, True), Column(f"{name}: status", 12)]
    columns += [Column("Summary", 24), Column("Document", 14)]
    rows = []
    for t in view.timeline:
        values: list[Any] = [t.measure.id, t.measure.label, t.measure.chapter, t.measure.title]
        for j in later:
            cell = t.cells.get(j)
            values += [timeline_targets(cell), cell.status] if cell else ["", ""]
        values += [t.summary, view.documents[t.doc].name]
        rows.append(values)
    status_cols = [5 + 2 * k for k in range(len(later))]
    sh.table(tuple(columns), rows, lambda v: {c: fill(v[c]) for c in status_cols if v[c]})


def timeline_targets(cell) -> str:
    """"（七） 推进…" — and, when the measure lives on in several measures with different
    statuses, each one's status: "（七） 推进… [continued]；（九） 推进… [expanded]"."""
    if len(set(cell.id_statuses)) > 1:
        return "；".join(f"{t} [{s}]" for t, s in zip(cell.targets, cell.id_statuses, strict=True))
    return "；".join(cell.targets)


# ---------------------------------------------------------------- workbook

def write_xlsx(view: View | Result, path: Path) -> None:
    """Summary, Alignment, New, Dropped, [Timeline], then one measures sheet per document;
    `compare.report.write_reports` makes the write atomic."""
    view = as_view(view)
    book = xlsxwriter.Workbook(str(path), {"in_memory": True, "strings_to_formulas": False,
                                           "strings_to_numbers": False, "strings_to_urls": False})
    book.set_properties({"title": view.title, "author": "compare", "created": fixed_time(view)})
    cache: dict = {}
    taken = {"summary", SHEET.lower(), "new", "dropped", "timeline"}
    summary_sheet(Sheet(book, "Summary", cache), view)
    alignment_sheet(Sheet(book, SHEET, cache), view)
    unmatched_sheet(Sheet(book, "New", cache), view, "new")
    unmatched_sheet(Sheet(book, "Dropped", cache), view, "dropped")
    if len(view.documents) >= 3:
        timeline_sheet(Sheet(book, "Timeline", cache), view)
    for d in view.documents:
        measures_sheet(Sheet(book, sheet_title(taken, f"{d.index + 1} {d.name}"), cache), view, d.index)
    book.close()


def fixed_time(view: View) -> datetime:
    """The newest document's date (a run's only date that means something), else 2000-01-01."""
    dates = sorted(d.date for d in view.documents if re.fullmatch(r"\d{4}-\d{2}-\d{2}", d.date or ""))
    for date in reversed(dates):
        try:
            return datetime.strptime(date, "%Y-%m-%d")
        except ValueError:
            continue
    return datetime(2000, 1, 1)
