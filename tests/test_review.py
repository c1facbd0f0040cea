"""The review round trip: write the workbook, edit it as a reviewer would, read and apply it."""
from __future__ import annotations

import hashlib

import openpyxl
import pytest
from report_fixtures import build_result

from compare.errors import InputError
from compare.model import Link, Verdict
from compare.parse.labels import fold_label
from compare.report.xlsx import write_xlsx
from compare.review import apply_review, read_review
from compare.review.form import SHEET
from compare.vocab import CONTINUED

REVIEW, TARGET, NOTES = "审阅 Review", "改链至 Relink to", "备注 Notes"


def fake_relink(ma, mb, links):
    """Stands in for the pipeline's classifier: every relinked pair is 'continued'."""
    return Link(a=ma.id, b=mb.id, score=0.5, status=CONTINUED)


def reviewed_workbook(tmp_path, edits, n_docs=2):
    """Write the report, then set Review / Relink to / Notes on the rows named by their ids."""
    path = tmp_path / "report.xlsx"
    write_xlsx(build_result(n_docs), path)
    wb = openpyxl.load_workbook(path)
    ws = wb[SHEET]
    heads = {c.value: c.column for c in ws[1]}
    rows = {(ws.cell(r, heads["comparison #"]).value, ws.cell(r, heads["a id"]).value,
             ws.cell(r, heads["b id"]).value): r for r in range(2, ws.max_row + 1)}
    for key, (action, target, note) in edits.items():
        r = rows[key]
        ws.cell(r, heads[REVIEW]).value = action
        ws.cell(r, heads[TARGET]).value = target
        ws.cell(r, heads[NOTES]).value = note
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
    assert {"m003", "m002", "m006", "m001", "m009"} <= set(comp.reviewed_a)
    assert {"n003", "n002", "n009", "n006", "n001", "n008"} <= set(comp.reviewed_b)
    assert comp.unmatched_b == ["n002", "n003"]
    # reading never modified the reviewer's file
    assert hashlib.sha256(reviewed.read_bytes()).hexdigest() == before


def test_reviewed_measures_are_listed_per_document_though_both_number_m001(tmp_path):
    """Both plans number their measures m001 …: the old m001 and the new m001 a verdict touched
    are two reviewed measures, one of each document — listed per document, in the JSON too."""
    import compare
    text = "关于印发测试方案的通知\n一、任务\n（一）开通跨省通勤定制客运线路。\n（二）推进社保卡居民服务一卡通。\n"
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = compare.compare([tmp_path / "a.txt", tmp_path / "b.txt"])
    assert apply_review(result, [Verdict(0, "m001", "m001", "confirm", row=2),
                                 Verdict(0, "m002", "m002", "reject", row=3)], fake_relink) == []
    comp = result.comparisons[0]
    assert (comp.reviewed_a, comp.reviewed_b) == (["m001", "m002"], ["m001", "m002"])
    data = comp.to_dict()
    assert (data["reviewed_a"], data["reviewed_b"]) == (["m001", "m002"], ["m001", "m002"]) and "reviewed" not in data


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
    assert warnings[0].startswith("审阅表第5行 row 5：") and "'m404'" in warnings[0] and "川渝2024" in warnings[0]
    assert "comparison #3" in warnings[1]
    assert "no link m001 → n002" in warnings[2]
    assert "dropped measure" in warnings[3]
    assert "Relink to" in warnings[4]


def test_not_a_workbook_is_an_input_error(tmp_path):
    path = tmp_path / "notes.xlsx"
    path.write_text("this is not a workbook", encoding="utf-8")
    with pytest.raises(InputError, match="not a readable Excel workbook"):
        read_review(path)
    with pytest.raises(InputError, match="not found"):
        read_review(tmp_path / "missing.xlsx")


def test_workbook_without_alignment_sheet_is_an_input_error(tmp_path):
    path = tmp_path / "other.xlsx"
    openpyxl.Workbook().save(path)
    with pytest.raises(InputError, match="no '对照 Alignment' sheet"):
        read_review(path)


def test_empty_review_reads_no_verdicts(tmp_path):
    path = tmp_path / "report.xlsx"
    write_xlsx(build_result(3), path)
    assert read_review(path) == []


