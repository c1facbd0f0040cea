"""Identity is exact: a measure whose words are the same is `unchanged`, one to one, whatever the
container — numbering style, chapters or none, measure kind, prose or task table, decoration and
punctuation noise. Made-up plans; the variants are made by tests/variants.py."""
from __future__ import annotations

import random

import variants as V

import compare
from compare.vocab import UNCHANGED

PLAN = """关于印发某市公共服务便利化行动方案的通知
一、交通出行
（一）推进公交一卡通互认。推动公交地铁一卡通跨市刷卡，实现乘车码互认互扫。（责任单位：市交通局）
（二）优化城际客运服务。增加毗邻地区城际公交线路，推广定制客运。（责任单位：市交通局、市发展改革委）
（三）推进高速公路通行便利化。推广电子不停车收费，实现跨市通行一次缴费。（责任单位：市交通局）
二、社会保障
（四）推进社会保障卡居民服务一卡通。拓展社会保障卡在就医购药、文化旅游等场景的应用。（责任单位：市人力社保局）
（五）推进养老保险关系转移接续。简化转移接续流程，实现网上办理。（责任单位：市人力社保局）
三、组织保障
（六）加强组织领导。建立联席会议制度，统筹推进各项任务。（责任单位：市发展改革委）
（七）开展监测评估。定期评估任务进展，及时通报评估结果。（责任单位：市发展改革委）
"""


def _unchanged_one_to_one(tmp_path, variant: str, name: str = "b.txt") -> None:
    a = tmp_path / "a.txt"
    a.write_text(PLAN, encoding="utf-8")
    b = tmp_path / name
    if name.endswith(".txt"):
        b.write_text(variant, encoding="utf-8")
    r = compare.compare([a, b])
    comp = r.comparisons[0]
    assert len(comp.links) == 7 and not comp.unmatched_a and not comp.unmatched_b
    assert {lk.status for lk in comp.links} == {UNCHANGED}
    assert len({lk.a for lk in comp.links}) == len({lk.b for lk in comp.links}) == 7
    A, B = r.documents
    assert all(A.measure(lk.a).ident == B.measure(lk.b).ident for lk in comp.links)


def test_renumbered_without_chapters_is_unchanged(tmp_path):
    """1. 2. 3. numbering and no chapters: the 组织保障 items lose their kind, not their identity."""
    _unchanged_one_to_one(tmp_path, V.arabic_only(PLAN))


def test_decorated_shuffled_web_copy_is_unchanged(tmp_path):
    """★ marks after labels and at ends, ● bullets, full-width punctuation swapped, order shuffled."""
    head, parts = V.blocks(PLAN)
    rnd = random.Random(3)
    measures = [lines for label, lines in parts if V._MEASURE.match(label)]
    rnd.shuffle(measures)
    out = [f"● {lines[0].replace('。', '.', 1)} ★" for lines in measures]
    _unchanged_one_to_one(tmp_path, "\n".join(head + ["★★★ 正文 ★★★"] + out))


def test_the_plan_as_a_task_table_is_unchanged(tmp_path):
    """The same tasks as a 任务分工表 (序号 / 重点任务 / 牵头单位 / 完成时限): the deadline column is
    kept out of the body, the units come from their column."""
    import csv
    rows = [["序号", "重点任务", "牵头单位", "完成时限"]]
    for label, lines in V.blocks(PLAN)[1]:
        if not V._MEASURE.match(label):
            rows.append([lines[0], "", "", ""])
            continue
        body, _, units = lines[0][len(label):].rpartition("（责任单位：")
        rows.append([label, body, units.rstrip("）").replace("、", "\n"), "2026年底前"])
    path = tmp_path / "b.csv"
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows(rows)
    _unchanged_one_to_one(tmp_path, "", name="b.csv")
    doc = compare.load(path)
    assert {m.deadline for m in doc.measures} == {"2026年底前"}


def test_decoration_is_removed_before_comparison_and_accounted_for(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(PLAN.replace("（一）推进", "（一）★推进"), encoding="utf-8")
    doc = compare.load(path)
    assert "★" not in doc.measures[0].text
    assert {"text": "★", "reason": "decoration symbol"} in doc.removed
