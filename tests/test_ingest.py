"""compare.ingest.read_text: every format gives the same plain text; every bad input gives one InputError."""
from __future__ import annotations

import math
import os
import subprocess
import sys
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import compare
from compare.errors import InputError
from compare.ingest import common as ingest_common
from compare.ingest import decode as ingest_decode
from compare.ingest import read_text
from compare.ingest import reader as ingest_reader

SIMPLIFIED = (
    "（一）推进高铁公交化。持续优化成渝地区高铁各车站间“公交化”票制，逐步实现购票、乘车等服务公交化便捷化。"
    "（责任单位：中国铁路成都局集团公司，四川省发展改革委、重庆市交通运输委）\n"
    "\n"
    "（二）推进公交客运便利化。推广跨省市公交地铁“一卡通”互认，实现川渝两地公共交通乘车码互联互通，"
    "探索开行毗邻地区跨省城际公交。（责任单位：四川省交通运输厅、重庆市交通运输委）\n"
    "\n"
    "（三）推进通信资费同城化。推动川渝两地取消固定电话长途通话费和漫游费，降低跨省市通信资费，"
    "提升川渝毗邻地区移动通信网络覆盖质量。（责任单位：四川省通信管理局、重庆市通信管理局）\n"
)
TRADITIONAL = (
    "（一）推進高鐵公交化。持續優化成渝地區高鐵各車站間「公交化」票制，逐步實現購票、乘車等服務公交化便捷化。"
    "（責任單位：中國鐵路成都局集團公司，四川省發展改革委、重慶市交通運輸委）\n"
    "\n"
    "（二）推進公交客運便利化。推廣跨省市公交地鐵「一卡通」互認，實現川渝兩地公共交通乘車碼互聯互通，"
    "探索開行毗鄰地區跨省城際公交。（責任單位：四川省交通運輸廳、重慶市交通運輸委）\n"
    "\n"
    "（三）推進通信資費同城化。推動川渝兩地取消固定電話長途通話費和漫遊費，降低跨省市通信資費，"
    "提升川渝毗鄰地區移動通信網絡覆蓋質量。（責任單位：四川省通信管理局、重慶市通信管理局）\n"
)
PARAS = [line for line in SIMPLIFIED.split("\n") if line]


def write(tmp_path, name, data: bytes | str):
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def expect_error(path, *fragments):
    """read_text(path) raises InputError: one line, naming the file and every fragment."""
    with pytest.raises(InputError) as info:
        read_text(path)
    message = str(info.value)
    assert "\n" not in message and "\r" not in message
    assert os.path.basename(str(path)) in message
    for fragment in fragments:
        assert fragment in message, message
    return message


# --- plain text and encodings ---------------------------------------------------------------------

def test_fixture_texts_are_realistic():
    assert 250 <= len(SIMPLIFIED) <= 400 and len(TRADITIONAL) == len(SIMPLIFIED)
    with pytest.raises(UnicodeEncodeError):
        SIMPLIFIED.encode("big5")  # so the Big5 case really is a different text


@pytest.mark.parametrize("encoding, newline", [
    ("utf-8", "\n"), ("utf-8-sig", "\n"), ("utf-8", "\r\n"), ("utf-8", "\r"),
    ("gb18030", "\r\n"), ("gbk", "\n"), ("utf-16", "\r\n"),
])
def test_simplified_text_in_any_encoding(tmp_path, encoding, newline):
    path = write(tmp_path, "doc.txt", SIMPLIFIED.replace("\n", newline).encode(encoding))
    assert read_text(path) == SIMPLIFIED


@pytest.mark.parametrize("encoding", ["big5", "utf-8", "gb18030"])
def test_traditional_text(tmp_path, encoding):
    path = write(tmp_path, "doc.txt", TRADITIONAL.replace("\n", "\r\n").encode(encoding))
    assert read_text(path) == TRADITIONAL


@pytest.mark.parametrize("text", [
    "凭证）互认提质扩面，",  # charset-normalizer calls these bytes cp949 (Korean)
    "科教融汇实训基地和国家级创业孵化基地，打",
    "育培训机制。完善督政督学与评估监测督导体",  # ...and this one UTF-16-BE
])
def test_short_gbk_text_misdetected_as_other_cjk_codec(tmp_path, text):
    assert read_text(write(tmp_path, "short.txt", text.encode("gbk"))) == text


def test_unknown_extension_that_is_text(tmp_path):
    assert read_text(write(tmp_path, "notes.md", SIMPLIFIED.encode("gb18030"))) == SIMPLIFIED


def test_text_without_extension_starting_like_a_zip(tmp_path):
    assert read_text(write(tmp_path, "README", "PKU 课题组\n第二行\n")) == "PKU 课题组\n第二行\n"


def test_docx_sniffed_by_content(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("按内容识别")
    document.save(tmp_path / "download.bin")
    assert read_text(tmp_path / "download.bin") == "按内容识别"


def test_a_docx_pdf_or_page_named_txt_is_read_as_what_it_is_with_a_warning(tmp_path):
    """Content that is evidently another format wins over a .txt (or .csv) extension, and a note
    says what was assumed; a text that only mentions %PDF- stays text."""
    import docx

    document = docx.Document()
    document.add_paragraph("按内容识别")
    document.save(tmp_path / "real.docx")
    for name in ("renamed.txt", "renamed.csv"):
        notes: list[str] = []
        path = write(tmp_path, name, (tmp_path / "real.docx").read_bytes())
        assert read_text(path, notes) == "按内容识别"
        assert notes == [f"{path}: 扩展名是 {path.suffix}，内容却是 .docx，按 .docx 读取 "
                         f"named {path.suffix}, but the content is .docx: read as .docx"]
    notes = []
    assert read_text(write(tmp_path, "page.txt", "<!DOCTYPE html><html><body><p>网页正文</p></body></html>"),
                     notes) == "网页正文"
    assert "content is HTML" in notes[0]
    notes = []
    assert read_text(write(tmp_path, "note.txt", "说明：文件头为 %PDF-1.7\n"), notes) == "说明：文件头为 %PDF-1.7\n"
    assert notes == []


def test_path_may_be_str(tmp_path):
    assert read_text(str(write(tmp_path, "doc.txt", "第一条\n第二条\n"))) == "第一条\n第二条\n"


# --- .docx ----------------------------------------------------------------------------------------

def test_docx_paragraphs_and_tables_in_body_order(tmp_path):
    """A table that is not a task table: one line per row, cells joined (a cell's lines by " / ")."""
    import docx

    document = docx.Document()
    document.add_paragraph("关于印发行动方案的通知")
    document.add_paragraph(PARAS[0])
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "指标", "2025年目标值"
    table.cell(1, 0).text, table.cell(1, 1).text = "跨省通办事项", "200项"
    table.cell(1, 1).add_paragraph("（累计）")
    document.add_paragraph(PARAS[1])
    path = tmp_path / "plan.docx"
    document.save(path)
    assert read_text(path).split("\n") == [
        "关于印发行动方案的通知", PARAS[0], "指标 | 2025年目标值", "跨省通办事项 | 200项 / （累计）", PARAS[1],
    ]


def test_docx_merged_cell_once_and_tracked_insertion_kept(tmp_path):
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    table = document.add_table(rows=1, cols=3)
    merged = table.cell(0, 0).merge(table.cell(0, 1))
    merged.text = "合并单元格"
    table.cell(0, 2).text = "右"
    paragraph = document.add_paragraph("原有文字")
    paragraph._p.append(parse_xml(
        f'<w:ins {nsdecls("w")} w:id="1" w:author="a" w:date="2025-01-01T00:00:00Z">'
        "<w:r><w:t>新增文字</w:t></w:r></w:ins>"))
    paragraph._p.append(parse_xml(
        f'<w:del {nsdecls("w")} w:id="2" w:author="a" w:date="2025-01-01T00:00:00Z">'
        "<w:r><w:delText>删除文字</w:delText></w:r></w:del>"))
    path = tmp_path / "tracked.docx"
    document.save(path)
    assert read_text(path).split("\n") == ["合并单元格 | 右", "原有文字新增文字"]


# --- .docx automatic numbering --------------------------------------------------------------------

def _lvl(ilvl, fmt, text, start=1, extra=""):
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{extra}'
            f'<w:lvlText w:val="{text}"/></w:lvl>')


