"""Saved web pages: the visible text, one block element per line.

Parsed by lxml (libxml2's HTML parser) and walked iteratively, so time grows with the page's
size, not with the square of its nesting (a tree-editing walk over a page nested 100,000 deep
took minutes). libxml2 stops descending at MAX_HTML_DEPTH elements and drops what lies deeper;
such a page is refused rather than read with text missing.
"""
from __future__ import annotations

import re

from compare.errors import InputError
from compare.ingest.common import TYPED_NUMBER
from compare.ingest.decode import decode
from compare.ingest.tables import Cell, find_header, render
from compare.limits import MAX_HTML_DEPTH

_HTML_DROP = frozenset(["script", "style", "noscript", "template", "head", "iframe", "svg"])


_HTML_BLOCKS = frozenset([
    "address", "article", "aside", "blockquote", "caption", "dd", "details", "dialog", "div", "dl",
    "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "td", "th",
    "tr", "ul",
])


_RAW = frozenset(["pre", "textarea"])       # source whitespace is kept inside these, as in a browser


_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


_LAYOUT_SPACE = re.compile(r"[ \t\n\r\f]+")


def read_html(path, data: bytes) -> str:
    """Visible text only; block elements and <br> break lines, inline elements (a, span, b) do not."""
    match = _META_CHARSET.search(data[:4096])
    declared = match.group(1).decode("ascii").lower() if match else None
    if declared in ("gb2312", "gbk", "x-gbk", "gb_2312-80", "cp936"):
        declared = "gb18030"  # pages labelled gb2312 routinely use GBK/GB18030 characters
    root = _parse(path, decode(path, data, declared))
    text = "" if root is None else "".join(_visible_text(root))
    lines = [line.strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")


def _parse(path, text: str):
    """The page's element tree (None for a page without any); a page nested deeper than libxml2
    descends is refused."""
    from lxml import etree  # lazy: loaded only when a web page is read
    from lxml import html as lxml_html

    parser = lxml_html.HTMLParser(encoding="utf-8", huge_tree=True, no_network=True,
                                  remove_comments=True, remove_pis=True)
    try:
        root = lxml_html.document_fromstring(text.encode("utf-8", "surrogatepass"), parser=parser)
    except etree.ParserError:            # "Document is empty"
        return None
    if any("depth" in e.message.lower() for e in parser.error_log):
        raise InputError(path, f"网页嵌套超过 {MAX_HTML_DEPTH} 层（上限） HTML nested deeper than {MAX_HTML_DEPTH} elements (limit; "
                               "not a page saved from a browser?)")
    return root


def _visible_text(root):
    """The text pieces of the tree in reading order, with "\\n" where a block starts and ends
    and for <br>; the content of dropped elements (scripts, styles, the head) left out. One
    pass over start and end events: no recursion, no editing of the tree."""
    from lxml import etree  # lazy, as in _parse

    hidden = raw = 0
    menus = _menu_blocks(root)
    glued = False                               # the cell before was a label (发文字号：): on its line
    lists = _ListNumbers()
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, el in walker:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if event == "start":
            if tag in _HTML_DROP:
                hidden += 1
            if hidden:
                continue
            raw += tag in _RAW
            if (tag in _HTML_BLOCKS or tag == "br") and not (glued and tag in ("td", "th")):
                yield "\n"
            glued = False
            if (whole := _read_whole(el, tag, menus)) is not None:
                yield whole
                walker.skip_subtree()           # its end event still comes: the block ends, the tail follows
                continue
            yield lists.open(tag, el)
            yield _as_shown(el.text, raw)
            continue
        if tag in _HTML_DROP:
            hidden -= 1
        elif not hidden:
            raw -= tag in _RAW
            lists.close(tag)
            glued = tag in ("td", "th") and _label_cell(el)
            if tag in _HTML_BLOCKS and not glued:
                yield "\n"
        if not hidden:
            yield _as_shown(el.tail, raw)


def _as_shown(text: str | None, raw: int) -> str:
    """A text node as a browser shows it: layout whitespace one space, except inside <pre>."""
    return "" if not text else text if raw else _LAYOUT_SPACE.sub(" ", text)


def _read_whole(el, tag: str, menus: set) -> str | None:
    """The text of an element read as one piece, or None: a menu (首页 | 政务公开) or a form
    control's caption (a search box's 搜索 button) as a marker cleaning removes and counts, a task
    table as its outline lines."""
    if el in menus or tag in _CONTROLS:
        text = _LAYOUT_SPACE.sub(' ', ''.join(el.itertext())).strip().translate(_NO_BRACKETS)
        return "" if not text else f"{LINK_MARK}{text}]" + ("\n" if el in menus else "")
    if tag == "table" and (lines := _task_table_lines(el)) is not None:
        return "\n".join(lines) + "\n"
    return None


# --- a site's menus: lines of short links (首页 政务公开 政策文件), which are not the document -------

LINK_MARK = "[link:"        # parse.clean removes "[link:…]" as a web page's link line, and counts it
_NO_BRACKETS = str.maketrans("", "", "[]")    # a link's own [打印本页] would open or close the marker early
_MENU_ITEM_MAX = 8          # characters of a menu's link (信息公开, 互动交流); a title is longer
_MENU_SEPARATORS = re.compile(r"[\s|｜/>＞»·•、,，]+")
_BARS = re.compile(r"[|｜·•]")           # the visible separators of a site's tool bar (无障碍 | English)
# Form controls: their captions (搜索, 提交) label the page's controls, never the document's text.
_CONTROLS = frozenset(["button", "select"])


def _menu_blocks(root) -> set:
    """Block elements whose text is only links of a few characters each (and separators), or a
    tool bar of such links and script buttons (`_tool_bar`): a site's menu, breadcrumb or footer links, which a saved page prints around the document and
    which would otherwise join its title (首页政务公开某市…方案). A link to an attachment (附件1)
    is the document's; a named anchor (a heading's target) is no link."""
    found = set()
    for a in root.iter("a"):
        if not _is_link(a):
            continue
        block = a.getparent()
        while block is not None and not (isinstance(block.tag, str) and block.tag.lower() in _HTML_BLOCKS):
            block = block.getparent()
        if block is None or block in found:
            continue
        links = [_LAYOUT_SPACE.sub("", "".join(x.itertext())) for x in block.iter("a") if _is_link(x)]
        rest = _MENU_SEPARATORS.sub("", "".join(block.itertext()))
        if (links and all(0 < len(t) <= _MENU_ITEM_MAX and not t.startswith("附件") for t in links)
                and (rest == _MENU_SEPARATORS.sub("", "".join(links)) or _tool_bar(block))
                and not _holds_blocks(block)):
            found.add(block)
    return found


def _tool_bar(block) -> bool:
    """A site's tool bar: links among buttons a script answers (<span>无障碍</span> | <span>长者模式</span>
    | <a>English</a>), every item a few characters, set apart by visible bars — not only links."""
    items = [_LAYOUT_SPACE.sub("", t) for t in _BARS.split("".join(block.itertext()))]
    return len(items) >= 2 and all(0 < len(t) <= _MENU_ITEM_MAX for t in items)


def _is_link(a) -> bool:
    return a.get("href") is not None or a.get("name") is None and a.get("id") is None


def _holds_blocks(el) -> bool:
    return any(isinstance(x.tag, str) and x.tag.lower() in _HTML_BLOCKS for x in el.iterdescendants())


def _label_cell(cell) -> bool:
    """A table cell that labels the next one (发文字号： | 国办发〔2025〕5号, as a page's table of a
    document's particulars prints them): the two are one line, as a reader reads them."""
    following = cell.getnext()
    if following is None or not isinstance(following.tag, str) or following.tag.lower() not in ("td", "th"):
        return False
    text = "".join(cell.itertext()).strip()
    return 0 < len(text) <= _LABEL_MAX and text[-1] in ":：" and "\n" not in text


_LABEL_MAX = 12         # characters of a label cell (发文字号：, 成文日期：)


# An item that types its own number (1. 、（一） 一、): the browser's number would be a second one.


class _ListNumbers:
    """The numbers a browser prints before the items of an <ol> (1. 2. …, from its `start` or
    an item's `value`), which are not in the page's text — as Word's list numbers are not in a
    .docx's — and the disc (●) before an item of a <ul>, which the parser reads as a typed
    bullet. Items of an <ol type="a"> or "i", and items that print their own number, get none."""

    def __init__(self) -> None:
        self.stack: list[int | str | None] = []     # the next number of an <ol>, "●" for a <ul>

    def open(self, tag: str, el) -> str:
        if tag in ("ol", "ul"):
            decimal = tag == "ol" and (el.get("type") or "1") == "1"
            self.stack.append(_integer(el.get("start"), 1) if decimal else "●" if tag == "ul" else None)
        elif tag == "li" and self.stack and self.stack[-1] == "●":
            return "" if TYPED_NUMBER.match(el.text or "") else "●"   # a disc, as a browser prints it
        elif tag == "li" and self.stack and self.stack[-1] is not None:
            n = _integer(el.get("value"), self.stack[-1])
            self.stack[-1] = n + 1
            if not TYPED_NUMBER.match(el.text or ""):
                return f"{n}."
        return ""

    def close(self, tag: str) -> None:
        if tag in ("ol", "ul") and self.stack:
            self.stack.pop()


def _integer(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


# --- a task table (序号 | 重点任务 | 牵头单位 …) as the other readers render it ----------------------

_MAX_SPAN = 100           # a colspan or rowspan larger than this is taken as this (a page cannot blow up the grid)


def _task_table_lines(table) -> list[str] | None:
    """The outline lines of a task table (`tables.render`: one measure per task, its units and
    deadline in closing clauses), or None for any other table — a layout table, or one holding
    tables — which is read as blocks."""
    if table.find(".//table") is not None:
        return None
    grid = _grid(table)
    return render(grid) if find_header(grid) is not None else None


def _grid(table) -> list[list[Cell]]:
    """The table's rows as a grid of Cells: a merged cell fills its positions (hcont across,
    vcont down), as `tables.render` expects."""
    grid: list[list[Cell]] = []
    down: dict[int, list] = {}              # column -> [text, rows it still covers]
    for tr in table.xpath("./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr"):
        row: list[Cell] = []
        for td in [*tr.xpath("./td | ./th"), None]:
            while len(row) in down:         # positions a cell above still covers
                col = len(row)
                row.append(Cell(down[col][0], vcont=True))
                down[col][1] -= 1
                if not down[col][1]:
                    del down[col]
            if td is None:
                break
            text = "\n".join(ln.strip() for ln in "".join(_visible_text(td)).split("\n") if ln.strip())
            across, rows = _span(td, "colspan"), _span(td, "rowspan")
            if rows > 1:
                down.update({c: [text, rows - 1] for c in range(len(row), len(row) + across)})
            row.extend([Cell(text)] + [Cell(text, hcont=True) for _ in range(across - 1)])
        grid.append(row)
    return grid


def _span(td, attribute: str) -> int:
    try:
        return min(max(int(td.get(attribute, "1")), 1), _MAX_SPAN)
    except ValueError:
        return 1
