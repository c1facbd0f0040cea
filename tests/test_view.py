"""The view of a result (compare.report.view): the facts every report shows, worked out once —
and the reports, the command line and `to_frames()` agreeing because they render it."""
from __future__ import annotations

import json
import re
import subprocess
import sys

import openpyxl
import pytest
from conftest import INPUTS, ROOT
from in_process import run_compare
from report_fixtures import build_result, rows_expected

import compare
from compare.errors import InputError
from compare.model import Link, file_name
from compare.report import build_view, write_reports
from compare.report.documents import short_title
from compare.report.html import render_html
from compare.timeline import headline, timeline
from compare.vocab import ALL_STATUSES, CONTINUED, EXPANDED, RELATED, STATUSES

A24, A25, SH = (str(INPUTS / n) for n in ("chuanyu-2024.txt", "chuanyu-2025-2027.txt", "shuanghe-2025.txt"))


# ---------------------------------------------------------------- the view, on a hand-made result

def test_rows_one_per_link_and_unmatched_measure_in_reading_order():
    view = build_view(build_result(2))
    rows = view.comparisons[0].rows
    assert len(rows) == rows_expected(build_result(2))
    order = [(r.a.measure.id if r.a else None, r.b.measure.id if r.b else None) for r in rows]
    # new n008/n009 right after the merge into n007; the dropped m009 after them, before m010
    assert order == [("m001", "n001"), ("m002", "n002"), ("m003", "n003"), ("m004", "n004"),
                     ("m005", "n005"), ("m006", "n006"), ("m007", "n007"), ("m008", "n007"),
                     (None, "n008"), (None, "n009"), ("m009", None), ("m010", "n010")]
    assert len({r.anchor for r in view.rows}) == len(view.rows)


def _slotted_one_by_one(rows, news):
    """The reading order as first written: each new measure, in the newer document's order,
    inserted after the last row (so far) whose new measure precedes it."""
    rows = list(rows)
    for new in sorted(news, key=lambda r: r.b.measure.order):
        at = max((i for i, r in enumerate(rows) if r.b and r.b.measure.order < new.b.measure.order), default=-1)
        rows.insert(at + 1, new)
    return rows


@pytest.mark.parametrize("seed", range(30))
def test_new_measures_are_slotted_after_their_predecessor(seed):
    """The view places new measures in one pass; the order is the one-by-one insertion's."""
    import random

    from compare.model import Comparison, Document, Measure
    from compare.report.rows import _ordered_rows
    rng = random.Random(seed)

    def doc(prefix, n):
        return Document(source=f"{prefix}.txt", name=prefix, measures=[
            Measure(id=f"{prefix}{k}", label=f"（{k}）", path=[], chapter="", title="t", text="t", order=k)
            for k in range(n)])
    a, b = doc("a", rng.randint(1, 12)), doc("b", rng.randint(1, 12))
    pairs = {(rng.randrange(len(a.measures)), rng.randrange(len(b.measures))) for _ in range(rng.randint(0, 10))}
    links = [Link(a=f"a{i}", b=f"b{j}", score=0.5, status=CONTINUED) for i, j in sorted(pairs)]
    comp = Comparison(a=0, b=1, links=links,
                      unmatched_a=[m.id for m in a.measures if m.id not in {lk.a for lk in links}],
                      unmatched_b=[m.id for m in b.measures if m.id not in {lk.b for lk in links}])
    rows = _ordered_rows(0, comp, a, b)
    kept = [r for r in rows if r.a is not None]
    news = [r for r in rows if r.a is None]
    assert [id(r) for r in rows] == [id(r) for r in _slotted_one_by_one(kept, news)]