def _numbered_docx(tmp_path, abstracts: dict, nums: dict, paras: list, style_num: str | None = None):
    """A .docx with these abstractNum levels ({id: [lvl xml]}), nums ({numId: (abstractId, override
    xml)}) and paragraphs [(numId or None, ilvl or None, text, style or None)]."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn

    document = docx.Document()
    numbering = document.part.numbering_part.element
    for child in list(numbering):
        numbering.remove(child)
    for aid, levels in abstracts.items():
        numbering.append(parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{aid}">{"".join(levels)}'
                                   "</w:abstractNum>"))
    for nid, (aid, override) in nums.items():
        numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{nid}"><w:abstractNumId w:val="{aid}"/>'
                                   f"{override}</w:num>"))
    if style_num:
        style = document.styles["Heading 1"]
        style.element.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {nsdecls("w")}><w:numId w:val="{style_num}"/></w:numPr>'))
    for num_id, ilvl, text, style in paras:
        paragraph = document.add_paragraph(text, style=style)
        if num_id is not None:
            ppr = paragraph._p.get_or_add_pPr()
            level = "" if ilvl is None else f'<w:ilvl w:val="{ilvl}"/>'
            ppr.insert(0 if ppr.find(qn("w:pStyle")) is None else 1,
                       parse_xml(f'<w:numPr {nsdecls("w")}>{level}<w:numId w:val="{num_id}"/></w:numPr>'))
    path = tmp_path / "numbered.docx"
    document.save(path)
    return read_text(path).split("\n")


GONGWEN_LIST = [_lvl(0, "chineseCounting", "%1、"), _lvl(1, "chineseCounting", "（%2）"),
                _lvl(2, "decimal", "%3.")]


def test_docx_list_numbers_rendered_like_typed_labels(tmp_path):
    paras = [(1, 0, "总体要求", None), (1, 1, "指导思想。", None), (1, 1, "工作目标。", None),
             (1, 0, "重点任务", None), (1, 1, "推进高铁公交化。", None), (1, 2, "优化票制。", None),
             (1, 2, "推广e卡通。", None), (1, 1, "推进通信一体化。", None), (1, 2, "取消长途费。", None),
             (None, None, "正文段落不编号。", None)]
    assert _numbered_docx(tmp_path, {0: GONGWEN_LIST}, {1: (0, "")}, paras) == [
        "一、总体要求", "（一）指导思想。", "（二）工作目标。", "二、重点任务", "（一）推进高铁公交化。", "1.优化票制。",
        "2.推广e卡通。", "（二）推进通信一体化。", "1.取消长途费。", "正文段落不编号。"]


def test_docx_list_restarts_overrides_and_continuous_levels(tmp_path):
    """lvlRestart 0: measures run on through chapters; a second num with startOverride restarts; start
    is honoured; a number past ten is 十一."""
    levels = [_lvl(0, "chineseCounting", "%1、"), _lvl(1, "chineseCounting", "（%2）", extra='<w:lvlRestart w:val="0"/>')]
    nums = {1: (0, ""), 2: (0, '<w:lvlOverride w:ilvl="1"><w:startOverride w:val="1"/></w:lvlOverride>'),
            3: (1, "")}
    paras = [(1, 0, "甲", None)] + [(1, 1, f"措施{i}", None) for i in range(1, 11)] + \
            [(1, 0, "乙", None), (1, 1, "措施11", None), (2, 1, "附件措施", None), (3, 0, "从五开始", None)]
    lines = _numbered_docx(tmp_path, {0: levels, 1: [_lvl(0, "decimal", "%1.", start=5)]}, nums, paras)
    assert lines[:2] == ["一、甲", "（一）措施1"]
    assert lines[10:] == ["（十）措施10", "二、乙", "（十一）措施11", "（一）附件措施", "5.从五开始"]


def test_docx_numbering_from_paragraph_style(tmp_path):
    """Word's 标题 1 carrying the list (w:pStyle → style numPr); numId 0 switches it off; isLgl prints
    the chapter number in Arabic digits (1.1, not 一.1), and the tab after it stays a space."""
    levels = [_lvl(0, "chineseCounting", "%1、", extra='<w:pStyle w:val="Heading1"/>'),
              _lvl(1, "decimal", "%1.%2", extra="<w:isLgl/>")]
    paras = [(None, None, "总体要求", "Heading 1"), (1, 1, "子项", None), (None, None, "重点任务", "Heading 1"),
             (0, None, "不编号的标题", "Heading 1")]
    assert _numbered_docx(tmp_path, {0: levels}, {1: (0, "")}, paras, style_num="1") == [
        "一、总体要求", "1.1 子项", "二、重点任务", "不编号的标题"]


def test_docx_bullets_print_as_a_txts_bullets(tmp_path):
    """Whatever glyph a bullet list prints (a Symbol-font private-use character here) reads as ●:
    the parser makes bulleted paragraphs measures under a chapter that has no numbered ones, and
    decoration anywhere else (tests/test_structure.py)."""
    paras = [(1, 0, "要点一", None), (1, 0, "要点二", None)]
    assert _numbered_docx(tmp_path, {0: [_lvl(0, "bullet", "\uf0b7")]}, {1: (0, "")}, paras) == ["●要点一", "●要点二"]



def _bold_lead_docx(tmp_path, paragraphs) -> str:
    """A .docx of paragraphs given as runs: a string is a regular run, ("b", text) a bold one,
    ("strong", text) a run in Word's bold character style."""
    import docx

    document = docx.Document()
    for runs in paragraphs:
        p = document.add_paragraph()
        for run in [runs] if isinstance(runs, str) else runs:
            if isinstance(run, str):
                p.add_run(run)
            elif run[0] == "b":
                p.add_run(run[1]).bold = True
            else:
                p.add_run(run[1], style="Strong")
    path = tmp_path / "plan.docx"
    document.save(path)
    return str(path)


def test_docx_paragraphs_led_by_a_bold_sentence_are_measures_with_a_warning(tmp_path):
    """**推进养老服务一体化。**加快… — a paragraph that opens with a bold sentence (or a bold heading
    before ：) and goes on in regular text is an unnumbered measure: printed as a bulleted one, so
    the parser's bullets read it (under 一、 chapters or none), with a note saying so. A bold
    paragraph, bold text that ends no sentence, or a bold chapter heading is no measure."""
    import compare

    path = _bold_lead_docx(tmp_path, [
        "某市关于支持民营经济发展壮大的若干措施", "为进一步激发民营经济活力，制定以下措施。",
        [("b", "一、降低经营成本。")], [("b", "降低企业融资成本。"), "对民营企业新增贷款给予贴息。（责任单位：市财政局）"],
        [("strong", "减轻企业税费负担："), "落实小微企业税收优惠政策。"],
        [("b", "全部加粗的一段。")], [("b", "加粗的词"), "后面是正文。"],
        [("b", "二、保障要素需求")], [("b", "保障民营企业用地需求。"), " ", "每年安排工业用地指标。"]])
    notes: list[str] = []
    assert read_text(path, notes).split("\n") == [
        "某市关于支持民营经济发展壮大的若干措施", "为进一步激发民营经济活力，制定以下措施。", "一、降低经营成本。",
        "●降低企业融资成本。对民营企业新增贷款给予贴息。（责任单位：市财政局）", "●减轻企业税费负担：落实小微企业税收优惠政策。",
        "全部加粗的一段。", "加粗的词后面是正文。", "二、保障要素需求", "●保障民营企业用地需求。 每年安排工业用地指标。"]
    assert notes == [f"{path}: 无编号的措施按加粗的首句读取：3 段以加粗句开头的段落各作一项措施 unnumbered measures read "
                     "by their bold lead sentences: 3 paragraphs that open with a bold sentence are each read as a measure"]
    doc = compare.load(path)
    assert [(m.label, m.title, m.chapter) for m in doc.measures] == [
        ("•", "降低企业融资成本", "降低经营成本"), ("•", "减轻企业税费负担", "降低经营成本"),
        ("•", "保障民营企业用地需求", "保障要素需求")]
    assert any("read by their bold lead sentences" in w for w in doc.warnings)


