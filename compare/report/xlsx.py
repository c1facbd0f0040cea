"""The Excel report: a workbook to read the comparison in and to review it in, rendered from the
view. Sheets: 概览 Summary, 对照 Alignment (also the review form, see `form.py`), 审阅记录 Review
log (after a review), 新增 New, 删除 Dropped, 时间线 Timeline (three or more documents), then one
sheet of measures per document.

Made to be read outside Excel too (WPS, LibreOffice): names and headers Chinese first, then
English; every row as high as its longest wrapped text needs (spreadsheet programs other than
Excel do not grow rows by themselves), counting a Chinese character as two widths; every table
sheet prints landscape, one page wide, with its header row repeated; panes frozen so labels and
titles stay in view.

Written with XlsxWriter, which streams cells straight into the sheet XML: a 16,536-measure
comparison is written several times faster than through openpyxl's object model (openpyxl
stays the library that *reads* workbooks: reviews and .xlsx inputs). Every string is written as
a string, never a formula — document text starting with = + - @ must not run in the reader's
Excel — and one that looks like a formula also gets Excel's quote prefix, so it stays text when
the reader edits it. Equal results give equal bytes: no clock, fixed zip dates.
"""
from __future__ import annotations

import json
import math
import re
from datetime import datetime
from pathlib import Path
from typing import Any

import xlsxwriter

from compare.model import Result
from compare.report.build import View, as_view
from compare.report.review_view import verdict_outcome, workbook_rows
from compare.review.form import (
    ALIGNMENT_COLUMNS,
    FROZEN,
    HEADERS,
    KEYS_COLUMNS,
    PRINTED,
    KEYS_SHEET,
    LOG_SHEET,
    REVIEW_CHOICES,
    REVIEW_PROMPT,
    SHEET,
    Column,
    alignment_values,
    status_cell,
    verdict_text,
)
from compare.vocab import (
    ALL_STATUSES,
    DROPPED,
    NEW,
    STATUS_COLOURS,
    STATUS_LABELS,
    STATUSES,
    kind_text,
    setting_label,
)

MAX_CELL = 32767                     # Excel's limit on characters in one cell
FORMULA_START = re.compile(r"^[\s]*[=+\-@]")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")     # characters no cell may hold
UNFIT = re.compile(r"[\x00-\x08\x0b-\x1f]")                 # … and a carriage return
HEADER = {"bold": True, "font_color": "#FFFFFF", "bg_color": "#3A4A5C", "text_wrap": True}
CHECK_FILL = "FDEED5"                # a match to check first
GONE_FILL = "E5E5E5"                 # a row the result no longer has (a rejected link …)
SKIPPED_FILL = "FBE2E1"              # a verdict that was not applied

# Row heights: a wrapped line of 11-point text takes LINE points (Excel's 15 for a Latin line;
# LibreOffice's Chinese lines are a little taller); a column of width w holds w - 1 widths of
# text, a Chinese character two (as in Excel and WPS: LibreOffice often fits a few more
# characters on a line, so its rows may have some room to spare).
LINE = 16.0
HEADING_CHARS = 100                  # of the documents' names in a printed page's header
MAX_HEIGHT = 409.0                   # the largest row height spreadsheets accept

SUMMARY, NEW_SHEET, DROPPED_SHEET, TIMELINE = "概览 Summary", "新增 New", "删除 Dropped", "时间线 Timeline"

# Sheets of measures print whole (A4 landscape, one page wide) at the size of the Alignment
# sheet's printed columns.
MEASURE_COLUMNS = (Column("编号 id", 7), Column("标签 Label", 7, True), Column("层级 Path", 12, True),
                   Column("章节 Chapter", 16, True), Column("标题 Title", 20, True),
                   Column("原文 Text", 60, True), Column("责任单位 Units", 20, True), Column("类别 Kind", 9, True))