@pytest.mark.parametrize("n_docs", [2, 3])
def test_counts_add_up_to_rows_and_fates_to_each_documents_measures(n_docs):
    result = build_result(n_docs)
    view = build_view(result)
    for c in view.comparisons:
        a, b = result.documents[c.a], result.documents[c.b]
        assert sum(c.counts.values()) == len(c.rows)
        assert sum(sum(n.values()) for n in c.chapters.values()) == len(c.rows)
        assert sorted(c.fates_a) == sorted(m.id for m in a.measures)
        assert sorted(c.fates_b) == sorted(m.id for m in b.measures)
        assert sum(sum(n.values()) for n in c.own_chapters("a").values()) == len(a.measures)
        assert sum(sum(n.values()) for n in c.own_chapters("b").values()) == len(b.measures)
        assert c.counts["dropped"] == list(c.fates_a.values()).count("dropped")
        assert c.counts["new"] == list(c.fates_b.values()).count("new")
    assert view.totals == {s: sum(c.counts[s] for c in view.comparisons) for s in view.totals}


def test_merge_rows_name_the_other_half():
    view = build_view(build_result(2))
    merge = [r for r in view.comparisons[0].rows if r.b and r.b.measure.id == "n007"]
    assert [r.a.measure.id for r in merge] == ["m007", "m008"]
    assert {r.kind for r in merge} == {"merge"}
    assert {r.b.note for r in merge} == {"合并自 merged from （七）、（八）"}
    assert [r.status for r in merge] == [EXPANDED, CONTINUED]
    assert view.comparisons[0].fates_b["n007"] == EXPANDED        # the most changed of the two
    assert merge[0].chips == [("num", "10个工作日 → 5个工作日")]


def test_related_context_for_measures_without_counterpart():
    result = build_result(2)
    result.comparisons[0].related = [Link(a="m009", b="n008", score=0.3, status=RELATED, tier=RELATED)]
    rows = {(r.a.measure.id if r.a else "", r.b.measure.id if r.b else ""): r
            for r in build_view(result).comparisons[0].rows}
    assert rows[("m009", "")].related == "无后续措施 no successor；最近相关 nearest related：（八） 推进出生医学证明跨省通办"
    assert rows[("", "n008")].related == "无前身措施 no predecessor；最近相关 nearest related：（九） 推进电子处方流转"
    assert rows[("m009", "")].nearest.measure.id == "n008"
    assert rows[("m001", "n001")].related == ""                  # a link needs no context
    assert build_view(result).comparisons[0].tallies()["related"] == 1


def test_names_are_short_names_and_file_names_not_paths():
    result = build_result(2)
    result.documents[0].source = "/home/someone/plans/inputs/chuanyu-2024.txt"
    result.documents[1].source = "/home/someone/compilation.txt#6"
    result.documents[1].title = "关于印发《推进川渝公共服务一体化行动方案》的通知"
    view = build_view(result)
    assert [d.file for d in view.documents] == ["chuanyu-2024.txt", "compilation.txt#6"]
    assert [d.name for d in view.documents] == ["川渝2024", "川渝2025"]
    assert view.documents[1].short_title == "推进川渝公共服务一体化行动方案"
    assert view.comparisons[0].name == "川渝2024 → 川渝2025" and view.title == "川渝2024 → 川渝2025"
    page = render_html(view)
    assert "/home/someone" not in page.split("<footer>")[0]       # settings may echo the inputs


def test_file_name_and_short_title_rules():
    assert file_name("a/b/c.docx") == "c.docx" and file_name("c.txt#12") == "c.txt#12"
    assert short_title("关于印发重庆市XX行动方案的通知") == "重庆市XX行动方案"
    assert short_title("推进川渝公共服务一体化深化便捷生活行动事项（2024年版）") == (
        "推进川渝公共服务一体化深化便捷生活行动事项（2024年版）")


def test_timeline_rule_headline_and_every_status():
    """A measure living on in several measures of a later document: every status is listed,
    the headline is the most changed one; a measure with no link there is dropped."""
    result = build_result(3)
    d0, d2 = result.documents[0], result.documents[2]
    from report_fixtures import link
    result.comparisons[1].links.append(link(d0, d2, "m005", "p003", CONTINUED, 0.7))
    result.comparisons[1].unmatched_b.remove("p003")
    view = build_view(result)
    row = next(t for t in view.timeline if t.measure.id == "m005")
    cell = row.cells[2]
    assert cell.ids == ["p002", "p003"] and cell.id_statuses == [EXPANDED, CONTINUED]
    assert cell.statuses == [CONTINUED, EXPANDED] and cell.status == EXPANDED
    assert row.cells[1].status == EXPANDED and row.summary == "在全部 2 个后续文件中 in all 2 later documents"
    dropped = next(t for t in view.timeline if t.measure.id == "m009")
    assert dropped.cells[1].status == dropped.cells[2].status == "dropped"
    assert dropped.summary == "均未延续（删除） nowhere (dropped)"
    assert timeline(result) == [t.row for t in view.timeline]     # the API sets result.timeline by this rule
    assert headline(["narrowed", "expanded", "continued"]) == "narrowed"


