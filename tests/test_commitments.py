"""Commitments: splitting measures into clauses, aligning them within linked groups, and the
status and quoted evidence that follow — on small made-up pairs, one per kind of change."""
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import compare
from compare.classify import classify, classify_pairs
from compare.classify.commitments import split_clauses
from compare.model import Measure

INPUTS = Path(__file__).resolve().parent.parent / "inputs"


def m(text, mid="m001", label="（一）"):
    title = text.split("。")[0]
    return Measure(id=mid, label=label, path=[], chapter="", title=title, text=text, body=text)


@dataclass
class P:
    i: int
    j: int
    score: float = 0.5


def changes(link, kind):
    return [c for c in link.evidence.commitments if c.change == kind and not c.headline]


# ---------------------------------------------------------------- splitting

def test_measure_splits_into_headline_and_clauses():
    parts = split_clauses(m("推进公交客运便利化。推广跨省市公交地铁一卡通服务模式，持续增加毗邻地区跨省城际公交线路。"
                            "在跨界毗邻地区，按可达性统筹120、110等热线服务范围。"))
    assert parts[0] == ("推进公交客运便利化", True, False)
    texts = [t for t, _, _ in parts[1:]]
    # commas split commitments; an adverbial opening (在…，) stays with the clause it opens
    assert texts == ["推广跨省市公交地铁一卡通服务模式", "持续增加毗邻地区跨省城际公交线路",
                     "在跨界毗邻地区，按可达性统筹120、110等热线服务范围"]


def test_means_clause_is_marked_before_its_goal():
    parts = split_clauses(m("推进居住证信息互通。推动居住证登记信息纳入政务一体化平台，实现信息互通。"))
    assert [(t, means) for t, _, means in parts[1:]] == [("推动居住证登记信息纳入政务一体化平台", True),
                                                         ("实现信息互通", False)]


def test_a_one_sentence_measure_splits_into_its_clauses():
    """A measure that is only its headline (工作要点, task tables) has commitments of its own:
    its comma clauses, as a body's would be."""
    parts = split_clauses(m("推进养老服务补贴异地结算，探索长期护理保险异地结算。"))
    assert parts == [("推进养老服务补贴异地结算", True, False), ("探索长期护理保险异地结算", True, False)]


def test_a_clause_added_to_a_one_sentence_measure_expands_it():
    a = m("推进养老服务补贴异地结算。")
    b = m("推进养老服务补贴异地结算，探索长期护理保险异地结算。")
    link = classify(a, b, 0.8)
    assert link.status == "expanded"
    assert [c.b for c in changes(link, "added")] == ["探索长期护理保险异地结算"]
    assert [c.a for c in changes(link, "kept")] == ["推进养老服务补贴异地结算"]


# ---------------------------------------------------------------- one kind of change each

def test_dropped_clause_makes_narrowed_and_is_quoted():
    a = m("推进高铁公交化。持续优化高铁各车站间票制，逐步实现购票、乘车等服务便捷化。推广预储值模式的铁路电子客票卡。")
    b = m("推进高铁公交化。持续优化高铁车站间票制，逐步实现高铁购票、乘车等服务便捷化。")
    link = classify(a, b, 0.8)
    assert link.status == "narrowed"
    assert [c.a for c in changes(link, "dropped")] == ["推广预储值模式的铁路电子客票卡"]
    assert not changes(link, "added")


def test_added_clause_makes_expanded_and_is_quoted():
    a = m("推进公交客运便利化。推广跨省市公交地铁一卡通服务模式，持续增加毗邻地区跨省城际公交线路。")
    b = m("推进公交客运便利化。推广跨省市公交地铁一卡通服务模式，持续增加毗邻地区跨省城际公交线路，"
          "推动跨区域通勤无障碍换乘。")
    link = classify(a, b, 0.8)
    assert link.status == "expanded"
    assert [c.b for c in changes(link, "added")] == ["推动跨区域通勤无障碍换乘"]
    assert not changes(link, "dropped")


def test_added_and_dropped_clauses_make_revised():
    a = m("推进景区景点联动促销。推出文旅惠民消费券，鼓励A级景区参与“百万职工游巴蜀”等惠民活动。")
    b = m("推进旅游资源共享利用。深入实施“百万职工游巴蜀”等活动，联合发布系列特色主题旅游线路。")
    link = classify(a, b, 0.6)
    assert link.status == "revised"
    assert [c.a for c in changes(link, "dropped")] == ["推出文旅惠民消费券"]
    assert [c.b for c in changes(link, "added")] == ["联合发布系列特色主题旅游线路"]
    kept = [c for c in link.evidence.commitments if c.change in ("kept", "reworded") and not c.headline]
    assert kept and "百万职工游巴蜀" in kept[0].a      # the quoted programme names the commitment


