"""The Excel report: layout, the review form, formula safety, colours and determinism."""
from __future__ import annotations

import re

import openpyxl
import pytest
from report_fixtures import DDE_TEXT, HYPERLINK_TEXT, build_result, rows_expected, summary_table

from compare.report.xlsx import write_xlsx
from compare.review.form import (
    ALIGNMENT_COLUMNS,
    FROZEN,
    HIDDEN_COLUMNS,
    KEYS_COLUMNS,
    KEYS_SHEET,
    REVIEW_CHOICES,
    SHEET,
)
from compare.vocab import STATUS_COLOURS

HEADERS = [c[0] for c in ALIGNMENT_COLUMNS]


def written(tmp_path, n_docs=2, name="report.xlsx", result=None):
    path = tmp_path / name
    write_xlsx(result or build_result(n_docs), path)
    return openpyxl.load_workbook(path)


def column(ws, header):
    """Column letter of a header in row 1."""
    for cell in ws[1]:
        if cell.value == header:
            return cell.column_letter
    raise AssertionError(f"no column {header!r}")


def hidden(ws, letter):
    """Is the column hidden? A <col> entry may cover a range of columns (min..max): openpyxl files
    it under the range's first letter."""
    from openpyxl.utils import column_index_from_string
    k = column_index_from_string(letter)
    return any(d.hidden for d in ws.column_dimensions.values() if d.min <= k <= d.max)


def cell_values(wb):
    return {ws.title: [[c.value for c in row] for row in ws.iter_rows()] for ws in wb.worksheets}


def test_sheets_in_order_with_summary_first_and_active(tmp_path):
    wb = written(tmp_path)
    assert wb.sheetnames == ["概览 Summary", SHEET, "新增 New", "删除 Dropped", "1 川渝2024", "2 川渝2025", KEYS_SHEET]
    assert wb.active.title == "概览 Summary"
    assert [ws.title for ws in wb.worksheets if ws.sheet_state != "visible"] == [KEYS_SHEET]


def test_the_hidden_keys_sheet_records_the_documents_and_every_measures_key(tmp_path):
    """What a later run needs to place each verdict on its measure (review/identity.py)."""
    result = build_result(2)
    rows = list(written(tmp_path, result=result)[KEYS_SHEET].iter_rows(values_only=True))
    assert rows[0] == KEYS_COLUMNS
    for k, doc in enumerate(result.documents):
        mine = [r for r in rows[1:] if r[0] == k]
        assert mine[0][3:6] == (None, None, doc.fingerprint)
        assert [(r[3], r[4], r[5]) for r in mine[1:]] == [(m.id, m.label, m.key) for m in doc.measures]


def test_timeline_sheet_only_with_three_documents(tmp_path):
    assert "时间线 Timeline" not in written(tmp_path, 2, "two.xlsx").sheetnames
    wb = written(tmp_path, 3, "three.xlsx")
    assert wb.sheetnames[:5] == ["概览 Summary", SHEET, "新增 New", "删除 Dropped", "时间线 Timeline"]
    rows = {r[0]: r for r in wb["时间线 Timeline"].iter_rows(min_row=2, values_only=True)}
    # m005 lives on in both later documents, m002 only in the second one.
    assert rows["m005"][4:8] == ("（五） 推进门诊慢特病跨省直接结算", "扩展 expanded",
                                 "（二） 推进门诊慢特病跨省直接结算", "扩展 expanded")
    assert rows["m002"][5] == "延续 continued" and rows["m002"][7] == "删除 dropped"
    assert rows["m005"][8] == "在全部 2 个后续文件中 in all 2 later documents"


