"""Verdicts belong to measures, not positions: a reviewed workbook records the documents it was
made for and keys each row's measures by label and text fingerprint, so a verdict follows its
measure when the numbering shifts (a re-issued plan), is reported as not applied when its
measure changed, and never lands on another; a re-run carries the output folder's verdicts.
The command line runs in this process (tests/in_process.py)."""
import json
import sys
from pathlib import Path

import openpyxl
import pytest
from conftest import INPUTS, ROOT
from in_process import run_compare, without_debug
from report_fixtures import build_result

from compare import load
from compare.api import comparison_order
from compare.model import Verdict, measure_key
from compare.review.form import KEYS_SHEET, SHEET
from compare.review.identity import OtherDocuments, Reviewed, WorkbookDocument, WorkbookMeasure, place
from compare.report.xlsx import write_xlsx
from compare.review.read import read_workbook

sys.path.insert(0, str(ROOT / "benchmarks"))
from hostile_inputs import first_run, reissued, type_verdicts  # noqa: E402

A24, A25 = INPUTS / "chuanyu-2024.txt", INPUTS / "chuanyu-2025-2027.txt"
REVIEW, TARGET, NOTES = "审阅 Review", "改链至 Relink to", "备注 Notes"


def compare_cli(tmp: Path, *args: str):
    return run_compare(*args, cwd=tmp, env=without_debug())


def titles(data: dict, doc: int) -> dict[str, str]:
    return {m["id"]: m["title"] for m in data["documents"][doc]["measures"]}


def report_json(folder: Path) -> dict:
    return json.loads(next(folder.glob("*.json")).read_text(encoding="utf-8"))


def test_two_rounds_of_review_across_a_reissued_plan(tmp_path):
    """Round 1 is reviewed for 2024 → 2025–2027; the plan is re-issued with one measure inserted
    near the top (every later id and label shifts). Each verdict lands on the measure it was
    typed on — a rejection, a confirmed new measure, a relink typed as a printed label — and a
    verdict typed in round 2's workbook is carried, with them, by a plain re-run."""
    wb = first_run(tmp_path, out="first")
    data = report_json(tmp_path / "first")
    t0, t1 = titles(data, 0), titles(data, 1)
    comp = data["comparisons"][0]
    late = [lk for lk in comp["links"] if lk["b"] > "m005"]
    rejected, relinked = late[0], late[1]
    new = comp["unmatched_b"][-1]
    target = next(m for m in data["documents"][1]["measures"] if m["id"] == "m017")   # after the insertion
    typed = {(rejected["a"], rejected["b"]): {REVIEW: "拒绝", NOTES: "不是同一措施"},
             (None, new): {REVIEW: "确认", NOTES: "确属新增"},
             (relinked["a"], relinked["b"]): {REVIEW: "改链", TARGET: target["label"].replace("（", "(").replace("）", ")")}}
    reviewed = type_verdicts(wb, tmp_path / "reviewed.xlsx", lambda row: typed.get((row["a id"], row["b id"])))
    before = reviewed.read_bytes()
    (tmp_path / "b2.txt").write_text(reissued(A25.read_text(encoding="utf-8")), encoding="utf-8")

    p = compare_cli(tmp_path, "a.txt", "b2.txt", "--out", "second", "-q", "--review", "reviewed.xlsx")
    assert p.returncode == 0, p.stderr
    assert "applied 3 verdicts" in p.stderr and "skipped 0" in p.stderr
    assert reviewed.read_bytes() == before
    out = report_json(tmp_path / "second")
    n1 = titles(out, 1)
    assert len(n1) == len(t1) + 1
    links = {(lk["a"], lk["b"]): lk for lk in out["comparisons"][0]["links"]}
    by_title = {(t0[a], n1[b]) for a, b in links}
    assert (t0[rejected["a"]], t1[rejected["b"]]) not in by_title              # the rejected link is gone …
    verdicts = {v["verdict"]: v for v in out["review"]["verdicts"]}
    assert n1[verdicts["reject"]["b"]] == t1[rejected["b"]]                     # … and it was that one
    assert verdicts["reject"]["b"] != rejected["b"]                             # under its new id
    assert n1[verdicts["confirm"]["b"]] == t1[new] and verdicts["confirm"]["b"] != new
    made = verdicts["relink"]["link"]
    assert (t0[made["a"]], n1[made["b"]]) == (t0[relinked["a"]], target["title"])

    # round 2: the reviewer types one more verdict into the newest workbook and runs the same
    # command again: the workbook is replaced, carrying every verdict (its own and round 1's)
    newest = next((tmp_path / "second").glob("*.xlsx"))
    kept = next(lk for lk in out["comparisons"][0]["links"] if not lk["reviewed"])
    type_verdicts(newest, newest, lambda row: {REVIEW: "确认", NOTES: "第二轮"}
                  if (row["a id"], row["b id"]) == (kept["a"], kept["b"]) else None)
    again = compare_cli(tmp_path, "a.txt", "b2.txt", "--out", "second", "-q")
    assert again.returncode == 0, again.stderr
    assert "carried 4 verdicts" in again.stderr and "applied 4 verdicts" in again.stderr
    third = report_json(tmp_path / "second")
    assert {(v["verdict"], v["a"], v["b"], v["applied"]) for v in third["review"]["verdicts"]} == \
           {(v["verdict"], v["a"], v["b"], True) for v in out["review"]["verdicts"]} | {("confirm", kept["a"], kept["b"], True)}


