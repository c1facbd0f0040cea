"""Tables as text: a 任务分工表 (序号 / 重点任务 / 牵头单位 / 完成时限 …) becomes the outline the structure
parser reads; any other table becomes one line per row.

Why one line per task: a table read cell by cell puts 牵头单位 on its own line, where the cleaner
rightly drops a short line printed again and again as a running header, and the units are lost. A
task row is written as one measure,

    （十二）task text（完成时限：2025年底前）（牵头单位：A、B；配合单位：C）

and a row spanning the table (or a new value in a 类别/领域 column) as a chapter line 一、….
The readers for .docx, .xlsx, .csv, web pages, PDFs and tables typed into a .txt (tabs or pipes
between cells) all hand their tables to `render` as a grid of `Cell`s.

Why （十二） for a printed 序号 12: it is the same number, in the form the parser reads as a
measure. As "12." the task would be an item, and items are measures only where nothing else is
(a list of short tasks without units reads as a list of titles, i.e. prose), a task text
starting with a digit runs into the label ("12.5G基站" is no label), and a cell's own 1. 2. list
would split the task into measures.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from compare.ingest.common import note
from compare.text.lexicon import LEAD_UNIT_HEADERS
from compare.text.numerals import cn_numeral

CELL_SEPARATOR = " | "    # between the cells of a row in a table that is not a task table
LINE_SEPARATOR = " / "    # between the lines of one cell there
HEADER_SCAN = 6           # the header row is looked for among the first rows only

# Column roles, recognised by the header cell (whitespace removed, width-folded). Order matters:
# 配合 before 责任 (配合责任单位 supports); people before both: a column naming persons (责任领导,
# 责任人, 联系人, 联系电话) is left out — the measures are compared, not the officials or their phone
# numbers. Several task columns (任务名称 | 具体措施) are one task.
_ROLES = [
    ("label", re.compile(r"^(序号|编号|序|号|序列号|项目编号|任务编号)$")),
    ("person", re.compile(r"领导|责任人|联系人|经办人|联系方式|联系电话")),
    ("support", re.compile(r"配合|协同|参与|协助|协办")),
    ("lead", re.compile(r"牵头|责任|主责|主办|承办|实施主体|实施单位|落实单位|负责单位|负责部门")),
    ("deadline", re.compile(r"时限|时间|节点|期限|进度|完成日期|截止")),
    ("category", re.compile(r"^(类别|类型|分类|领域|板块|专项|方面|任务类别|工作类别|行动|专项行动|重点领域)$")),
    ("task", re.compile(r"任务|措施|举措|事项|内容|工作|要点|项目|名称|目标|具体|清单|改革")),
]

# A table's summary row (合计 22项, 总计, 小计 in its first cell): a count of the tasks, no task.
_TOTAL = re.compile(r"^(?:合计|总计|小计|共计)[:：]?$")

_CN_LABEL = re.compile(r"^[（(]\s*([一二三四五六七八九十百千零〇两]+)\s*[）)]$")
_CN_BARE = re.compile(r"^([一二三四五六七八九十百千零〇两]+)\s*[、.．]?$")
_DECIMAL = re.compile(r"^(?:(\d{1,4})\s*[.、．]?|\(\s*(\d{1,4})\s*\))$")   # 3, 3. ③ (NFKC: 3) or (3)
_CHAPTER_LABEL = re.compile(r"^\s*(?:[一二三四五六七八九十百千]+\s*[、.．]|第[一二三四五六七八九十百千\d]+[章部分篇])")


@dataclass
class Cell:
    """One grid position. A merged cell fills several positions: the first holds the text, the
    others repeat it with `hcont` (merged across) or `vcont` (merged down) set."""
    text: str = ""
    hcont: bool = False
    vcont: bool = False

    @property
    def lines(self) -> list[str]:
        return [ln.strip() for ln in self.text.split("\n") if ln.strip()]


@dataclass
class _Task:
    label: str
    lines: list[str] = field(default_factory=list)
    lead: list[str] = field(default_factory=list)
    support: list[str] = field(default_factory=list)
    extras: list[tuple[str, str]] = field(default_factory=list)   # (header, value): 完成时限, 备注…
    lead_word: str = "责任单位"
    printed: str = ""               # the 序号 cell as printed


def _key(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def column_roles(header: list[Cell]) -> list[str | None]:
    """The role of each column from its header text; None for an empty header cell."""
    roles: list[str | None] = []
    for cell in header:
        key = _key(cell.text)
        if not key or len(key) > 16:
            roles.append(None)          # no header: its cells are kept as they are
            continue
        roles.append(next((role for role, pattern in _ROLES if pattern.search(key)), "other"))
    return roles


def _is_task_header(roles: list[str | None]) -> bool:
    return "task" in roles and any(r in roles for r in ("label", "lead", "support", "deadline"))


def is_task_header(texts: list[str]) -> bool:
    """Do these header texts name a task table's columns (a task column, and a 序号, unit or
    deadline column)?"""
    return _is_task_header(column_roles([Cell(t) for t in texts]))


def find_header(grid: list[list[Cell]]) -> int | None:
    for r, row in enumerate(grid[:HEADER_SCAN]):
        if len(row) >= 2 and _is_task_header(column_roles(row)):
            return r
    return None


def render(grid: list[list[Cell]], chapters: list[int] | None = None) -> list[str]:
    """Lines for one table. `chapters` counts chapter lines across the tables of one document, so
    chapters in a second table or sheet go on numbering."""
    grid = [row for row in grid if any(c.text.strip() for c in row)]
    if not grid:
        return []
    header = find_header(grid)
    if header is None:
        return plain_lines(grid)
    head, body = grid[header], grid[header + 1:]
    if body and _is_sub_header(head, body[0]):
        head = [Cell(sub.text if sub.text.strip() and not sub.hcont else top.text)
                for top, sub in zip(head, body[0], strict=False)]
        body = body[1:]
    return plain_lines(grid[:header]) + TaskTable(head, chapters).lines(body)


def _is_sub_header(head: list[Cell], row: list[Cell]) -> bool:
    """A second header row under a merged one (责任单位 over 牵头 | 配合): short role words only."""
    roles = column_roles(head)
    words = [(roles[i], _key(c.text)) for i, c in enumerate(row[:len(roles)]) if c.text.strip() and not c.vcont]
    return bool(words) and all(r not in ("task", "label") and len(w) <= 8 and
                               any(p.search(w) for _, p in _ROLES) for r, w in words)


def plain_lines(grid: list[list[Cell]]) -> list[str]:
    """A table that is not a task table: one line per row; a row of one cell (a layout box, a
    title across the table) keeps its paragraphs as lines."""
    out = []
    for row in grid:
        cells = [c for c in row if not c.hcont and not c.vcont and c.lines]
        if len(cells) == 1:
            out.extend(cells[0].lines)
        elif cells:
            out.append(CELL_SEPARATOR.join(LINE_SEPARATOR.join(c.lines) for c in cells))
    return out


class TaskTable:
    """The rows below a task header, as chapters and tasks."""

    def __init__(self, header: list[Cell], chapters: list[int] | None = None):
        self.roles = column_roles(header)
        self.headers = [_key(c.text) for c in header]
        self.chapters = chapters if chapters is not None else [0]

    def lines(self, rows: list[list[Cell]]) -> list[str]:
        totals = [row for row in rows if _is_total(row)]
        if totals:          # left out of the outline, so said once for the table
            shown = "；".join(" ".join(c.text.strip() for c in row if c.text.strip() and not c.hcont) for row in totals[:3])
            note(f"任务表：{len(totals)} 行合计行不是任务，未读入（{shown}） task table: {len(totals)} total "
                 f"row{'s' if len(totals) > 1 else ''} (合计) left out, no task")
        return _numbered(self._items([row for row in rows if not _is_total(row)]))

    def _items(self, rows: list[list[Cell]]) -> list[str | _Task]:
        """The rows as chapter lines and tasks, in table order."""
        items: list[str | _Task] = []       # a chapter line or a task
        labels = [_key(self._cell(row, "label").text) for row in rows]
        labelled = any(labels)
        decimal = any(_DECIMAL.match(k) for k in labels if k)
        category = None
        for row in rows:
            chapter = self._spanning_text(row)
            if chapter is not None:
                items.append(self._chapter(chapter))
                continue
            category = self._category(row, category, items)
            label = self._cell(row, "label")
            task = self._task(row)
            if task is not None:
                self._place(items, task, label, labelled, decimal)
        return items

    def _category(self, row: list[Cell], category: str | None, items: list[str | _Task]) -> str | None:
        """The category in force after `row`; a new value in the 类别 column opens a chapter."""
        cat = self._cell(row, "category")
        if cat.lines and not cat.vcont and _key(cat.text) != category:
            items.append(self._chapter(" ".join(cat.lines)))
            return _key(cat.text)
        return category

    def _place(self, items: list[str | _Task], task: _Task, label: Cell, labelled: bool, decimal: bool) -> None:
        """Add the task of one row: the rest of the task above, a chapter, or a task of its own."""
        continues = label.vcont or (labelled and not label.lines)
        if continues and items and isinstance(items[-1], _Task):
            _extend(items[-1], task)   # a task spread over several rows (序号 merged down)
        elif decimal and (bare := _CN_BARE.match(_key(label.text))) and not (task.lead or task.support):
            items.append(self._chapter(f"{bare.group(1)}、{''.join(task.lines)}"))
        else:
            task.label = _label(" ".join(label.lines))
            task.printed = "".join(label.lines)
            items.append(task)

    def _cell(self, row: list[Cell], role: str) -> Cell:
        for i, r in enumerate(self.roles):
            if r == role and i < len(row):
                return row[i]
        return Cell()

    def _spanning_text(self, row: list[Cell]) -> str | None:
        """The text of a chapter row: one value only, merged across the table, or alone in the
        序号/类别 column (a CSV has no merges), or printed with a chapter label 一、."""
        firsts = [(i, c) for i, c in enumerate(row) if not c.hcont and not c.vcont and c.lines]
        if len(firsts) != 1:
            return None
        i, cell = firsts[0]
        spans = sum(1 for c in row[i + 1:] if c.hcont and c.text == cell.text) + 1
        role = self.roles[i] if i < len(self.roles) else None
        text = "".join(cell.lines)
        key = _key(text)
        if spans >= max(2, len(row) // 2) or _CHAPTER_LABEL.match(key):
            return text
        if role in ("label", "category") and not (_DECIMAL.match(key) or _CN_LABEL.match(key)
                                                  or _CN_BARE.match(key)):
            return text
        return None

    def _chapter(self, text: str) -> str:
        self.chapters[0] += 1
        if _CHAPTER_LABEL.match(unicodedata.normalize("NFKC", text)):
            return text
        return f"{cn_numeral(self.chapters[0])}、{text}"

    def _task(self, row: list[Cell]) -> _Task | None:
        task = _Task(label="")
        for i, role in enumerate(self.roles):
            if i >= len(row) or row[i].hcont or role in ("label", "category"):
                continue
            self._take(task, role, i, row[i])
        if not (task.lines or task.lead or task.support or task.extras):
            return None
        return task

    def _take(self, task: _Task, role: str | None, i: int, cell: Cell) -> None:
        """Put cell `i` of a row, in column role `role`, into `task`."""
        if role == "task":
            if not cell.vcont:      # the same task text merged down: said once
                task.lines.extend(cell.lines)
        elif role in ("lead", "support"):
            units = _units(cell.lines)
            (task.lead if role == "lead" else task.support).extend(u for u in units if u)
            if role == "lead" and self.headers[i] in LEAD_UNIT_HEADERS:
                task.lead_word = self.headers[i]
        elif role == "person":
            return
        elif cell.lines and not cell.vcont:
            task.extras.append((self.headers[i] if role else "", "".join(cell.lines)))


def _is_total(row: list[Cell]) -> bool:
    """Does the row open with 合计/总计/小计 (in 序号's place or merged across the first columns)?"""
    first = next((c for c in row if c.text.strip()), None)
    return first is not None and not first.vcont and bool(_TOTAL.match(_key(first.text)))


def _numbered(items: list[str | _Task]) -> list[str]:
    """Chapter lines as they are, tasks as lines, counted across chapters (the count labels a
    task without a 序号)."""
    out, count, unread = [], 0, []
    for it in items:
        if isinstance(it, str):
            out.append(it)
            continue
        count += 1
        out.extend(_task_lines(it, count))
        if it.printed and not it.label:
            unread.append(f"{it.printed} → （{cn_numeral(count)}）")
    if unread:              # 1-1, A3: kept nowhere in the outline, so said once for the table
        shown = "、".join(unread[:3]) + ("…" if len(unread) > 3 else "")
        note(f"任务表：{len(unread)} 项的序号不是编号，按位置编号（{shown}） task table: the 序号 of "
             f"{len(unread)} task{'s' if len(unread) > 1 else ''} is no number; numbered by place ({shown})")
    return out

def _units(lines: list[str]) -> list[str]:
    """One unit per line of the cell, or the cell's own list as printed (A、B；C)."""
    return lines if len(lines) > 1 else ["".join(lines)] if lines else []


def _extend(task: _Task, more: _Task) -> None:
    task.lines.extend(more.lines)
    for attr in ("lead", "support"):
        have = getattr(task, attr)
        have.extend(u for u in getattr(more, attr) if u not in have)
    task.extras.extend(e for e in more.extras if e not in task.extras)


def _label(raw: str) -> str:
    """The printed 序号 as a measure label: （三） stays, 3 / 3. / 三 become （三）; else ""."""
    key = _key(raw)
    m = _CN_LABEL.match(key)
    if m:
        return f"（{m.group(1)}）"
    m = _CN_BARE.match(key)
    if m:
        return f"（{m.group(1)}）"
    m = _DECIMAL.match(key)
    if m:
        return f"（{cn_numeral(int(m.group(1) or m.group(2)))}）"
    return ""


def _task_lines(task: _Task, count: int) -> list[str]:
    lines = list(task.lines) or [""]
    label = task.label or f"（{cn_numeral(count)}）"
    lines[0] = label + lines[0]
    tail = "".join(f"（{header}：{value}）" if header else f"（{value}）" for header, value in task.extras)
    units = []
    if task.lead:
        units.append(f"{task.lead_word}：{'、'.join(task.lead)}")
    if task.support:
        units.append(f"配合单位：{'、'.join(task.support)}")
    if units:
        tail += f"（{'；'.join(units)}）"
    lines[-1] += tail
    return lines