def test_bold_leads_in_a_plan_that_numbers_its_measures_stay_text(tmp_path):
    """In a plan numbered （一） 1., a bold sentence is a heading's title or emphasis, not a measure
    of its own: nothing is marked, nothing noted."""
    paragraphs = ["一、重点任务", [("b", "（一）推进养老服务。"), "加快建设养老服务体系。"],
                  [("b", "完善服务网络。"), "在城市社区建设养老服务中心。"]]
    notes: list[str] = []
    assert read_text(_bold_lead_docx(tmp_path, paragraphs), notes).split("\n") == [
        "一、重点任务", "（一）推进养老服务。加快建设养老服务体系。", "完善服务网络。在城市社区建设养老服务中心。"]
    assert notes == []

@pytest.mark.parametrize("n, fmt, text", [
    (1, "chineseCounting", "一"), (10, "chineseCounting", "十"), (11, "chineseCounting", "十一"),
    (20, "chineseCounting", "二十"), (21, "chineseCountingThousand", "二十一"), (100, "chineseCounting", "一百"),
    (105, "chineseCountingThousand", "一百零五"), (110, "chineseCounting", "一百一十"),
    (1203, "chineseCountingThousand", "一千二百零三"), (12, "chineseLegalSimplified", "壹拾贰"),
    (3, "ideographTraditional", "丙"), (3, "decimalEnclosedCircle", "③"), (21, "decimalEnclosedCircle", "21"),
    (2, "decimalEnclosedParen", "⑵"), (12, "decimalFullWidth", "１２"), (305, "ideographDigital", "三〇五"),
    (4, "upperRoman", "IV"), (28, "lowerLetter", "bb"), (7, "decimalZero", "07"), (7, "someFutureFormat", "7"),
])
def test_word_number_formats(n, fmt, text):
    from compare.ingest.docx import format_number

    assert format_number(n, fmt) == text


def test_docx_that_is_not_a_zip(tmp_path):
    expect_error(write(tmp_path, "fake.docx", SIMPLIFIED), "not a valid .docx (not a zip archive)")


def test_zip_without_word_document(tmp_path):
    path = tmp_path / "other.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("hello.txt", "hi")
    expect_error(path, "not a valid .docx (")


def _zip_of_zeros(path, megabytes):
    """A zip holding word/document.xml of `megabytes` MB of zeros, streamed so memory stays small."""
    chunk = bytes(1024 * 1024)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf, zf.open("word/document.xml", "w") as member:
        for _ in range(megabytes):
            member.write(chunk)
    return path


def test_zip_bomb_docx_refused_by_total_size(tmp_path):
    path = _zip_of_zeros(tmp_path / "bomb.docx", 300)
    assert path.stat().st_size < 2 * 1024 * 1024
    expect_error(path, "unpacks to 300 MB", "limit 200 MB")


def test_zip_bomb_docx_refused_by_compression_ratio(tmp_path):
    path = _zip_of_zeros(tmp_path / "ratio.docx", 20)
    expect_error(path, "word/document.xml", "zip bomb")


# --- task tables and spreadsheets ----------------------------------------------------------------

def _grid(*rows):
    """Cells from strings: ">" continues the cell on the left (merged across), "^" the one above."""
    from compare.ingest.tables import Cell

    grid = []
    for row in rows:
        cells = []
        for value in row:
            if value == ">":
                cells.append(Cell(cells[-1].text, hcont=True))
            elif value == "^":
                cells.append(Cell(grid[-1][len(cells)].text, vcont=True))
            else:
                cells.append(Cell(value))
        grid.append(cells)
    return grid


def test_task_table_rows_become_measures_with_units():
    from compare.ingest.tables import render

    grid = _grid(["序号", "重点任务", "牵头单位", "配合单位", "完成时限"],
                 ["一、交通通信便捷", ">", ">", ">", ">"],
                 ["1", "推进高铁公交化。优化票制。", "省发展改革委\n市交通运输委", "铁路公司", "2025年底前"],
                 ["2", "推进公交客运便利化。", "省交通运输厅", "", "持续推进"],
                 ["就业社保便捷", ">", ">", ">", ">"],
                 ["（三）", "推进社保卡跨区域服务。", "省人力资源社会保障厅", "", ""])
    assert render(grid) == [
        "一、交通通信便捷",
        "（一）推进高铁公交化。优化票制。（完成时限：2025年底前）（牵头单位：省发展改革委、市交通运输委；配合单位：铁路公司）",
        "（二）推进公交客运便利化。（完成时限：持续推进）（牵头单位：省交通运输厅）",
        "二、就业社保便捷",
        "（三）推进社保卡跨区域服务。（牵头单位：省人力资源社会保障厅）",
    ]


def test_task_table_merged_number_category_column_and_two_header_rows():
    """序号 merged down: one task over two rows; a 类别 column gives chapters; 责任单位 over 牵头 | 配合."""
    from compare.ingest.tables import render

    grid = _grid(["重点任务分工表", ">", ">", ">", ">"],
                 ["类别", "序号", "工作任务", "责任单位", ">"],
                 ["", "", "", "牵头", "配合"],
                 ["交通", "1", "推进高铁公交化。", "省发展改革委", "铁路公司"],
                 ["^", "^", "推广铁路e卡通。", "市交通运输委", ""],
                 ["^", "2", "推进通信一体化。", "省通信管理局", ""],
                 ["社保", "3", "推进社保卡跨区域服务。", "省人力资源社会保障厅", ""])
    assert render(grid) == [
        "重点任务分工表",
        "一、交通",
        "（一）推进高铁公交化。",
        "推广铁路e卡通。（责任单位：省发展改革委、市交通运输委；配合单位：铁路公司）",
        "（二）推进通信一体化。（责任单位：省通信管理局）",
        "二、社保",
        "（三）推进社保卡跨区域服务。（责任单位：省人力资源社会保障厅）",
    ]


def test_task_table_without_numbers_is_numbered_in_order():
    from compare.ingest.tables import render

    grid = _grid(["主要任务", "责任部门"], ["推进高铁公交化。", "省发展改革委"], ["推进通信一体化。", "省通信管理局"])
    assert render(grid) == ["（一）推进高铁公交化。（责任部门：省发展改革委）", "（二）推进通信一体化。（责任部门：省通信管理局）"]


def test_table_that_is_not_a_task_table_is_one_line_per_row():
    from compare.ingest.tables import render

    grid = _grid(["指标", "2024年", "2025年"], ["跨省通办事项", "150项", "200项"], ["说明：以上为累计数。", ">", ">"])
    assert render(grid) == ["指标 | 2024年 | 2025年", "跨省通办事项 | 150项 | 200项", "说明：以上为累计数。"]


@pytest.mark.parametrize("n, text", [(1, "一"), (10, "十"), (12, "十二"), (20, "二十"), (105, "一百零五"),
                                     (110, "一百一十"), (1000, "一千")])
def test_chinese_numerals_for_table_labels(n, text):
    from compare.text.numerals import cn_numeral

    assert cn_numeral(n) == text


TASK_CSV = ("序号,重点任务,牵头单位,完成时限\n"
            "一、交通通信便捷,,,\n"
            '1,推进高铁公交化。持续优化票制。,"中国铁路成都局集团公司，四川省发展改革委",2025年\n'
            "2,推进公交客运便利化。,两省市交通运输部门,2025年\n")
TASK_LINES = ["一、交通通信便捷",
              "（一）推进高铁公交化。持续优化票制。（完成时限：2025年）（牵头单位：中国铁路成都局集团公司，四川省发展改革委）",
              "（二）推进公交客运便利化。（完成时限：2025年）（牵头单位：两省市交通运输部门）"]