LOG_COLUMNS = (Column("上一审阅表行 Row in the reviewed workbook", 8, True), Column("本表行 Row here", 6, True),
               Column("比较 Comparison", 12, True), Column("A 措施 A measure", 20, True),
               Column("B 措施 B measure", 20, True), Column("审阅 Verdict", 10, True),
               Column("改链至 Target", 8, True), Column("备注 Note", 18, True), Column("结果 Result", 10, True),
               Column("说明 What it did, or why not", 36, True), Column("来自 From", 10, True))
SOURCES = {"review": "审阅列 Review", "status": "状态列 Status", "notes": "备注列 Notes"}


def row_height(values, columns) -> float | None:
    """Points a row needs so that its longest wrapped cell shows whole (None: one line is enough)."""
    lines = 1
    for value, c in zip(values, columns, strict=False):
        if c.wrap and isinstance(value, str) and value:
            fits = max(c.width - 1, 1)
            lines = max(lines, sum(max(1, math.ceil(text_width(part) / fits)) for part in value.split("\n")))
    return min(MAX_HEIGHT, lines * LINE + 4) if lines > 1 else None


def text_width(text: str) -> int:
    """Widths a line takes: two for every character outside ASCII (Chinese characters and
    punctuation, the bulk of these texts), one for the others — `text.normalize.display_width` without
    its character classes, fast enough for every cell of a 16,000-measure workbook."""
    return 2 * len(text) - len(text.encode("ascii", "ignore"))


class Sheet:
    """One worksheet and the formats of its cells: every cell is top-aligned, some wrap, some
    have a fill; formats are made once per kind and reused."""

    def __init__(self, book: xlsxwriter.Workbook, name: str, cache: dict, heading: str = ""):
        self.ws = book.add_worksheet(name)
        self.book, self.cache, self.heading = book, cache, heading

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

    def rows(self, start: int, rows, columns: tuple[Column, ...], fills=None,
             numbers: dict[int, str] | None = None) -> int:
        """Write rows of values from row `start` on, column k as columns[k] says (wrapping), each
        row as high as its texts need; `fills(values)` -> {column: fill} colours some cells of a
        row; `numbers` {column: number format}. Returns the number of rows written."""
        numbers = numbers or {}
        wraps = [c.wrap for c in columns]
        plain = [self.fmt(w, **({"num_format": numbers[k]} if k in numbers else {})) for k, w in enumerate(wraps)]
        quoted = [lambda w=w: self.fmt(w, quote=True) for w in wraps]
        n = 0
        for n, values in enumerate(rows, start=1):
            colour = fills(values) if fills else None
            r = start + n - 1
            height = row_height(values, columns)
            if height:
                self.ws.set_row(r, height)
            for col, value in enumerate(values):
                paint = colour.get(col) if colour else None
                if paint:
                    self.put(r, col, value, wraps[col], paint)
                elif value is not None and value != "":
                    self.write(r, col, value, plain[col], quoted[col])
        return n

    def header(self, row: int, columns: tuple[Column, ...]) -> None:
        for col, c in enumerate(columns):
            self.put(row, col, c.header, **HEADER)
        height = row_height([c.header for c in columns], [c._replace(wrap=True) for c in columns])
        if height:
            self.ws.set_row(row, height)

    def columns(self, columns: tuple[Column, ...]) -> None:
        for col, c in enumerate(columns):
            self.ws.set_column(col, col, c.width, None, {"hidden": True} if c.hidden else {})

    def table(self, columns: tuple[Column, ...], rows, fills=None, frozen: int = 0,
              numbers: dict[int, str] | None = None, printed: int = 0) -> int:
        """A sheet that is one table: header, rows, widths, hidden columns, frozen header (and
        the first `frozen` columns), a filter, print setup (only the first `printed` columns
        when given). `fills(values)` -> {column: fill} colours cells of a row; `numbers`
        {column: number format}. Returns rows written."""
        self.columns(columns)
        self.header(0, columns)
        n = self.rows(1, rows, columns, fills, numbers)
        self.ws.freeze_panes(1, frozen)
        self.ws.autofilter(0, 0, max(n, 1), len(columns) - 1)
        self.printable(columns)
        if printed:
            self.ws.print_area(0, 0, max(n, 1), printed - 1)
        return n

    def printable(self, columns: tuple[Column, ...] = (), landscape: bool = True) -> None:
        """Print setup: A4, landscape, one page wide (as many pages down as it takes; hidden
        columns do not print), the header row of a table on every page, gridlines; each page
        names its sheet and the documents compared (a page read apart from the others still
        says what it is) and is numbered."""
        ws = self.ws
        if landscape:
            ws.set_landscape()
        ws.set_paper(9)
        ws.fit_to_pages(1, 0)
        ws.set_margins(left=0.3, right=0.3, top=0.45, bottom=0.45)
        ws.set_header(page_heading(self.heading), {"margin": 0.2})
        ws.set_footer("&C&P / &N", {"margin": 0.2})
        ws.hide_gridlines(0)
        if columns:
            ws.repeat_rows(0)