def test_timeline_links_land_in_their_own_comparison():
    """A timeline cell about document 2 links to a row of the comparison (0, 2), never to the
    first row that happens to show the measure elsewhere on the page."""
    view = build_view(build_result(3))
    page = render_html(view)
    sections = {m.group(1): m.group(2) for m in re.finditer(
        r'<section class="cmp" id="cmp-(\d+)">(.*?)</section>', page, re.S)}
    for t in view.timeline:
        for j, cell in t.cells.items():
            k = next(c.index for c in view.comparisons if (c.a, c.b) == (t.doc, j))
            target = cell.href.lstrip("#")
            assert f'id="{target}"' in sections[str(k)], (t.measure.id, j, cell.href)


def test_timeline_only_with_three_documents():
    assert build_view(build_result(2)).timeline == []
    assert timeline(build_result(2)) == []


# ---------------------------------------------------------------- three real plans, every format

@pytest.fixture(scope="module")
def three(tmp_path_factory):
    out = tmp_path_factory.mktemp("three")
    result = compare.compare([A24, A25, SH])
    paths = write_reports(result, out, "three", ("json", "xlsx", "html"))
    return result, {p.suffix: p for p in paths}


def _json_timeline(data) -> dict:
    return {(t["doc"], t["a"], int(j)): (t["status"][j], set(t["statuses"][j])) for t in data["timeline"]
            for j in t["status"]}


def _xlsx_timeline(path, names) -> dict:
    ws = openpyxl.load_workbook(path, read_only=True)["时间线 Timeline"]
    rows = ws.iter_rows(values_only=True)
    head = list(next(rows))
    out = {}
    for values in rows:
        row = dict(zip(head, values, strict=True))
        doc = names.index(row["文件 Document"])
        for j, name in enumerate(names):
            status = row.get(f"{name} 状态 status")
            if j <= doc or not status:
                continue
            status = status.split()[-1]                   # "扩展 expanded"
            targets = row[f"{name} 延续于 lives on in"] or ""
            listed = set(re.findall(r"\[\S+ (\w+)\]", targets))
            out[(doc, row["编号 id"], j)] = (status, listed or ({status} - {"dropped"}))
    return out


def _html_timeline(path) -> dict:
    page = path.read_text(encoding="utf-8")
    section = page.split('<section class="timeline">', 1)[1].split("</section>", 1)[0]
    out = {}
    for doc, mid, cells in re.findall(r'<tr data-measure="(\d+):([^"]+)">(.*?)</tr>', section, re.S):
        for j, td in enumerate(re.findall(r"<td[^>]*>", cells), start=1):
            status = re.search(r'data-status="(\w+)"', td)
            if status:
                statuses = re.search(r'data-statuses="([^"]*)"', td).group(1)
                out[(int(doc), mid, j)] = (status.group(1), set(statuses.split()))
    return out


def test_timeline_identical_in_json_workbook_and_html(three):
    result, paths = three
    data = json.loads(paths[".json"].read_text(encoding="utf-8"))
    names = [d.name for d in result.documents]
    in_json = _json_timeline(data)
    expected = {(d, m.id, j) for d in (0, 1) for m in result.documents[d].measures for j in range(d + 1, 3)}
    assert set(in_json) == expected                       # every measure of A and B, every later doc
    assert _xlsx_timeline(paths[".xlsx"], names) == in_json
    assert _html_timeline(paths[".html"]) == in_json
    several = [k for k, (_, s) in in_json.items() if len(s) > 1]
    for k in several:                                     # the headline is the most changed status
        assert in_json[k][0] == headline(in_json[k][1])


