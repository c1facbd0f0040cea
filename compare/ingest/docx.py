"""Word .docx: paragraphs in body order with Word's automatic list numbers, and tables as rows.

Automatic numbering is not in the text: a paragraph only says "list 3, level 1", and the label
（一） is computed by Word from word/numbering.xml. Without rendering it, an auto-numbered plan has
no enumerators and no measures. No maintained library renders it (python-docx exposes the XML;
docx2python knows decimal/letter/roman only and ignores lvlText), so `ListNumbering` below does,
following ECMA-376 §17.9: abstractNum/num, lvl (start, numFmt, lvlText, lvlRestart, isLgl),
lvlOverride/startOverride, numStyleLink, and numbering that comes from a paragraph style.
"""
from __future__ import annotations

import io
import os
from collections.abc import Callable
from functools import lru_cache

from compare.errors import InputError
from compare.ingest.common import brief, check_zip, input_problem, note
from compare.ingest.tables import Cell, render
from compare.text.numerals import cn_numeral

MB = 1024 * 1024

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _TR, _TC = W + "p", W + "tbl", W + "tr", W + "tc"
NS = {"w": W[1:-1], "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006"}
_RUNS = ".//w:r[not(ancestor::w:del or ancestor::w:moveFrom or ancestor::w:txbxContent)]"


def read_docx(path, data: bytes) -> str:
    check_zip(path, data)
    try:
        import docx  # lazy: each reader loads its library only when a file of its format is read

        document = docx.Document(io.BytesIO(data))
        styles = _styles_of(document)
        reader = _BodyReader(ListNumbering.of(document), _Bold(styles))
        return "\n".join(bold_leads(path, list(reader.blocks(document.element.body))))
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001
        if not input_problem(exc):
            raise                       # a bug of ours, not a broken file
        raise InputError(path, f"不是有效的 .docx 文件 not a valid .docx ({brief(exc)})") from None


class _BodyReader:
    """Walks the body in order, so list counters advance as Word's do (table cells included)."""

    def __init__(self, numbering: ListNumbering, bold: _Bold | None = None):
        self.numbering = numbering
        self.bold = bold or _Bold()
        self.chapters = [0]

    def blocks(self, element):
        """Lines for each paragraph and table under `element`, descending into content controls
        (w:sdt), smart tags and the like but not into a paragraph itself."""
        for child in element.iterchildren():
            if child.tag == _P:
                yield self.paragraph(child)
            elif child.tag == _TBL:
                yield from render(self.grid(child), self.chapters)
            else:
                yield from self.blocks(child)

    def paragraph(self, p) -> str:
        # python-docx's Paragraph.text skips runs inside w:ins (tracked insertions), smart tags and
        # inline content controls; collect every run except deleted and text-box ones.
        runs = _x(p, _RUNS)
        text = "".join(r.text for r in runs)
        label = self.numbering.label(p)
        if not label:
            return _BoldLead(text) if self.bold.leads(p, runs) else text
        # Word sets a tab after the number: kept as a space after a bare number (1 重点任务, 1.1 推进…),
        # where it tells the label from a quantity, and between two ASCII words
        glue = " " if label[-1:].isdigit() or label[-1:].isascii() and label[-1:].isalnum() and text[:1].isascii() else ""
        return label + glue + text.lstrip()

    def grid(self, tbl) -> list[list[Cell]]:
        """The table as a grid: gridSpan fills positions across, vMerge down, w:gridBefore leaves
        positions empty at the start of a row."""
        rows: list[list[Cell]] = []
        for tr in tbl.iterchildren(_TR):
            row: list[Cell] = [Cell() for _ in range(_int(_val(tr, "trPr/w:gridBefore")))]
            for tc in _x(tr, "./w:tc | ./w:sdt/w:sdtContent/w:tc | ./w:customXml/w:tc"):
                span = max(1, _int(_val(tc, "tcPr/w:gridSpan"), 1))
                merge = _x(tc, "./w:tcPr/w:vMerge")
                col = len(row)
                if merge and merge[0].get(W + "val", "continue") == "continue":
                    above = rows[-1][col] if rows and col < len(rows[-1]) else Cell()
                    list(self.blocks(tc))           # keeps list counters in step; its text is empty
                    cell = Cell(above.text, vcont=True)
                else:
                    cell = Cell("\n".join(line for line in self.blocks(tc)))
                row.append(cell)
                row.extend(Cell(cell.text, hcont=True, vcont=cell.vcont) for _ in range(span - 1))
            rows.append(row)
        return rows