def page_heading(documents: str) -> str:
    """The printed page's header: the sheet's name, then the documents compared, at most as
    long as Excel keeps a header (255 characters with its codes; & written as &&)."""
    if not documents:
        return "&L&A"
    shown = documents if len(documents) <= HEADING_CHARS else documents[:HEADING_CHARS - 1] + "…"
    return "&L&A&R" + CONTROL.sub("", shown).replace("&", "&&")


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

# Summary columns (one set of widths for all its tables): names, files and titles in the first
# three, numbers in the rest; A4 landscape, one page wide.
SUMMARY_WIDTHS = (22, 18, 22, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10)


def summary_sheet(sh: Sheet, view: View) -> None:
    """Documents, what became of each document's measures, links and rows per comparison, each
    document's chapters (as the page charts them), the review, settings: what a reader opens
    first. Every table says what its numbers count (vocab.UNIT_LABELS)."""
    sh.put(0, 0, "政策措施对比 Policy comparison", bold=True, font_size=14)
    r = _block(sh, 2, "文件 Documents", ("简称 Name", "文件 File", "标题 Title", "文号 Number", "日期 Date",
                                        "发文机关 Issuers", "措施数 Measures"),
               [(d.name, d.file, d.title, d.doc_number, d.date, "、".join(d.issuers), d.measures)
                for d in view.documents], spans=(1, 1, 1, 2, 2, 4, 1))
    r = _fates_block(sh, r, view)
    r = _links_block(sh, r, view)
    for c in view.comparisons:
        r = _chapters_block(sh, r, c)
    if view.review is not None:
        rv = view.review
        rows = [("审阅文件 Reviewed workbook", rv.file), ("已采用 Applied", rv.applied),
                ("未采用 Skipped", rv.skipped), ("仅备注 Notes only", rv.notes)]
        rows += [("未采用 Skipped", p) for p in rv.skipped_lines]
        rows += [("未用 Not used", p) for p in rv.remarks]
        r = _pairs(sh, r, f"审阅 Review（详见“{LOG_SHEET}”）", ("项目 Item", "内容 Value"), rows)
    r = _pairs(sh, r, "设置 Settings", ("项目 Setting", "值 Value"),
               [(setting_label(k), _setting(v)) for k, v in view.settings.items()])
    if view.warnings:
        _pairs(sh, r, "提示 Warnings", ("#", "提示 Warning"), [(k, w) for k, w in enumerate(view.warnings, 1)])
    for col, width in enumerate(SUMMARY_WIDTHS):
        sh.ws.set_column(col, col, width)
    sh.printable()


FATE_HEADS = tuple(status_cell(s) for s in ALL_STATUSES)
# what the number counts: this document's own measures (both documents may number m001 …)
REVIEWED_HEAD = "已审阅 Reviewed：本文件措施 this document's measures"
GREY_HEAD = "另有灰行 Grey rows besides：审阅移除 removed by a verdict"


