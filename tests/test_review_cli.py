"""The reviewer's round trip on real documents, through the command line (run in this process:
tests/in_process.py): verdicts typed into the workbook (as LibreOffice or Excel store them),
applied, carried into the next workbook, and applied again from it."""
import json
import re
import shutil
import zipfile

from conftest import INPUTS, ROOT
from in_process import run_compare
from openpyxl import load_workbook

from compare.vocab import STATUS_LABELS

A24, A25 = str(INPUTS / "chuanyu-2024.txt"), str(INPUTS / "chuanyu-2025-2027.txt")
SHEET = "对照 Alignment"
REVIEW, TARGET, NOTES, STATUS = "审阅 Review", "改链至 Relink to", "备注 Notes", "状态 Status"
COUNTS = re.compile(r"^审阅 review：已采用 \d+ 条审阅意见(?:，保留 \d+ 条备注)?，未采用 \d+ 条 "
                    r"applied (\d+) verdicts?(?: and (\d+) notes?)?, skipped (\d+)", re.M)


def run(*args):
    return run_compare(*args, cwd=ROOT)


def report(folder, ext):
    return next(folder.glob(f"*.{ext}"))


def sheet_rows(path):
    ws = load_workbook(path, read_only=True)[SHEET]
    rows = ws.iter_rows(values_only=True)
    head = list(next(rows))
    return [dict(zip(head, r, strict=True)) for r in rows]


def type_verdicts(path, out, verdicts):
    """Fill cells of the rows named by (a id, b id), as a reviewer would, and save under `out`."""
    wb = load_workbook(path)
    ws = wb[SHEET]
    col = {c.value: c.column for c in ws[1]}
    done = set()
    for r in range(2, ws.max_row + 1):
        key = (ws.cell(r, col["a id"]).value, ws.cell(r, col["b id"]).value)
        for header, value in verdicts.get(key, {}).items():
            ws.cell(r, col[header]).value = value
            done.add(key)
    assert done == set(verdicts)
    wb.save(out)
    return out


def first_round(tmp_path, *docs):
    first = tmp_path / "first"
    p = run(*(docs or (A24, A25)), "--out", str(first), "--format", "xlsx,json")
    assert p.returncode == 0, p.stderr
    data = json.loads(report(first, "json").read_text(encoding="utf-8"))
    return first, data


def label(data, doc, mid):
    return next(m["label"] for m in data["documents"][doc]["measures"] if m["id"] == mid)


