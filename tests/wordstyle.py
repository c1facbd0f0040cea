"""Documents made the way offices make them: Word files in 公文 layout, auto-numbered lists, task
tables and spreadsheets, and LibreOffice conversions of them. Tests (and tests/compare_pdf_extractors.py)
build their inputs with these helpers, from the text of a bundled plan, so each variant has a known
original to be compared with.
"""
from __future__ import annotations

import csv
import os
import re
import subprocess
import tempfile
from pathlib import Path

import docx
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt

from compare.ingest.office import soffice
from compare.parse.clean import paragraphs

BODY_FONT, HEADING_FONT, TITLE_FONT, LATIN_FONT = "仿宋_GB2312", "黑体", "方正小标宋简体", "Times New Roman"
CHAPTER = re.compile(r"^[一二三四五六七八九十]+、")


def set_fonts(target, east_asian: str, latin: str = LATIN_FONT, size: float | None = None) -> None:
    """Word's usual split: East-Asian text in one font, ASCII and “quotes” (hAnsi) in another."""
    rpr = target.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = parse_xml(f"<w:rFonts {nsdecls('w')}/>")
        rpr.insert(0, fonts)
    for attr, value in (("w:ascii", latin), ("w:hAnsi", latin), ("w:eastAsia", east_asian), ("w:cs", latin)):
        fonts.set(qn(attr), value)
    if size:
        for tag in ("w:sz", "w:szCs"):
            rpr.append(parse_xml(f'<{tag} {nsdecls("w")} w:val="{int(size * 2)}"/>'))


def gongwen_document() -> docx.Document:
    """An empty document with 公文 page setup: A4, 3.7/3.5/2.8/2.6 cm margins, 仿宋 三号 body at a
    fixed 28.95 pt line pitch, and a centred “— N —” page number in the footer."""
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    normal = document.styles["Normal"]
    set_fonts(normal.element, BODY_FONT, size=16)
    fmt = normal.paragraph_format
    fmt.line_spacing, fmt.space_before, fmt.space_after = Pt(28.95), Pt(0), Pt(0)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("— ")
    footer._p.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    footer.add_run(" —")
    assert section.start_type == WD_SECTION.NEW_PAGE
    return document


def add_paragraph(document, text: str, font: str = BODY_FONT, centred: bool = False, indent: bool = True):
    paragraph = document.add_paragraph()
    run = paragraph.add_run(text)
    if font != BODY_FONT:
        set_fonts(run._r, font)
    if centred:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif indent:
        paragraph.paragraph_format.first_line_indent = Pt(32)  # two characters of 三号
    else:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    return paragraph


def plan_docx(text: str, path: Path, title: str = "", header: str = "") -> Path:
    """The plan's cleaned paragraphs as a Word document in 公文 layout: the title centred in 小标宋,
    chapters 一、 in 黑体, everything else (measures run in with their text) in 仿宋; a running
    header on every page if one is given."""
    document = gongwen_document()
    if header:
        document.sections[0].header.paragraphs[0].text = header
    for para in paragraphs(text):
        if title and para == title:
            add_paragraph(document, para, TITLE_FONT, centred=True)
        elif CHAPTER.match(para) and len(para) < 40:
            add_paragraph(document, para, HEADING_FONT)
        else:
            add_paragraph(document, para)
    document.save(path)
    return path


# --- LibreOffice ------------------------------------------------------------------------------------

def convert(jobs: list[tuple[list[Path], str]], outdir: Path, timeout: float = 300) -> list[list[Path]]:
    """Run LibreOffice conversions [(files, target format)], one start per format, all at once
    (each start costs a second or two; each gets its own profile so they can run side by side)."""
    with tempfile.TemporaryDirectory(prefix="lo-profiles-") as profiles:
        procs = []
        for n, (paths, fmt) in enumerate(jobs):
            profile = Path(profiles) / str(n)
            procs.append(subprocess.Popen(
                [soffice(), f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                 "--convert-to", fmt, "--outdir", str(outdir), *map(str, paths)],
                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env={**os.environ, "HOME": str(profile)}))
        for proc in procs:
            proc.communicate(timeout=timeout)
    made = [[outdir / f"{p.stem}.{fmt.split(':')[0]}" for p in paths] for paths, fmt in jobs]
    missing = [p.name for group in made for p in group if not p.exists()]
    assert not missing, f"LibreOffice made no {missing}"
    return made


# --- task tables ------------------------------------------------------------------------------------

