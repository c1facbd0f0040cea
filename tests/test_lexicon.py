"""The lexicon's general rules (compare.text.lexicon): abbreviations, places, names, numbers and
scope read the same way by every stage, and what they make of made-up measures."""
from __future__ import annotations

import pytest

import compare
from compare.classify import classify
from compare.model import Measure
from compare.text.lexicon import (
    NARROWER,
    WIDER,
    abbreviation_of,
    is_generic,
    counted,
    targets,
    words,
    places_in,
    quoted_names,
    scope_changes,
)
from compare.text.normalize import normalize
from compare.vocab import EXPANDED, MATCH


def numbers(norm: str) -> dict[str, float]:
    """unit -> value of the first target counted in each unit."""
    out: dict[str, float] = {}
    for _, value, unit in targets(norm):
        out.setdefault(unit, float(value))
    return out


def measure(k: int, text: str) -> Measure:
    t = normalize(text)
    return Measure(id=f"m{k:03d}", label=f"（{k}）", path=[], chapter="", title=text.split("。")[0], text=text,
                   body=text, number=k, order=k - 1) if t else None


def test_abbreviations_keep_the_characters_of_the_full_form_in_order():
    assert abbreviation_of("社保卡", "推广社会保障卡的应用")
    assert abbreviation_of("医保", "参加医疗保险") and abbreviation_of("公交", "发展公共交通")
    assert not abbreviation_of("公积金", "住房公积金")            # found as it is: not an abbreviation
    assert not abbreviation_of("社保卡", "社会保险与银行卡")        # too far apart


def test_names_numbers_and_scope_are_read_once():
    assert quoted_names(normalize("打造“巴蜀工匠”品牌，拨打12345热线")) == ["巴蜀工匠", "12345"]
    assert quoted_names(normalize("推动“双城”联动")) == []          # two characters in quotes: emphasis
    assert numbers("办理时限10个工作日，覆盖3种，2025年") == {"个工作日": 10.0, "种": 3.0}
    changes = scope_changes("由重度失能人群扩大至中度失能人群，办理时限由10日缩短至5日，由全市缩小至城区")
    assert [(old, new, way) for _, old, new, way in changes] == [
        ("重度失能人群", "中度失能人群", WIDER), ("10日", "5日", WIDER), ("全市", "城区", NARROWER)]


def test_a_count_is_in_any_measure_word_jieba_knows():
    """Units come from jieba's measure words (q), not only the written-out list: 户, 张, 座,
    平方米 count things; a 19xx/20xx number counted in them is a count, not a year; a number no
    unit follows may be a hotline, one that a unit follows is not."""
    text = normalize("改造1000户，新增托位2000张，建设3座，绿地5000平方米，2025年完成，拨打12345")
    assert numbers(text) == {"户": 1000.0, "张": 2000.0, "座": 3.0, "平方米": 5000.0}
    assert [p for p, _, _ in counted(text)] == ["1000户", "2000张", "3座", "5000平方米", "2025年"]
    assert quoted_names(text) == ["12345"]
    assert numbers(normalize("办理时限10个工作日")) == {"个工作日": 10.0}     # the longest unit
    assert [p for p, _, _ in counted(normalize("培训2万人次，投入1.5亿元，达到3万"))] == ["2万人次", "1.5亿元", "3万"]


def test_a_count_is_in_the_measure_words_jieba_files_under_another_tag():
    """节 (t), 对 (p), 门 (n): official writing counts lessons, pairs and courses in them, so
    1000节 → 3000节 is a higher target, not a reworded clause."""
    text = normalize("汇聚课程资源1000节，结对学校100对，互选课程50门，培训120学时")
    assert [p for p, _, _ in counted(text)] == ["1000节", "100对", "50门", "120学时"]


def test_the_magnitude_of_a_number_in_digits_is_no_count_of_its_own():
    """2.6万吨: one number, 2.6万吨 — not also 万 (10000) 吨."""
    text = normalize("建立三市重点排放单位碳排放数据共享平台，2025年底前覆盖年排放2.6万吨以上企业。")
    assert counted(text) == [("2025年", "2025", "年"), ("2.6万吨", "2.6", "万吨")]