def _fates_block(sh: Sheet, r: int, view: View) -> int:
    """What became of each document's measures, per comparison: the older document's by the
    status of their links (or dropped), the newer one's new or continuing, by status — the
    numbers of the page's sentence and chart, adding up to each document's measure count — and
    how many of them a verdict was applied to (each document's own: both may number m001 …)."""
    rows = []
    for c in view.comparisons:
        f = c.fates()
        reviewed_a, reviewed_b = c.comparison.reviewed_a, c.comparison.reviewed_b
        rows.append((c.name, c.a_name, f.a_total, *(f.a_counts.get(s, 0) or None for s in ALL_STATUSES),
                     len(reviewed_a) or None))
        rows.append((c.name, c.b_name, f.b_total, *(f.b_counts.get(s, 0) or None for s in ALL_STATUSES),
                     len(reviewed_b) or None))
    return _block(sh, r, "措施去向 What became of each measure（措施 measures：每项措施计一次，按其变化最大的关联 "
                         "each measure once, by its most changed link）",
                  ("比较 Comparison", "文件 Document", "措施数 Measures", *FATE_HEADS, REVIEWED_HEAD), rows,
                  status_from=3)


def _links_block(sh: Sheet, r: int, view: View) -> int:
    """Links per status and rows per comparison: the numbers of the page's link badges and
    header, the command line and the JSON's counts. After a review, also the grey rows the
    对照 sheet keeps besides (a rejected link's, a relinked measure's), so that its rows add
    up to what this table says."""
    heads = ("比较 Comparison", "关联 Links", "行 Rows", *(status_cell(s) for s in STATUSES), status_cell(DROPPED),
             status_cell(NEW), "待核 To check", "相关 Related")
    rows = [(c.name, sum(c.links.values()), c.row_count, *c.links.values(), c.counts[DROPPED], c.counts[NEW],
             c.to_check, c.related) for c in view.comparisons]
    title = ("关联与行 Links and rows（关联 links：一条关联连接两项措施，合并或拆分的措施有几条；"
             "行 rows = 关联 + 删除 + 新增，即“对照”表的行）")     # a title longer than the table would print smaller
    if view.review is not None:
        heads += (GREY_HEAD,)
        rows = [(*row, len(view.review.gone.get(c.index, []))) for row, c in zip(rows, view.comparisons, strict=True)]
    return _block(sh, r, title, heads, rows, status_from=3, statuses=(*STATUSES, DROPPED, NEW))


def _chapters_block(sh: Sheet, r: int, c) -> int:
    """Each document's chapters in comparison c, counting that document's own measures by fate
    (the page's chart): the older document's chapters, then the newer one's."""
    rows = []
    for side, name in (("a", c.a_name), ("b", c.b_name)):
        for ch, n in c.own_chapters(side).items():
            rows.append((ch or "（无章节 no chapter）", name, sum(n.values()), *(v or None for v in n.values())))
    return _block(sh, r, f"按章节 By chapter：{c.name}（各文件本身的措施 each document's own measures）",
                  ("章节 Chapter", "文件 Document", "措施数 Measures", *FATE_HEADS), rows, status_from=3)