def task_rows(doc) -> list[tuple[str, str, str, list[str]]]:
    """(chapter label+title, measure label, measure text without its units clause, units) for each
    measure of a parsed Document, in order — what a 任务分工表 lists."""
    rows = []
    for m in doc.measures:
        chapter = f"{m.path[0]}{m.chapter}" if m.path else ""
        rows.append((chapter, m.label, m.body or m.text, list(m.units)))
    return rows


def task_table_rows(doc, numbering: str = "chinese") -> list[list[str]]:
    """A header row and one row per measure; a chapter row (label and title in the first cell)
    wherever the chapter changes. numbering: "chinese" keeps （一）, "decimal" prints 1 2 3."""
    header = ["序号", "重点任务", "牵头单位", "完成时限"]
    rows, chapter, n = [header], None, 0
    for chap, label, body, units in task_rows(doc):
        if chap and chap != chapter:
            rows.append([chap, "", "", ""])
            chapter = chap
        n += 1
        rows.append([label if numbering == "chinese" else str(n), body, "、".join(units), "2025年底前"])
    return rows


def task_table_docx(doc, path: Path, numbering: str = "chinese") -> Path:
    """A 任务分工表 as a Word table; chapter rows are one cell merged across the table."""
    rows = task_table_rows(doc, numbering)
    document = gongwen_document()
    add_paragraph(document, doc.title or "重点任务分工表", TITLE_FONT, centred=True)
    table = document.add_table(rows=len(rows), cols=4)
    table.style = "Table Grid"
    for row, values in zip(table.rows, rows, strict=True):
        cells = row.cells
        if values[1:] == ["", "", ""] and values is not rows[0]:
            cells[0].merge(cells[3]).text = values[0]
            continue
        for cell, value in zip(cells, values, strict=True):
            cell.text = value
    document.save(path)
    return path


def task_table_xlsx(doc, path: Path, numbering: str = "chinese") -> Path:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "任务清单"
    sheet.append([doc.title or "重点任务分工表"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=4)
    for values in task_table_rows(doc, numbering):
        sheet.append(values)
        if values[1:] == ["", "", ""] and sheet.max_row > 2:
            sheet.merge_cells(start_row=sheet.max_row, start_column=1, end_row=sheet.max_row, end_column=4)
    workbook.save(path)
    return path


def task_table_csv(doc, path: Path, numbering: str = "chinese", encoding: str = "utf-8-sig") -> Path:
    with open(path, "w", newline="", encoding=encoding) as f:
        csv.writer(f).writerows(task_table_rows(doc, numbering))
    return path


def task_table_html(doc, path: Path, numbering: str = "chinese") -> Path:
    """A 任务分工表 published on a web page: an HTML table, chapter rows one cell across it."""
    import html

    def row(values: list[str], tag: str = "td") -> str:
        if values[1:] == ["", "", ""]:
            return f"<tr><td colspan='4'>{html.escape(values[0])}</td></tr>"
        return "<tr>" + "".join(f"<{tag}>{html.escape(v)}</{tag}>" for v in values) + "</tr>"

    header, *rows = task_table_rows(doc, numbering)
    page = (f"<html><head><meta charset='utf-8'><title>{html.escape(doc.title)}</title></head><body>"
            f"<h1>{html.escape(doc.title or '重点任务分工表')}</h1><table>{row(header, 'th')}"
            + "".join(row(r) for r in rows) + "</table></body></html>")
    path.write_text(page, encoding="utf-8")
    return path


# --- Word automatic numbering -----------------------------------------------------------------------

LEVELS = [  # (regex for the typed label, numFmt, lvlText): 一、 / （一） / 1.
    (re.compile(r"^([一二三四五六七八九十百]+)、"), "chineseCounting", "%1、"),
    (re.compile(r"^[（(]([一二三四五六七八九十百]+)[）)]"), "chineseCounting", "（%2）"),
    (re.compile(r"^(\d{1,3})[.、．]"), "decimal", "%3."),
]


def _abstract_num(abstract_id: int, continuous_measures: bool, levels_spec=None) -> str:
    levels = []
    for ilvl, (_, fmt, text) in enumerate(levels_spec or LEVELS):
        restart = '<w:lvlRestart w:val="0"/>' if ilvl == 1 and continuous_measures else ""
        levels.append(f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>{restart}'
                      f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>')
    return (f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
            f'<w:multiLevelType w:val="multilevel"/>{"".join(levels)}</w:abstractNum>')


def add_list(document, continuous_measures: bool, heading_style: str | None = None, levels_spec=None) -> str:
    """A multi-level list 一、/（一）/1. in numbering.xml; returns its numId. With heading_style, level 0
    comes from that paragraph style (w:pStyle → style's numPr), as Word's 标题 1 does."""
    numbering = document.part.numbering_part.element
    ids = [int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))]
    nums = [int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))]
    abstract_id, num_id = max(ids, default=0) + 1, max(nums, default=0) + 1
    first_num = numbering.find(qn("w:num"))
    abstract = parse_xml(_abstract_num(abstract_id, continuous_measures, levels_spec))
    if first_num is not None:
        first_num.addprevious(abstract)     # abstractNum elements come before num elements
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}">'
                               f'<w:abstractNumId w:val="{abstract_id}"/></w:num>'))
    if heading_style:
        style = document.styles[heading_style]
        ppr = style.element.get_or_add_pPr()
        ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:numId w:val="{num_id}"/></w:numPr>'))
        lvl = abstract.find(qn("w:lvl"))
        lvl.insert(2, parse_xml(f'<w:pStyle {nsdecls("w")} w:val="{style.style_id}"/>'))
    return str(num_id)


