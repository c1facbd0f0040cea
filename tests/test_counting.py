"""One counting language: on one run of the bundled three plans, every number the reports give
says what it counts — 措施 measures (each document's own, once each), 关联 links (a merged or
split measure has several) or 行 rows (links, dropped and new measures) — and the same number
is given in the summary sentence, the page's chips and chart, its header, the command line, the
workbook and the JSON."""
from __future__ import annotations

import contextlib
import io
import json
import re
import signal
from collections import Counter
from pathlib import Path

import openpyxl
import pytest
from bs4 import BeautifulSoup
from bundled import THREE, type_verdicts
from report_fixtures import summary_table

from compare.cli import main
from compare.report.xlsx import GREY_HEAD, REVIEWED_HEAD
from compare.review.form import SHEET
from compare.vocab import ALL_STATUSES, DROPPED, NEW, STATUS_LABELS, STATUSES

LABEL_STATUS = {v: k for k, v in STATUS_LABELS.items()}


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    """The command as a user runs it: its stderr, the three reports it wrote, and their folder."""
    out = tmp_path_factory.mktemp("counts")
    stderr, data, page, book = _command([*map(str, THREE), "--out", str(out)])
    summary = [tuple(r) for r in book["概览 Summary"].iter_rows(values_only=True)]
    return stderr, data, page, summary, out


def _command(args: list[str]):
    """Run the command in this process: (stderr, JSON, page, workbook) of the reports it wrote."""
    stderr, sigterm = io.StringIO(), signal.getsignal(signal.SIGTERM)
    try:
        with contextlib.redirect_stderr(stderr), contextlib.redirect_stdout(io.StringIO()), \
                pytest.raises(SystemExit) as done:
            main(args)
    finally:
        signal.signal(signal.SIGTERM, sigterm)
    assert done.value.code == 0, stderr.getvalue()
    out = Path(args[args.index("--out") + 1])
    data = json.loads(next(out.glob("*.json")).read_text(encoding="utf-8"))
    page = BeautifulSoup(next(out.glob("*.html")).read_text(encoding="utf-8"), "html.parser")
    return stderr.getvalue(), data, page, openpyxl.load_workbook(next(out.glob("*.xlsx")), read_only=True)


def _cli(stderr: str, name: str) -> dict:
    """The three lines the command prints for comparison `name`, read back into numbers."""
    lines = stderr.splitlines()
    at = lines.index(next(ln for ln in lines if ln.startswith(f"{name}：")))
    rows, measures, links = lines[at:at + 3]
    a_part, b_part = measures.split("：", 1)[1].split("；")
    statuses = r"[^ +]+ ([a-z]+) (\d+)"
    return {
        "rows": int(re.search(r"行 rows (\d+)", rows).group(1)),
        "a": {s: int(n) for s, n in re.findall(statuses, a_part)},
        "a_total": int(re.search(r" (\d+) = ", a_part).group(1)),
        "b_total": int(re.search(r" (\d+) = ", b_part).group(1)),
        "b": {s: int(n) for s, n in re.findall(statuses, b_part)},
        "links": {s: int(n) for s, n in re.findall(statuses, links.split("；")[0]) if s in STATUSES},
        "to check": int(re.search(r"待核 to check (\d+)", links).group(1)),
        DROPPED: int(re.search(r"删除 dropped (\d+)", rows).group(1)),
        NEW: int(re.search(r"新增 new (\d+)", rows).group(1)),
    }


def _sentence(text: str) -> dict:
    """"2024年版共39项措施：8项在…中延续或并入（扩展1、修订7），31项未再出现；…共20项措施：13项为新增，
    7项承接…" read back into numbers."""
    a, b = text.split("；")
    kept = dict(re.findall(r"([\u4e00-\u9fff]{2})(\d+)", a.split("（", 1)[1].split("）")[0])) if "（" in a else {}
    return {
        "a_total": int(re.search(r"共(\d+)项措施", a).group(1)),
        "a": {**{LABEL_STATUS[k]: int(v) for k, v in kept.items()},
              DROPPED: int(re.search(r"(\d+)项未再出现", a).group(1))},
        "b_total": int(re.search(r"共(\d+)项措施", b).group(1)),
        "b": {NEW: int(re.search(r"(\d+)项为新增", b).group(1)),
              "continuing": int(re.search(r"(\d+)项承接", b).group(1))},
    }


