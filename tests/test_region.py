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


# Small plans whose measures name cities jieba files as words of the language (大理市 n, 通化 j):
# read as places by the lists they stand in, they weigh as 福州市 and 浏阳 do.
_PILOT_OLD = """{p}2022年民生服务工作要点

一、重点任务

（一）推广“时间银行”互助养老。建立“时间银行”志愿服务积分存储和兑换制度；鼓励低龄健康老年人为高龄老年人提供互助服务。（责任单位：省民政厅）

（二）推进长期护理保险制度试点。在{c3}、{c4}开展长期护理保险制度试点；将重度失能人员纳入长期护理保险保障范围。（责任单位：省民政厅）

（三）发展老年教育。在乡镇（街道）建设老年学校；推进老年大学面向社会办学；开发老年教育线上课程资源。（责任单位：省民政厅）
"""
_PILOT_NEW = """{p}2023年民生服务工作要点

一、重点任务

（一）推广“时间银行”互助养老。建立“时间银行”志愿服务积分存储和兑换制度；鼓励低龄健康老年人为高龄老年人提供互助服务；在{c1}、{c2}深入开展互助养老试点。（责任单位：省民政厅）

（二）推进长期护理保险制度试点。在{c4}、{c3}开展长期护理保险制度试点；将重度失能人员纳入长期护理保险保障范围。（责任单位：省民政厅）

（三）发展老年教育。在乡镇（街道）建设老年学校；推进老年大学面向社会办学；开发老年教育线上课程资源。（责任单位：省民政厅）
"""
_PAIRING_OLD = """湖南江西教育协同2024年行动方案

一、推进基础教育协同发展

（一）推动优质学校结对帮扶。组织{a1}、{a2}两市50所优质中小学与{a3}、{a4}、{a5}等湘赣边县（市）中小学开展结对帮扶，共享课程资源和教研成果。（牵头单位：湖南省教育厅；配合单位：江西省教育厅）

（二）发展老年教育。在乡镇（街道）建设老年学校；推进老年大学面向社会办学。（牵头单位：湖南省教育厅）
"""
_PAIRING_NEW = _PAIRING_OLD.replace("2024", "2025").replace(
    "组织{a1}、{a2}两市50所优质中小学与{a3}、{a4}、{a5}", "组织常德、郴州两市50所优质中小学与永定、益阳、衡阳")


def _statuses(tmp_path, old, new, names):
    paths = []
    for k, text in enumerate((old, new)):
        paths.append(tmp_path / f"{k}.txt")
        paths[-1].write_text(text.format(**names), encoding="utf-8")
    return sorted((lk.a, lk.b, lk.status, lk.secondary_status) for lk in compare.compare(paths).comparisons[0].links)


def test_cities_jieba_files_as_words_are_places_where_listed_with_places(tmp_path):
    """在福州市、厦门市深入开展互助养老试点 is a pilot added (continued), and so is 在昆明市、大理市… —
    大理市 (n in jieba's dictionary) was a new specific word: expanded."""
    here = _statuses(tmp_path, _PILOT_OLD, _PILOT_NEW, dict(p="福建省", c1="福州市", c2="厦门市", c3="泉州市", c4="漳州市"))
    there = _statuses(tmp_path, _PILOT_OLD, _PILOT_NEW, dict(p="云南省", c1="昆明市", c2="大理市", c3="玉溪市", c4="曲靖市"))
    assert here == there


@pytest.mark.parametrize("cities", [("昆明", "大理", "玉溪", "遵义", "贵阳"), ("兰州", "银川", "通化", "包头", "西宁")])
def test_a_list_item_is_read_with_the_places_its_list_shows(tmp_path, cities):
    """The item 大理两市50所优质中小学与玉溪 (cut from 组织昆明、大理两市…) names no more than
    南昌两市50所优质中小学与浏阳 does: the same items removed, the same secondary status."""
    slots = ("a1", "a2", "a3", "a4", "a5")
    here = _statuses(tmp_path, _PAIRING_OLD, _PAIRING_NEW, dict(zip(slots, ("长沙", "南昌", "浏阳", "醴陵", "萍乡"), strict=True)))
    there = _statuses(tmp_path, _PAIRING_OLD, _PAIRING_NEW, dict(zip(slots, cities, strict=True)))
    assert here == there