def test_summary_lists_documents_counts_and_settings(tmp_path):
    ws = written(tmp_path)["概览 Summary"]
    rows = list(ws.iter_rows(values_only=True))
    text = [v for row in rows for v in row if v is not None]
    for expected in ("川办发〔2024〕10号", "2025-03-10", "四川省人民政府办公厅、重庆市人民政府办公厅",
                     "chuanyu-2024.txt", "阈值 threshold", 0.55, "川渝2024 → 川渝2025", "医疗卫生便捷行动事项"):
        assert expected in text
    assert "inputs/chuanyu-2024.txt" not in text          # the file's name, not its folders
    links = summary_table(rows, "关联与行 Links and rows")
    assert links[0][:8] == ("比较 Comparison", "关联 Links", "行 Rows", "未变 unchanged", "延续 continued",
                            "扩展 expanded", "收窄 narrowed", "修订 revised")
    # links 9 = 2 + 2 + 3 + 1 + 1; rows 12 = links + dropped 1 + new 2
    assert links[1][:10] == ("川渝2024 → 川渝2025", 9, 12, 2, 2, 3, 1, 1, 1, 2)
    fates = summary_table(rows, "措施去向")
    assert [r[1] for r in fates[1:]] == ["川渝2024", "川渝2025"]             # each document named
    old, new = fates[1], fates[2]
    assert old[2] == sum(v or 0 for v in old[3:]) and new[2] == sum(v or 0 for v in new[3:])
    chapters = summary_table(rows, "按章节 By chapter：川渝2024 → 川渝2025")
    assert {r[1] for r in chapters[1:]} == {"川渝2024", "川渝2025"}        # which document each chapter is of
    for doc, total in (("川渝2024", old[2]), ("川渝2025", new[2])):
        assert sum(r[2] for r in chapters[1:] if r[1] == doc) == total       # each document's measures, once


def test_summary_counts_reviewed_measures_per_document_and_says_so(tmp_path):
    """已审阅 Reviewed counts each document's own measures a verdict was applied to, on that
    document's row of 措施去向, and says so (a confirmed link touches one measure of each)."""
    from compare.model import Verdict
    from compare.review import apply_review
    result = build_result(2)
    apply_review(result, [Verdict(0, "m001", "n001", "confirm", row=2), Verdict(0, "m009", "", "dropped", row=3),
                          Verdict(0, "m003", "n003", "reject", row=4)], lambda *a: None)
    rows = list(written(tmp_path, result=result)["概览 Summary"].iter_rows(values_only=True))
    fates = summary_table(rows, "措施去向")
    at = fates[0].index("已审阅 Reviewed：本文件措施 this document's measures")
    assert [(r[1], r[at]) for r in fates[1:]] == [("川渝2024", 3), ("川渝2025", 2)]
    links = summary_table(rows, "关联与行 Links and rows")
    assert "已审阅 Reviewed" not in links[0]          # measures, not links or rows: counted above


def test_alignment_header_rows_and_hidden_ids(tmp_path):
    ws = written(tmp_path)[SHEET]
    assert [c.value for c in ws[1]] == HEADERS
    assert ws.max_row == 1 + rows_expected(build_result(2))
    for name in HIDDEN_COLUMNS:
        assert hidden(ws, column(ws, name))
    for name in ("A 原文 A text", "审阅 Review", "改链至 Relink to", "备注 Notes", "状态 Status"):
        assert not hidden(ws, column(ws, name))
    assert ws.auto_filter.ref
    a, b = HEADERS.index("a id"), HEADERS.index("b id")
    ids = {(r[a], r[b]) for r in ws.iter_rows(min_row=2, values_only=True)}
    assert ("m007", "n007") in ids and ("m008", "n007") in ids     # the merge, both halves
    assert ("m009", None) in ids and (None, "n008") in ids              # dropped and new


def test_alignment_evidence_is_readable_text(tmp_path):
    ws = written(tmp_path)[SHEET]
    a, b = HEADERS.index("a id"), HEADERS.index("b id")
    ev = {(r[a], r[b]): r[HEADERS.index("依据 Evidence")] for r in ws.iter_rows(min_row=2, values_only=True)}
    assert ev[("m005", "n005")] == "+慢性阻塞性肺疾病；+冠心病"
    assert ev[("m007", "n007")] == "合并 merge；10个工作日 → 5个工作日"
    assert ev[("m006", "n006")] == "−统一评估标准；重度失能 → 中度以上失能"