@pytest.mark.parametrize("old, new, detail", [
    ("推动长期护理保险评估结论互认，覆盖重度失能人群。", "推动长期护理保险评估结论互认，覆盖中度失能人群。",
     "重度失能 → 中度失能"),
    ("推动长期护理保险评估结论互认，覆盖重度失能人群。", "推动长期护理保险评估结论互认，覆盖中度以上失能人群。",
     "重度失能 → 中度以上失能"),
    ("推动长期护理保险评估结论互认，适用于重度失能人群。",
     "推动长期护理保险评估结论互认，适用范围由重度失能人群扩大至中度失能人群。", "重度失能人群 → 中度失能人群"),
    ("简化高血压、糖尿病等门诊慢特病跨省直接结算程序。", "简化高血压、糖尿病、冠心病、病毒性肝炎等门诊慢特病跨省直接结算程序。",
     "新增列举：冠心病、病毒性肝炎"),
    ("推进住房公积金互认互贷。", "深入推进住房公积金跨省域转移接续和互认互贷。", "转移接续"),
    ("开通跨省通办事项80项。", "开通跨省通办事项120项。", "80项 → 120项"),
    ("每年联合培训养老护理员5000人次。", "每年联合培训养老护理员8000人次。", "5000人次 → 8000人次"),
    ("到2025年区域PM2.5平均浓度降至38微克/立方米以下。", "到2025年区域PM2.5平均浓度降至35微克/立方米以下。",
     "38微克 → 35微克"),
    ("养老保险转移办结时间缩短至10个工作日。", "养老保险转移办结时间缩短至5个工作日。", "10个工作日 → 5个工作日"),
])
def test_widened_scope_makes_expanded_and_says_how(old, new, detail):
    link = classify(m("推进社会保障服务。" + old), m("推进社会保障服务。" + new), 0.8)
    assert link.status == "expanded", link.evidence.commitments
    widened = changes(link, "widened")
    assert widened and detail in widened[0].detail, widened
    assert widened[0].detail.count(detail) == 1, widened          # said once (a number is no modifier)
    assert widened[0].a and widened[0].b


@pytest.mark.parametrize("old, new, status, detail", [
    ("推动65岁以上老年人健康档案跨区域调阅。", "推动60岁以上老年人健康档案跨区域调阅。", "expanded", "65岁以上 → 60岁以上"),
    ("推动60岁以上老年人健康档案跨区域调阅。", "推动65岁以上老年人健康档案跨区域调阅。", "narrowed", "60岁以上 → 65岁以上"),
    ("为年满60周岁的城乡老年人提供就业信息服务。", "为年满65周岁的城乡老年人提供就业信息服务。", "narrowed",
     "年满60周岁 → 年满65周岁"),
    ("对70周岁以下的农村劳动力给予培训补贴。", "对75周岁以下的农村劳动力给予培训补贴。", "expanded", "70周岁以下 → 75周岁以下"),
    ("推动全部养老机构安装火灾报警器。", "推动床位数100张以上的养老机构安装火灾报警器。", "narrowed", "新增限定：床位数100张以上"),
    ("重点检查定点医疗机构虚假就医、过度诊疗问题。", "重点检查二级及以上定点医疗机构虚假就医问题。", "narrowed",
     "新增限定：二级及以上"),
    ("为所有外来务工人员提供免费技能培训。", "为就业困难的外来务工人员提供免费技能培训。", "narrowed", "不再：所有"),
    ("在南京、杭州开展养老服务补贴异地结算试点。", "在南京、杭州、合肥开展养老服务补贴异地结算试点。", "expanded",
     "合肥"),
    ("每季度开展一次劳动保障联合执法检查。", "每月开展一次劳动保障联合执法检查。", "expanded", "每季度 → 每月"),
    ("在南宁、广州开展养老保险关系转移接续试点。", "在两省区全面推行养老保险关系转移接续。", "expanded", "试点 → 全面推行"),
    ("在两省区全面推行养老保险关系转移接续。", "在南宁、广州开展养老保险关系转移接续试点。", "narrowed", "全面推行 → 试点"),
    ("实现全部地级以上城市公交地铁刷卡互认。", "实现部分地级以上城市公交地铁刷卡互认。", "narrowed", "不再：全部"),
    ("深入实施“银龄安康”“幸福食堂”“康养护理”三项工程。", "深入实施“银龄安康”“幸福食堂”两项工程。", "narrowed",
     "不再列举：康养护理"),
    ("在北京城市副中心、雄安新区开展轨道交通安检互认试点。", "全面推行京津冀轨道交通安检互认。", "expanded", "试点 → 全面推行"),
    ("按月通报劳动保障联合执法检查情况。", "按季度通报劳动保障联合执法检查情况。", "narrowed", "每月 → 每季度"),
    ("推动二级以上公立医疗机构检查结果互认。", "推动三级公立医疗机构检查结果互认。", "narrowed", "二级以上 → 三级"),
    ("推动三级公立医疗机构检查结果互认。", "推动二级及以上公立医疗机构检查结果互认。", "expanded", "三级 → 二级及以上"),
])
def test_bounds_of_who_is_covered_set_the_direction(old, new, status, detail):
    """An age or a threshold bounds who is covered: lowering a lower bound (以上, 年满) or raising
    an upper one (以下) widens, a bound added restricts; a universal word lost, or fewer places,
    narrows; more places widen. None of these is a target (建成100个以上 is), and 以上定点 is no
    modifier of 定点."""
    link = classify(m("推进公共服务共享。" + old), m("推进公共服务共享。" + new), 0.8)
    assert link.status == status, link.evidence.commitments
    changed = changes(link, "widened" if status == "expanded" else "narrowed")
    assert changed and detail in changed[0].detail, changed
    assert "目标" not in changed[0].detail and "以上定点" not in changed[0].detail


