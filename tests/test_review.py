"""The review round trip: write the workbook, edit it as a reviewer would, read and apply it."""
from __future__ import annotations

import hashlib

import openpyxl
import pytest
from report_fixtures import build_result

from compare.errors import InputError
from compare.model import CONTINUED, Link
from compare.report.xlsx import write_xlsx
from compare.review import Verdict, apply_review, fold_label, read_review


def fake_relink(ma, mb):
    """Stands in for the pipeline's classifier: every relinked pair is 'continued'."""
    return Link(a=ma.id, b=mb.id, score=0.5, status=CONTINUED)


def reviewed_workbook(tmp_path, edits, n_docs=2):
    """Write the report, then set Review / Relink to / Notes on the rows named by their ids."""
    path = tmp_path / "report.xlsx"
    write_xlsx(build_result(n_docs), path)
    wb = openpyxl.load_workbook(path)
    ws = wb["Alignment"]
    heads = {c.value: c.column for c in ws[1]}
    rows = {(ws.cell(r, heads["comparison #"]).value, ws.cell(r, heads["a id"]).value,
             ws.cell(r, heads["b id"]).value): r for r in range(2, ws.max_row + 1)}
    for key, (action, target, note) in edits.items():
        r = rows[key]
        ws.cell(r, heads["Review"]).value = action
        ws.cell(r, heads["Relink to"]).value = target
        ws.cell(r, heads["Notes"]).value = note
    out = tmp_path / "reviewed.xlsx"
    wb.save(out)
    return out


EDITS = {
    (0, "m003", "n003"): ("reject", None, "not the same measure"),
    (0, "m002", "n002"): ("relink", "(九)", "matches the information-sharing measure"),
    (0, "m006", "n006"): ("expanded", None, None),
    (0, "m004", "n004"): ("relink", "（九十九）", None),
    (0, "m001", "n001"): ("confirm", None, "ok"),
    (0, "m009", None): ("relink", "n008", None),
}


@pytest.fixture
def reviewed(tmp_path):
    return reviewed_workbook(tmp_path, EDITS)


def links(result, k=0):
    return {(lk.a, lk.b): lk for lk in result.comparisons[k].links}


def test_read_review_returns_the_filled_rows(reviewed):
    verdicts = read_review(reviewed)
    got = {(v.a_id, v.b_id): (v.comparison, v.action, v.target, v.note) for v in verdicts}
    assert got == {
        ("m003", "n003"): (0, "reject", "", "not the same measure"),
        ("m002", "n002"): (0, "relink", "(九)", "matches the information-sharing measure"),
        ("m006", "n006"): (0, "expanded", "", ""),
        ("m004", "n004"): (0, "relink", "（九十九）", ""),
        ("m001", "n001"): (0, "confirm", "", "ok"),
        ("m009", ""): (0, "relink", "n008", ""),
    }
    assert all(v.row >= 2 for v in verdicts)


def test_apply_review_round_trip(reviewed):
    before = hashlib.sha256(reviewed.read_bytes()).hexdigest()
    result = build_result(2)
    warnings = apply_review(result, read_review(reviewed), fake_relink)
    comp = result.comparisons[0]
    got = links(result)

    # reject: the link is gone and both measures are unmatched again
    assert ("m003", "n003") not in got
    assert "m003" in comp.unmatched_a and "n003" in comp.unmatched_b
    # relink of a link: (九) is n009 after folding the half-width parentheses
    assert ("m002", "n002") not in got
    assert got[("m002", "n009")].status == CONTINUED
    assert got[("m002", "n009")].reviewed == "relink"
    assert got[("m002", "n009")].note == "matches the information-sharing measure"
    assert "n002" in comp.unmatched_b and "n009" not in comp.unmatched_b
    # relink of a dropped measure creates a link and empties both unmatched entries
    assert got[("m009", "n008")].reviewed == "relink"
    assert "m009" not in comp.unmatched_a and "n008" not in comp.unmatched_b
    # status override and confirm
    assert got[("m006", "n006")].status == "expanded" and got[("m006", "n006")].reviewed == "expanded"
    assert got[("m001", "n001")].reviewed == "confirm" and got[("m001", "n001")].note == "ok"
    # the bad target: a warning naming it, the link untouched
    assert len(warnings) == 1
    assert "（九十九）" in warnings[0] and "names no measure" in warnings[0] and "row " in warnings[0]
    assert got[("m004", "n004")].reviewed == ""
    # every touched id recorded, unmatched lists stay in document order
    assert {"m003", "n003", "m002", "n002", "n009", "m006", "n006", "m001", "n001", "m009",
            "n008"} <= set(comp.reviewed)
    assert comp.unmatched_b == ["n002", "n003"]
    # reading never modified the reviewer's file
    assert hashlib.sha256(reviewed.read_bytes()).hexdigest() == before