def test_review_column_has_a_bilingual_dropdown_that_accepts_typed_values(tmp_path):
    ws = written(tmp_path)[SHEET]
    col = column(ws, "审阅 Review")
    dvs = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation if dv.type == "list"}
    dv = dvs[f"{col}2:{col}{ws.max_row}"]
    choices = dv.formula1.strip('"').split(",")
    assert choices == list(REVIEW_CHOICES) == [
        "确认 confirm", "拒绝 reject", "改链 relink", "未变 unchanged", "延续 continued", "扩展 expanded",
        "收窄 narrowed", "修订 revised", "新增 new", "删除 dropped"]
    assert dv.errorStyle == "information"          # 拒绝 typed alone is not refused by the sheet


def test_formula_like_texts_are_stored_as_strings(tmp_path):
    wb = written(tmp_path, 3)
    found = {}
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and re.match(r"\s*[=+\-@]", cell.value):
                    assert cell.data_type == "s", (ws.title, cell.coordinate, cell.value)
                    found.setdefault(cell.value, cell)
    assert HYPERLINK_TEXT in found and DDE_TEXT in found and "=1+1" in found
    assert found[HYPERLINK_TEXT].value == '=HYPERLINK("http://x","y")'
    assert found[DDE_TEXT].value == "=cmd|' /C calc'!A0"