def _x(element, expr: str):
    """XPath with the w: prefix on any element (python-docx's own classes and plain lxml ones)."""
    return _compiled(expr)(element)


@lru_cache(maxsize=None)
def _compiled(expr: str):
    from lxml import etree  # lazy, with python-docx (which loads it anyway)

    return etree.XPath(expr, namespaces=NS)


def _int(value, default: int = 0) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _related(document, relationship):
    """The XML of the document's part of this relationship (numbering, styles), or None."""
    try:
        return document.part.part_related_by(relationship).element
    except (KeyError, AttributeError):
        return None


def _styles_of(document):
    from docx.opc.constants import RELATIONSHIP_TYPE as RT  # lazy, as read_docx

    return _related(document, RT.STYLES)


# --- unnumbered measures led by a bold sentence ---------------------------------------------------

BULLET = "●"              # a bulleted paragraph, as a typed one prints it (`parse.clean.BULLET_LINE`)
_LEAD_END = ("。", "：")   # a bold lead is a sentence (推进养老服务一体化。) or a heading before a colon


class _BoldLead(str):
    """The text of a paragraph that opens with a bold sentence and goes on in regular text
    (**推进养老服务一体化。**加快…): the form of an unnumbered measure in many plans."""


class _Bold:
    """Whether a run is bold: its own w:b, else its character style's, else its paragraph
    style's (each style with the styles it is based on), else the document default."""

    def __init__(self, styles_xml=None):
        self.own: dict[str, bool] = {}          # styleId → its own w:b, where it sets one
        self.parent: dict[str, str] = {}
        self.default_para: str | None = None
        self.default = False
        if styles_xml is None:
            return
        for style in _x(styles_xml, "./w:style"):
            sid = style.get(W + "styleId")
            if sid is None:
                continue
            if style.get(W + "type") == "paragraph" and style.get(W + "default") in ("1", "true", "on"):
                self.default_para = sid
            if (parent := _val(style, "basedOn")) is not None:
                self.parent[sid] = parent
            if (b := _bold_of(style)) is not None:
                self.own[sid] = b
        self.default = bool(_bold_of(next(iter(_x(styles_xml, "./w:docDefaults/w:rPrDefault")), None)))

    def style(self, sid: str | None) -> bool | None:
        seen = set()
        while sid and sid not in seen:
            seen.add(sid)
            if sid in self.own:
                return self.own[sid]
            sid = self.parent.get(sid)
        return None

    def run(self, r, paragraph_style: str | None) -> bool:
        for found in (_bold_of(r), self.style(_val(r, "rPr/w:rStyle")), self.style(paragraph_style)):
            if found is not None:
                return found
        return self.default

    def leads(self, p, runs) -> bool:
        """Does paragraph `p` open with bold text that ends a sentence (。) or a heading (：), and go
        on in regular text?"""
        pstyle = _val(p, "pPr/w:pStyle") or self.default_para
        lead, k = "", 0
        while k < len(runs) and (not runs[k].text.strip() or self.run(runs[k], pstyle)):
            lead += runs[k].text
            k += 1
        rest = "".join(r.text for r in runs[k:])
        return bool(lead.strip()) and lead.rstrip().endswith(_LEAD_END) and bool(rest.strip())


def _bold_of(element) -> bool | None:
    """The w:b that `element` (a run, a style, the defaults) sets itself: True, False or None."""
    if element is None:
        return None
    found = _x(element, "./w:rPr/w:b")
    if not found:
        return None
    return found[0].get(W + "val", "true").lower() not in ("0", "false", "off")