def test_a_verdict_on_a_changed_measure_is_not_applied_and_comes_back_when_it_returns(tmp_path):
    wb = first_run(tmp_path, out="first")
    data = report_json(tmp_path / "first")
    lk = data["comparisons"][0]["links"][-1]
    type_verdicts(wb, tmp_path / "reviewed.xlsx",
                  lambda row: {REVIEW: "拒绝"} if (row["a id"], row["b id"]) == (lk["a"], lk["b"]) else None)
    b_title = titles(data, 1)[lk["b"]]
    text = A25.read_text(encoding="utf-8")
    line = next(ln for ln in text.split("\n") if b_title in ln)
    (tmp_path / "b3.txt").write_text(text.replace(line, line.replace("。", "，并逐步完善。", 1)), encoding="utf-8")
    p = compare_cli(tmp_path, "a.txt", "b3.txt", "--out", "changed", "-q", "--review", "reviewed.xlsx")
    assert p.returncode == 0, p.stderr
    assert "skipped 1" in p.stderr and "is not in b3.txt as it was" in p.stderr
    out = report_json(tmp_path / "changed")
    assert all(not lk2["reviewed"] for lk2 in out["comparisons"][0]["links"])       # landed nowhere
    # the verdict stays in the new workbook, keyed to its measure, and applies again when the
    # measure is back as it was
    carried = next((tmp_path / "changed").glob("*.xlsx"))
    back = compare_cli(tmp_path, "a.txt", "b.txt", "--out", "back", "-q", "--format", "json", "--review", str(carried))
    assert back.returncode == 0 and "applied 1 verdict, skipped 0" in back.stderr, back.stderr


def test_a_workbook_for_other_documents_is_refused_before_computing(tmp_path):
    wb = first_run(tmp_path, out="first")
    reviewed = type_verdicts(wb, tmp_path / "reviewed.xlsx",
                             lambda row: {REVIEW: "确认"} if row["a id"] and not row["b id"] else None)
    docs = [load(INPUTS / "chuanyu-2024.txt"), load(INPUTS / "shuanghe-2025.txt")]
    with pytest.raises(OtherDocuments, match="was made for a.txt → b.txt, not for chuanyu-2024.txt, shuanghe-2025.txt"):
        place(read_workbook(reviewed), docs, comparison_order(2))