def test_sentence_cli_and_workbook_count_the_same_measures(run):
    stderr, data, page, summary, _ = run
    sentences = [p.get_text() for p in page.select(".sum .sentence")]
    fates = summary_table(summary, "措施去向")
    head = fates[0]
    for k, c in enumerate(data["comparisons"]):
        said, cli = _sentence(sentences[k]), _cli(stderr, c["name"])
        assert said["a_total"] == cli["a_total"] and said["b_total"] == cli["b_total"]
        assert {s: n for s, n in said["a"].items() if n} == cli["a"]          # 扩展1、修订7 … 删除31
        assert said["b"][NEW] == cli["b"][NEW] and said["b"]["continuing"] == cli["b"]["continuing"]
        a_row, b_row = (r for r in fates[1:] if r[0] == c["name"])
        for row, total, counts in ((a_row, cli["a_total"], cli["a"]), (b_row, cli["b_total"], None)):
            assert row[2] == total
            if counts is not None:
                assert {s: row[head.index(f"{STATUS_LABELS[s]} {s}")] for s in counts} == counts
        assert b_row[head.index("新增 new")] == cli["b"][NEW]
        assert cli["a_total"] == sum(cli["a"].values()) and cli["b_total"] == sum(cli["b"].values())
        assert cli["a_total"] == len(data["documents"][c["a"]]["measures"])


def test_chips_cli_workbook_and_json_count_the_same_links_and_rows(run):
    stderr, data, page, summary, _ = run
    links = summary_table(summary, "关联与行 Links and rows")
    head = links[0]
    cards = page.select(".sum")
    for k, c in enumerate(data["comparisons"]):
        cli = _cli(stderr, c["name"])
        json_links = {s: c["counts"][s] for s in STATUSES if c["counts"][s]}
        chips = {b["data-status"]: int(b["data-count"]) for b in cards[k].select(".link-counts .badge[data-status]")}
        assert cli["links"] == chips == json_links
        assert "关联 links" in cards[k].select_one(".link-counts").get_text()              # says what it counts
        row = next(r for r in links[1:] if r[0] == c["name"])
        assert {s: row[head.index(f"{STATUS_LABELS[s]} {s}")] for s in json_links} == json_links
        assert row[head.index("关联 Links")] == sum(json_links.values())
        rows = sum(c["counts"][s] for s in ALL_STATUSES)
        shown = len(page.select(f"#cmp-{k} .row"))
        note = cards[k].select_one(".rows-note")
        assert cli["rows"] == int(note["data-rows"]) == row[head.index("行 Rows")] == shown == rows
        assert "行 rows" in note.get_text() and "条关联 links" in note.get_text()
        assert cli["to check"] == c["counts"]["to check"] == row[head.index("待核 To check")]


def test_the_header_counts_rows_of_all_comparisons_and_says_so(run):
    _, data, page, _, _ = run
    legend = page.select_one(".statuses legend").get_text(" ", strip=True)
    assert legend.startswith("行数 rows") and "全部比较 all comparisons" in legend
    header = {b["data-count"]: int(b.get_text()) for b in page.select("b[data-count]")}
    assert header == {s: sum(c["counts"][s] for c in data["comparisons"]) for s in ALL_STATUSES}
    options = [o.get_text() for o in page.select("#comparison option")]
    assert options == ["全部比较 all comparisons", *(c["name"] for c in data["comparisons"])]


def test_the_by_chapter_table_names_each_documents_chapters_and_counts_the_charts_measures(run):
    """Each document's chapters, named with the document, counting its own measures: the numbers
    of the page's chart (older document: what became of its measures; newer: new or continuing)."""
    _, data, page, summary, _ = run
    for k, c in enumerate(data["comparisons"]):
        table = summary_table(summary, f"按章节 By chapter：{c['name']}")
        charts = page.select(".sum")[k].select(".chart")
        names = [data["documents"][c["a"]]["name"], data["documents"][c["b"]]["name"]]
        for chart, name in zip(charts, names, strict=True):
            bars = {b.select_one(".ch").get_text(): int(b.select_one(".tot").get_text()) for b in chart.select(".bar-row")}
            rows = {r[0]: r[2] for r in table[1:] if r[1] == name}
            assert rows == bars, name
        assert {r[1] for r in table[1:]} == set(names)