def test_alignment_rows_and_counts_agree_across_formats(three, capsys):
    result, paths = three
    data = json.loads(paths[".json"].read_text(encoding="utf-8"))
    ws = openpyxl.load_workbook(paths[".xlsx"], read_only=True)["对照 Alignment"]
    rows = ws.iter_rows(values_only=True)
    head = list(next(rows))
    sheet = {}
    for values in rows:
        r = dict(zip(head, values, strict=True))
        if r["a id"] and r["b id"]:
            sheet[(r["comparison #"], r["a id"], r["b id"])] = r["状态 Status"].split()[-1]   # "扩展 expanded"
    in_json = {(k, lk["a"], lk["b"]): lk["status"] for k, c in enumerate(data["comparisons"]) for lk in c["links"]}
    assert sheet == in_json
    page = paths[".html"].read_text(encoding="utf-8")
    for k, c in enumerate(data["comparisons"]):
        section = page.split(f'<section class="cmp" id="cmp-{k}">', 1)[1].split("</section>", 1)[0]
        shown = re.findall(r'<div class="row st-\w+" id="[^"]+" data-status="(\w+)"', section)
        counts = {s: n for s, n in c["counts"].items() if s not in ("to check", "related")}
        assert {s: shown.count(s) for s in counts} == counts
        assert counts["new"] == len(c["unmatched_b"]) and counts["dropped"] == len(c["unmatched_a"])


def test_to_frames_agree_with_the_json(three):
    result, paths = three
    data = json.loads(paths[".json"].read_text(encoding="utf-8"))
    frames = compare.to_frames(result)
    assert {"documents", "measures", "links", "rows", "timeline", "counts"} <= set(frames)
    links = frames["links"]
    assert {"status", "tier", "confidence", "score"} <= set(links.columns)
    got = {(r.comparison, r.a, r.b): r.status for r in links.itertuples()}
    assert got == {(k, lk["a"], lk["b"]): lk["status"] for k, c in enumerate(data["comparisons"])
                   for lk in c["links"]}
    assert set(links["tier"]) == {"match"} and set(links["confidence"]) <= {"strong", "check"}
    measures = frames["measures"]
    assert [(r.doc, r.id, r.label, r.title) for r in measures.itertuples()] == [
        (d, m["id"], m["label"], m["title"]) for d, doc in enumerate(data["documents"]) for m in doc["measures"]]
    timeline = {(r.doc, r.a, r.later): (r.status, set(r.statuses)) for r in frames["timeline"].itertuples()}
    assert timeline == _json_timeline(data)
    counts = frames["counts"].set_index("comparison")
    for k, c in enumerate(data["comparisons"]):
        assert {s: int(counts.loc[k, s]) for s in c["counts"]} == c["counts"]


def test_to_frames_on_two_documents_has_every_frame():
    frames = compare.to_frames(build_result(2))
    assert len(frames["timeline"]) == 0 and "status" in frames["timeline"].columns
    assert len(frames["rows"]) == rows_expected(build_result(2))
    assert len(frames["links"]) == len(build_result(2).comparisons[0].links)


