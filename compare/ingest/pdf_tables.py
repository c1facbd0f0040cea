"""Task tables in a PDF (序号 | 重点任务 | 牵头单位 …): read cell by cell, rendered as the other
readers' tables are (`tables.render`: one measure per task, its units and deadline in closing
clauses).

A PDF holds a table only as glyphs and ruling lines. Read line by line, a task whose cell wraps
splits, and a row that runs onto the next page joins the task before it. pdfplumber finds the
cells from the ruling lines (`find_tables`). It runs only on a page whose text holds a task
header, and on the pages the table runs on to, so a PDF without one never loads it (it takes
25–35 ms a page, PDFium 3–8 ms).

    task_tables(data, pages, headed) -> ({page: its text with the table rendered}, [pages not read])
"""
from __future__ import annotations

import io

from compare.ingest.common import TYPED_NUMBER
from compare.ingest.tables import Cell, find_header, render
from compare.text.normalize import joiner

EDGE = 2.0            # points: a line of text this close to a table's edge is the table's
RUNS_ON = 0.8         # a table reaching below this share of the page's height may run on to the next


def task_tables(data: bytes, pages: list[list[tuple[float | None, str]]],
                headed: list[int]) -> tuple[dict[int, str], list[int]]:
    """For the pages (0-based) whose text holds a task header: each page the table spans, as its
    text with the table's lines replaced by the rendered table (on its first page) — and the
    header pages whose table could not be read (no ruling lines, a turned page)."""
    import pdfplumber  # lazy: only a PDF with a task table pays for it

    texts: dict[int, str] = {}
    unread: list[int] = []
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception:  # noqa: BLE001 -- a file PDFium read but pdfminer cannot: its lines stand
        return {}, list(headed)
    with pdf:
        for start in headed:
            if start in texts:
                continue
            try:
                found = _table_run(pdf, start)
            except Exception:  # noqa: BLE001 -- the table extractor failing must not lose the page's text
                found = None
            if found is None or any(y is None for k, _, _ in found[1] for y, _ in pages[k]):
                unread.append(start)
                continue
            grid, spans = found
            for n, (k, top, bottom) in enumerate(spans):
                above = [t for y, t in pages[k] if y < top - EDGE]
                below = [t for y, t in pages[k] if y > bottom + EDGE]
                texts[k] = "\n".join(above + (render(grid) if n == 0 else []) + below)
    return texts, unread


def _table_run(pdf, start: int):
    """(the grid of the task table on page `start` and its continuations on the pages after,
    [(page, top, bottom) of each part]), or None when the page has no table with a task header."""
    page = pdf.pages[start]
    for table in sorted(page.find_tables(), key=lambda t: t.bbox[1]):
        grid = _grid(table)
        header = find_header(grid)
        if header is not None:
            break
    else:
        return None
    head = [c.text for c in grid[header]]
    spans = [(start, table.bbox[1], table.bbox[3])]
    k = start + 1
    while k < len(pdf.pages) and table.bbox[3] > RUNS_ON * page.height:
        page = pdf.pages[k]
        tables = sorted(page.find_tables(), key=lambda t: t.bbox[1])
        if not tables:
            break
        table = tables[0]
        more = _grid(table)
        if not more or len(more[0]) != len(head):
            break
        if [c.text for c in more[0]] == head:
            more = more[1:]                  # the header printed again on each page
        _append(grid, more)
        spans.append((k, table.bbox[1], table.bbox[3]))
        k += 1
    return grid, spans


def _grid(table) -> list[list[Cell]]:
    """pdfplumber's rows as Cells: a cell it reports as None is covered by a merged one — the
    cell above when a cell of an earlier row reaches down into this row (merged down: a 牵头单位
    printed once for several tasks, or the first column's 序号), else the cell to its left
    (merged across)."""
    grid: list[list[Cell]] = []
    reach: dict[int, tuple[float, str]] = {}      # column → (bottom, text) of its last cell
    for row, values in zip(table.rows, table.extract(), strict=True):
        top = row.bbox[1]
        cells: list[Cell] = []
        for j, (box, value) in enumerate(zip(row.cells, values, strict=True)):
            if value is not None:
                cells.append(Cell(_joined(value)))
                reach[j] = (box[3] if box else top, cells[-1].text)
            elif j and reach.get(j, (top, ""))[0] <= top + EDGE:
                cells.append(Cell(cells[-1].text, hcont=True))
            else:
                cells.append(Cell(reach.get(j, (top, ""))[1], vcont=True))
        grid.append(cells)
    return grid


def _append(grid: list[list[Cell]], more: list[list[Cell]]) -> None:
    """The rows of a table's next part after its first: a first row with no 序号 that only
    carries on cells' text is the end of the last row, cut at the page break."""
    if more and grid and not more[0][0].text and any(c.text for c in more[0]) \
            and not any(c.hcont or c.vcont for c in more[0]):
        last = grid[-1]
        for j, cell in enumerate(more[0][:len(last)]):
            if cell.text:
                last[j] = Cell(_glue(last[j].text, cell.text), last[j].hcont, last[j].vcont)
        more = more[1:]
    grid.extend(more)


def _joined(value: str) -> str:
    """A cell's lines as one text: a line a narrow column wrapped goes on the line before it,
    but a sub-item (1.… 2.… after a line that ends its sentence or list: 具体包括： / …；) starts
    a line of its own, as in the cell of a .docx."""
    out = ""
    for line in value.split("\n"):
        line = line.strip()
        if out and out[-1] in _ITEM_BEFORE and TYPED_NUMBER.match(line):
            out += "\n" + line
        else:
            out = _glue(out, line)
    return out


_ITEM_BEFORE = "：:；;。"      # what the line before a sub-item ends with


def _glue(left: str, right: str) -> str:
    return left + joiner(left, right) + right