@pytest.mark.parametrize("encoding, delimiter", [("utf-8-sig", ","), ("gbk", ","), ("gb18030", "\t")])
def test_csv_task_list(tmp_path, encoding, delimiter):
    import csv
    import io

    rows = list(csv.reader(io.StringIO(TASK_CSV)))
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    path = write(tmp_path, "tasks.csv", buffer.getvalue().encode(encoding))
    assert read_text(path).split("\n") == TASK_LINES


def test_a_task_table_pasted_into_a_txt_reads_like_the_csv(tmp_path):
    """Cells copied from Word or Excel arrive tab-separated: the table is read as a task list,
    the lines around it as they are; a tabbed line that is no task table stays text."""
    import csv
    import io

    rows = list(csv.reader(io.StringIO(TASK_CSV)))
    table = "\n".join("\t".join(row).rstrip("\t") for row in rows)
    text = f"2025年重点任务清单\n\n{table}\n\n附注：以上任务\t按季度调度。\n"
    path = write(tmp_path, "tasks.txt", text.encode("gb18030"))
    assert read_text(path).split("\n") == ["2025年重点任务清单", "", *TASK_LINES, "", "附注：以上任务\t按季度调度。", ""]
    plain = "姓名\t电话\n张三\t123\n"
    assert read_text(write(tmp_path, "plain.txt", plain.encode("utf-8"))) == plain


@pytest.mark.parametrize("name", ["tasks.txt", "tasks.md", "tasks"])
def test_a_task_table_typed_with_pipes_reads_like_the_csv(tmp_path, name):
    """| 序号 | 重点任务 | 牵头单位 | rows (typed, or a table saved as Markdown, with its |---| rule
    line; full-width ｜ too) are the same task table as the .csv: one measure per task, the lines
    around it kept; a piped table that is no task table stays text as printed."""
    import csv
    import io

    head, chapter, *tasks = list(csv.reader(io.StringIO(TASK_CSV)))
    row = lambda cells, bar="|": f"{bar} {f' {bar} '.join(cells)} {bar}"  # noqa: E731
    table = "\n".join([row(head), "|---|:---:|---|---|", row([chapter[0], "", "", ""]),
                       row(tasks[0]), row(tasks[1], "｜")])
    text = f"2025年重点任务清单\n\n{table}\n\n以上任务按季度调度。\n"
    assert read_text(write(tmp_path, name, text)).split("\n") == [
        "2025年重点任务清单", "", *TASK_LINES, "", "以上任务按季度调度。", ""]
    plain = "| 指标 | 2025年 |\n|---|---|\n| 跨省通办事项 | 200项 |\n"
    assert read_text(write(tmp_path, "plain.txt", plain)) == plain


def test_a_task_table_on_a_web_page_reads_like_the_csv(tmp_path):
    """A 分工表 published as an HTML table: one measure per task with its units and deadline, as
    from the .csv — not one cell per line (where 1 and 2 read as page numbers and the tasks
    ran together). A cell merged down (rowspan) gives each task its unit; a layout table, or one
    holding tables, is read as text."""
    import csv
    import io
    import html

    head, chapter, *tasks = list(csv.reader(io.StringIO(TASK_CSV)))
    cells = lambda row, tag="td": "".join(f"<{tag}>{html.escape(c)}</{tag}>" for c in row)  # noqa: E731
    page = ("<html><head><meta charset='utf-8'></head><body><h1>2025年重点任务清单</h1><table>"
            f"<tr>{cells(head, 'th')}</tr><tr><td colspan='4'>{chapter[0]}</td></tr>"
            + "".join(f"<tr>{cells(t)}</tr>" for t in tasks) + "</table><p>以上任务按季度调度。</p></body></html>")
    lines = [ln for ln in read_text(write(tmp_path, "tasks.html", page.encode("utf-8"))).split("\n") if ln]
    assert lines == ["2025年重点任务清单", *TASK_LINES, "以上任务按季度调度。"]
    merged = ("<html><body><table><tr><th>序号</th><th>重点任务</th><th>牵头单位</th></tr>"
              "<tr><td>1</td><td>推进高铁公交化。</td><td rowspan='2'>市交通局</td></tr>"
              "<tr><td>2</td><td>推进公交便利化。</td></tr></table></body></html>")
    lines = [ln for ln in read_text(write(tmp_path, "merged.html", merged.encode("utf-8"))).split("\n") if ln]
    assert lines == ["（一）推进高铁公交化。（牵头单位：市交通局）", "（二）推进公交便利化。（牵头单位：市交通局）"]
    layout = "<html><body><table><tr><td>导航</td><td><p>一、重点任务</p><p>（一）推进高铁公交化。</p></td></tr></table></body></html>"
    lines = [ln for ln in read_text(write(tmp_path, "layout.html", layout.encode("utf-8"))).split("\n") if ln]
    assert lines == ["导航", "一、重点任务", "（一）推进高铁公交化。"]


def test_a_web_pages_numbered_list_prints_its_numbers(tmp_path):
    """<ol> items show 1. 2. … in a browser though the page's text has no numbers (like Word's
    list numbers): the reader prints them, from `start` or an item's `value`; items that type
    their own number get none; items of a <ul> get the disc a browser prints (●), which the parser
    reads as a typed bullet."""
    page = ("<html><body><p>一、重点任务</p><ol><li>推进一卡通。</li><li>推动直接结算。</li></ol>"
            "<ol start='3'><li>加强组织领导。</li><li value='7'>强化督促考核。</li></ol>"
            "<ol><li>（一）推进养老服务。</li></ol><ul><li>联系人</li></ul></body></html>")
    lines = [ln for ln in read_text(write(tmp_path, "list.html", page.encode("utf-8"))).split("\n") if ln]
    assert lines == ["一、重点任务", "1.推进一卡通。", "2.推动直接结算。", "3.加强组织领导。", "7.强化督促考核。",
                     "（一）推进养老服务。", "●联系人"]


def test_xlsx_sheets_with_tasks_become_chapters(tmp_path):
    import datetime

    import openpyxl

    workbook = openpyxl.Workbook()
    first = workbook.active
    first.title = "交通通信"
    first.append(["2025年重点任务清单"])
    first.append(["序号", "重点任务", "牵头单位", "完成时间"])
    first.append([1, "推进高铁公交化。", "省发展改革委", datetime.datetime(2025, 12, 31)])
    second = workbook.create_sheet("就业社保")
    second.append(["序号", "重点任务", "牵头单位", "完成时间"])
    second.append([2.0, "推进社保卡跨区域服务。", "省人力资源社会保障厅", "2025年"])
    hidden = workbook.create_sheet("下拉选项")
    hidden.append(["不应出现"])
    hidden.sheet_state = "hidden"
    path = tmp_path / "tasks.xlsx"
    workbook.save(path)
    assert read_text(path).split("\n") == [
        "2025年重点任务清单", "一、交通通信", "（一）推进高铁公交化。（完成时间：2025-12-31）（牵头单位：省发展改革委）",
        "二、就业社保", "（二）推进社保卡跨区域服务。（完成时间：2025年）（牵头单位：省人力资源社会保障厅）"]