def test_a_rank_alone_is_no_bound_unless_it_restates_one():
    """省市县三级联动 names no rank of who is covered: a bound of rank dropped beside it is no
    change of rank (二级以上 → 三级 is, when 三级 qualifies the same noun)."""
    link = classify(m("推进医疗协作。推动二级以上医院建立省市县三级联动机制。"),
                    m("推进医疗协作。推动医院建立省市县三级联动机制。"), 0.8)
    assert not any("→ 三级" in c.detail for c in link.evidence.commitments), link.evidence.commitments


def test_a_target_is_compared_with_the_one_counting_the_same_thing():
    """培训基地50个、技能大师工作室100个 → 技能大师工作室120个: 100个 → 120个 (the 工作室), and
    the 培训基地's 50个 is no longer given — not 50个 → 120个."""
    link = classify(m("推进技能人才培养。建设高技能人才培训基地50个、技能大师工作室100个。"),
                    m("推进技能人才培养。建设技能大师工作室120个。"), 0.8)
    details = " ".join(c.detail for c in link.evidence.commitments)
    assert "100个 → 120个" in details and "50个 → 120个" not in details, link.evidence.commitments


def test_a_target_moved_to_another_clause_and_raised_is_raised_not_lost():
    """试点1万亩 → 全面推广…，完成改良面积2万亩: the one target in 亩 on each side, now in a clause of its
    own: 1万亩 → 2万亩, not "no longer given" and a new target."""
    link = classify(m("实施盐碱地综合治理，在甲镇开展盐碱地改良试点1万亩。"),
                    m("实施盐碱地综合治理，在全区全面推广盐碱地改良，完成改良面积2万亩。"), 0.8)
    details = " ".join(c.detail for c in link.evidence.commitments)
    assert "1万亩 → 2万亩" in details and "不再提及" not in details, link.evidence.commitments
    assert link.status == "expanded"


def test_all_made_a_share_is_narrowed():
    """全部区直机关 → 50%以上区直机关: a share of what was all, not a new target."""
    link = classify(m("开展节水型单位创建，全部区直机关建成节水型单位。"), m("开展节水型单位创建，50%以上区直机关建成节水型单位。"),
                    0.8)
    assert link.status == "narrowed", link.evidence.commitments
    assert not any("新增目标" in c.detail for c in link.evidence.commitments)


def test_a_target_with_yishang_is_still_a_target():
    """建成100个以上的社区食堂 sets a target (higher is wider), not a bound on who is covered."""
    link = classify(m("推进助餐服务。建成100个以上的社区食堂。"), m("推进助餐服务。建成150个以上的社区食堂。"), 0.8)
    assert link.status == "expanded"
    assert "100个 → 150个" in changes(link, "widened")[0].detail


def test_a_reworded_modifier_that_was_said_before_is_no_swap():
    """在线查询 → 网上查询 swaps a modifier (expanded, as 重度失能 → 中度失能 is read); 诊疗问题 →
    就医问题 does not, when 就医 was in the old text already."""
    link = classify(m("推进监管。重点检查虚假就医、过度诊疗问题。"), m("推进监管。重点检查虚假就医问题。"), 0.8)
    assert link.status == "narrowed", link.evidence.commitments
    assert "→" not in changes(link, "narrowed")[0].detail


def test_widening_word_alone_is_expanded_with_continued_close():
    a = m("推进电子证照互认。推进电子证照在政务服务中互认。")
    b = m("推进电子证照互认。推进电子证照在政务服务中互认扩面。")
    link = classify(a, b, 0.9)
    assert (link.status, link.secondary_status) == ("expanded", "continued")
    assert changes(link, "widened")[0].detail == "扩面"


def test_lower_target_is_narrowed():
    link = classify(m("推进跨省通办。开通跨省通办事项120项。"), m("推进跨省通办。开通跨省通办事项80项。"), 0.8)
    assert link.status == "narrowed"
    assert "120项 → 80项" in changes(link, "narrowed")[0].detail


def test_generalised_enumeration_is_not_narrowed():
    a = m("推进异地就医直接结算。简化高血压、糖尿病、恶性肿瘤放化疗等门诊慢特病跨省异地就医直接结算程序。")
    b = m("推进异地就医直接结算。统筹推进跨省异地就医直接结算，持续拓展门诊慢特病结算范围。")
    link = classify(a, b, 0.7)
    assert link.status == "continued"
    gen = changes(link, "generalised")
    assert gen and gen[0].b == "持续拓展门诊慢特病结算范围"
    assert gen[0].detail.startswith("高血压、糖尿病、恶性肿瘤放化疗 → ")
    assert not changes(link, "dropped") and not changes(link, "narrowed")