def test_a_count_in_chinese_numerals_is_a_count_and_an_idiom_or_rank_is_not():
    text = normalize("覆盖五种疾病，新增两千个托位，培训五万人次，惠及千家万户，建设一批，第二批，二级医院，十四五时期")
    assert [(p, v, u) for p, v, u in counted(text)] == [("五种", "5", "种"), ("两千个", "2000", "个"),
                                                       ("五万人次", "5", "万人次")]
    link = classify(measure(1, "扩大门诊慢特病结算范围，覆盖五种疾病。"), measure(1, "扩大门诊慢特病结算范围，覆盖十种疾病。"), 0.9)
    assert link.status == EXPANDED and link.evidence.numbers_added == ["十种"]


def test_a_target_raised_or_lowered_in_a_measure_word_is_expanded_or_narrowed():
    up = classify(measure(1, "实施适老化改造1000户，新建社区食堂20个。"), measure(1, "实施适老化改造1500户，新建社区食堂20个。"), 0.9)
    down = classify(measure(2, "推进托育服务。新增普惠托位2000张。"), measure(2, "推进托育服务。新增普惠托位1500张。"), 0.9)
    assert up.status == "expanded" and up.evidence.numbers_added == ["1500户"]
    assert down.status == "narrowed" and down.evidence.numbers_removed == ["2000张"]
    assert not down.evidence.scope_changes          # 2000 → 1500 is a target, not a changed modifier


def test_places_are_found_by_rule_in_any_region():
    assert set(places_in("推动川渝两地、重庆市和成都市协同")) == {"重庆市", "成都市", "川渝"}
    assert set(places_in("推动苏皖两地、南京市和合肥市协同")) == {"南京市", "合肥市", "苏皖"}
    assert "成渝" in places_in("推进成渝地区双城经济圈建设")       # a name before 地区 is a place
    assert places_in("推进毗邻地区公交") == []                       # a word of the language is not


def test_a_region_named_with_a_position_word_is_one_place():
    """长江中游城市群, 山西中部城市群: the name and its position word (jieba's f) before a region
    marker are one place, and the marker goes with the name (a word of every regional plan where it
    stands alone) — a measure of such a plan weighs what 成渝地区 would leave it."""
    assert places_in("依托长江中游城市群高校联盟") == ["长江中游"]
    assert places_in("推进山西中部城市群建设") == ["山西中部"]
    assert words("依托长江中游城市群高校联盟") == ["依托", "高校", "联盟"]
    assert is_generic("城市群") and is_generic("经济带")
    assert places_in("推进中部地区发展") == []                   # no name before the position word


def test_an_abbreviated_measure_links_to_its_full_form(tmp_path):
    """社保卡 ~ 社会保障卡: the same commitment, abbreviated in one plan."""
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text("关于印发某方案的通知\n一、重点任务\n（一）推进社保卡跨区域服务。扩大社保卡就医购药应用，实现全市通用。\n"
                 "（二）推进高铁公交化。优化高铁票制。\n（三）加强职业技能培训。联合举办职业技能大赛。\n", encoding="utf-8")
    b.write_text("关于印发某方案的通知\n一、重点任务\n（一）推进社会保障卡跨区域服务。扩大社会保障卡在就医购药中的应用。\n"
                 "（二）发展普惠托育服务。新建托育机构。\n（三）推进图书馆通借通还。联合编目。\n", encoding="utf-8")
    r = compare.compare([a, b])
    assert [(lk.a, lk.b, lk.tier) for lk in r.comparisons[0].links] == [("m001", "m001", MATCH)]


def test_a_general_commitment_made_concrete_is_expanded_with_the_items_named():
    """持续拓展门诊慢特病结算范围 → 增加…等3个门诊慢特病: not dropped, widened by the named items."""
    old = measure(1, "推进跨省异地就医直接结算。持续拓展门诊慢特病结算范围。")
    new = measure(1, "增加门诊慢特病结算病种。将慢性阻塞性肺疾病、类风湿关节炎、冠心病等3个病种纳入门诊慢特病结算范围。")
    link = classify(old, new, 0.5)
    assert link.status == EXPANDED, link.evidence.commitments
    widened = [c for c in link.evidence.commitments if c.change == "widened" and not c.headline]
    assert widened and all(item in widened[0].detail for item in ("慢性阻塞性肺疾病", "类风湿关节炎", "冠心病"))
    assert not [c for c in link.evidence.commitments if c.change == "dropped" and c.material]