def test_an_xlsx_cell_merged_down_is_each_of_its_rows(tmp_path):
    """A 牵头单位 merged down over two tasks (and a 序号 header merged over a two-row header) belongs
    to every row it spans, as in a .docx table: openpyxl's read-only sheets do not report merges."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["序号", "重点任务", "责任单位", None])
    sheet.append([None, None, "牵头单位", "配合单位"])
    sheet.append([1, "推进运输证照互认。", "省交通运输厅", None])
    sheet.append([2, "推进执法协作。", None, "省公安厅"])
    for ref in ("A1:A2", "B1:B2", "C1:D1", "C3:C4"):
        sheet.merge_cells(ref)
    workbook.save(tmp_path / "tasks.xlsx")
    assert read_text(tmp_path / "tasks.xlsx").split("\n") == [
        "（一）推进运输证照互认。（牵头单位：省交通运输厅）", "（二）推进执法协作。（牵头单位：省交通运输厅；配合单位：省公安厅）"]


@pytest.mark.parametrize("total", [["合计", "2项", ""], ["总  计：", "", ""]])
def test_a_task_tables_total_row_is_no_task_and_is_named(tmp_path, total):
    """合计 2项 under the tasks counts them: no measure of its own, and a note says it was left out."""
    rows = NUMBERED_TASKS[:2] + [["3", "推进社保卡应用。", "市人社局"], ["", "", ""], total]
    notes: list[str] = []
    path = write(tmp_path, "tasks.csv", "\n".join(",".join(r) for r in rows) + "\n")
    assert [ln for ln in read_text(path, notes).split("\n") if ln] == [
        "（二）推进高铁公交化。（牵头单位：市交通局）", "（三）推进社保卡应用。（牵头单位：市人社局）"]
    assert len(notes) == 1 and "合计行不是任务" in notes[0] and total[0].strip() in notes[0]


NUMBERED_TASKS = [["序号", "重点任务", "牵头单位"], ["2", "推进高铁公交化。", "市交通局"],
                  ["（5）", "推进社保卡应用。", "市人社局"], ["A6", "建设零工市场。", "市人社局"]]


def _task_table_as(tmp_path, kind: str) -> str:
    """NUMBERED_TASKS written as a file of `kind`."""
    import html

    import docx
    import openpyxl

    rows = NUMBERED_TASKS
    if kind in ("tab.txt", "pipe.txt", "csv"):
        sep = {"tab.txt": "\t", "pipe.txt": " | ", "csv": ","}[kind]
        wrap = (lambda s: f"| {s} |") if kind == "pipe.txt" else (lambda s: s)
        return str(write(tmp_path, f"tasks.{kind}", "\n".join(wrap(sep.join(r)) for r in rows) + "\n"))
    path = tmp_path / f"tasks.{kind}"
    if kind == "xlsx":
        workbook = openpyxl.Workbook()
        for r in rows:
            workbook.active.append(r)
        workbook.save(path)
    elif kind == "docx":
        document = docx.Document()
        table = document.add_table(rows=len(rows), cols=3)
        for i, r in enumerate(rows):
            for j, value in enumerate(r):
                table.cell(i, j).text = value
        document.save(path)
    else:
        cells = "".join("<tr>" + "".join(f"<td>{html.escape(v)}</td>" for v in r) + "</tr>" for r in rows)
        path.write_text(f"<html><body><table>{cells}</table></body></html>", encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("kind", ["tab.txt", "pipe.txt", "csv", "xlsx", "docx", "html"])
def test_every_reader_keeps_a_task_tables_own_numbers(tmp_path, kind):
    """序号 2, （5）, A6: every table reader gives the same outline (`tables.render`). A printed
    number is the measure's number — 2 is （二）, （5） is （五）, in the measure form the parser
    reads (a label 2. would make a task list without units prose and lose a task whose text starts
    with a digit) — and a 序号 that is no number (A6) is named in a note, the task numbered by its
    place."""
    notes: list[str] = []
    lines = [ln for ln in read_text(_task_table_as(tmp_path, kind), notes).split("\n") if ln]
    assert lines == ["（二）推进高铁公交化。（牵头单位：市交通局）", "（五）推进社保卡应用。（牵头单位：市人社局）",
                     "（三）建设零工市场。（牵头单位：市人社局）"]
    assert notes == [
        "任务表：1 项的序号不是编号，按位置编号（A6 → （三）） task table: the 序号 of 1 task is no number; "
        "numbered by place (A6 → （三）)"]


def test_xlsx_that_is_not_a_zip(tmp_path):
    expect_error(write(tmp_path, "fake.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64)),
                 "not a valid .xlsx", "old .xls")


# --- LibreOffice formats --------------------------------------------------------------------------

RTF = rb"{\rtf1\ansi\ansicpg936 {\fonttbl {\f0 SimSun;}} \f0 \'cd\'c6\'bd\'f8\par}"


@pytest.mark.parametrize("name, data, install, save_as", [
    ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le") + bytes(64),
     "libreoffice-writer", ".docx"),
    ("kingsoft.wps", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64), "libreoffice-writer", ".docx"),
    ("plan.rtf", RTF, "libreoffice-writer", ".docx"),
    ("plan.odt", b"PK\x03\x04" + bytes(64), "libreoffice-writer", ".docx"),
    ("tasks.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "Workbook".encode("utf-16-le") + bytes(64),
     "libreoffice-calc", ".xlsx"),
    ("download", RTF, "libreoffice-writer", ".docx"),      # sniffed: RTF markup is never read as text
    ("download.bin", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "Workbook".encode("utf-16-le") + bytes(64),
     "libreoffice-calc", ".xlsx"),
])
def test_office_formats_without_libreoffice_say_how_to_get_it(tmp_path, monkeypatch, name, data, install, save_as):
    monkeypatch.setattr("compare.ingest.office.soffice", lambda: None)
    expect_error(write(tmp_path, name, data), "needs LibreOffice", f"apt install {install}", f"save the file as {save_as}")


def _docx_of(*paragraphs: str) -> bytes:
    import io

    import docx

    document, buf = docx.Document(), io.BytesIO()
    for para in paragraphs:
        document.add_paragraph(para)
    document.save(buf)
    return buf.getvalue()


def _as_libreoffice_imports(data: bytes) -> str:
    """What LibreOffice's fallback text import makes of bytes it cannot identify: UTF-16 code
    units as characters, '?' for a surrogate, control and XML-invalid ones left out."""
    import unicodedata
    text = data[: len(data) // 2 * 2].decode("utf-16-le", "surrogatepass")
    return "".join("?" if unicodedata.category(ch) == "Cs" else ch for ch in text
                   if unicodedata.category(ch) != "Cc" and ch not in "\ufffe\uffff")


def test_text_that_is_no_writing_is_refused_whichever_reader_gave_it(tmp_path, monkeypatch):
    """Random bytes named .doc (or after an OLE2 header) went through LibreOffice, whose fallback
    imports them as text: 1,000 characters spread over all of Unicode, read as prose with exit 0.
    A text that is not writing is refused, by its share of characters of no script; Chinese,
    Traditional, English, Korean and very short texts are read."""
    import random
    rng = random.Random(11)
    noise = bytes(rng.randrange(256) for _ in range(3000))
    lines = _as_libreoffice_imports(noise)
    monkeypatch.setattr(ingest_reader, "convert", lambda path, data, ext, target: _docx_of(lines))
    for name, data in (("rnd.doc", noise), ("fake.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + noise)):
        expect_error(write(tmp_path, name, data), "no readable text", "belong to no script")
    expect_error(write(tmp_path, "noise.docx", _docx_of(lines)), "no readable text")
    korean = "제1조 이 계획은 공공서비스의 공동 건설과 공유를 추진하기 위하여 수립한다. " * 3
    for text in (SIMPLIFIED, TRADITIONAL, "Article 1. This plan promotes shared public services. " * 3, korean,
                 "（一）推进高铁公交化\ue000\ue001"):
        assert read_text(write(tmp_path, "ok.docx", _docx_of(*text.strip().split("\n")))).split() == text.split()


def test_doc_that_is_really_a_web_page_or_a_docx_needs_no_libreoffice(tmp_path, monkeypatch):
    import docx

    monkeypatch.setattr("compare.ingest.office.soffice", lambda: None)
    html = f'<html><head><meta charset="gb2312"></head><body><p>{PARAS[0]}</p></body></html>'
    assert read_text(write(tmp_path, "web.doc", html.encode("gbk"))) == PARAS[0]
    document = docx.Document()
    document.add_paragraph(PARAS[1])
    document.save(tmp_path / "renamed.doc")
    assert read_text(tmp_path / "renamed.doc") == PARAS[1]


def _fake_soffice(tmp_path, body: str) -> str:
    script = tmp_path / "soffice"
    script.write_text("#!/bin/sh\n" + body)
    script.chmod(0o755)
    return str(script)


def test_libreoffice_that_hangs_is_stopped(tmp_path, monkeypatch):
    monkeypatch.setattr("compare.ingest.office.soffice", lambda: _fake_soffice(tmp_path, "sleep 30\n"))
    monkeypatch.setattr("compare.ingest.office.TIMEOUT", 1)
    expect_error(write(tmp_path, "slow.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64)),
                 "LibreOffice did not finish converting it within 1 s")


def test_libreoffice_that_fails_is_one_line(tmp_path, monkeypatch):
    monkeypatch.setattr("compare.ingest.office.soffice",
                        lambda: _fake_soffice(tmp_path, "echo 'Error: source file could not be loaded'\n"))
    expect_error(write(tmp_path, "broken.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64)),
                 "LibreOffice could not convert it to .docx", "source file could not be loaded")


# --- .pdf -----------------------------------------------------------------------------------------

def _pdf_file(objects: list[bytes]) -> bytes:
    """A PDF file of these numbered objects (1 is the catalog), with its cross-reference table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _pdf(pages: list[str | None]) -> bytes:
    """A minimal valid PDF: one page per entry, drawing the ASCII text in Helvetica (None: blank page)."""
    n = len(pages)
    font = 3 + 2 * n
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [%s] /Count %d >>"
               % (b" ".join(b"%d 0 R" % (3 + 2 * i) for i in range(n)), n)]
    for i, text in enumerate(pages):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
                       b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (4 + 2 * i, font))
        ops = b"" if text is None else b"BT /F1 12 Tf 72 720 Td (%s) Tj ET" % text.encode("ascii")
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(ops), ops))
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    return _pdf_file(objects)