def _block(sh: Sheet, r: int, title: str, heads: tuple, rows: list[tuple], status_from: int = 0,
           statuses: tuple = ALL_STATUSES, spans: tuple[int, ...] = ()) -> int:
    """A titled table inside the Summary sheet; returns the next free row. Columns from
    `status_from` on (when given) are headed in the colours of `statuses`, in order; `spans`
    gives how many sheet columns each field takes (merged), one each by default."""
    sh.put(r, 0, title, bold=True, font_size=12)
    spans = spans or (1,) * len(heads)
    starts = [sum(spans[:k]) for k in range(len(spans))]
    widths = tuple(Column("", sum(SUMMARY_WIDTHS[s:s + n]), True) for s, n in zip(starts, spans, strict=True))

    def cell(row: int, k: int, value, **fmt) -> None:
        if spans[k] > 1:
            sh.ws.merge_range(row, starts[k], row, starts[k] + spans[k] - 1, "", sh.fmt(**fmt))
        sh.put(row, starts[k], value, **fmt)

    for k, name in enumerate(heads):
        j = k - status_from
        s = statuses[j] if status_from and 0 <= j < len(statuses) else ""
        if s:
            cell(r + 1, k, name, fill=STATUS_COLOURS[s][0], bold=True, font_color="#" + STATUS_COLOURS[s][1],
                 text_wrap=True)
        else:
            cell(r + 1, k, name, **HEADER)
    height = row_height(heads, widths)
    if height:
        sh.ws.set_row(r + 1, height)
    for i, values in enumerate(rows, start=r + 2):
        for k, value in enumerate(values):
            cell(i, k, value, wrap=True)
        height = row_height([v if isinstance(v, str) else "" for v in values], widths)
        if height:
            sh.ws.set_row(i, height)
    return r + 3 + len(rows)


def _pairs(sh: Sheet, r: int, title: str, heads: tuple[str, str], rows: list[tuple]) -> int:
    """A titled list of (item, text) inside the Summary sheet, each text wrapped across the
    sheet's width (merged cells), so long lines print whole; returns the next free row."""
    sh.put(r, 0, title, bold=True, font_size=12)
    last = len(SUMMARY_WIDTHS) - 1
    sh.put(r + 1, 0, heads[0], **HEADER)
    sh.ws.merge_range(r + 1, 1, r + 1, last, heads[1], sh.fmt(**HEADER))
    wide = Column("", sum(SUMMARY_WIDTHS[1:]), True)
    for i, (item, text) in enumerate(rows, start=r + 2):
        sh.put(i, 0, item, wrap=True)
        value = text if isinstance(text, str) else ("" if text is None else text)
        if isinstance(value, str):
            sh.ws.merge_range(i, 1, i, last, "", sh.fmt(True))
            if value:
                sh.write(i, 1, value, sh.fmt(True), lambda: sh.fmt(True, quote=True))
        else:
            sh.ws.merge_range(i, 1, i, last, value, sh.fmt(True, align="left"))
        height = row_height([str(item), str(value)], (Column("", SUMMARY_WIDTHS[0], True), wide))
        if height:
            sh.ws.set_row(i, height)
    return r + 3 + len(rows)


def _setting(value: Any) -> Any:
    if isinstance(value, (int, float, bool, str)) or value is None:
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def alignment_sheet(sh: Sheet, view: View) -> dict[int, int]:
    """One row per link and unmatched measure, with the Review form columns and hidden ids; a
    row the result no longer has (a rejected link …) is kept, greyed, where a verdict names it.
    Returns the row (as the sheet numbers it) each verdict is written on, by the verdict's id."""
    status_col, conf_col = HEADERS.index("状态 Status"), HEADERS.index("可信度 Confidence")
    written_col, outcome_col = HEADERS.index("status #"), HEADERS.index("审阅结果 Outcome")
    score_col, review_col = HEADERS.index("相似度 Score"), HEADERS.index("审阅 Review")
    rows = [(r, c.name) for c in view.comparisons for r in workbook_rows(view.review, c)]
    if view.review is not None:     # verdicts on comparisons this run does not make: named as they were
        rows += [(r, r.typed[0].shown.get("comparison_name", "") if r.typed else "")
                 for r in view.review.gone.get(-1, [])]

    shown = [k for k, c in enumerate(ALIGNMENT_COLUMNS) if not c.hidden]

    def paint(values):
        status = values[written_col]
        # a row the result no longer has: grey in every cell (each cell's own format, which
        # every spreadsheet program shows and prints), not only in its Status cell
        marks = {status_col: fill(status)} if status else dict.fromkeys(shown, GONE_FILL)
        if values[conf_col] and values[conf_col].endswith("check"):
            marks[conf_col] = CHECK_FILL
        if values[outcome_col] and "⚠" in values[outcome_col]:
            marks[outcome_col] = SKIPPED_FILL
        return marks
    sh.table(ALIGNMENT_COLUMNS, (alignment_values(row, name) for row, name in rows), paint, FROZEN,
             {score_col: "0.00"}, printed=PRINTED)
    last = max(len(rows), 1)
    sh.ws.data_validation(1, review_col, last, review_col, {
        "validate": "list", "source": list(REVIEW_CHOICES), "ignore_blank": True,
        "input_title": "审阅 Review", "input_message": REVIEW_PROMPT[:255],
        "error_type": "information", "error_title": "审阅 Review",
        "error_message": ("可选：" + "、".join(REVIEW_CHOICES))[:255]})
    sh.ws.data_validation(1, status_col, last, status_col, {
        "validate": "list", "source": [status_cell(s) for s in ALL_STATUSES], "ignore_blank": True,
        "input_title": "状态 Status", "input_message": "改为另一状态即为审阅意见 a changed status is a verdict",
        "error_type": "information", "error_title": "状态 Status",
        "error_message": "、".join(f"{STATUS_LABELS[s]} {s}" for s in ALL_STATUSES)})
    return {id(v): k + 2 for k, (row, _) in enumerate(rows) for v in row.typed}