def test_shorter_list_is_narrowed_not_generalised():
    a = m("实现就业登记、失业登记、职业指导、职业介绍等服务事项通办。")
    b = m("实现就业登记、失业登记等服务事项通办。")
    link = classify(a, b, 0.8)
    assert link.status == "narrowed"
    assert "职业指导、职业介绍" in link.evidence.commitments[0].detail


def test_reworded_list_item_is_continued():
    a = m("共建创业服务环境。共建创业服务共享平台、创业导师库和创业培训师智库。")
    b = m("共建创业服务环境。共建创业服务共享平台、创业导师库和创业培训师资库。")
    assert classify(a, b, 0.9).status == "continued"


def test_dropped_means_with_kept_goal_is_not_material():
    a = m("推进居住证信息互通。推动居住证登记信息纳入政务一体化平台，实现居住证信息互通。")
    b = m("推进居住证信息互通。加快实现居住证信息互通。")
    link = classify(a, b, 0.8)
    assert link.status == "continued"
    dropped = changes(link, "dropped")
    assert dropped and dropped[0].material is False


def test_boilerplate_is_not_material():
    a = m("推进公共就业服务通办。实现就业登记、失业登记等服务事项跨省通办。加强组织领导，推动各项任务落地见效。")
    b = m("推进公共就业服务通办。实现就业登记、失业登记等服务事项跨省通办。")
    link = classify(a, b, 0.8)
    assert link.status == "continued"


def test_nothing_restated_is_revised():
    a = m("推进高校师生同上一门课。推广异地同步课堂、在线远程实验等慕课应用新模式。")
    b = m("推进高等教育深度合作。建立大学科学仪器设备库，共享高校先进设备资源。")
    link = classify(a, b, 0.3)
    assert link.status == "revised"
    assert changes(link, "dropped") and changes(link, "added")


# ---------------------------------------------------------------- groups: merges and splits

def test_merge_of_two_measures_gives_new_clauses_to_the_one_they_are_about():
    a1 = m("推进高铁公交化。持续优化高铁各车站间票制，逐步实现购票、乘车等服务便捷化。", "a1")
    a2 = m("推进公交客运便利化。推广跨省市公交地铁一卡通服务模式，持续增加毗邻地区跨省城际公交线路。", "a2")
    b = m("推动公共交通畅通便捷。持续优化高铁车站间票制，逐步实现高铁购票、乘车等服务便捷化。"
          "持续增加跨省城际公交线路，推广跨省市公交地铁一卡通服务模式，推广一卡通移动支付和乘车码互认互扫。", "b1")
    l1, l2 = classify_pairs([a1, a2], [b], [P(0, 0), P(1, 0)])
    # a1's commitments are all restated; b's clauses about a2's topic are not a1's additions
    assert l1.status == "continued", l1.evidence.commitments
    assert not changes(l1, "added") and not changes(l1, "dropped")
    assert l2.status == "expanded", l2.evidence.commitments
    assert [c.b for c in changes(l2, "added")] == ["推广一卡通移动支付和乘车码互认互扫"]


def test_a_merged_measures_title_naming_a_siblings_topic_widens_nothing():
    """推进医保待遇和价格政策衔接 merges 待遇政策衔接 and 价格协同: 价格 is the merged sibling's
    topic (价格政策 read by its parts), not something the title adds to 待遇."""
    a1 = m("推进医疗服务价格协同。建立医疗服务价格动态调整协商机制。", mid="a1")
    a2 = m("推动医保待遇政策衔接。统一三地职工医保门诊共济保障政策，逐步缩小待遇差距。", mid="a2")
    b = m("推进医保待遇和价格政策衔接。建立医疗服务价格动态调整协商机制。统一三地职工医保门诊共济保障政策，逐步缩小待遇差距。",
          mid="b1")
    l1, l2 = classify_pairs([a1, a2], [b], [P(0, 0), P(1, 0)])
    assert (l1.status, l2.status) == ("continued", "continued"), (l1.evidence.commitments, l2.evidence.commitments)


def test_split_clause_carried_by_the_other_new_measure_is_moved_not_dropped():
    a = m("推进异地就医便利化。简化门诊慢特病跨省异地就医直接结算程序。推进职工医保缴费年限互认、累计计算。")
    b1 = m("增加门诊慢特病结算病种。简化门诊慢特病跨省异地就医直接结算程序，增加冠心病、病毒性肝炎等门诊慢特病病种。", "b1")
    b2 = m("推动职工医保缴费年限互认。持续推进职工医保缴费年限互认、累计计算。", "b2", "（二）")
    l1, l2 = classify_pairs([a], [b1, b2], [P(0, 0), P(0, 1)])
    assert not changes(l1, "dropped") and not changes(l2, "dropped")
    moved = changes(l1, "moved")
    assert [c.a for c in moved] == ["推进职工医保缴费年限互认、累计计算"] and "（二）" in moved[0].detail
    assert l1.status == "expanded" and "冠心病" in l1.evidence.added_items
    assert l2.status == "continued"


