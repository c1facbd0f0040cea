"""A reviewer's workbook handled roughly, as in a spreadsheet: each verdict stays with the
measures its row shows, or the workbook is refused — never applied to other measures."""
from __future__ import annotations

import openpyxl
import pytest
from test_review import EDITS, reviewed_workbook

from compare.api import load
from compare.errors import InputError
from compare.model import Verdict
from compare.report.review_view import _shown
from compare.review import read_review
from compare.review.form import HIDDEN_COLUMNS, SHEET


def _sort_rows(path, out, columns):
    """Rows 2… in reverse order, moving only `columns` (1-based): a sort of a selection."""
    wb = openpyxl.load_workbook(path)
    ws = wb[SHEET]
    rows = [[ws.cell(r, c).value for c in columns] for r in range(2, ws.max_row + 1)]
    for r, values in enumerate(reversed(rows), start=2):
        for c, v in zip(columns, values, strict=True):
            ws.cell(r, c).value = v
    wb.save(out)
    return out


def _visible(path):
    ws = openpyxl.load_workbook(path)[SHEET]
    return [c.column for c in ws[1] if c.value not in HIDDEN_COLUMNS]


def _said(verdicts):
    return sorted((v.comparison, v.a_id, v.b_id, v.action, v.target, v.note) for v in verdicts)


def test_a_sheet_sorted_without_its_hidden_columns_is_refused_naming_the_rows(tmp_path):
    reviewed = reviewed_workbook(tmp_path, EDITS)
    partial = _sort_rows(reviewed, tmp_path / "partial.xlsx", _visible(reviewed))
    with pytest.raises(InputError) as err:
        read_review(partial)
    line = str(err.value)
    assert "\n" not in line and "partial.xlsx" in line and "hidden columns" in line
    assert "row(s) " in line


def test_a_sheet_sorted_whole_reads_the_same_verdicts(tmp_path):
    reviewed = reviewed_workbook(tmp_path, EDITS)
    ws = openpyxl.load_workbook(reviewed)[SHEET]
    whole = _sort_rows(reviewed, tmp_path / "whole.xlsx", range(1, ws.max_column + 1))
    assert _said(read_review(whole)) == _said(read_review(reviewed))


def test_label_cells_merged_down_a_column_read_the_same_verdicts(tmp_path):
    """Merging a row's label cell into the one above empties it: that says nothing about the row."""
    reviewed = reviewed_workbook(tmp_path, EDITS)
    wb = openpyxl.load_workbook(reviewed)
    ws = wb[SHEET]
    col = {c.value: c.column_letter for c in ws[1]}
    label = col["A 标签 A label"]
    rows = [r for r in range(3, ws.max_row + 1) if ws[f"{label}{r}"].value and ws[f"{col['审阅 Review']}{r}"].value]
    ws.merge_cells(f"{label}{rows[0] - 1}:{label}{rows[0]}")      # a verdict's row: its label emptied
    wb.save(tmp_path / "merged.xlsx")
    assert _said(read_review(tmp_path / "merged.xlsx")) == _said(read_review(reviewed))


def test_a_row_of_ones_own_is_read_and_left_to_be_reported(tmp_path):
    """A row a reviewer added (no hidden ids) is no sign of a shuffled sheet: it is read, and
    the run reports it as not placed."""
    reviewed = reviewed_workbook(tmp_path, EDITS)
    wb = openpyxl.load_workbook(reviewed)
    ws = wb[SHEET]
    ws.append(["我的", "（九十）", "自加一行", None, None, None, None, None, None, "确认"])
    wb.save(reviewed)
    assert any(v.a_id == "" and v.comparison == -1 for v in read_review(reviewed))


def test_a_lost_verdict_row_shows_the_label_its_key_records():
    """A verdict read without a label cell keeps its measure's label from its key: the next
    workbook's row then shows what its hidden key records (and reads back)."""
    v = Verdict(comparison=0, a_id="m003", b_id="", action="reject", a_key="（三）#0123456789ab")
    assert _shown(v, "a").measure.label == "（三）"


def _locked(path):
    """What Excel and WPS save with a password: an OLE container of two streams, named here."""
    names = b"".join(n.encode("utf-16-le").ljust(64, b"\0") for n in ("EncryptionInfo", "EncryptedPackage"))
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + names + bytes(4096))
    return path


@pytest.mark.parametrize("read, name", [(read_review, "locked.xlsx"), (load, "locked.docx"), (load, "locked.xls")])
def test_a_password_protected_file_says_so_in_one_line(tmp_path, read, name):
    """Not "damaged" (LibreOffice's failure) nor "an old .xls, rename it": the password."""
    with pytest.raises(InputError) as err:
        read(_locked(tmp_path / name))
    assert "password-protected" in str(err.value) and name in str(err.value)