def test_a_workbook_without_keys_falls_back_to_its_measure_sheets(tmp_path):
    """A workbook of an earlier version (no Keys sheet, no key columns): its sheets of measures
    give each id its key, so its verdicts follow the measures all the same; with no measures
    recorded at all, it is refused rather than applied by ids."""
    wb = first_run(tmp_path, out="first")
    data = report_json(tmp_path / "first")
    new = data["comparisons"][0]["unmatched_b"][-1]
    reviewed = type_verdicts(wb, tmp_path / "reviewed.xlsx",
                             lambda row: {REVIEW: "确认"} if (row["a id"], row["b id"]) == (None, new) else None)
    book = openpyxl.load_workbook(reviewed)
    del book[KEYS_SHEET]
    ws = book[SHEET]
    for header in ("target #", "target key", "b key", "a key"):
        ws.delete_cols([c.value for c in ws[1]].index(header) + 1)
    book.save(tmp_path / "old.xlsx")
    old = read_workbook(tmp_path / "old.xlsx")
    assert [len(d.measures) for d in old.documents] == [39, 22] and not old.verdicts[0].b_key
    (tmp_path / "b2.txt").write_text(reissued(A25.read_text(encoding="utf-8")), encoding="utf-8")
    docs = [load(tmp_path / "a.txt"), load(tmp_path / "b2.txt")]
    place(old, docs, comparison_order(2))
    [v] = old.verdicts
    assert not v.lost and docs[1].measure(v.b_id).title == titles(data, 1)[new] and v.b_id != new

    for name in [n for n in book.sheetnames if n != SHEET]:
        del book[name]
    book.save(tmp_path / "bare.xlsx")
    with pytest.raises(OtherDocuments, match="records no measures"):
        place(read_workbook(tmp_path / "bare.xlsx"), docs, comparison_order(2))


def test_equal_measures_are_told_apart_by_id_and_a_renumbered_one_by_its_text():
    same = "推进高铁公交化。"
    doc = WorkbookDocument(0, "a.txt", measures=[WorkbookMeasure("m001", "（一）", measure_key("（一）", same))])
    run = load_text("（一）推进高铁公交化。\n（二）推进高铁公交化。\n（三）开通跨省通勤定制客运线路。\n")
    reviewed = Reviewed(Path("r.xlsx"), [], [doc])
    from compare.model import Verdict
    v = Verdict(0, "m001", "m002", "confirm", a_key=measure_key("（一）", same), b_key=measure_key("（二）", same))
    reviewed.verdicts = [v]
    reviewed.documents.append(WorkbookDocument(1, "b.txt", measures=[WorkbookMeasure("m002", "（二）", v.b_key)]))
    place(reviewed, [run, run], comparison_order(2))
    assert (v.a_id, v.b_id, v.lost) == ("m001", "m002", "")


def test_a_measure_whose_text_now_occurs_twice_is_not_placed_and_says_so_in_both_languages():
    same = "推进高铁公交化。"
    key = measure_key("（五）", same)
    docs = [WorkbookDocument(0, "a.txt", measures=[WorkbookMeasure("m005", "（五）", key)]),
            WorkbookDocument(1, "b.txt", measures=[WorkbookMeasure("m001", "（一）", measure_key("（一）", same))])]
    v = Verdict(0, "m005", "m001", "confirm", a_key=key, b_key=docs[1].measures[0].key)
    t = Verdict(0, "", "m001", "relink", target="（五）", b_key=docs[1].measures[0].key)
    run = load_text("（一）推进高铁公交化。\n（二）推进高铁公交化。\n（三）开通跨省通勤定制客运线路。\n")
    place(Reviewed(Path("r.xlsx"), [v, t], docs), [run, run], comparison_order(2))
    assert "its text occurs 2 times" in v.lost and "出现 2 次" in v.lost and "已改或已删" not in v.lost
    assert "its text occurs 2 times" in t.target_problem and "出现 2 次" in t.target_problem
    assert "已改或已删" not in t.target_problem


def load_text(text: str):
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "plan.txt"
        path.write_text("关于印发测试方案的通知\n一、任务\n" + text, encoding="utf-8")
        return load(path)