def test_pdf_text_layer_pages_separated_by_blank_line(tmp_path):
    path = write(tmp_path, "notice.pdf", _pdf(["Measure one: promote rail transit.",
                                               "Measure two: unify bus fares."]))
    assert read_text(path) == "Measure one: promote rail transit.\n\nMeasure two: unify bus fares."


def test_pdf_sniffed_without_extension(tmp_path):
    assert read_text(write(tmp_path, "download", _pdf(["Sniffed by its %PDF header, fine."]))) == \
        "Sniffed by its %PDF header, fine."


def test_pdf_without_text_needs_ocr(tmp_path):
    expect_error(write(tmp_path, "scan.pdf", _pdf([None, None])), "no text layer", "OCR")


def test_broken_pdf(tmp_path):
    expect_error(write(tmp_path, "broken.pdf", b"%PDF-1.4\n1 0 obj\n<< garbage"), "PDF")


def test_password_protected_pdf(tmp_path):
    import pypdf

    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(write(tmp_path, "plain.pdf",
                                                                _pdf(["Secret measures here."]))))
    writer.encrypt(user_password="s3cret", owner_password="owner", algorithm="AES-128")
    path = tmp_path / "locked.pdf"
    with open(path, "wb") as f:
        writer.write(f)
    expect_error(path, "password-protected")


def test_pdf_with_owner_password_only_is_read(tmp_path):
    import pypdf

    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(write(tmp_path, "plain.pdf",
                                                                _pdf(["Printing is restricted only."]))))
    writer.encrypt(user_password="", owner_password="owner", algorithm="AES-128")
    path = tmp_path / "restricted.pdf"
    with open(path, "wb") as f:
        writer.write(f)
    assert read_text(path) == "Printing is restricted only."


def _cjk_pdf(runs, size=16, rules=()) -> bytes:
    """A one-page PDF drawing `runs` [(font, x, y, text, angle°)] in that content-stream order,
    and `rules` [(x0, y0, x1, y1)] as ruling lines (a table's cell borders).
    "cjk" is STSong-Light (a standard Adobe CJK font, not embedded; UCS-2 codes), "latin" is
    Times-Roman, as Word draws ASCII and “quotes” in another font than 仿宋."""
    ops = [b"%.2f %.2f m %.2f %.2f l S" % rule for rule in rules]
    for font, x, y, text, angle in runs:
        code = text.encode("utf-16-be" if font == "cjk" else "cp1252").hex().encode()
        c, s = math.cos(math.radians(angle)), math.sin(math.radians(angle))
        ops.append(b"BT /%s %d Tf %.4f %.4f %.4f %.4f %.2f %.2f Tm <%s> Tj ET"
                   % (b"F1" if font == "cjk" else b"F2", size, c, s, -s, c, x, y, code))
    stream = b"\n".join(ops)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R /F2 7 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /DW 1000 /FontDescriptor 8 0 R "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman /Encoding /WinAnsiEncoding >>",
        b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] "
        b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
    ]
    return _pdf_file(objects)


QUOTE = 16 * 0.444  # a Times-Roman quotation mark at 16 pt


def test_pdf_glyphs_in_printed_order_not_stream_order(tmp_path):
    """Word draws the Latin-font quotes after the 仿宋 run: read by position, they stay in place and
    the enumerator stays at the start of its line; a diagonal watermark is not text."""
    runs = [("cjk", 72, 700, "（一）推进", 0), ("cjk", 72 + 80 + QUOTE, 700, "公交化", 0),
            ("cjk", 72 + 128 + 2 * QUOTE, 700, "票制。", 0),
            ("latin", 72 + 80, 700, "\u201c", 0), ("latin", 72 + 128 + QUOTE, 700, "\u201d", 0),
            ("cjk", 72, 671, "（二）推进公交客运便利化。", 0), ("cjk", 200, 400, "内部资料", 45)]
    path = write(tmp_path, "word.pdf", _cjk_pdf(runs))
    import pypdf

    assert not pypdf.PdfReader(path).pages[0].extract_text().startswith("（一）推进“")  # stream order differs
    assert read_text(path) == "（一）推进“公交化”票制。\n（二）推进公交客运便利化。"


def test_pdf_text_turned_a_quarter_reads_line_by_line(tmp_path):
    first, second = "（一）横版表格页的第一行文字。", "（二）横版表格页的第二行文字。"
    for angle, x, step in ((90, 100, 29), (270, 500, -29)):
        runs = [("cjk", x, 300, first, angle), ("cjk", x + step, 300, second, angle)]
        assert read_text(write(tmp_path, "turned.pdf", _cjk_pdf(runs))) == f"{first}\n{second}"


def test_a_pdf_task_tables_unit_merged_down_applies_to_every_row_it_spans(tmp_path):
    """A 牵头单位 cell merged down over two tasks (no ruling line between them in its column) is
    the lead of both, as in the .docx; a row's cells merged across stay what they were."""
    xs, ys = (72, 122, 372, 522), (700, 680, 650, 620, 590)
    rules = [(x, 590, x, 700) for x in xs] + [(72, y, 522, y) for y in ys if y != 650] + [(72, 650, 372, 650)]
    cells = [(75, 686, "序号"), (125, 686, "重点任务"), (375, 686, "牵头单位"), (75, 661, "1"), (125, 661, "推进甲项工作。"),
             (75, 631, "2"), (125, 631, "推进乙项工作。"), (375, 646, "某市教育局"), (75, 601, "3"),
             (125, 601, "推进丙项工作。"), (375, 601, "某市民政局")]
    runs = [("cjk", x, y, text, 0) for x, y, text in cells]
    lines = read_text(write(tmp_path, "tasks.pdf", _cjk_pdf(runs, size=12, rules=rules))).split("\n")
    assert [ln for ln in lines if ln.startswith("（")] == [
        "（一）推进甲项工作。（牵头单位：某市教育局）", "（二）推进乙项工作。（牵头单位：某市教育局）",
        "（三）推进丙项工作。（牵头单位：某市民政局）"]


