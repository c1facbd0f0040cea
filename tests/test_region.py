"""Region invariance: a pair of plans moved to another region (川渝 → 苏皖, 重庆 → 南京, 成都 → 合肥,
四川 → 安徽 …) gets the same links and statuses. The tool knows places by rule (jieba's tags, 省/市
forms, names before 地区), never by a list of one region."""
from __future__ import annotations

import pytest
from conftest import INPUTS

import compare

MOVES = {
    "苏皖": [("川渝", "苏皖"), ("成渝", "宁合"), ("重庆市", "南京市"), ("四川省", "安徽省"), ("成都市", "合肥市"),
           ("重庆", "南京"), ("成都", "合肥"), ("四川", "安徽"), ("渝", "宁"), ("川", "皖"), ("蓉", "肥")],
    "京冀": [("川渝", "京冀"), ("成渝", "京保"), ("重庆市", "北京市"), ("四川省", "河北省"), ("成都市", "保定市"),
           ("重庆", "北京"), ("成都", "保定"), ("四川", "河北"), ("渝", "京"), ("川", "冀"), ("蓉", "保")],
    "粤桂": [("川渝", "粤桂"), ("成渝", "广南"), ("重庆市", "广州市"), ("四川省", "广西壮族自治区"),
           ("成都市", "南宁市"), ("重庆", "广州"), ("成都", "南宁"), ("四川", "广西"), ("渝", "粤"), ("川", "桂"),
           ("蓉", "邕")],
}


def moved(text: str, region: str = "苏皖") -> str:
    for old, new in MOVES[region]:
        text = text.replace(old, new)
    return text


def outcome(result):
    comp = result.comparisons[0]
    a, b = result.documents
    return sorted((a.measure(lk.a).label, b.measure(lk.b).label, lk.status, lk.secondary_status, lk.tier)
                  for lk in comp.links)


@pytest.mark.parametrize("region", sorted(MOVES))
@pytest.mark.parametrize("pair", [("chuanyu-2024.txt", "chuanyu-2025-2027.txt"),
                                  ("chuanyu-2025-2027.txt", "shuanghe-2025.txt")])
def test_a_pair_moved_to_another_region_reads_the_same(tmp_path, pair, region):
    here = [INPUTS / name for name in pair]
    there = []
    for path in here:
        text = moved(path.read_text(encoding="utf-8"), region)
        assert "重庆" not in text and "川渝" not in text
        there.append(tmp_path / path.name)
        there[-1].write_text(text, encoding="utf-8")
    assert outcome(compare.compare(here)) == outcome(compare.compare(there))