def test_to_frames_rows_carry_the_review_of_dropped_and_new_rows_as_the_workbook_does(tmp_path):
    """A dropped or new measure's row says which verdict settled it and its note — typed on it (a
    confirmation, a note alone) or on the link whose rejection left it without counterpart — in
    the rows frame as in the workbook's Alignment sheet (one rule: the view's marks)."""
    from compare.model import Verdict
    from compare.report.xlsx import write_xlsx
    from compare.review import apply_review
    from compare.review.form import SHEET

    result = build_result(2)
    verdicts = [Verdict(0, "m003", "n003", "reject", note="不是同一措施", row=4),
                Verdict(0, "m009", "", "dropped", note="确属删除", row=9),
                Verdict(0, "", "n008", "note", note="仅备注", row=11)]
    assert apply_review(result, verdicts, lambda ma, mb, links: Link(ma.id, mb.id, 0.5, CONTINUED)) == []
    view = build_view(result)
    rows = compare.to_frames(view)["rows"]
    got = {(r.a if isinstance(r.a, str) else "", r.b if isinstance(r.b, str) else ""): (r.reviewed, r.note)
           for r in rows.itertuples()}
    assert got[("m009", "")] == ("dropped", "确属删除")
    assert got[("", "n008")] == ("", "仅备注")
    assert got[("m003", "")] == ("reject", "不是同一措施")          # dropped by the rejection
    assert got[("", "n003")] == ("reject", "不是同一措施")          # new by the rejection
    write_xlsx(view, tmp_path / "r.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "r.xlsx")[SHEET]
    heads = [c.value for c in ws[1]]
    sheet = {}
    for values in ws.iter_rows(min_row=2, values_only=True):
        cell = dict(zip(heads, values, strict=True))
        if not cell["状态 Status"].startswith(("已", "本次")):         # rows of this result, not kept verdicts
            sheet[(cell["a id"] or "", cell["b id"] or "")] = f"{cell['备注 Notes'] or ''} {cell['审阅结果 Outcome'] or ''}"
    assert set(sheet) == set(got)
    for key, (reviewed, note) in got.items():
        assert (note in sheet[key]) and (bool(reviewed or note) == bool(sheet[key].strip())), key


# ---------------------------------------------------------------- the command line

def _run(*args, cwd=ROOT):
    """The command line, run in this process (tests/in_process.py)."""
    return run_compare(*args, cwd=cwd)


def test_counts_lines_are_the_views(tmp_path):
    """The command line's rows and links are the JSON's counts, each number named by its unit."""
    p = _run(A24, A25, "--out", str(tmp_path), "--format", "json")
    assert p.returncode == 0, p.stderr
    c = json.loads(next(tmp_path.glob("*.json")).read_text(encoding="utf-8"))["comparisons"][0]
    lines = p.stderr.splitlines()
    at = next(k for k, ln in enumerate(lines) if " → " in ln)
    rows, measures, links = lines[at:at + 3]
    assert rows.startswith(f"{c['name']}：行 rows {sum(c['counts'][s] for s in ALL_STATUSES)} = ")
    assert f"删除 dropped {c['counts']['dropped']} + 新增 new {c['counts']['new']}" in rows
    assert measures.startswith("  措施 measures：") and links.startswith("  关联 links：")
    shown = {s: int(n) for s, n in re.findall(r"[^ ]+ ([a-z]+) (\d+)", links) if s in STATUSES}
    assert shown == {s: c["counts"][s] for s in STATUSES if c["counts"][s]}
    assert f"待核 to check {c['counts']['to check']}" in links


def test_json_only_run_loads_no_workbook_page_or_pandas_library(tmp_path):
    code = ("import sys\nfrom compare.cli import main\n"
            f"try:\n    main([{A24!r}, {A25!r}, '--out', {str(tmp_path)!r}, '-q', '--format', 'json'])\n"
            "except SystemExit as e:\n    assert not e.code, e.code\n"
            "print(sorted(m for m in ('pandas', 'jinja2', 'xlsxwriter', 'openpyxl') if m in sys.modules))")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert p.returncode == 0, p.stderr
    assert p.stdout.strip().splitlines()[-1] == "[]"


def test_review_imports_only_the_form():
    code = ("import sys, compare.review\n"
            "print(sorted(m for m in ('jinja2', 'xlsxwriter', 'compare.report.xlsx', 'compare.report.html',"
            " 'compare.report.view') if m in sys.modules))")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert p.returncode == 0, p.stderr
    assert p.stdout.strip() == "[]"


def test_a_bad_review_workbook_fails_before_any_document_is_read(tmp_path, monkeypatch):
    bad = tmp_path / "reviewed.xlsx"
    bad.write_text("not a workbook", encoding="utf-8")
    read = []
    monkeypatch.setattr(compare.api, "load", lambda p: read.append(p))
    with pytest.raises(InputError, match="not a readable Excel workbook"):
        compare.compare([A24, A25], review=bad)
    assert read == []