def review_log_sheet(sh: Sheet, view: View, here: dict[int, int]) -> None:
    """Every verdict of the applied review, in the reviewed workbook's row order: where it was
    (its row there, and its row in this workbook's Alignment sheet: `here`, by the verdict's
    id), what it said, whether it was applied and what it did, or why not."""
    result, rv = view.result, view.review
    names = {c.index: c.name for c in view.comparisons}

    def measure(v, side: str) -> str:
        m = result.verdict_measure(v, side)
        if m is not None:
            return f"{m.label} {m.title}".strip()
        shown = " ".join(filter(None, (v.shown.get(f"{side}_label"), v.shown.get(f"{side}_title"))))
        return shown or (v.a_id if side == "a" else v.b_id)

    rows = []
    for v in rv.verdicts:
        said = verdict_outcome(result, v)
        rows.append((v.row or None, here.get(id(v)),
                     names.get(v.comparison, str(v.comparison) if v.comparison >= 0 else ""),
                     measure(v, "a"), measure(v, "b"),
                     verdict_text(v.action), v.target, v.note,
                     "已采用 applied" if v.applied else "未采用 skipped",
                     "\n".join(filter(None, [said, v.remark and f"⚠ {v.remark}"])), SOURCES.get(v.source, v.source)))
    result_col = 8
    sh.table(LOG_COLUMNS, rows, lambda values: {result_col: "DDF3E2" if values[result_col].endswith("applied")
                                                else SKIPPED_FILL}, frozen=3)


def unmatched_sheet(sh: Sheet, view: View, status: str) -> None:
    """New (unmatched b) or Dropped (unmatched a) measures of every comparison."""
    rows = []
    for c in view.comparisons:
        for r in c.rows:
            side = r.b if status == "new" else r.a
            if r.status == status and side:
                m = side.measure
                rows.append((c.name, m.id, m.label, m.chapter, m.title, m.text, "、".join(m.units), kind_text(m.kind)))
    columns = (Column("比较 Comparison", 12, True), *MEASURE_COLUMNS[:2], *MEASURE_COLUMNS[3:])
    sh.table(columns, rows, lambda _: {0: fill(status)}, frozen=3)


def measures_sheet(sh: Sheet, view: View, index: int) -> None:
    doc = view.documents[index].document
    sh.table(MEASURE_COLUMNS, ((m.id, m.label, " › ".join(m.path), m.chapter, m.title, m.text,
                                "、".join(m.units), kind_text(m.kind)) for m in doc.measures), frozen=2)