def test_split_list_item_the_other_part_carries_is_no_narrowing():
    """课程互选、学分互认 split into a measure on each: neither part lost an item of the list."""
    a = m("建设高校联盟。依托高校联盟，推动联盟高校课程互选、学分互认，每年开放互选课程不少于50门。")
    b1 = m("推动高校联盟课程互选。依托高校联盟，推动联盟高校课程互选，每年开放互选课程不少于50门。", "b1")
    b2 = m("推进联盟高校学分互认。依托高校联盟，推进联盟高校之间学分互认。", "b2", "（二）")
    l1, l2 = classify_pairs([a], [b1, b2], [P(0, 0), P(0, 1)])
    assert (l1.status, l2.status) == ("continued", "continued"), (l1.evidence.commitments, l2.evidence.commitments)
    assert not changes(l1, "narrowed") and not changes(l2, "narrowed")


def test_split_clause_goes_to_the_part_restating_it_more_fully():
    """评审结果在两地互认 shares words with the part about 评审标准, but the other part restates it
    whole: there it is carried, here it is moved, and widens nothing."""
    a = m("建立职称评审互认制度。统一专业技术人员职称评审标准，评审结果在三省互认。")
    b1 = m("统一职称评审标准。制定三省统一的专业技术人员职称评审条件和评审标准。", "b1")
    b2 = m("推动职称评审结果互认。专业技术人员职称评审结果在三省互认，实行联合公示。", "b2", "（二）")
    l1, l2 = classify_pairs([a], [b1, b2], [P(0, 0), P(0, 1)])
    assert [c.a for c in changes(l1, "moved")] == ["评审结果在三省互认"]
    assert [c.a for c in changes(l2, "moved")] == ["统一专业技术人员职称评审标准"]
    assert (l1.status, l2.status) == ("continued", "expanded"), (l1.evidence.commitments, l2.evidence.commitments)


def test_split_commitment_no_part_carries_is_listed_but_not_held_against_one_part():
    a = m("推进异地就医便利化。简化门诊慢特病跨省异地就医直接结算程序。推进重庆、成都异地住院免备案。"
          "推进职工医保缴费年限累计计算。")
    b1 = m("增加门诊慢特病结算病种。简化门诊慢特病跨省异地就医直接结算程序，增加冠心病、病毒性肝炎等门诊慢特病病种。", "b1")
    b2 = m("推动职工医保缴费年限互认。持续推进职工医保缴费年限累计计算。", "b2")
    l1, _ = classify_pairs([a], [b1, b2], [P(0, 0), P(0, 1)])
    dropped = changes(l1, "dropped")
    assert [c.a for c in dropped] == ["推进重庆、成都异地住院免备案"] and dropped[0].split is True
    assert l1.status == "expanded" and l1.secondary_status == "revised"


# ---------------------------------------------------------------- redline

def test_moved_clause_is_one_moved_piece_on_each_side():
    a = m("推进高铁公交化。推广预储值模式的铁路电子客票卡。持续优化高铁各车站间票制，逐步实现购票服务便捷化。")
    b = m("推进高铁公交化。持续优化高铁各车站间票制，逐步实现购票服务便捷化。推广预储值模式的铁路电子客票卡。")
    diff = classify(a, b, 0.9).evidence.diff
    assert ["<", "推广预储值模式的铁路电子客票卡"] in diff and [">", "推广预储值模式的铁路电子客票卡"] in diff
    assert not any(op in "-+" and "电子客票卡" in t for op, t in diff)
    assert "".join(t for op, t in diff if op in "=-<") == a.text
    assert "".join(t for op, t in diff if op in "=+>") == b.text


# ---------------------------------------------------------------- the real documents

def test_outpatient_list_widened_on_the_real_files():
    """双核（七） adds five 门诊慢特病 to 2024（二十二）: named added items, status expanded."""
    r = compare.compare([INPUTS / "chuanyu-2024.txt", INPUTS / "shuanghe-2025.txt"])
    a, b = r.documents
    link = next(lk for lk in r.comparisons[0].links
                if a.measure(lk.a).number == 22 and b.measure(lk.b).number == 7)
    five = ["慢性阻塞性肺疾病", "类风湿关节炎", "冠心病", "病毒性肝炎", "强直性脊柱炎"]
    assert link.evidence.added_items[:5] == five
    assert link.status == "expanded"
    gains = [c for c in link.evidence.commitments if c.change in ("added", "widened")]
    assert any(all(d in c.detail for d in five) for c in gains), gains


CLAUSES = ["推广预储值模式的铁路电子客票卡", "持续优化高铁各车站间票制", "逐步实现购票服务便捷化",
           "推进职工医保缴费年限累计计算", "简化门诊慢特病直接结算程序", "推动养老护理员从业资格互认"]