def bold_leads(path, lines: list[str]) -> list[str]:
    """The lines of a .docx with each paragraph led by a bold sentence marked as a bulleted one, so
    the parser reads it as a measure where bullets are measures — only in a document that numbers
    none of its measures (（一） 1. 第一条: there the bold sentences are headings' titles or
    emphasis), with a note saying so. A paragraph that starts with a label (一、) is no bullet."""
    from compare.parse.labels import CHAPTER, read_label  # lazy: only a .docx with bold leads asks
    from compare.text.normalize import view

    leads = [i for i, ln in enumerate(lines) if isinstance(ln, _BoldLead)]
    if not leads:
        return lines
    labels = [read_label(ln, view(ln)) for ln in lines]
    if any(lab is not None and lab.rank > CHAPTER and not lab.weak and lab.form != "bullet" for lab in labels):
        return lines
    leads = [i for i in leads if labels[i] is None]
    if leads:
        note(f"{os.fspath(path)}: 无编号的措施按加粗的首句读取：{len(leads)} 段以加粗句开头的段落各作一项措施 "
             f"unnumbered measures read by their bold lead sentences: {len(leads)} paragraphs "
             f"that open with a bold sentence are each read as a measure")
    marked = set(leads)
    return [BULLET + ln if i in marked else ln for i, ln in enumerate(lines)]


# --- automatic numbering --------------------------------------------------------------------------

class _Level:
    def __init__(self, lvl):
        self.start = _int(_val(lvl, "start"), 0)       # ECMA-376: an absent start is 0
        formats = _x(lvl, ".//w:numFmt/@w:val")      # inside mc:AlternateContent: the Fallback (last)
        self.fmt = formats[-1] if formats else "decimal"
        self.text = _val(lvl, "lvlText")
        restart = _val(lvl, "lvlRestart")
        self.restart = None if restart is None else _int(restart, None)
        legal = _x(lvl, "./w:isLgl")
        self.legal = bool(legal) and legal[0].get(W + "val", "1") not in ("0", "false", "off")
        self.style = _val(lvl, "pStyle")


def _val(element, child: str):
    """w:val of the child (or path: "tcPr/w:gridSpan") under `element`; None when absent."""
    found = _x(element, f"./w:{child}/@w:val")
    return found[0] if found else None


