"""The reviewer's round trip on real documents, through the command line."""
import json
import subprocess
import sys

from openpyxl import load_workbook

from conftest import INPUTS, ROOT

A24, A25 = str(INPUTS / "chuanyu-2024.txt"), str(INPUTS / "chuanyu-2025-2027.txt")


def run(*args):
    return subprocess.run([sys.executable, "-m", "compare", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=300)


def test_reject_and_relink_round_trip(tmp_path):
    first = tmp_path / "first"
    assert run(A24, A25, "--out", str(first), "--format", "xlsx,json").returncode == 0
    xlsx = next(first.glob("*.xlsx"))
    data = json.loads(next(first.glob("*.json")).read_text(encoding="utf-8"))
    a_doc, b_doc = data["documents"]
    label_a = {m["id"]: m["label"] for m in a_doc["measures"]}
    label_b = {m["id"]: m["label"] for m in b_doc["measures"]}
    links = data["comparisons"][0]["links"]
    rejected = next(lk for lk in links if label_a[lk["a"]] == "（一）")       # 高铁公交化 → （十七）
    # （三） 通信一体化 has no successor; the reviewer links it anyway, to （十七） 公共交通
    dropped_id = next(i for i in data["comparisons"][0]["unmatched_a"] if label_a[i] == "（三）")
    target = next(m for m in b_doc["measures"] if m["label"] == "（十七）")

    wb = load_workbook(xlsx)
    ws = wb["Alignment"]
    head = [c.value for c in ws[1]]
    col = {name: head.index(name) + 1 for name in ("Review", "Relink to", "a id", "b id")}
    done = set()
    for r in range(2, ws.max_row + 1):
        a_id, b_id = ws.cell(r, col["a id"]).value, ws.cell(r, col["b id"]).value
        if (a_id, b_id) == (rejected["a"], rejected["b"]):
            ws.cell(r, col["Review"]).value = "reject"
            done.add("reject")
        elif a_id == dropped_id and not b_id:
            ws.cell(r, col["Review"]).value = "relink"
            ws.cell(r, col["Relink to"]).value = target["label"]
            done.add("relink")
    assert done == {"reject", "relink"}
    reviewed = tmp_path / "reviewed.xlsx"
    wb.save(reviewed)
    before = reviewed.read_bytes()

    second = tmp_path / "second"
    p = run(A24, A25, "--out", str(second), "--format", "json,xlsx,html", "--review", str(reviewed))
    assert p.returncode == 0, p.stderr
    assert reviewed.read_bytes() == before                      # never written to
    out = json.loads(next(second.glob("*.json")).read_text(encoding="utf-8"))
    comp = out["comparisons"][0]
    pairs = {(lk["a"], lk["b"]): lk for lk in comp["links"]}
    assert (rejected["a"], rejected["b"]) not in pairs
    assert rejected["a"] in comp["unmatched_a"]                 # （一） has no other link
    relinked = pairs[(dropped_id, target["id"])]
    assert relinked["reviewed"] == "relink"
    assert dropped_id not in comp["unmatched_a"] and label_b[target["id"]] == "（十七）"


def test_review_naming_a_missing_measure_is_reported(tmp_path):
    first = tmp_path / "first"
    assert run(A24, A25, "--out", str(first), "--format", "xlsx").returncode == 0
    wb = load_workbook(next(first.glob("*.xlsx")))
    ws = wb["Alignment"]
    head = [c.value for c in ws[1]]
    ws.cell(2, head.index("Review") + 1).value = "relink"
    ws.cell(2, head.index("Relink to") + 1).value = "（九十九）"
    reviewed = tmp_path / "reviewed.xlsx"
    wb.save(reviewed)
    p = run(A24, A25, "--out", str(tmp_path / "second"), "--format", "json", "--review", str(reviewed))
    assert p.returncode == 0
    assert "九十九" in p.stderr and "warning" in p.stderr


def test_review_that_is_not_a_file_is_one_line_error(tmp_path):
    p = run(A24, A25, "--out", str(tmp_path / "o"), "--review", str(tmp_path))
    assert p.returncode == 2 and p.stderr.count("\n") == 1 and "reviewed workbook" in p.stderr


def test_review_of_the_second_to_third_comparison(tmp_path):
    """With three documents the workbook holds B → C rows too (comparison #2); a verdict on one
    is applied to that comparison and no other."""
    sh = str(INPUTS / "shuanghe-2025.txt")
    first = tmp_path / "first"
    assert run(A24, A25, sh, "--out", str(first), "--format", "xlsx,json").returncode == 0
    data = json.loads(next(first.glob("*.json")).read_text(encoding="utf-8"))
    assert [(c["a"], c["b"]) for c in data["comparisons"]] == [(0, 1), (0, 2), (1, 2)]
    bc = data["comparisons"][2]
    assert bc["links"], "the two 2025 plans share commitments"
    rejected = bc["links"][0]
    wb = load_workbook(next(first.glob("*.xlsx")))
    ws = wb["Alignment"]
    head = [c.value for c in ws[1]]
    col = {name: head.index(name) + 1 for name in ("Review", "comparison #", "a id", "b id")}
    hits = 0
    for r in range(2, ws.max_row + 1):
        key = (ws.cell(r, col["comparison #"]).value, ws.cell(r, col["a id"]).value, ws.cell(r, col["b id"]).value)
        if key == (2, rejected["a"], rejected["b"]):
            ws.cell(r, col["Review"]).value = "reject"
            hits += 1
    assert hits == 1
    reviewed = tmp_path / "reviewed.xlsx"
    wb.save(reviewed)
    p = run(A24, A25, sh, "--out", str(tmp_path / "second"), "--format", "json", "--review", str(reviewed))
    assert p.returncode == 0, p.stderr
    out = json.loads(next((tmp_path / "second").glob("*.json")).read_text(encoding="utf-8"))
    after = out["comparisons"]
    assert (rejected["a"], rejected["b"]) not in {(lk["a"], lk["b"]) for lk in after[2]["links"]}
    assert len(after[0]["links"]) == len(data["comparisons"][0]["links"])
    assert len(after[1]["links"]) == len(data["comparisons"][1]["links"])