@settings(max_examples=60, deadline=None)
@given(st.permutations(CLAUSES), st.permutations(CLAUSES), st.sampled_from(["。", "，", "；"]))
def test_redline_rebuilds_both_texts_whatever_moves(old, new, sep):
    """Any reordering of clauses (some dropped): the diff's old-side and new-side pieces are
    exactly the two texts, and a clause on both sides is never shown as deleted text."""
    a = sep.join(old) + "。"
    b = sep.join(new[:4]) + "。"
    diff = classify(m("推进便民服务。" + a), m("推进便民服务。" + b), 0.5).evidence.diff
    assert "".join(t for op, t in diff if op in "=-<") == "推进便民服务。" + a
    assert "".join(t for op, t in diff if op in "=+>") == "推进便民服务。" + b
    for clause in new[:4]:
        assert not any(op == "-" and clause in t for op, t in diff)


PLAN = "某市公共服务工作要点（{year}年）\n\n一、重点任务\n\n（一）完善就业服务。建设零工市场，开展技能培训。\n{items}（牵头单位：市人社局）\n"


def test_a_one_sentence_item_is_a_commitment_and_restated_by_its_own_words(tmp_path):
    """1.建设零工市场5个； is what the measure commits to, not a heading: said again word for word it is
    kept (by itself, not by the headline 建设零工市场 that carries as many of its words), and a new
    item of one sentence is added."""
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text(PLAN.format(year=2024, items="1.建设零工市场5个；\n2.开展职业技能培训2万人次。\n"), encoding="utf-8")
    new.write_text(PLAN.format(year=2025, items="1.建设零工市场5个；\n2.开展职业技能培训3万人次；\n3.举办招聘会50场。\n"),
                   encoding="utf-8")
    (link,) = compare.compare([str(old), str(new)]).comparisons[0].links
    fates = {(f.change, f.a, f.b) for f in link.evidence.commitments}
    assert ("kept", "建设零工市场5个", "建设零工市场5个") in fates
    assert ("added", None, "举办招聘会50场") in fates
    assert link.status == "expanded"


# ---------------------------------------------------------------- what a clause commits to

def placed(text, places, mid="m001"):
    """A measure of a document that names `places` (as parsing sets them)."""
    title = text.split("。")[0]
    return Measure(id=mid, label="（一）", path=[], chapter="", title=title, text=text, body=text,
                   places=[p for p in places if p in text])


@pytest.mark.parametrize("old, new, gone", [
    # one shared word (互助) in another clause does not restate a pilot in named places
    ("推广时间银行互助养老。建立志愿服务积分兑换制度；鼓励低龄老年人为高龄老年人提供互助服务；在甲市、乙市深入开展互助养老试点。",
     "推广时间银行互助养老。建立志愿服务积分兑换制度；鼓励低龄老年人为高龄老年人提供互助服务。",
     "在甲市、乙市深入开展互助养老试点"),
    # the topic its headline names (老年人家庭适老化改造) does not restate what the clause adds to it
    ("实施困难老年人家庭适老化改造。对特困人员和低保老年人家庭实施适老化改造；推广扶手、防滑地面等基础改造项目；"
     "引导有需求的老年人家庭自主开展适老化改造。",
     "实施困难老年人家庭适老化改造。对特困人员和低保老年人家庭实施适老化改造；推广扶手、防滑地面等基础改造项目。",
     "引导有需求的老年人家庭自主开展适老化改造"),
])
def test_a_clause_found_only_in_a_shared_word_or_its_topic_is_dropped(old, new, gone):
    link = classify(placed(old, ["甲市", "乙市"]), placed(new, ["甲市", "乙市"]), 0.8)
    assert link.status == "narrowed", link.evidence.commitments
    assert [c.a for c in changes(link, "dropped")] == [gone]


def test_a_pilot_reworded_in_its_own_places_is_restated():
    """组织开展 → 深入开展 in the same place: what it says beyond its headline is the place."""
    a = placed("推进长期护理保险制度试点。在甲区组织开展长期护理保险制度试点；培育长期护理服务机构。", ["甲区"])
    b = placed("推进长期护理保险制度试点。在甲区深入开展长期护理保险制度试点；培育长期护理服务机构。", ["甲区"])
    assert classify(a, b, 0.8).status == "continued"


OTHER_MEASURES = ["发展老年助餐服务。在城乡社区建设老年食堂和助餐点。", "加强养老护理员队伍建设。开展职业技能培训。",
                  "发展老年教育。推进老年大学面向社会办学。"]     # a plan's other measures: words weigh by IDF


@pytest.mark.parametrize("extra", [
    "推行户籍迁移与居民身份证换领同步办理",       # a new action linking known things
    "将中度失能人员纳入保障范围",                 # a new population beside the old one
])
def test_a_new_clause_made_mostly_of_known_words_is_added(extra):
    old = ("提升户籍办理效率。推行户籍迁移“一窗受理”；将户籍迁移办理时间压缩至5个工作日以内；实现居民身份证跨省补领；"
           "将重度失能人员纳入长期护理保险保障范围。")
    others = [m(t, f"m00{k + 2}") for k, t in enumerate(OTHER_MEASURES)]
    link = classify_pairs([m(old)] + others, [m(old[:-1] + "；" + extra + "。")] + others, [P(0, 0)])[0]
    assert link.status == "expanded", link.evidence.commitments
    assert [c.b for c in changes(link, "added")] == [extra]