@pytest.mark.parametrize("label", ["（十七）", "(十七)", "( 十七 )", "十七、", "【十七】"])
def test_fold_label(label):
    assert fold_label(label) == "十七"


# ---------------------------------------------------------------- verdicts in either language

@pytest.mark.parametrize("typed", ["拒绝", "拒 绝", "拒絕", "REJECT", "ｒｅｊｅｃｔ", "拒绝 reject", "reject 拒绝",
                                   " 拒绝\u3000reject "])
def test_chinese_and_english_verdicts_as_a_spreadsheet_stores_them(tmp_path, typed):
    path = reviewed_workbook(tmp_path, {(0, "m003", "n003"): (typed, None, "不是同一措施")})
    [v] = read_review(path)
    assert (v.action, v.note) == ("reject", "不是同一措施")


@pytest.mark.parametrize("typed, action", [("确认", "confirm"), ("改链", "relink"), ("延续", "continued"),
                                           ("扩展", "expanded"), ("收窄", "narrowed"), ("修订", "revised"),
                                           ("未变", "unchanged"), ("新增", "new"), ("删除", "dropped")])
def test_every_chinese_verdict_reads_as_its_english_one(tmp_path, typed, action):
    path = reviewed_workbook(tmp_path, {(0, "m001", "n001"): (typed, "（九）", None)})
    assert [v.action for v in read_review(path)] == [action]


@pytest.mark.parametrize("typed", ["approve", "同意"])
def test_unknown_verdict_is_one_line_naming_the_accepted_ones_in_both_languages(tmp_path, typed):
    path = reviewed_workbook(tmp_path, {(0, "m001", "n001"): (typed, None, None)})
    with pytest.raises(InputError) as err:
        read_review(path)
    message = str(err.value)
    assert "row " in message and f"'{typed}'" in message and "\n" not in message
    assert "confirm, reject, relink" in message and "确认、拒绝、改链" in message


def test_new_or_dropped_on_a_link_rejects_it_and_on_its_own_row_confirms_it():
    result = build_result(2)
    verdicts = [Verdict(0, "m003", "n003", "new", note="新措施，不承接（三）", row=4),
                Verdict(0, "m009", "", "dropped", row=9), Verdict(0, "", "n008", "dropped", row=11)]
    problems = apply_review(result, verdicts, fake_relink)
    assert ("m003", "n003") not in links(result) and "n003" in result.comparisons[0].unmatched_b
    assert verdicts[0].applied and verdicts[0].was_status and verdicts[1].applied
    assert not verdicts[2].applied and problems == [f"审阅表第11行 row 11：{verdicts[2].reason}"]
    assert "新增 new" in verdicts[2].reason


# ---------------------------------------------------------------- two rows on one link

def test_opposite_verdicts_on_one_link_conflict_and_the_one_that_changes_it_wins(tmp_path):
    """A row copied and its verdict changed: 确认 on row 5, 拒绝 on row 6, same link. The
    rejection is applied; the confirmation is skipped with a reason naming both rows (never "no
    link"), and the next workbook, reviewed again, gives the same."""
    path = reviewed_workbook(tmp_path, {(0, "m001", "n001"): ("confirm", None, "ok")})
    wb = openpyxl.load_workbook(path)
    ws = wb[SHEET]
    heads = {c.value: c.column for c in ws[1]}
    at = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, heads["a id"]).value == "m001")
    ws.insert_rows(at + 1)
    for c in range(1, ws.max_column + 1):
        ws.cell(at + 1, c).value = ws.cell(at, c).value
    ws.cell(at + 1, heads[REVIEW]).value = "拒绝 reject"
    wb.save(path)
    verdicts = read_review(path)
    result = build_result(2)
    problems = apply_review(result, verdicts, fake_relink)
    confirm, reject = sorted(verdicts, key=lambda v: v.row)
    assert reject.applied and not confirm.applied and ("m001", "n001") not in links(result)
    assert problems == [f"审阅表第{at}行 row {at}：{confirm.reason}"]
    assert f"审阅表第{at + 1}行" in confirm.reason and f"row {at + 1}" in confirm.reason
    assert "no link" not in confirm.reason and "拒绝 reject" in confirm.reason and "确认 confirm" in confirm.reason
    again = tmp_path / "again.xlsx"
    write_xlsx(result, again)
    second = build_result(2)
    reread = read_review(again)
    apply_review(second, reread, fake_relink)
    assert sorted((v.action, v.applied) for v in reread) == [("confirm", False), ("reject", True)]