class ListNumbering:
    """Renders the label Word shows before a numbered paragraph, keeping Word's counters."""

    def __init__(self, numbering_xml=None, styles_xml=None):
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.nums: dict[str, tuple[str, dict[int, int], dict[int, _Level]]] = {}
        self.style_num: dict[str, tuple[str | None, int | None]] = {}   # styleId → (numId, ilvl)
        self.style_parent: dict[str, str] = {}
        self.default_style: str | None = None
        self.counters: dict[str, list[int | None]] = {}
        self.started: set[str] = set()
        if styles_xml is not None:
            self._read_styles(styles_xml)
        if numbering_xml is not None:
            self._read_numbering(numbering_xml)

    @classmethod
    def of(cls, document) -> ListNumbering:
        from docx.opc.constants import RELATIONSHIP_TYPE as RT  # lazy, as read_docx

        return cls(_related(document, RT.NUMBERING), _styles_of(document))

    def _read_styles(self, styles) -> None:
        for style in _x(styles, "./w:style[@w:type='paragraph']"):
            sid = style.get(W + "styleId")
            if sid is None:
                continue
            if style.get(W + "default") in ("1", "true", "on"):
                self.default_style = sid
            parent = _val(style, "basedOn")
            if parent:
                self.style_parent[sid] = parent
            num = _x(style, "./w:pPr/w:numPr")
            if num:
                ilvl = _val(num[0], "ilvl")
                self.style_num[sid] = (_val(num[0], "numId"), None if ilvl is None else _int(ilvl))

    def _read_numbering(self, numbering) -> None:
        links: dict[str, str] = {}
        for abstract in _x(numbering, "./w:abstractNum"):
            aid = abstract.get(W + "abstractNumId")
            self.abstract[aid] = {_int(lvl.get(W + "ilvl")): _Level(lvl) for lvl in _x(abstract, "./w:lvl")}
            link = _val(abstract, "numStyleLink")
            if link:
                links[aid] = link
        for num in _x(numbering, "./w:num"):
            overrides, replaced = {}, {}
            for o in _x(num, "./w:lvlOverride"):
                ilvl = _int(o.get(W + "ilvl"))
                start = _val(o, "startOverride")
                if start is not None:
                    overrides[ilvl] = _int(start)
                for lvl in _x(o, "./w:lvl"):
                    replaced[ilvl] = _Level(lvl)
            self.nums[num.get(W + "numId")] = (_val(num, "abstractNumId"), overrides, replaced)
        for aid, style in links.items():  # a list defined by a numbering style: use that style's list
            target = self.style_num.get(style, (None, None))[0]
            if target in self.nums and self.nums[target][0] != aid:
                self.abstract[aid] = self.abstract.get(self.nums[target][0], {})

    def _style_numbering(self, sid: str | None) -> tuple[str | None, int | None, str | None]:
        seen = set()
        while sid and sid not in seen:
            seen.add(sid)
            if sid in self.style_num:
                num, ilvl = self.style_num[sid]
                return num, ilvl, sid
            sid = self.style_parent.get(sid)
        return None, None, None

    def label(self, p) -> str:
        """The label of paragraph `p` ("（三）", "2.", "一、"), or "" when it is not numbered."""
        if not self.nums:
            return ""
        num_id, ilvl, owner = self._list_of(p)
        if num_id is None or num_id == "0" or num_id not in self.nums:
            return ""
        abstract_id, overrides, replaced = self.nums[num_id]
        levels = {**self.abstract.get(abstract_id, {}), **replaced}
        if ilvl is None:  # numbering from a style: the level that names that style, else level 0
            ilvl = next((i for i, lv in levels.items() if owner and lv.style == owner), 0)
        if ilvl not in levels:
            return ""
        counters = self.counters.setdefault(abstract_id, [None] * 10)
        if num_id not in self.started:  # a restarted list (Word writes startOverride): reset once
            self.started.add(num_id)
            _restart(counters, overrides)
        _count(levels, counters, ilvl)
        return self._render(levels[ilvl], levels, counters)

    def _list_of(self, p) -> tuple[str | None, int | None, str | None]:
        """The list and level of paragraph `p` and the style that numbers it: the paragraph's own
        numPr wins, its style (or the default style) fills in what the paragraph leaves out."""
        num_pr = _x(p, "./w:pPr/w:numPr")
        num_id = ilvl = None
        if num_pr:
            num_id = _val(num_pr[0], "numId")
            level = _val(num_pr[0], "ilvl")
            ilvl = None if level is None else _int(level)
        style = _val(p, "pPr/w:pStyle")
        style_num, style_ilvl, owner = self._style_numbering(style or self.default_style)
        if num_id is None:
            num_id = style_num
            if ilvl is None:
                ilvl = style_ilvl
        return num_id, ilvl, owner

    @staticmethod
    def _render(level: _Level, levels: dict[int, _Level], counters: list[int | None]) -> str:
        if level.fmt == "bullet":
            return BULLET       # whatever glyph the list prints: read as a .txt's bullet is (parse.clean)
        if level.text is None:
            return ""
        out, text, i = [], level.text, 0
        while i < len(text):
            if text[i] == "%" and i + 1 < len(text) and text[i + 1] in "123456789":
                n = int(text[i + 1]) - 1
                ref = levels.get(n)
                value = counters[n] if counters[n] is not None else (ref.start if ref else 1)
                fmt = "decimal" if level.legal else (ref.fmt if ref else "decimal")
                out.append(format_number(value, fmt))
                i += 2
            else:
                out.append(text[i])
                i += 1
        return "".join(out).strip()