def test_leading_whitespace_and_control_characters(tmp_path):
    result = build_result(2)
    m = result.documents[1].measure("n008")
    m.text, m.title, m.units = "\t=1+2", " -减免费用\x07", ["@SUM(A1)"]
    m.label = "\r+1"
    ws = written(tmp_path, result=result)["新增 New"]
    texts = {c.value: c for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    # the bell character is dropped; a carriage return becomes a cell's line feed
    for text in ("\t=1+2", " -减免费用", "@SUM(A1)", "\n+1"):
        assert texts[text].data_type == "s"


def test_status_fills_differ_by_status_and_match_the_palette(tmp_path):
    ws = written(tmp_path)[SHEET]
    col, written_col = HEADERS.index("状态 Status"), HEADERS.index("status #")
    fills = {}
    for row in ws.iter_rows(min_row=2):
        assert row[col].value.endswith(" " + row[written_col].value)     # "扩展 expanded"
        fills.setdefault(row[written_col].value, set()).add(row[col].fill.fgColor.rgb)
    assert set(fills) == set(STATUS_COLOURS)
    assert all(len(v) == 1 for v in fills.values())
    rgbs = {s: v.pop() for s, v in fills.items()}
    assert len(set(rgbs.values())) == len(rgbs)
    assert all(rgbs[s].endswith(STATUS_COLOURS[s][0]) for s in rgbs)


def test_measure_and_unmatched_sheets(tmp_path):
    wb = written(tmp_path)
    doc = list(wb["1 川渝2024"].iter_rows(values_only=True))
    assert doc[0] == ("编号 id", "标签 Label", "层级 Path", "章节 Chapter", "标题 Title", "原文 Text",
                      "责任单位 Units", "类别 Kind")
    assert doc[10][:2] == ("m010", "（十）") and doc[10][-1] == "保障措施 safeguard"
    assert [r[1] for r in wb["新增 New"].iter_rows(min_row=2, values_only=True)] == ["n008", "n009"]
    assert [r[1] for r in wb["删除 Dropped"].iter_rows(min_row=2, values_only=True)] == ["m009"]


def test_sheet_names_are_valid_and_unique(tmp_path):
    result = build_result(2)
    for doc in result.documents:
        doc.name = "附件[1]: 关于*进一步?优化/营商\\环境的若干措施（试行）的通知"
    wb = written(tmp_path, result=result)
    names = [n for n in wb.sheetnames[4:] if n != KEYS_SHEET]
    assert len(names) == 2 and len({n.lower() for n in names}) == 2
    for name in names:
        assert len(name) <= 31 and not re.search(r"[\[\]:*?/\\]", name)


@pytest.mark.parametrize("n_docs", [2, 3])
def test_two_runs_give_identical_workbooks(tmp_path, n_docs):
    a = written(tmp_path, n_docs, "a.xlsx")
    b = written(tmp_path, n_docs, "b.xlsx")
    assert cell_values(a) == cell_values(b)
    assert a.properties.created == b.properties.created
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()


# ---------------------------------------------------------------- read outside Excel, and printed

def test_rows_are_as_high_as_their_texts_need(tmp_path):
    """LibreOffice and WPS do not grow a wrapped row by themselves: the writer sets each height."""
    result = build_result(2)
    result.documents[1].measure("n005").text = "推进门诊慢特病跨省直接结算。" * 30     # 420 characters
    ws = written(tmp_path, result=result)[SHEET]
    a, b = HEADERS.index("a id") + 1, HEADERS.index("b id") + 1
    row = {(ws.cell(r, a).value, ws.cell(r, b).value): r for r in range(2, ws.max_row + 1)}
    long_row = ws.row_dimensions[row[("m005", "n005")]].height
    text_width = next(c.width for c in ALIGNMENT_COLUMNS if c.header == "B 原文 B text")
    lines = 420 * 2 / (text_width - 1)               # a Chinese character is two widths
    assert long_row >= 15 * lines
    short = ws.row_dimensions[row[("m004", "n004")]].height
    assert short and 15 * 2 <= short < long_row / 3
    assert ws.row_dimensions[1].height >= 30          # bilingual headers wrap onto two lines


def test_every_table_sheet_prints_landscape_one_page_wide_with_its_header(tmp_path):
    wb = written(tmp_path, 3)
    for ws in wb.worksheets[1:]:
        if ws.sheet_state != "visible":
            continue
        assert ws.page_setup.orientation == "landscape", ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        # one page wide (1 is the attribute's default, so the file may leave it out), any number down
        assert ws.page_setup.fitToWidth in (None, 1) and ws.page_setup.fitToHeight == 0, ws.title
        assert ws.print_title_rows.replace("$", "") == "1:1", ws.title   # the header row on every page
        assert ws.freeze_panes and ws.freeze_panes.endswith("2"), ws.title
    summary = wb.worksheets[0]
    assert summary.sheet_properties.pageSetUpPr.fitToPage and summary.page_setup.fitToWidth in (None, 1)


def test_frozen_panes_keep_labels_and_titles_in_view(tmp_path):
    ws = written(tmp_path)[SHEET]
    assert ws.freeze_panes == "F2" and FROZEN == 5
    assert [c.value for c in ws[1]][:FROZEN] == ["比较 Comparison", "A 标签 A label", "A 标题 A title",
                                               "B 标签 B label", "B 标题 B title"]


def test_statuses_and_confidences_read_in_both_languages_and_sort(tmp_path):
    ws = written(tmp_path)[SHEET]
    head = [c.value for c in ws[1]]
    rows = [dict(zip(head, r, strict=True)) for r in ws.iter_rows(min_row=2, values_only=True)]
    assert {r["状态 Status"] for r in rows} == {"未变 unchanged", "延续 continued", "扩展 expanded", "收窄 narrowed",
                                               "修订 revised", "新增 new", "删除 dropped"}
    assert {r["可信度 Confidence"] for r in rows} <= {"可信 strong", "待核 check", None}
    assert ws.auto_filter.ref == f"A1:{ws.cell(1, len(head)).column_letter}{ws.max_row}"   # sortable