@pytest.fixture(scope="module")
def reviewed_run(run, tmp_path_factory):
    """The command run again with a round of verdicts (`bundled.VERDICTS`: a link rejected, a
    dropped measure relinked, a status set, a relink that cannot be applied): its stderr, JSON,
    page, and the workbook's Summary and 对照 sheets."""
    out = tmp_path_factory.mktemp("reviewed")
    first = next(run[4].glob("*.xlsx"))
    reviewed = type_verdicts(first, out / "reviewed.xlsx")
    stderr, data, page, book = _command([*map(str, THREE), "--out", str(out / "run"), "--review", str(reviewed)])
    summary = [tuple(r) for r in book["概览 Summary"].iter_rows(values_only=True)]
    alignment = list(book[SHEET].iter_rows(values_only=True))
    return stderr, data, page, summary, alignment


def test_a_reviewed_three_plan_run_counts_alike_everywhere(reviewed_run):
    """After a review, the command line, the page, the workbook (its Summary and the rows of its
    对照 sheet) and the JSON give each comparison the same rows, links by status, dropped and
    new measures and matches to check, and the same verdicts applied and skipped; the grey rows
    the 对照 sheet keeps for the verdicts are counted apart, so its rows still add up."""
    stderr, data, page, summary, alignment = reviewed_run
    links_table = summary_table(summary, "关联与行 Links and rows")
    head, sheet_head = links_table[0], alignment[0]
    sheet_rows = [dict(zip(sheet_head, r, strict=True)) for r in alignment[1:]]
    for k, c in enumerate(data["comparisons"]):
        cli, card, counts = _cli(stderr, c["name"]), page.select(".sum")[k], c["counts"]
        mine = [r for r in sheet_rows if r["comparison #"] == k]
        listed = Counter(r["status #"] for r in mine if r["status #"])        # the sheet's rows, by status
        table = next(r for r in links_table[1:] if r[0] == c["name"])
        in_table = {s: table[head.index(f"{STATUS_LABELS[s]} {s}")] for s in ALL_STATUSES}
        note = card.select_one(".rows-note")
        html_rows = Counter(r["data-status"] for r in page.select(f"#cmp-{k} .row"))
        assert cli["rows"] == int(note["data-rows"]) == table[head.index("行 Rows")] == sum(listed.values()) \
            == sum(html_rows.values()) == sum(counts[s] for s in ALL_STATUSES)
        links = {s: counts[s] for s in STATUSES if counts[s]}
        chips = {b["data-status"]: int(b["data-count"]) for b in card.select(".link-counts .badge[data-status]")}
        assert cli["links"] == chips == {s: n for s, n in in_table.items() if n and s in STATUSES} == links
        assert {s: n for s, n in listed.items() if s in STATUSES} == links
        for s in (DROPPED, NEW):
            said = int(re.search(rf"(\d+) 项{STATUS_LABELS[s]}措施", note.get_text()).group(1))
            assert cli[s] == said == in_table[s] == listed[s] == html_rows[s] == counts[s], s
        check = int(card.select_one(".link-counts .conf-check")["data-count"])
        checked_rows = sum(1 for r in mine if r["status #"] and (r["可信度 Confidence"] or "").endswith("check"))
        assert cli["to check"] == check == table[head.index("待核 To check")] == checked_rows == counts["to check"]
        grey = [r for r in mine if not r["status #"]]
        assert table[head.index(GREY_HEAD)] == len(grey) == (2 if k == 0 else 0)   # the rejected link, the relinked measure
    applied, skipped = data["review"]["applied"], data["review"]["skipped"]
    assert (applied, skipped) == (3, 1)
    said = re.search(r"已采用 (\d+) 条审阅意见，未采用 (\d+) 条", stderr)
    shown = [int(b.get_text()) for b in page.select("#review p b")]
    review = {}
    for row in summary_table(summary, "审阅 Review")[1:]:
        review.setdefault(row[0], row[1])                   # a count's row, then the skipped ones
    assert (int(said[1]), int(said[2])) == tuple(shown) == (review["已采用 Applied"], review["未采用 Skipped"]) \
        == (applied, skipped)
    fates = summary_table(summary, "措施去向")
    at = fates[0].index(REVIEWED_HEAD)
    for c in data["comparisons"]:
        a_row, b_row = (r for r in fates[1:] if r[0] == c["name"])
        assert (a_row[at] or 0, b_row[at] or 0) == (len(c["reviewed_a"]), len(c["reviewed_b"]))
    assert sum(len(c["reviewed_a"]) + len(c["reviewed_b"]) for c in data["comparisons"]) == 5