def _restart(counters: list[int | None], overrides: dict[int, int]) -> None:
    """Set the counters so that the next number of each overridden level is its startOverride."""
    for i, start in overrides.items():
        if 0 <= i < len(counters):
            counters[i] = start - 1


def _count(levels: dict[int, _Level], counters: list[int | None], ilvl: int) -> None:
    """One more paragraph at level `ilvl`: its counter goes on (or starts), and deeper levels that
    restart after it (lvlRestart, by default any shallower level) start again."""
    level = levels[ilvl]
    counters[ilvl] = level.start if counters[ilvl] is None else counters[ilvl] + 1
    for deeper in range(ilvl + 1, len(counters)):
        restart = levels[deeper].restart if deeper in levels else None
        if restart is None or (restart != 0 and ilvl < restart):
            counters[deeper] = None


# --- number formats (ST_NumberFormat) -------------------------------------------------------------

_LEGAL_SIMPLIFIED = str.maketrans("一二三四五六七八九十百千", "壹贰叁肆伍陆柒捌玖拾佰仟")
_LEGAL_TRADITIONAL = str.maketrans("一二三四五六七八九十百千万", "壹貳參肆伍陸柒捌玖拾佰仟萬")
_DIGITS = "〇一二三四五六七八九"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"


def _roman(n: int) -> str:
    out = []
    for value, numeral in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out.append(numeral)
            n -= value
    return "".join(out)


def _letters(n: int) -> str:
    """Word repeats the letter: a … z, aa … zz, aaa."""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else ""


def _legal(n: int, digits: dict) -> str:
    """Financial numerals spell every digit, the one of 十 too: 12 → 壹拾贰 (counting says 十二)."""
    counted = cn_numeral(n)
    return ("一" + counted if counted.startswith("十") else counted).translate(digits)


def _enclosed(n: int, first: int, count: int) -> str:
    return chr(first + n - 1) if 1 <= n <= count else str(n)


def _counting(n: int) -> str:
    return cn_numeral(n) if n > 0 else "〇"


def _digital(n: int) -> str:
    return "".join(_DIGITS[int(d)] for d in str(n))


def _cycle(signs: str, n: int) -> str:
    """Stems and branches go round: the 11th stem is 甲 again."""
    return signs[(n - 1) % len(signs)] if n > 0 else str(n)


def _full_width(n: int) -> str:
    return "".join(chr(0xFF10 + int(d)) for d in str(n))


_FORMATS: dict[str, Callable[[int], str]] = {
    **dict.fromkeys(("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
                     "taiwaneseCountingThousand", "koreanCounting"), _counting),
    **dict.fromkeys(("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"), _digital),
    "chineseLegalSimplified": lambda n: _legal(n, _LEGAL_SIMPLIFIED),
    **dict.fromkeys(("ideographLegalTraditional", "japaneseLegal"), lambda n: _legal(n, _LEGAL_TRADITIONAL)),
    "ideographTraditional": lambda n: _cycle(_STEMS, n),
    "ideographZodiac": lambda n: _cycle(_BRANCHES, n),
    **dict.fromkeys(("decimalEnclosedCircle", "decimalEnclosedCircleChinese", "ideographEnclosedCircle"),
                    lambda n: _enclosed(n, 0x2460, 20)),
    "decimalEnclosedFullstop": lambda n: _enclosed(n, 0x2488, 20),
    "decimalEnclosedParen": lambda n: _enclosed(n, 0x2474, 20),
    **dict.fromkeys(("decimalFullWidth", "decimalFullWidth2"), _full_width),
    "decimalZero": lambda n: f"{n:02d}",
    "lowerLetter": _letters,
    "upperLetter": lambda n: _letters(n).upper(),
    "lowerRoman": lambda n: _roman(n).lower(),
    "upperRoman": _roman,
    "none": lambda n: "",
}


def format_number(n: int, fmt: str) -> str:
    """`n` in Word's number format `fmt`; formats not listed in `_FORMATS` print as decimal."""
    spell = _FORMATS.get(fmt)
    return spell(n) if spell else str(n)