def test_sub_items_inside_a_pdf_task_tables_cell_keep_their_lines(tmp_path):
    """1.… 2.… printed inside a task's cell, after a line that ends its sentence (具体包括：, …；),
    are lines of their own, as in the .docx; a line a narrow column wrapped still goes on the
    line before it."""
    xs, ys = (72, 122, 372, 522), (700, 680, 600)
    rules = [(x, 600, x, 700) for x in xs] + [(72, y, 522, y) for y in ys]
    cells = [(75, 686, "序号"), (125, 686, "重点任务"), (375, 686, "牵头单位"), (75, 660, "1"),
             (125, 666, "推进社区养老服务，具体"), (125, 651, "包括："), (125, 636, "1.建设服务站10个；"),
             (125, 621, "2.开展助餐服务。"), (375, 660, "某市民政局")]
    runs = [("cjk", x, y, text, 0) for x, y, text in cells]
    lines = read_text(write(tmp_path, "tasks.pdf", _cjk_pdf(runs, size=12, rules=rules))).split("\n")
    assert lines[-3:] == ["（一）推进社区养老服务，具体包括：", "1.建设服务站10个；", "2.开展助餐服务。（牵头单位：某市民政局）"]


def test_pdf_text_drawn_twice_for_bold_is_read_once(tmp_path):
    runs = [("cjk", 72, 700, "一、总体要求", 0), ("cjk", 72.4, 700, "一、总体要求", 0),
            ("cjk", 72, 671, "（一）指导思想。坚持问题导向。", 0)]
    assert read_text(write(tmp_path, "bold.pdf", _cjk_pdf(runs))) == "一、总体要求\n（一）指导思想。坚持问题导向。"


# --- .html ----------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>页面标题不应出现</title>
<style>.x { color: red }</style><script>var hidden = "脚本不应出现";</script></head>
<body>
  <noscript>请启用脚本</noscript>
  <div class="nav"><div><a href="/">首页</a></div></div>
  <div id="content">
    <h1>推进川渝公共服务一体化</h1>
    <div><div><p>%s</p></div>
      <p>%s</p></div>
    <script>document.write("也不应出现")</script>
    <p>第一行<br>第二行</p>
  </div>
  <template><p>模板不应出现</p></template>