def test_review_that_would_lose_the_output_folders_verdicts_is_refused_before_computing(tmp_path):
    """--review R into a folder whose workbook holds verdicts R lacks: refused (exit 3), nothing
    written; a plain re-run there carries them instead."""
    wb = first_run(tmp_path)
    type_verdicts(wb, wb, lambda row: {NOTES: "在文件夹里写的备注"} if row["a id"] == "m001" else None)
    other = first_run(tmp_path, out="elsewhere")
    before = {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir()}
    p = compare_cli(tmp_path, "a.txt", "b.txt", "--out", "out", "-q", "--review", str(other))
    assert p.returncode == 3 and p.stderr.count("\n") == 1, p.stderr
    assert "holds 1 verdict(s) that a_vs_b.xlsx lacks" in p.stderr and "out/a_vs_b.xlsx" in p.stderr
    assert {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir()} == before


def test_a_workbook_for_other_documents_in_the_output_folder_is_not_replaced(tmp_path):
    wb = first_run(tmp_path)
    type_verdicts(wb, wb, lambda row: {REVIEW: "确认"} if row["a id"] and not row["b id"] else None)
    (tmp_path / "sh.txt").write_bytes((INPUTS / "shuanghe-2025.txt").read_bytes())
    before = wb.read_bytes()
    p = compare_cli(tmp_path, "a.txt", "sh.txt", "--out", "out", "-q", "--format", "xlsx")
    assert p.returncode == 0, p.stderr              # another stem: a_vs_sh.xlsx, the review untouched
    assert wb.read_bytes() == before
    wb.rename(tmp_path / "out" / "a_vs_sh.xlsx")
    moved = (tmp_path / "out" / "a_vs_sh.xlsx").read_bytes()
    p = compare_cli(tmp_path, "a.txt", "sh.txt", "--out", "out", "-q", "--format", "xlsx")
    assert p.returncode == 3 and p.stderr.count("\n") == 1 and "for other documents" in p.stderr, p.stderr
    assert (tmp_path / "out" / "a_vs_sh.xlsx").read_bytes() == moved


def test_an_unreadable_workbook_in_the_output_folder_is_not_replaced(tmp_path):
    (tmp_path / "a.txt").write_bytes(A24.read_bytes())
    (tmp_path / "b.txt").write_bytes(A25.read_bytes())
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "a_vs_b.xlsx").write_bytes(b"my own notes, not a workbook")
    p = compare_cli(tmp_path, "a.txt", "b.txt", "--out", "out", "-q")
    assert p.returncode == 3 and "cannot be read as a review workbook" in p.stderr, p.stderr
    assert (tmp_path / "out" / "a_vs_b.xlsx").read_bytes() == b"my own notes, not a workbook"
    assert sorted(x.name for x in (tmp_path / "out").iterdir()) == ["a_vs_b.xlsx"]


def test_a_workbook_without_verdicts_made_for_other_documents_is_refused(tmp_path):
    """Whether a workbook is about this run's documents does not depend on it holding verdicts:
    one with none, made for other documents, is refused all the same (exit 2, nothing written),
    and one with none made for these documents is accepted."""
    wb = tmp_path / "other.xlsx"
    write_xlsx(build_result(2), wb)                 # made for 川渝2024 → 川渝2025, no verdicts
    empty = read_workbook(wb)
    assert empty.verdicts == [] and [len(d.measures) for d in empty.documents] == [10, 10]
    docs = [load_text("（一）开通跨省通勤定制客运线路。\n"), load_text("（一）推进社保卡居民服务一卡通。\n")]
    with pytest.raises(OtherDocuments, match="was made for"):
        place(empty, docs, comparison_order(2))
    (tmp_path / "a.txt").write_text("关于印发测试方案的通知\n一、任务\n（一）开通跨省通勤定制客运线路。\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("关于印发测试方案的通知\n一、任务\n（一）推进社保卡居民服务一卡通。\n", encoding="utf-8")
    p = compare_cli(tmp_path, "a.txt", "b.txt", "--out", "out", "-q", "--review", str(wb))
    assert p.returncode == 2 and p.stderr.count("\n") == 1 and "other.xlsx" in p.stderr, p.stderr
    assert "was made for" in p.stderr and not (tmp_path / "out").exists()
    result = build_result(2)                        # the documents it was made for: accepted
    assert place(read_workbook(wb), result.documents, comparison_order(2)) == []