def test_two_rounds_of_review_are_cumulative(tmp_path):
    first, data = first_round(tmp_path)
    comp = data["comparisons"][0]
    rejected, wrong_target, restated, confirmed = (comp["links"][k] for k in (0, -3, -2, -1))
    dropped = comp["unmatched_a"][0]                      # no successor: the reviewer links it …
    freed = label(data, 1, rejected["b"])                 # … to the measure the rejection frees,
    typed = freed.replace("（", "(").replace("）", ")")    # typed with half-width parentheses
    status = "continued" if restated["status"] != "continued" else "expanded"
    verdicts = {
        (rejected["a"], rejected["b"]): {REVIEW: "拒绝", NOTES: "不是同一措施：高铁票制与公共交通"},
        (dropped, None): {REVIEW: "改链", TARGET: typed, NOTES: "通信并入公共交通"},
        (confirmed["a"], confirmed["b"]): {REVIEW: "确认 confirm", NOTES: "核对无误"},
        (restated["a"], restated["b"]): {STATUS: STATUS_LABELS[status]},       # the Status column edited
        (wrong_target["a"], wrong_target["b"]): {REVIEW: "relink", TARGET: "（九十）"},
    }
    reviewed = type_verdicts(report(first, "xlsx"), tmp_path / "reviewed.xlsx", verdicts)
    before = reviewed.read_bytes()

    second = tmp_path / "second"
    p = run(A24, A25, "--out", str(second), "--review", str(reviewed))
    assert p.returncode == 0, p.stderr
    assert reviewed.read_bytes() == before                      # never written to
    assert COUNTS.search(p.stderr).groups() == ("4", None, "1")
    assert re.search(r"skipped 1（审阅表第\d+行 row \d+：改链目标 （九十） 在 chuanyu-2025-2027 中没有对应措施 "
                     r"relink target （九十） names no measure in chuanyu-2025-2027）", p.stderr)
    out = json.loads(report(second, "json").read_text(encoding="utf-8"))
    links = {(lk["a"], lk["b"]): lk for lk in out["comparisons"][0]["links"]}
    assert (rejected["a"], rejected["b"]) not in links
    assert links[(dropped, rejected["b"])]["reviewed"] == "relink"
    assert links[(dropped, rejected["b"])]["note"] == "通信并入公共交通"
    assert links[(confirmed["a"], confirmed["b"])]["note"] == "核对无误"
    assert links[(restated["a"], restated["b"])]["status"] == status
    # the rejection's note is kept in the JSON's review section, with what was rejected
    review = out["review"]
    assert (review["file"], review["applied"], review["skipped"]) == ("reviewed.xlsx", 4, 1)
    reject = next(v for v in review["verdicts"] if v["verdict"] == "reject")
    assert reject["note"] == "不是同一措施：高铁票制与公共交通" and reject["was"]["status"] == rejected["status"]
    assert (reject["a_label"], reject["b_label"], reject["applied"]) == (label(data, 0, rejected["a"]), freed, True)
    # … and shown on the page as text, not only in a tooltip; the skipped verdict is marked
    page = report(second, "html").read_text(encoding="utf-8")
    assert re.search(r">[^<>]*不是同一措施：高铁票制与公共交通", page)
    assert re.search(r">[^<>]*核对无误", page)
    assert 'class="review-summary has-skipped"' in page and "names no measure" in page
    assert page.count('class="review-badge skipped"') == 1

    # round 2: the researcher keeps working in the newest workbook and reviews it again
    newest = report(second, "xlsx")
    carried = {(r["a id"], r["b id"]): (r[REVIEW], r[TARGET], r[NOTES]) for r in sheet_rows(newest) if r[REVIEW]}
    assert carried[(rejected["a"], rejected["b"])] == ("拒绝 reject", None, "不是同一措施：高铁票制与公共交通")
    assert carried[(dropped, None)] == ("改链 relink", typed, "通信并入公共交通")
    assert carried[(restated["a"], restated["b"])] == (f"{STATUS_LABELS[status]} {status}", None, None)
    assert len(carried) == 5
    third = tmp_path / "third"
    p2 = run(A24, A25, "--out", str(third), "--review", str(newest))
    assert p2.returncode == 0, p2.stderr
    assert COUNTS.search(p2.stderr).groups() == COUNTS.search(p.stderr).groups()
    again = json.loads(report(third, "json").read_text(encoding="utf-8"))
    assert again["comparisons"] == out["comparisons"] and again["timeline"] == out["timeline"]
    assert {k: again["review"][k] for k in ("applied", "skipped", "notes")} == \
           {k: review[k] for k in ("applied", "skipped", "notes")}
    assert {(r["a id"], r["b id"]): (r[REVIEW], r[TARGET], r[NOTES]) for r in sheet_rows(report(third, "xlsx"))
            if r[REVIEW]} == carried


def test_strict_refuses_a_review_with_a_skipped_verdict_and_writes_nothing(tmp_path):
    first, data = first_round(tmp_path)
    lk = data["comparisons"][0]["links"][0]
    reviewed = type_verdicts(report(first, "xlsx"), tmp_path / "reviewed.xlsx",
                             {(lk["a"], lk["b"]): {REVIEW: "改链", TARGET: "（九十九）"}})
    out = tmp_path / "second"
    p = run(A24, A25, "--out", str(out), "--review", str(reviewed), "--strict")
    assert p.returncode != 0 and p.stderr.count("\n") == 1
    assert "--strict" in p.stderr and "九十九" in p.stderr and "Traceback" not in p.stderr
    assert not out.exists()
    ok = run(A24, A25, "--out", str(out), "--review", str(reviewed))       # without --strict: a warning
    assert ok.returncode == 0 and "skipped 1" in ok.stderr