</body></html>
"""


def test_html_visible_text_only_in_order(tmp_path):
    paragraph_with_inline_markup = PARAS[0].replace("高铁公交化", "<b>高铁</b><span>公交化</span>", 1)
    html = PAGE % (paragraph_with_inline_markup, "\n        ".join([PARAS[1][:20], PARAS[1][20:]]))
    text = read_text(write(tmp_path, "page.html", html))
    lines = [line for line in text.split("\n") if line]
    assert lines == ["[link:首页]", "推进川渝公共服务一体化", PARAS[0], PARAS[1][:20] + " " + PARAS[1][20:],
                     "第一行", "第二行"]
    assert "\n\n\n" not in text and text == text.strip()


def test_a_web_pages_menus_and_particulars_read_as_a_reader_sees_them(tmp_path):
    """A site's menu (short links, one block each or several in one) is kept as a [link:…]
    marker that cleaning removes and counts, so it cannot join the title; a link to an
    attachment, a named anchor of a heading and a sentence with a link in it stay text. A table
    of particulars prints each label beside its value (发文字号：…)."""
    page = ("<html><body><div class='nav'><a href='/'>首页</a></div><ul><li><a href='/a'>政务公开</a> | "
            "<a href='/b'>政策文件</a></li></ul><h1>某市2025年政务公开工作方案</h1>"
            "<table><tr><td>发文字号：</td><td>某府办发〔2025〕3号</td><td>成文日期：</td><td>2025年03月01日</td></tr></table>"
            "<p><a name='c1'>一、重点任务</a></p><p>（一）推进公开。详见<a href='/x'>附件</a>。</p>"
            "<p><a href='/f.docx'>附件1</a></p></body></html>")
    lines = [ln for ln in read_text(write(tmp_path, "page.html", page.encode("utf-8"))).split("\n") if ln]
    assert lines == ["[link:首页]", "[link:政务公开 | 政策文件]", "某市2025年政务公开工作方案",
                     "发文字号：某府办发〔2025〕3号", "成文日期：2025年03月01日", "一、重点任务", "（一）推进公开。详见附件。",
                     "附件1"]


def test_a_menu_of_bracketed_links_is_one_marker_without_brackets(tmp_path):
    """Links printed in brackets ([打印本页] [关闭窗口]) lose both brackets inside the [link:…]
    marker, so the marker is one artefact that cleaning removes whole."""
    page = ("<html><body><h1>某市2025年政务公开工作方案</h1><p>一、重点任务</p>"
            "<div><a href='#'>[打印本页]</a> <a href='#'>[关闭窗口]</a></div></body></html>")
    lines = [ln for ln in read_text(write(tmp_path, "page.html", page.encode("utf-8"))).split("\n") if ln]
    assert lines[-1] == "[link:打印本页 关闭窗口]"


def test_html_declared_gb2312_with_gbk_only_characters(tmp_path):
    body = f"<p>镕基金</p><p>{PARAS[2]}</p>"  # 镕 is in GBK but not GB2312
    html = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head>' \
           f"<body>{body}</body></html>"
    assert read_text(write(tmp_path, "gov.shtml", html.encode("gbk"))).split("\n\n") == ["镕基金", PARAS[2]]


def test_html_short_gbk_page_trusts_declared_gb2312(tmp_path):
    html = '<html><head><meta charset="gb2312"></head><body><p>朱镕基</p></body></html>'
    assert read_text(write(tmp_path, "short.htm", html.encode("gbk"))) == "朱镕基"  # detection alone says Big5


def test_html_wrongly_declared_latin1_but_utf8(tmp_path):
    html = f'<html><head><meta charset="iso-8859-1"></head><body><p>{PARAS[0]}</p></body></html>'
    assert read_text(write(tmp_path, "wrong.html", html)) == PARAS[0]


@pytest.mark.parametrize("declared", ["iso-8859-1", "windows-1252", "ISO-8859-15", "us-ascii"])
def test_html_gbk_page_declared_latin_is_read_as_gbk(tmp_path, declared):
    """Decoding with a Latin charset never fails, so the declaration loses to the bytes."""
    html = f'<html><head><meta charset="{declared}"></head><body><p>{PARAS[0]}</p><p>{PARAS[1]}</p></body></html>'
    notes = []
    assert read_text(write(tmp_path, "gov.htm", html.encode("gbk")), notes) == f"{PARAS[0]}\n\n{PARAS[1]}"
    assert notes == [f"{tmp_path / 'gov.htm'}: 按 GB18030 解码，而非声明的 {declared.lower()} "
                     f"decoded as GB18030, not the declared {declared.lower()}"]


def test_html_declared_latin_with_latin_text_is_left_alone(tmp_path):
    text = "Café «résumé», déjà vu — ½ prix, où ça? " * 3
    html = f'<html><head><meta charset="windows-1252"></head><body><p>{text}</p></body></html>'
    assert read_text(write(tmp_path, "fr.html", html.encode("cp1252"))) == text.strip()


@pytest.mark.parametrize("shown_as, kind", [
    ("sloppy-windows-1252", "UTF-8 read as Latin-1"),   # as a browser shows UTF-8 taken for cp1252
    ("latin-1", "UTF-8 read as Latin-1"),
    ("gbk>latin-1", "GBK read as Latin-1"),
])
def test_mojibake_is_repaired_with_a_note(tmp_path, shown_as, kind):
    """Chinese once decoded with a Latin codec and saved again as UTF-8 (mojibake) is repaired."""
    import ftfy.bad_codecs  # noqa: F401 -- registers sloppy-windows-1252

    text = PARAS[0] + "\n" + PARAS[2]
    source, _, codec = shown_as.rpartition(">")
    mangled = text.encode(source or "utf-8").decode(codec)
    assert "推进" not in mangled
    notes = []
    assert read_text(write(tmp_path, "mangled.txt", mangled.encode("utf-8")), notes) == text
    assert notes == [f"{tmp_path / 'mangled.txt'}: 已修复解码错误的中文 repaired mis-decoded Chinese ({kind})"]


def test_mojibake_that_lost_bytes_is_refused(tmp_path):
    """Shown as strict cp1252, the five bytes cp1252 leaves undefined were replaced: not repairable."""
    mangled = (PARAS[0] + PARAS[1]).encode("utf-8").decode("cp1252", "replace")
    expect_error(write(tmp_path, "lost.txt", mangled.encode("utf-8")),
                 "looks like mis-decoded Chinese (UTF-8 read as Latin-1)", "save it again")


def test_html_sniffed_by_doctype(tmp_path):
    html = "  \n<!doctype HTML><html><body><p>甲</p><script>x()</script><p>乙</p></body></html>"
    assert read_text(write(tmp_path, "page.asp", html)) == "甲\n\n乙"


def test_html_without_visible_text(tmp_path):
    html = "<html><head><title>t</title></head><body><script>x()</script></body></html>"
    expect_error(write(tmp_path, "blank.htm", html), "no text")


# --- bad inputs -----------------------------------------------------------------------------------

def test_empty_file(tmp_path):
    expect_error(write(tmp_path, "empty.txt", b""), "empty file")


def test_whitespace_only(tmp_path):
    expect_error(write(tmp_path, "blank.txt", " \r\n\t\u3000\n".encode("utf-8")),
                 "no text (empty or whitespace only)")


def test_binary_bytes(tmp_path):
    data = os.urandom(4096) + b"\0\0\0" + os.urandom(4096)
    expect_error(write(tmp_path, "noise.txt", data), "binary data, not a text document")


def test_text_with_a_few_nul_bytes_is_read_without_them(tmp_path):
    data = SIMPLIFIED.encode("utf-8") + b"\0" * 4 + SIMPLIFIED.encode("utf-8")  # valid UTF-8, <1% NUL
    notes: list[str] = []
    assert read_text(write(tmp_path, "dump.txt", data), notes) == SIMPLIFIED * 2
    assert "removed 4 stray NUL bytes" in notes[0]


def test_text_with_many_nul_bytes_is_binary(tmp_path):
    data = SIMPLIFIED.encode("utf-8") + b"\0" * 40 + SIMPLIFIED.encode("utf-8")  # over 1 % NUL
    expect_error(write(tmp_path, "dump.txt", data), "binary data, not a text document")


def test_control_characters_without_nul_are_binary(tmp_path):
    data = bytes(range(1, 8)) * 300 + "正文".encode() * 100  # decodes as UTF-8, but 90% controls
    expect_error(write(tmp_path, "ctrl.txt", data), "binary data")


def test_unknown_binary_type(tmp_path):
    expect_error(write(tmp_path, "image.xyz", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(64)),
                 "unsupported file type .xyz")


def test_legacy_doc_gets_a_hint(tmp_path):
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512)
    expect_error(write(tmp_path, "old.docx", data), "not a zip archive", "save as .docx")


def test_missing_path(tmp_path):
    expect_error(tmp_path / "nope.txt", "file not found")


def test_directory(tmp_path):
    (tmp_path / "folder.txt").mkdir()
    expect_error(tmp_path / "folder.txt", "is a directory")


def test_too_large(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as f:
        f.truncate(ingest_reader.MAX_INPUT_BYTES + 1)  # sparse: no disk used
    expect_error(path, "file too large (65 MB; limit 64 MB)")


def test_permission_denied(tmp_path, monkeypatch):
    path = write(tmp_path, "locked.txt", "正文")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("builtins.open", refuse)
    expect_error(path, "cannot read (permission denied)")


def test_a_library_choking_on_a_file_is_an_input_error(tmp_path, monkeypatch):
    """A reading library failing on odd content (here python-docx, made to fail) is the file's
    problem: one line naming the file."""
    import docx

    def choke(*args, **kwargs):
        raise RuntimeError("boom\nwith a second line")

    path = tmp_path / "doc.docx"
    path.write_bytes(_docx_bytes(tmp_path))
    monkeypatch.setattr(docx, "Document", choke)
    expect_error(path, "not a valid .docx (boom with a second line)")


def test_a_bug_in_a_reader_is_not_blamed_on_the_file(tmp_path, monkeypatch):
    """An error raised in this package's own reading code is a bug: it is not turned into an
    InputError (which would tell the user their file is broken)."""
    monkeypatch.setattr(ingest_decode, "_printable_or_fail", None)      # the .txt reader now fails itself
    with pytest.raises(TypeError):
        read_text(write(tmp_path, "doc.txt", "正文"))
    assert not ingest_common.input_problem(TypeError("in our code"))   # no traceback: not a library's


def test_a_bug_in_a_reader_reaches_the_cli_as_an_internal_error(tmp_path, monkeypatch, capsys):
    from compare import cli
    monkeypatch.setattr(ingest_decode, "_printable_or_fail", None)
    monkeypatch.delenv("COMPARE_DEBUG", raising=False)
    path = write(tmp_path, "doc.txt", "正文")
    with pytest.raises(SystemExit) as exit_:
        cli.main(["inspect", str(path)])
    err = capsys.readouterr().err
    assert exit_.value.code == 1
    assert "internal error (TypeError" in err and "please report it" in err and len(err.splitlines()) == 1


def _docx_bytes(tmp_path) -> bytes:
    import docx
    d = docx.Document()
    d.add_paragraph("（一）推进高铁公交化。")
    d.save(tmp_path / "made.docx")
    return (tmp_path / "made.docx").read_bytes()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(min_size=1, max_size=2000),
       ext=st.sampled_from([".txt", ".docx", ".pdf", ".html", ".xlsx", ".csv", ".bin", ""]),
       prefix=st.sampled_from([b"", b"%PDF-1.4\n", b"PK\x03\x04", b"<html>"]))
def test_garbage_raises_only_input_error(tmp_path, data, ext, prefix):
    path = write(tmp_path, "fuzz" + ext, prefix + data)
    try:
        text = read_text(path)
    except InputError as exc:
        assert "\n" not in str(exc) and "fuzz" in str(exc)
    else:
        assert isinstance(text, str) and text.strip() and "\r" not in text


def test_heavy_libraries_are_imported_lazily():
    code = ("import sys, compare.ingest; "
            "print(sorted(m for m in ('docx', 'pypdf', 'pypdfium2', 'openpyxl', 'ftfy', 'bs4', 'lxml', 'charset_normalizer')"
            " if m in sys.modules))")
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_web_pages_tool_bar_and_search_button_are_markers_not_its_particulars(tmp_path):
    """A tool bar of links among script buttons (<span>无障碍</span> | <span>长者模式</span> | <a>English</a>)
    and a search box's 搜索 button are the page's, not the document's: [link:…] markers cleaning
    removes and counts, so they cannot join the particulars below them (繁體搜索索引号：…); a short
    sentence with a link in it stays text."""
    page = ("<html><body><div class='top'><span>无障碍</span> | <span>长者模式</span> | <a href='#'>English</a> | "
            "<a href='#'>繁體</a></div><div class='header'><input type='text' placeholder='请输入关键词'>"
            "<button>搜索</button></div><table><tr><td>索引号：</td><td>006939748/2025-00321</td></tr></table>"
            "<h1>某市2025年政务公开工作方案</h1><p>一、重点任务</p><p>（一）推进公开。详见<a href='/x'>说明</a>。</p>"
            "</body></html>")
    lines = [ln for ln in read_text(write(tmp_path, "page.html", page.encode("utf-8"))).split("\n") if ln]
    assert lines == ["[link:无障碍 | 长者模式 | English | 繁體]", "[link:搜索]", "索引号：006939748/2025-00321",
                     "某市2025年政务公开工作方案", "一、重点任务", "（一）推进公开。详见说明。"]
    doc = compare.load(write(tmp_path, "page.html", page.encode("utf-8")))
    assert doc.sections[0].text.startswith("索引号：") and doc.chars["unaccounted"] == 0
    assert {"[link:无障碍 | 长者模式 | English | 繁體]", "[link:搜索]"} <= {r["text"] for r in doc.removed}