def keys_sheet(sh: Sheet, view: View) -> None:
    """Hidden: which documents the workbook was made for and every measure's identity (`form`:
    KEYS_COLUMNS), so that a later run applies each verdict to the same measure, or to none."""
    rows: list[tuple] = []
    for d in view.documents:
        doc = d.document
        rows.append((d.index, d.file, d.name, "", "", doc.fingerprint, doc.title))
        rows += [(d.index, d.file, d.name, m.id, m.label, m.key, m.title) for m in doc.measures]
    ws = sh.ws
    for col, head in enumerate(KEYS_COLUMNS):
        ws.write_string(0, col, head)
    for r, values in enumerate(rows, start=1):
        for col, value in enumerate(values):
            if isinstance(value, int):
                ws.write_number(r, col, value)
            elif value:
                ws.write_string(r, col, cell_text(value))
    ws.hide()


def timeline_sheet(sh: Sheet, view: View) -> None:
    """Each measure against each later document: where it lives on, and how (the view's
    timeline: the headline status; a measure split over several measures names each one's
    status). The last column names the measure's document."""
    later = range(1, len(view.documents))
    columns = [Column("编号 id", 7), Column("标签 Label", 7, True), Column("章节 Chapter", 14, True),
               Column("标题 Title", 20, True)]
    for j in later:
        name = view.documents[j].name
        columns += [Column(f"{name} 延续于 lives on in", 22, True), Column(f"{name} 状态 status", 10, True)]
    columns += [Column("概括 Summary", 20, True), Column("文件 Document", 12, True)]
    rows = []
    for t in view.timeline:
        values: list[Any] = [t.measure.id, t.measure.label, t.measure.chapter, t.measure.title]
        for j in later:
            cell = t.cells.get(j)
            values += [timeline_targets(cell), status_cell(cell.status)] if cell else ["", ""]
        values += [t.summary, view.documents[t.doc].name]
        rows.append(values)
    status_cols = [5 + 2 * k for k in range(len(later))]
    sh.table(tuple(columns), rows, lambda v: {c: fill(v[c].split()[-1]) for c in status_cols if v[c]}, frozen=4)


def timeline_targets(cell) -> str:
    """"（七） 推进…" — and, when the measure lives on in several measures with different
    statuses, each one's status: "（七） 推进… [延续 continued]；（九） 推进… [扩展 expanded]"."""
    if len(set(cell.id_statuses)) > 1:
        return "；".join(f"{t} [{status_cell(s)}]" for t, s in zip(cell.targets, cell.id_statuses, strict=True))
    return "；".join(cell.targets)


# ---------------------------------------------------------------- workbook

def write_xlsx(view: View | Result, path: Path) -> None:
    """Summary, Alignment, [Review log], New, Dropped, [Timeline], one measures sheet per
    document, then the hidden Keys sheet; `compare.report.write_reports` makes the write atomic."""
    view = as_view(view)
    book = xlsxwriter.Workbook(str(path), {"in_memory": True, "strings_to_formulas": False,
                                           "strings_to_numbers": False, "strings_to_urls": False})
    book.set_properties({"title": view.title, "author": "compare", "created": fixed_time(view)})
    cache: dict = {}
    taken = {n.lower() for n in (SUMMARY, SHEET, LOG_SHEET, NEW_SHEET, DROPPED_SHEET, TIMELINE, KEYS_SHEET)}
    summary_sheet(Sheet(book, SUMMARY, cache, view.title), view)
    here = alignment_sheet(Sheet(book, SHEET, cache, view.title), view)
    if view.review is not None:
        review_log_sheet(Sheet(book, LOG_SHEET, cache, view.title), view, here)
    unmatched_sheet(Sheet(book, NEW_SHEET, cache, view.title), view, "new")
    unmatched_sheet(Sheet(book, DROPPED_SHEET, cache, view.title), view, "dropped")
    if len(view.documents) >= 3:
        timeline_sheet(Sheet(book, TIMELINE, cache, view.title), view)
    for d in view.documents:
        measures_sheet(Sheet(book, sheet_title(taken, f"{d.index + 1} {d.name}"), cache, view.title), view, d.index)
    keys_sheet(Sheet(book, KEYS_SHEET, cache), view)
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
