"""How commitment evidence reads in the reports: the workbook's Evidence cell, the HTML lines,
the secondary status and the redline's moved clauses — on a real pipeline run of two small
made-up plans, so the reports show exactly what classify produced."""
import pytest
from openpyxl import load_workbook

import compare
from compare.model import CommitmentFate, Evidence
from compare.report import write_reports
from compare.report.html import redline, render_html
from compare.report.rows import commitment_lines, evidence_chips

OLD = """关于印发测试行动事项的通知

一、交通便捷行动事项

（一）推进高铁公交化。推广预储值模式的铁路电子客票卡。持续优化高铁各车站间票制，逐步实现购票、乘车等服务便捷化。（责任单位：两省市交通运输部门）

（二）推进异地就医直接结算。简化高血压、糖尿病等门诊慢特病跨省异地就医直接结算程序。推进职工医保缴费年限累计计算。（责任单位：两省市医保部门）
"""

NEW = """关于印发测试行动方案的通知

一、交通便捷行动事项

（一）推进高铁公交化。持续优化高铁各车站间票制，逐步实现购票、乘车等服务便捷化。推广预储值模式的铁路电子客票卡。（责任单位：两省市交通运输部门）

（二）推进异地就医直接结算。简化高血压、糖尿病、冠心病、病毒性肝炎等门诊慢特病跨省异地就医直接结算程序，依托医保钱包开展个人账户共济业务。（责任单位：两省市医保部门）
"""


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("display")
    (tmp / "old.txt").write_text(OLD, encoding="utf-8")
    (tmp / "new.txt").write_text(NEW, encoding="utf-8")
    result = compare.compare([tmp / "old.txt", tmp / "new.txt"])
    paths = write_reports(result, tmp / "out", "old_vs_new", formats=("xlsx", "html"))
    return result, paths


def _link(result, number):
    a = result.documents[0]
    return next(lk for lk in result.comparisons[0].links if a.measure(lk.a).number == number)


def test_lines_quote_added_widened_and_dropped_commitments(run):
    result, _ = run
    link = _link(result, 2)
    assert link.status == "revised" and link.secondary_status == "expanded"
    lines = [t for _, t in commitment_lines(link.evidence)]
    assert "+ 新增：「依托医保钱包开展个人账户共济业务」" in lines
    assert "− 不再提及：「推进职工医保缴费年限累计计算」" in lines
    assert any(t.startswith("↑ 扩大：新增列举：冠心病、病毒性肝炎「") for t in lines), lines


def test_workbook_evidence_cell_has_one_line_per_change(run):
    result, paths = run
    xlsx = next(p for p in paths if str(p).endswith(".xlsx"))
    ws = load_workbook(xlsx)["对照 Alignment"]
    heads = [c.value for c in ws[1]]
    cells = [r[heads.index("依据 Evidence")] for r in ws.iter_rows(min_row=2, values_only=True)]
    cell = next(c for c in cells if c and "个人账户共济" in c)
    lines = cell.split("\n")
    assert lines[0] == "亦可视为：扩展 expanded"
    assert "+ 新增：「依托医保钱包开展个人账户共济业务」" in lines
    assert "− 不再提及：「推进职工医保缴费年限累计计算」" in lines
    assert lines[-1].startswith("+冠心病；+病毒性肝炎")        # the item chips stay, last


def test_html_shows_lines_secondary_status_and_moved_clause(run):
    result, _ = run
    page = render_html(result)
    assert '<li class="cm added">+ 新增：「依托医保钱包开展个人账户共济业务」</li>' in page
    assert 'class="secondary st-expanded"' in page
    moved = '<mark class="moved" title="{}">推广预储值模式的铁路电子客票卡</mark>'
    assert moved.format("移至别处 moved from here") in page and moved.format("由别处移来 moved here") in page
    assert "<del>推广预储值" not in page and "<ins>推广预储值" not in page


def test_redline_sides_skip_the_other_sides_moves():
    diff = [["=", "甲。"], ["<", "乙"], ["-", "。"], ["=", "丙"], ["+", "。"], [">", "乙"], ["=", "。"]]
    assert str(redline(diff, "a", "甲。乙。丙。")).count('class="moved"') == 1
    assert str(redline(diff, "b", "甲。丙。乙。")).count('class="moved"') == 1
    assert str(redline(diff, "b", "别的")) == "别的"                  # a stale diff falls back


def test_links_without_commitments_keep_the_chip_only_cell():
    assert commitment_lines(Evidence(added_items=["冠心病"])) == []


def test_minor_changes_and_kept_headlines_stay_out_of_the_lines():
    ev = Evidence(commitments=[
        CommitmentFate("dropped", a="推进高铁公交化", headline=True, material=False),
        CommitmentFate("dropped", a="加强组织领导", material=False),
        CommitmentFate("generalised", a="简化高血压、糖尿病等…", b="持续拓展门诊慢特病结算范围",
                       detail="高血压、糖尿病 → 持续拓展门诊慢特病结算范围"),
        CommitmentFate("moved", a="推进职工医保缴费年限累计计算", detail="见（二）"),
        CommitmentFate("kept", a="持续优化高铁各车站间票制"),
        CommitmentFate("widened", a="推进住房公积金互认互贷", b="深入推进住房公积金跨省域转移接续和互认互贷",
                       detail="新增：转移接续", headline=True, material=False),
    ])
    assert commitment_lines(ev) == [
        ("widened", "↑ 扩大：新增：转移接续「深入推进住房公积金跨省域转移接续和互认互贷」"),
        ("generalised", "≈ 概括：高血压、糖尿病 → 持续拓展门诊慢特病结算范围"),
        ("moved", "→ 移至：（二）「推进职工医保缴费年限累计计算」"),
        ("kept", "= 保留：「持续优化高铁各车站间票制」"),
    ]


def test_json_carries_commitments_and_secondary_status(run):
    result, _ = run
    d = _link(result, 2).to_dict()
    assert d["secondary_status"] == "expanded"
    assert {"change": "dropped", "a": "推进职工医保缴费年限累计计算"} in d["commitments"]


def test_a_changed_deadline_is_shown_and_sets_no_status(tmp_path):
    plan = "某市工作要点（{y}年）\n\n一、重点任务\n\n（一）推进社保卡应用。实现社保卡在交通出行等领域应用。（牵头单位：市人社局；完成时限：{d}）\n"
    (tmp_path / "a.txt").write_text(plan.format(y=2024, d="2024年12月底"), encoding="utf-8")
    (tmp_path / "b.txt").write_text(plan.format(y=2025, d="2025年6月底"), encoding="utf-8")
    (link,) = compare.compare([tmp_path / "a.txt", tmp_path / "b.txt"]).comparisons[0].links
    assert link.evidence.deadline_change == "2024年12月底 → 2025年6月底"
    assert link.status in ("unchanged", "continued")
    assert ("unit", "时限：2024年12月底 → 2025年6月底") in evidence_chips(link.evidence)