def test_a_widened_headline_is_not_also_an_added_clause():
    a = m("推进住房公积金互认互贷。实现住房公积金异地贷款缴存证明无纸化。")
    b = m("推进住房公积金服务便利化。深入推进住房公积金跨省域转移接续和互认互贷。实现住房公积金异地贷款缴存证明无纸化。")
    others = [m(t, f"m00{k + 2}") for k, t in enumerate(OTHER_MEASURES)]
    link = classify_pairs([a] + others, [b] + others, [P(0, 0)])[0]
    assert link.status == "expanded", link.evidence.commitments
    assert not changes(link, "added")


def test_every_commitment_kept_and_more_added_is_expanded():
    """Three new actions beside two kept ones: widened, not the approach replaced (nothing is lost)."""
    a = m("推进医疗应急救援跨界服务。在毗邻地区开展120跨界救援服务，有序扩大应急救援服务范围。")
    b = m("推进医疗应急救援跨界服务。在毗邻地区开展120跨界救援服务，有序扩大应急救援服务范围。"
          "共建区域应急物资储备库，优化区域应急力量布局，常态化开展应急救援联合演练。")
    link = classify(a, b, 0.8)
    assert len(changes(link, "added")) == 3, link.evidence.commitments
    assert link.status == "expanded"


def test_a_pilot_in_each_plans_own_places_is_continued_across_jurisdictions():
    """在A市开展试点 → 在B市开展试点: a plan of another government names its own places (continued);
    in one plan's editions, other places are a change either way and more places widen."""
    old = "推进长期护理保险制度试点。在甲市开展长期护理保险制度试点；将重度失能人员纳入长期护理保险保障范围。"
    moved = placed(old.replace("在甲市", "在乙市"), ["乙市"])
    assert classify(placed(old, ["甲市"]), moved, 0.8, apart=True).status == "continued"
    assert classify(placed(old, ["甲市"]), moved, 0.8).status == "revised"
    more = placed(old.replace("在甲市", "在甲市、乙市"), ["甲市", "乙市"])
    assert classify(placed(old, ["甲市"]), more, 0.8).status == "expanded"


def test_compare_reads_plans_of_other_jurisdictions_apart(tmp_path):
    """`compare A B` on plans of two provinces: each plan's own pilot city is no change."""
    body = "（一）推进长期护理保险制度试点。在{}开展长期护理保险制度试点；培育长期护理服务机构。\n"
    paths = []
    for province, city in (("江苏省", "南京市"), ("安徽省", "合肥市")):
        p = tmp_path / f"{province}.txt"
        p.write_text(f"{province}人民政府办公厅\n\n{province}养老服务工作要点\n\n一、重点任务\n\n" + body.format(city),
                     encoding="utf-8")
        paths.append(p)
    link = compare.compare(paths).comparisons[0].links[0]
    assert link.status == "continued", link.evidence.commitments



def test_a_reworded_clause_adding_only_an_everyday_verb_is_no_new_action(tmp_path):
    """…等方式提升薄弱学校办学水平 → …等方式开展帮扶，帮助薄弱学校提升办学水平: the new clause's one
    word the old text lacks (帮助, rare among a plan's measures, so heavy by IDF) is everyday
    Chinese, so it adds no action: continued, not expanded."""
    others = ["建设区域职业教育实训基地，共享实训设备。", "开展中小学教师跨省交流培训，每年培训骨干教师。",
              "推进高校图书馆文献资源共享，实现馆际互借。", "共建学前教育质量监测平台，定期发布监测报告。",
              "推动特殊教育资源中心建设，完善随班就读支持。", "开展青少年研学旅行合作，共同开发研学线路。",
              "加强校园安全联防联控，建立应急处置机制。", "推进家庭教育指导服务站建设，开展家长课堂。"]
    old = "组织优质中小学与农村薄弱学校开展结对帮扶，通过管理输出、师资交流等方式提升薄弱学校办学水平。"
    new = "推动优质中小学与农村薄弱学校结对，采取管理输出、师资交流等方式开展帮扶，帮助薄弱学校提升办学水平。"
    plans = []
    for name, first in (("old", "推进学校结对帮扶。" + old), ("new", "深化学校结对帮扶。" + new)):
        body = "\n".join(f"（{n}）{t}" for n, t in zip("一二三四五六七八九", [first] + others, strict=False))
        path = tmp_path / f"{name}.txt"
        path.write_text(f"某地教育协作工作要点\n一、重点任务\n{body}\n", encoding="utf-8")
        plans.append(path)
    links = compare.compare(plans).comparisons[0].links
    first = next(lk for lk in links if lk.a == "m001")
    assert first.b == "m001" and first.status == "continued", first.evidence.commitments


