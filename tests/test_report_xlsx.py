"""The Excel report: layout, the review form, formula safety, colours and determinism."""
from __future__ import annotations

import re

import openpyxl
import pytest
from report_fixtures import DDE_TEXT, HYPERLINK_TEXT, build_result, rows_expected

from compare.report.form import ALIGNMENT_COLUMNS, HIDDEN_COLUMNS, REVIEW_ACTIONS
from compare.report.labels import STATUS_COLOURS
from compare.report.xlsx import write_xlsx

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
    assert wb.sheetnames == ["Summary", "Alignment", "New", "Dropped", "1 川渝2024", "2 川渝2025"]
    assert wb.active.title == "Summary"


def test_timeline_sheet_only_with_three_documents(tmp_path):
    assert "Timeline" not in written(tmp_path, 2, "two.xlsx").sheetnames
    wb = written(tmp_path, 3, "three.xlsx")
    assert wb.sheetnames[:5] == ["Summary", "Alignment", "New", "Dropped", "Timeline"]
    rows = {r[0]: r for r in wb["Timeline"].iter_rows(min_row=2, values_only=True)}
    # m005 lives on in both later documents, m002 only in the second one.
    assert rows["m005"][4:8] == ("（五） 推进门诊慢特病跨省直接结算", "expanded",
                                 "（二） 推进门诊慢特病跨省直接结算", "expanded")
    assert rows["m002"][5] == "continued" and rows["m002"][7] == "dropped"
    assert rows["m005"][8] == "in all 2 later documents"


def test_summary_lists_documents_counts_and_settings(tmp_path):
    ws = written(tmp_path)["Summary"]
    text = [v for row in ws.iter_rows(values_only=True) for v in row if v is not None]
    for expected in ("川办发〔2024〕10号", "2025-03-10", "四川省人民政府办公厅、重庆市人民政府办公厅",
                     "chuanyu-2024.txt", "threshold", 0.55, "川渝2024 → 川渝2025",
                     "By chapter: 川渝2024 → 川渝2025", "医疗卫生便捷行动事项"):
        assert expected in text
    assert "inputs/chuanyu-2024.txt" not in text          # the file's name, not its folders
    counts = next(row for row in ws.iter_rows(values_only=True) if row[0] == "川渝2024 → 川渝2025")
    # unchanged, continued, expanded, narrowed, revised, new, dropped, total
    assert counts[1:9] == (2, 2, 3, 1, 1, 2, 1, 12)


def test_alignment_header_rows_and_hidden_ids(tmp_path):
    ws = written(tmp_path)["Alignment"]
    assert [c.value for c in ws[1]] == HEADERS
    assert ws.max_row == 1 + rows_expected(build_result(2))
    for name in HIDDEN_COLUMNS:
        assert hidden(ws, column(ws, name))
    for name in ("A text", "Review", "Relink to", "Notes", "Status"):
        assert not hidden(ws, column(ws, name))
    assert ws.freeze_panes == "C2" and ws.auto_filter.ref
    ids = {(r[-2], r[-1]) for r in ws.iter_rows(min_row=2, values_only=True)}
    assert ("m007", "n007") in ids and ("m008", "n007") in ids     # the merge, both halves
    assert ("m009", None) in ids and (None, "n008") in ids              # dropped and new


def test_alignment_evidence_is_readable_text(tmp_path):
    ws = written(tmp_path)["Alignment"]
    ev = {(r[-2], r[-1]): r[HEADERS.index("Evidence")] for r in ws.iter_rows(min_row=2, values_only=True)}
    assert ev[("m005", "n005")] == "+慢性阻塞性肺疾病；+冠心病"
    assert ev[("m007", "n007")] == "merge；10个工作日 → 5个工作日"
    assert ev[("m006", "n006")] == "−统一评估标准；重度失能 → 中度以上失能"


def test_review_column_has_dropdown_with_the_actions(tmp_path):
    ws = written(tmp_path)["Alignment"]
    col = column(ws, "Review")
    dvs = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert len(dvs) == 1
    choices = dvs[0].formula1.strip('"').split(",")
    assert choices == list(REVIEW_ACTIONS) == ["confirm", "reject", "relink", "unchanged", "continued",
                                               "expanded", "narrowed", "revised"]
    assert str(dvs[0].sqref) == f"{col}2:{col}{ws.max_row}"


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
    ws = written(tmp_path, result=result)["New"]
    texts = {c.value: c for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    # the bell character is dropped; a carriage return becomes a cell's line feed
    for text in ("\t=1+2", " -减免费用", "@SUM(A1)", "\n+1"):
        assert texts[text].data_type == "s"


def test_status_fills_differ_by_status_and_match_the_palette(tmp_path):
    ws = written(tmp_path)["Alignment"]
    col = HEADERS.index("Status")
    fills = {}
    for row in ws.iter_rows(min_row=2):
        fills.setdefault(row[col].value, set()).add(row[col].fill.fgColor.rgb)
    assert set(fills) == set(STATUS_COLOURS)
    assert all(len(v) == 1 for v in fills.values())
    rgbs = {s: v.pop() for s, v in fills.items()}
    assert len(set(rgbs.values())) == len(rgbs)
    assert all(rgbs[s].endswith(STATUS_COLOURS[s][0]) for s in rgbs)


def test_measure_and_unmatched_sheets(tmp_path):
    wb = written(tmp_path)
    doc = list(wb["1 川渝2024"].iter_rows(values_only=True))
    assert doc[0] == ("id", "Label", "Path", "Chapter", "Title", "Text", "Units", "Kind")
    assert doc[10][:2] == ("m010", "（十）") and doc[10][-1] == "safeguard"
    assert [r[1] for r in wb["New"].iter_rows(min_row=2, values_only=True)] == ["n008", "n009"]
    assert [r[1] for r in wb["Dropped"].iter_rows(min_row=2, values_only=True)] == ["m009"]


def test_sheet_names_are_valid_and_unique(tmp_path):
    result = build_result(2)
    for doc in result.documents:
        doc.name = "附件[1]: 关于*进一步?优化/营商\\环境的若干措施（试行）的通知"
    wb = written(tmp_path, result=result)
    names = wb.sheetnames[4:]
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