def test_review_that_is_not_a_file_is_one_line_error(tmp_path):
    p = run(A24, A25, "--out", str(tmp_path / "o"), "--review", str(tmp_path))
    assert p.returncode == 2 and p.stderr.count("\n") == 1 and "reviewed workbook" in p.stderr


def test_review_of_the_second_to_third_comparison(tmp_path):
    """With three documents the workbook holds B → C rows too (comparison #2); a verdict on one
    is applied to that comparison and no other."""
    sh = str(INPUTS / "shuanghe-2025.txt")
    first, data = first_round(tmp_path, A24, A25, sh)
    assert [(c["a"], c["b"]) for c in data["comparisons"]] == [(0, 1), (0, 2), (1, 2)]
    bc = data["comparisons"][2]
    assert bc["links"], "the two 2025 plans share commitments"
    rejected = bc["links"][0]
    wb = load_workbook(report(first, "xlsx"))
    ws = wb[SHEET]
    col = {c.value: c.column for c in ws[1]}
    hits = 0
    for r in range(2, ws.max_row + 1):
        key = tuple(ws.cell(r, col[h]).value for h in ("comparison #", "a id", "b id"))
        if key == (2, rejected["a"], rejected["b"]):
            ws.cell(r, col[REVIEW]).value = "拒绝"
            hits += 1
    assert hits == 1
    reviewed = tmp_path / "reviewed.xlsx"
    wb.save(reviewed)
    p = run(A24, A25, sh, "--out", str(tmp_path / "second"), "--format", "json", "--review", str(reviewed))
    assert p.returncode == 0, p.stderr
    after = json.loads(report(tmp_path / "second", "json").read_text(encoding="utf-8"))["comparisons"]
    assert (rejected["a"], rejected["b"]) not in {(lk["a"], lk["b"]) for lk in after[2]["links"]}
    assert len(after[0]["links"]) == len(data["comparisons"][0]["links"])
    assert len(after[1]["links"]) == len(data["comparisons"][1]["links"])


def test_no_report_names_the_folders_the_inputs_sit_in(tmp_path):
    """Inputs given by absolute paths (and a reviewed workbook beside them): the JSON, every part
    of the workbook and the page name files only."""
    here = tmp_path / "private" / "plans"
    here.mkdir(parents=True)
    a, b = shutil.copy(A24, here), shutil.copy(A25, here)
    first = tmp_path / "first"
    assert run(str(a), str(b), "--out", str(first)).returncode == 0
    data = json.loads(report(first, "json").read_text(encoding="utf-8"))
    lk = data["comparisons"][0]["links"][0]
    reviewed = type_verdicts(report(first, "xlsx"), here / "reviewed.xlsx", {(lk["a"], lk["b"]): {REVIEW: "确认"}})
    out = tmp_path / "second"
    p = run(str(a), str(b), "--out", str(out), "--review", str(reviewed))
    assert p.returncode == 0, p.stderr
    secret = str(tmp_path)
    for folder in (first, out):
        for path in folder.iterdir():
            if path.suffix == ".xlsx":
                with zipfile.ZipFile(path) as z:
                    text = "".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
            else:
                text = path.read_text(encoding="utf-8")
            assert secret not in text and "private/plans" not in text, path.name
    data = json.loads(report(out, "json").read_text(encoding="utf-8"))
    assert data["settings"]["inputs"] == ["chuanyu-2024.txt", "chuanyu-2025-2027.txt"]
    assert data["settings"]["review"] == "reviewed.xlsx"
    assert [d["source"] for d in data["documents"]] == ["chuanyu-2024.txt", "chuanyu-2025-2027.txt"]