def test_two_statuses_on_one_link_the_lower_row_wins_and_stays_the_winner(tmp_path):
    result = build_result(2)
    verdicts = [Verdict(0, "m006", "n006", "narrowed", row=7), Verdict(0, "m006", "n006", "expanded", row=8)]
    problems = apply_review(result, verdicts, fake_relink)
    assert links(result)[("m006", "n006")].status == "expanded" and verdicts[1].applied
    assert not verdicts[0].applied and len(problems) == 1 and "审阅表第8行" in problems[0]
    path = tmp_path / "again.xlsx"
    write_xlsx(result, path)
    second = build_result(2)
    apply_review(second, read_review(path), fake_relink)
    assert links(second)[("m006", "n006")].status == "expanded"


def test_the_same_verdict_on_two_rows_is_applied_once_and_both_say_so():
    result = build_result(2)
    verdicts = [Verdict(0, "m003", "n003", "reject", row=4), Verdict(0, "m003", "n003", "reject", row=5),
                Verdict(0, "m009", "", "confirm", row=9), Verdict(0, "m009", "", "dropped", row=10)]
    assert apply_review(result, verdicts, fake_relink) == []
    assert all(v.applied for v in verdicts) and verdicts[1].was_status == verdicts[0].was_status


# ---------------------------------------------------------------- the Status column

def status_edited(tmp_path, edits, review=None):
    """The report with the Status cell of some rows changed (and perhaps a Review verdict)."""
    path = tmp_path / "report.xlsx"
    write_xlsx(build_result(2), path)
    wb = openpyxl.load_workbook(path)
    ws = wb[SHEET]
    heads = {c.value: c.column for c in ws[1]}
    for r in range(2, ws.max_row + 1):
        key = (ws.cell(r, heads["a id"]).value, ws.cell(r, heads["b id"]).value)
        if key in edits:
            ws.cell(r, heads["状态 Status"]).value = edits[key]
        if review and key in review:
            ws.cell(r, heads[REVIEW]).value = review[key]
    out = tmp_path / "edited.xlsx"
    wb.save(out)
    return out


def test_a_changed_status_cell_is_a_status_verdict(tmp_path):
    path = status_edited(tmp_path, {("m006", "n006"): "扩展", ("m001", "n001"): "未变 unchanged"})
    verdicts = read_review(path)
    assert [(v.a_id, v.action, v.source) for v in verdicts] == [("m006", "expanded", "status")]  # m001 as written
    result = build_result(2)
    assert apply_review(result, verdicts, fake_relink) == []
    assert links(result)[("m006", "n006")].status == "expanded"


def test_a_review_verdict_wins_over_a_changed_status_and_says_so(tmp_path):
    path = status_edited(tmp_path, {("m006", "n006"): "扩展", ("m005", "n005"): "收窄"},
                         review={("m006", "n006"): "拒绝", ("m005", "n005"): "确认"})
    verdicts = {v.a_id: v for v in read_review(path)}
    assert verdicts["m006"].action == "reject" and "the Review verdict was applied" in verdicts["m006"].remark
    assert verdicts["m005"].action == "narrowed"          # confirmed, with the status the reviewer set
    result = build_result(2)
    problems = apply_review(result, list(verdicts.values()), fake_relink)
    assert ("m006", "n006") not in links(result) and links(result)[("m005", "n005")].status == "narrowed"
    assert len(problems) == 1 and "Status cell was changed to 扩展 expanded" in problems[0]


def test_a_status_typed_on_a_dropped_row_is_skipped_with_the_reason(tmp_path):
    path = status_edited(tmp_path, {("m009", None): "延续"})
    [v] = read_review(path)
    apply_review(build_result(2), [v], fake_relink)
    assert not v.applied and "use 改链 relink" in v.reason


def test_a_status_cell_that_names_no_status_refuses_the_file(tmp_path):
    path = status_edited(tmp_path, {("m006", "n006"): "好"})
    with pytest.raises(InputError, match="row .* Status '好'"):
        read_review(path)


# ---------------------------------------------------------------- cumulative

