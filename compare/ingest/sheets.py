"""Spreadsheets (.xlsx, and .csv/.tsv decoded like .txt): task lists (任务清单, 任务分工表) as outline text.

Each sheet is a table for `ingest_table.render`. openpyxl opens the workbook read-only (a large
workbook streams instead of loading every cell object) and reads the values Excel cached for
formulas. With several task sheets and no chapter rows inside them, a sheet's name is its chapter.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re

from compare.errors import InputError
from compare.ingest.common import brief, check_zip
from compare.ingest.tables import Cell, find_header, plain_lines, render
from compare.limits import MAX_SHEET_ROWS as MAX_ROWS
from compare.text.numerals import cn_numeral


def read_xlsx(path, data: bytes) -> str:
    check_zip(path, data, ".xlsx")
    import openpyxl  # lazy: loaded only when a spreadsheet is read (~0.12 s)

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001
        raise InputError(path, f"不是有效的 .xlsx 文件 not a valid .xlsx ({brief(exc)})") from None
    try:
        sheets = []
        for sheet in workbook.worksheets:
            if sheet.sheet_state != "visible":      # hidden: drop-down lists, lookups
                continue
            grid = []
            for values in sheet.iter_rows(values_only=True):
                grid.append([Cell(_cell_text(v)) for v in values])
                if len(grid) >= MAX_ROWS:
                    break
            sheets.append((sheet.title, _merged(grid, _merge_refs(sheet))))
    finally:
        workbook.close()
    return "\n".join(sheet_lines(sheets))


def _merge_refs(sheet) -> list[str]:
    """The sheet's merged ranges (D5:D7), streamed from its XML: openpyxl's read-only sheets, which
    keep memory flat on a large workbook, do not read them."""
    from xml.etree.ElementTree import iterparse

    refs = []
    source = getattr(sheet, "_get_source", None)    # openpyxl's (private) stream of the sheet's XML:
    if source is None:                              # an openpyxl without it reads no merged ranges
        return refs
    with source() as src:
        for _, el in iterparse(src):
            if el.tag.endswith("}mergeCell") and el.get("ref"):
                refs.append(el.get("ref"))
            el.clear()
    return refs


def _merged(grid: list[list[Cell]], refs: list[str]) -> list[list[Cell]]:
    """A merged cell fills every position of its range, as in a .docx table: across with `hcont`,
    down with `vcont` (a 牵头单位 printed once for three tasks is each task's)."""
    from openpyxl.utils.cell import range_boundaries

    for ref in refs:
        try:
            left, top, right, bottom = range_boundaries(ref)
        except (ValueError, TypeError):
            continue
        if top > len(grid) or left > len(grid[top - 1]):
            continue
        text = grid[top - 1][left - 1].text
        for r in range(top, min(bottom, len(grid)) + 1):
            row = grid[r - 1]
            for c in range(left, min(right, len(row)) + 1):
                if (r, c) != (top, left):
                    row[c - 1] = Cell(text, hcont=c > left, vcont=r > top)
    return grid


def sheet_lines(sheets: list[tuple[str, list[list[Cell]]]]):
    """Lines of every sheet in order; sheet names become chapters where several sheets hold tasks."""
    headers = [find_header(_nonblank(grid)) for _, grid in sheets]
    several = sum(h is not None for h in headers) > 1
    chapters = [0]
    for (name, grid), header in zip(sheets, headers, strict=True):
        before = chapters[0]
        lines = render(grid, chapters)
        if several and header is not None and chapters[0] == before and name.strip():
            chapters[0] += 1        # no chapter rows inside: the sheet is the chapter
            above = len(plain_lines(_nonblank(grid)[:header]))   # a title row stays above it
            lines[above:above] = [f"{cn_numeral(chapters[0])}、{name.strip()}"]
        yield from lines


def _nonblank(grid):
    return [row for row in grid if any(c.text.strip() for c in row)]


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).replace("\r\n", "\n").replace("\r", "\n")


def read_csv(path, text: str) -> str:
    """A decoded .csv/.tsv: the delimiter sniffed (comma, tab, semicolon), quoted cells honoured."""
    sample = text[:16384]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",\t;|，")
    except csv.Error:
        dialect = csv.excel_tab if sample.count("\t") > sample.count(",") else csv.excel
    rows = [[Cell(v) for v in row] for row in csv.reader(io.StringIO(text), dialect)]
    return "\n".join(render(rows))


# A table typed as text: cells between tabs (copied from Word or Excel), or between pipes (typed,
# or saved as Markdown: | 序号 | 重点任务 | 牵头单位 |, with a |---|:---:| rule under the header).
_PIPES = "|｜"
_RULE_CELL = re.compile(r"^\s*:?-{3,}:?\s*$|^\s*$")


def _typed_cells(line: str) -> list[str] | None:
    """The cells of a line typed as a table row (None for a line of text; [] for a Markdown rule
    line |---|---|, which is part of the table and no row of it)."""
    s = line.strip()
    if "\t" in s:
        return [v.strip() for v in s.split("\t")]
    if not s or s[0] not in _PIPES or s[-1] not in _PIPES or len(s) < 3:
        return None
    cells = [v.strip() for v in re.split(f"[{_PIPES}]", s[1:-1])]
    if len(cells) < 2:
        return None
    return [] if all(_RULE_CELL.match(c) for c in cells) else cells


def typed_tables(text: str) -> str:
    """A .txt that holds a task table typed as text — cells separated by tabs (copied from Word or
    Excel) or by pipes (| 序号 | 重点任务 | 牵头单位 |, as Markdown prints a table): each run of such
    lines that has a task header (序号 | 重点任务 | 牵头单位 …) is rendered as a .tsv would be
    (`tables.render`); every other line is kept as it is."""
    lines = text.split("\n")
    rows = [_typed_cells(ln) for ln in lines] + [None]
    if sum(r is not None for r in rows) < 2:
        return text
    out: list[str] = []
    k = 0
    while k < len(lines):
        if rows[k] is None:
            out.append(lines[k])
            k += 1
            continue
        end = k              # the run: table rows, and a one-cell row (一、交通) between two of them
        while end < len(lines) and (rows[end] is not None or lines[end].strip() and rows[end + 1] is not None):
            end += 1
        grid = [[Cell(v) for v in (rows[i] if rows[i] is not None else [lines[i].strip()])]
                for i in range(k, end) if rows[i] != []]
        out.extend(render(grid) if len(grid) >= 2 and find_header(grid) is not None else lines[k:end])
        k = end
    return "\n".join(out)
