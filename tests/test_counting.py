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

import openpyxl
import pytest
from bs4 import BeautifulSoup
from bundled import THREE
from report_fixtures import summary_table

from compare.cli import main
from compare.vocab import ALL_STATUSES, DROPPED, NEW, STATUS_LABELS, STATUSES

LABEL_STATUS = {v: k for k, v in STATUS_LABELS.items()}


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    """The command as a user runs it: its stderr, and the three reports it wrote."""
    out = tmp_path_factory.mktemp("counts")
    stderr, sigterm = io.StringIO(), signal.getsignal(signal.SIGTERM)
    try:
        with contextlib.redirect_stderr(stderr), contextlib.redirect_stdout(io.StringIO()), \
                pytest.raises(SystemExit) as done:
            main([*map(str, THREE), "--out", str(out)])      # the command, in this process
    finally:
        signal.signal(signal.SIGTERM, sigterm)
    assert done.value.code == 0, stderr.getvalue()
    data = json.loads(next(out.glob("*.json")).read_text(encoding="utf-8"))
    page = BeautifulSoup(next(out.glob("*.html")).read_text(encoding="utf-8"), "html.parser")
    book = openpyxl.load_workbook(next(out.glob("*.xlsx")), read_only=True)
    summary = [tuple(r) for r in book["概览 Summary"].iter_rows(values_only=True)]
    return stderr.getvalue(), data, page, summary


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
    stderr, data, page, summary = run
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
    stderr, data, page, summary = run
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
    _, data, page, _ = run
    legend = page.select_one(".statuses legend").get_text(" ", strip=True)
    assert legend.startswith("行数 rows") and "全部比较 all comparisons" in legend
    header = {b["data-count"]: int(b.get_text()) for b in page.select("b[data-count]")}
    assert header == {s: sum(c["counts"][s] for c in data["comparisons"]) for s in ALL_STATUSES}
    options = [o.get_text() for o in page.select("#comparison option")]
    assert options == ["全部比较 all comparisons", *(c["name"] for c in data["comparisons"])]


def test_the_by_chapter_table_names_each_documents_chapters_and_counts_the_charts_measures(run):
    """Each document's chapters, named with the document, counting its own measures: the numbers
    of the page's chart (older document: what became of its measures; newer: new or continuing)."""
    _, data, page, summary = run
    for k, c in enumerate(data["comparisons"]):
        table = summary_table(summary, f"按章节 By chapter：{c['name']}")
        charts = page.select(".sum")[k].select(".chart")
        names = [data["documents"][c["a"]]["name"], data["documents"][c["b"]]["name"]]
        for chart, name in zip(charts, names, strict=True):
            bars = {b.select_one(".ch").get_text(): int(b.select_one(".tot").get_text()) for b in chart.select(".bar-row")}
            rows = {r[0]: r[2] for r in table[1:] if r[1] == name}
            assert rows == bars, name
        assert {r[1] for r in table[1:]} == set(names)