@pytest.mark.parametrize("old, new, status", [
    ("对持旅游年卡的游客在四市A级景区免收门票。", "对持旅游年卡的游客在六市A级景区免收门票。", "expanded"),
    ("推动三省异地就医直接结算。", "推动两省异地就医直接结算。", "narrowed"),
])
def test_the_parties_a_clause_counts_are_its_coverage(old, new, status):
    """Places named by their number (四市 → 六市): more of them widen the coverage, fewer narrow it."""
    link = classify(m("推进文旅服务共享。" + old), m("推进文旅服务共享。" + new), 0.8)
    assert link.status == status, link.evidence.commitments


def test_a_verb_replaced_by_a_verb_is_no_changed_modifier():
    """举办环岛赛事 → 办好环岛赛事: jieba files both as verbs, so the action is reworded — not a modifier
    of 环岛 swapped (a widened scope); 重度失能 → 中度失能 still is one."""
    link = classify(m("推进体育旅游融合。每年举办环岛自行车赛事。"), m("推进体育旅游融合。每年办好环岛自行车赛事。"), 0.8)
    assert link.status == "continued", link.evidence.commitments
    from compare.classify.clause_delta import modifier_swaps
    assert modifier_swaps("将重度失能人员纳入", "将中度失能人员纳入", "将重度失能人员纳入", "将中度失能人员纳入")



def test_a_clause_said_word_for_word_restates_that_clause_only():
    """Three items, the last dropped: 举办海丝文化旅游节 shares most of its weight with 推出海丝文化研学
    旅游产品, which the new text keeps word for word from its own old clause — so it restates that
    one only, and the festival is dropped (narrowed), not reworded into the product."""
    a = m("鼓励发展海上丝绸之路文化遗产旅游，重点做好以下工作：（一）开展合浦汉代文化遗址保护展示；"
          "（二）推出海丝文化研学旅游产品；（三）举办海丝文化旅游节。")
    b = m("发展海上丝绸之路文化遗产旅游，重点做好以下工作：（一）开展合浦汉代文化遗址保护展示；"
          "（二）推出海丝文化研学旅游产品。")
    others = [m(t, f"m00{k + 2}") for k, t in enumerate(OTHER_MEASURES)]
    link = classify_pairs([a] + others, [b] + others, [P(0, 0)])[0]
    assert link.status == "narrowed", link.evidence.commitments
    assert [c.a for c in changes(link, "dropped")] == ["举办海丝文化旅游节"]


@pytest.mark.parametrize("extra", ["确保取得实效", "各有关部门要高度重视", "推动各项措施落到实处"])
def test_a_clause_of_official_writing_that_commits_to_nothing_adds_nothing(extra):
    """确保取得实效, 高度重视, 落到实处: phrases of 公文 on any subject, no new commitment."""
    a = m("实施公共文化场馆免费开放。")
    b = m(f"实施公共文化场馆免费开放，{extra}。")
    others = [m(t, f"m00{k + 2}") for k, t in enumerate(OTHER_MEASURES)]
    link = classify_pairs([a] + others, [b] + others, [P(0, 0)])[0]
    assert link.status == "continued", link.evidence.commitments


def test_a_clause_restated_as_done_to_completion_adds_nothing():
    """…和问题整改 → 推动问题整改到位: 到位 says how fully, as 落实 does; no new action."""
    a = m("完善河湖长制，强化河湖日常巡查和问题整改。")
    b = m("全面落实河湖长制，加强河湖日常巡查，推动问题整改到位。")
    others = [m(t, f"m00{k + 2}") for k, t in enumerate(OTHER_MEASURES)]
    link = classify_pairs([a] + others, [b] + others, [P(0, 0)])[0]
    assert link.status == "continued", link.evidence.commitments


def test_a_population_joined_by_he_with_an_adjective_widens():
    """灵活就业人员 → 灵活就业人员和新就业形态劳动者: a new population beside the old (新, jieba's a,
    opens the conjunct it modifies)."""
    link = classify(m("将灵活就业人员纳入住房公积金制度覆盖范围。"),
                    m("将灵活就业人员和新就业形态劳动者纳入住房公积金制度覆盖范围。"), 0.8)
    assert link.status == "expanded", link.evidence.commitments
    assert "新就业形态" in changes(link, "widened")[0].detail


def test_a_pilot_rolled_out_loses_no_count_of_its_sites():
    """选择3个开发区开展…试点 → 在全省开发区全面推行…: the 3 pilot sites give way to all of them."""
    link = classify(m("选择3个开发区开展“标准地”出让改革试点。"), m("在全省开发区全面推行“标准地”出让改革。"), 0.8)
    assert link.status == "expanded", link.evidence.commitments
    assert "目标不再提及" not in changes(link, "widened")[0].detail


def test_all_of_a_group_restated_as_some_named_groups_is_narrowed():
    """为所有困难群众提供… → 为低保对象和特困人员提供…: the same service for fewer — 所有 is a word
    of scope (read by the universal rule), not of what the clause commits to."""
    a = m("为所有困难群众提供免费法律援助。")
    b = m("为低保对象和特困人员提供免费法律援助。")
    others = [m(t, f"m00{k + 2}") for k, t in enumerate(OTHER_MEASURES)]
    link = classify_pairs([a] + others, [b] + others, [P(0, 0)])[0]
    assert link.status == "narrowed", link.evidence.commitments