def test_the_enumerators_of_a_paragraph_are_not_words():
    assert words(normalize("一是推进家庭医生签约服务，二是建设区域医疗中心，其三扩大覆盖")) == [
        w for w in words(normalize("推进家庭医生签约服务，建设区域医疗中心，扩大覆盖"))]


def test_a_quoted_clause_reads_its_places_back():
    """The cited clause of a link is shown with the places the weighing left out: 在株洲市、湘潭市各建设…,
    not 在 、 各建设…."""
    from compare.text.lexicon import with_places, without_places
    norm, places = "在株洲市、湘潭市各建设1个区域性危险废物集中处置中心", ["株洲市", "湘潭市"]
    assert with_places(without_places(norm, places), norm, places) == norm
    assert with_places("在 、 各建设1个", norm, places) == "在株洲市、湘潭市各建设1个"
    assert with_places("建设1个", norm, places) == "建设1个"


def test_a_region_marker_after_a_name_goes_with_the_name():
    """成渝地区, 长江中游城市群 and 京津冀 name a region each: the marker (地区, 城市群) leaves the words
    with the name, so the same sentence weighs alike whichever region a plan is of; 地区 after
    anything else (西部地区) stays a word."""
    sentence = "依托{}高校联盟开展学分互认"
    forms = {tuple(words(normalize(sentence.format(r)))) for r in ("成渝地区", "长江中游城市群", "京津冀", "苏皖地区")}
    assert forms == {("依托", "高校", "联盟", "开展", "学分", "互认")}
    assert "地区" in words(normalize("支持西部地区发展"))


def test_a_name_before_quyu_is_a_region():
    """长三角区域, 京津冀区域: official writing names a cooperation region with 区域 as with 地区, so
    长三角 (a word to jieba) is a place as 京津冀 is; 区域 after a word of the language (重点区域,
    跨区域) names none."""
    assert places_in(normalize("推进长三角区域一体化发展")) == ["长三角"]
    assert places_in(normalize("推动重点区域和跨区域协同")) == []


@pytest.mark.parametrize("text, items", [
    ("基本实现营业执照、公章刻制、发票申领一次提交", ("营业执照", "公章刻制", "发票申领一次提交")),
    ("大力推广卫生间扶手、防滑地面等基础改造项目", ("卫生间扶手", "防滑地面")),
    ("高标准建设老年食堂、助餐点、配送站", ("老年食堂", "助餐点", "配送站")),
    ("按可达性统筹120、110等热线服务范围", ("可达性统筹120",)),     # 按's object, no modifier
])
def test_a_reworded_verb_opening_a_list_is_not_part_of_its_first_item(text, items):
    from compare.text.lists import list_items
    assert list_items(text)[0][0] == items


@pytest.mark.parametrize("text, place", [
    ("在昆明市、大理市深入开展互助养老试点", "大理市"),      # 大理市 n: listed with a place of its suffix
    ("组织昆明、大理两市50所优质中小学", "大理"),            # 大理 n: listed only with places, before 两市
    ("与通化、包头、西宁等边县中小学结对", "通化"),           # 通化 j: a name listed only with places
    ("在襄阳市开展试点", "襄阳"),                             # 襄阳 ns, 襄阳市 not in jieba's dictionary
])
def test_a_city_jieba_files_otherwise_is_a_place_by_its_context(text, place):
    assert place in places_in(normalize(text))
    assert not any(place in w or w == "两市" for w in words(normalize(text)))


@pytest.mark.parametrize("text, word", [
    ("加强教育、卫生、重庆两地协作", "卫生"),     # other items are no places
    ("推进医保、重庆协作", "医保"),               # 医保 j beside one place only
    ("地级市、县级市", "县级市"),                 # no place in the list
    ("中度失能人员", "中度"),                     # ns without a suffix
])
def test_a_word_beside_places_stays_a_word(text, word):
    assert word in words(normalize(text))