def test_written_workbook_carries_every_verdict_and_reads_back_the_same(tmp_path, reviewed):
    """A reviewed result's workbook holds each verdict on the row it was typed on (a rejected or
    relinked link keeps a row of its own), so reviewing it again applies the same verdicts."""
    first = build_result(2)
    apply_review(first, read_review(reviewed), fake_relink)
    again = tmp_path / "again.xlsx"
    write_xlsx(first, again)
    said = {(v.comparison, v.a_id, v.b_id, v.action, v.target, v.note) for v in first.review}
    reread = read_review(again)
    assert {(v.comparison, v.a_id, v.b_id, v.action, v.target, v.note) for v in reread} == said
    second = build_result(2)
    apply_review(second, reread, fake_relink)
    for k in (0,):
        a, b = first.comparisons[k], second.comparisons[k]
        assert [(lk.a, lk.b, lk.status, lk.note, lk.reviewed) for lk in a.links] == \
               [(lk.a, lk.b, lk.status, lk.note, lk.reviewed) for lk in b.links]
        assert (a.unmatched_a, a.unmatched_b, a.reviewed_a, a.reviewed_b) == \
               (b.unmatched_a, b.unmatched_b, b.reviewed_a, b.reviewed_b)
    assert [v.applied for v in sorted(first.review, key=lambda v: (v.a_id, v.b_id))] == \
           [v.applied for v in sorted(second.review, key=lambda v: (v.a_id, v.b_id))]


def test_rejected_row_keeps_its_note_and_the_log_lists_every_verdict(tmp_path, reviewed):
    result = build_result(2)
    apply_review(result, read_review(reviewed), fake_relink)
    path = tmp_path / "out.xlsx"
    write_xlsx(result, path)
    wb = openpyxl.load_workbook(path)
    ws = wb[SHEET]
    rows = [dict(zip([c.value for c in ws[1]], r, strict=True)) for r in ws.iter_rows(min_row=2, values_only=True)]
    gone = next(r for r in rows if (r["a id"], r["b id"]) == ("m003", "n003"))
    assert gone["状态 Status"] == "已拒绝 rejected" and gone["审阅 Review"] == "拒绝 reject"
    assert gone["备注 Notes"] == "not the same measure"
    dropped = next(r for r in rows if (r["a id"], r["b id"]) == ("m003", None))
    assert "not the same measure" in dropped["审阅结果 Outcome"]          # the rejection, seen from （三）
    skipped = next(r for r in rows if (r["a id"], r["b id"]) == ("m004", "n004"))
    assert skipped["审阅 Review"] == "改链 relink" and skipped["改链至 Relink to"] == "（九十九）"
    assert "未采用 skipped" in skipped["审阅结果 Outcome"]
    log = list(wb["审阅记录 Review log"].iter_rows(values_only=True))
    assert log[0][:6] == ("上一审阅表行 Row in the reviewed workbook", "本表行 Row here", "比较 Comparison",
                          "A 措施 A measure", "B 措施 B measure", "审阅 Verdict")
    assert sorted(r[0] for r in log[1:]) == sorted(v.row for v in result.review)
    assert [r[8] for r in log[1:]].count("未采用 skipped") == 1
    # each verdict's row in this workbook: the row that carries it again
    sheet = list(wb["对照 Alignment"].iter_rows(values_only=True))
    review_col = sheet[0].index("审阅 Review")
    for r in log[1:]:
        if r[5] != "备注 note":
            assert sheet[r[1] - 1][review_col] == r[5], r


def test_workbook_of_an_earlier_version_is_still_read(tmp_path):
    """English sheet name and headers, no "status #" column: the verdicts are read all the same."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Alignment"
    ws.append(["Comparison", "A label", "B label", "Status", "Review", "Relink to", "Notes",
               "comparison #", "a id", "b id"])
    ws.append(["x", "（三）", "（三）", "narrowed", "reject", None, "old note", 0, "m003", "n003"])
    ws.append(["x", "（六）", "（六）", "continued", None, None, None, 0, "m006", "n006"])  # status as it was
    path = tmp_path / "old.xlsx"
    wb.save(path)
    [v] = read_review(path)
    assert (v.action, v.a_id, v.b_id, v.note) == ("reject", "m003", "n003", "old note")