def test_reject_half_a_merge_makes_the_other_half_one_to_one():
    result = build_result(2)
    v = Verdict(comparison=0, a_id="m008", b_id="n007", action="reject")
    assert apply_review(result, [v], fake_relink) == []
    got = links(result)
    assert got[("m007", "n007")].kind == "one-to-one"
    assert "m008" in result.comparisons[0].unmatched_a
    assert "n007" not in result.comparisons[0].unmatched_b      # still linked to m007


def test_relink_a_new_measure_to_a_label_on_the_older_side():
    result = build_result(2)
    v = Verdict(comparison=0, a_id="", b_id="n009", action="relink", target="（九）")
    assert apply_review(result, [v], fake_relink) == []
    assert ("m009", "n009") in links(result)


def test_warnings_for_ids_and_actions_that_do_not_fit():
    result = build_result(2)
    verdicts = [
        Verdict(0, "m404", "n001", "confirm", row=5),
        Verdict(3, "m001", "n001", "confirm", row=6),
        Verdict(0, "m001", "n002", "reject", row=7),
        Verdict(0, "m009", "", "expanded", row=8),
        Verdict(0, "m001", "n001", "relink", row=9),
    ]
    warnings = apply_review(result, verdicts, fake_relink)
    assert len(warnings) == 5
    assert warnings[0].startswith("row 5:") and "'m404'" in warnings[0] and "川渝2024" in warnings[0]
    assert "comparison #3" in warnings[1]
    assert "no link m001 → n002" in warnings[2]
    assert "dropped measure" in warnings[3]
    assert "Relink to" in warnings[4]


def test_unknown_action_is_a_clear_input_error(tmp_path):
    path = reviewed_workbook(tmp_path, {(0, "m001", "n001"): ("approve", None, None)})
    with pytest.raises(InputError) as err:
        read_review(path)
    message = str(err.value)
    assert "'approve'" in message and "confirm, reject, relink" in message and "\n" not in message


def test_not_a_workbook_is_an_input_error(tmp_path):
    path = tmp_path / "notes.xlsx"
    path.write_text("this is not a workbook", encoding="utf-8")
    with pytest.raises(InputError, match="not a readable Excel workbook"):
        read_review(path)
    with pytest.raises(InputError, match="not a readable Excel workbook"):
        read_review(tmp_path / "missing.xlsx")


def test_workbook_without_alignment_sheet_is_an_input_error(tmp_path):
    path = tmp_path / "other.xlsx"
    openpyxl.Workbook().save(path)
    with pytest.raises(InputError, match="no 'Alignment' sheet"):
        read_review(path)


def test_empty_review_reads_no_verdicts(tmp_path):
    path = tmp_path / "report.xlsx"
    write_xlsx(build_result(3), path)
    assert read_review(path) == []


@pytest.mark.parametrize("label", ["（十七）", "(十七)", "( 十七 )", "十七、", "【十七】"])
def test_fold_label(label):
    assert fold_label(label) == "十七"
