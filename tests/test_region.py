"""Region invariance: a pair of plans moved to another region (川渝 → 苏皖, 重庆 → 南京, 成都 → 合肥,
四川 → 安徽 …) gets the same links and statuses. The tool knows places by rule (jieba's tags, 省/市
forms, names before 地区), never by a list of one region."""
from __future__ import annotations

import pytest
from conftest import INPUTS

import compare

MOVE = [("川渝", "苏皖"), ("成渝", "宁合"), ("重庆市", "南京市"), ("四川省", "安徽省"), ("成都市", "合肥市"),
        ("重庆", "南京"), ("成都", "合肥"), ("四川", "安徽"), ("渝", "宁"), ("川", "皖"), ("蓉", "肥")]


def moved(text: str) -> str:
    for old, new in MOVE:
        text = text.replace(old, new)
    return text


def outcome(result):
    comp = result.comparisons[0]
    a, b = result.documents
    return sorted((a.measure(lk.a).label, b.measure(lk.b).label, lk.status, lk.secondary_status, lk.tier)
                  for lk in comp.links)


@pytest.mark.parametrize("pair", [("chuanyu-2024.txt", "chuanyu-2025-2027.txt"),
                                  ("chuanyu-2025-2027.txt", "shuanghe-2025.txt")])
def test_a_pair_moved_to_another_region_reads_the_same(tmp_path, pair):
    here = [INPUTS / name for name in pair]
    there = []
    for path in here:
        text = moved(path.read_text(encoding="utf-8"))
        assert "重庆" not in text and "川渝" not in text
        there.append(tmp_path / path.name)
        there[-1].write_text(text, encoding="utf-8")
    assert outcome(compare.compare(here)) == outcome(compare.compare(there))