def auto_numbered_docx(text: str, path: Path, heading_style: str | None = None) -> Path:
    """The plan with its typed 一、/（一）/1. labels removed and put back by Word's list numbering
    (one multi-level list, as a Word user makes it). A label becomes automatic only where Word's
    counter would print the same one, so the rendered document reads exactly like the typed one."""
    from compare.text.numerals import cn_number

    paras = paragraphs(text)
    measures = [cn_number(m.group(1)) for p in paras if (m := LEVELS[1][0].match(p))]
    continuous = any(b == a + 1 and a > 1 for a, b in zip(measures, measures[1:], strict=False)) and \
        measures.count(1) == 1
    document = gongwen_document()
    num_id = add_list(document, continuous, heading_style)
    counters = [0, 0, 0]        # Word's counters for the three levels
    for para in paras:
        matched = next(((ilvl, m) for ilvl, (pattern, _, _) in enumerate(LEVELS) if (m := pattern.match(para))),
                       None)
        if matched:
            ilvl, m = matched
            value = cn_number(m.group(1)) if ilvl < 2 else int(m.group(1))
        if not matched or value != counters[ilvl] + 1:
            add_paragraph(document, para)      # typed text, as Word would not print this number
            continue
        counters[ilvl] += 1
        for deeper in range(ilvl + 1, 3):
            if not (deeper == 1 and continuous):
                counters[deeper] = 0
        paragraph = add_paragraph(document, para[m.end():])
        if ilvl == 0 and heading_style:
            paragraph.style = document.styles[heading_style]
            continue
        ppr = paragraph._p.get_or_add_pPr()
        ppr.insert(0, parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/>'
                                f'<w:numId w:val="{num_id}"/></w:numPr>'))
    document.save(path)
    return path


DECIMAL_LEVELS = [  # decimal numbering as a Word multi-level list: 1 / 1.1
    (re.compile(r"^(\d{1,3}) (?=\S)"), "decimal", "%1"),
    (re.compile(r"^\d{1,3}\.(\d{1,3}) (?=\S)"), "decimal", "%1.%2"),
]


def decimal_numbered_docx(text: str, path: Path) -> Path:
    """A plan in decimal numbering (tests/variants.decimal) with its 1 and 1.1 labels removed and
    put back by Word's multi-level list (%1, %1.%2), where Word's counters print the same ones."""
    document = gongwen_document()
    num_id = add_list(document, False, levels_spec=DECIMAL_LEVELS)
    counters = [0, 0]
    for para in paragraphs(text):
        matched = next(((ilvl, m) for ilvl, (pattern, _, _) in enumerate(DECIMAL_LEVELS)
                        if (m := pattern.match(para))), None)
        if not matched or int(matched[1].group(1)) != counters[matched[0]] + 1:
            add_paragraph(document, para)
            continue
        ilvl, m = matched
        counters[ilvl] += 1
        if ilvl == 0:
            counters[1] = 0
        paragraph = add_paragraph(document, para[m.end():])
        ppr = paragraph._p.get_or_add_pPr()
        ppr.insert(0, parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/>'
                                f'<w:numId w:val="{num_id}"/></w:numPr>'))
    document.save(path)
    return path
