"""Classification evidence on small, hand-made measure pairs."""
from dataclasses import replace

from compare.classify import classify
from compare.model import Measure


def m(text, units=(), mid="m001"):
    body = text
    if units:
        text = f"{text}（责任单位：{'、'.join(units)}）"
    return Measure(id=mid, label="（一）", path=[], chapter="", title=text.split("。")[0], text=text,
                   units=list(units), body=body)


def test_unchanged_when_cleaned_text_is_equal():
    a = m("推进高铁公交化。持续优化票制。")
    b = m("推進高鐵公交化。 持續優化票制。")          # traditional characters and a space: the same text
    assert classify(a, b, 1.0).status == "unchanged"


def test_added_list_items_make_expanded():
    a = m("简化高血压、糖尿病等门诊慢特病跨省异地就医直接结算程序。")
    b = m("简化高血压、糖尿病、冠心病、病毒性肝炎等门诊慢特病跨省异地就医直接结算程序。")
    link = classify(a, b, 0.8)
    assert link.status == "expanded"
    assert link.evidence.added_items == ["冠心病", "病毒性肝炎"]
    assert link.evidence.removed_items == []


def test_removed_list_items_make_narrowed():
    a = m("实现就业登记、失业登记、职业指导、职业介绍等服务事项通办。")
    b = m("实现就业登记、失业登记等服务事项通办。")
    link = classify(a, b, 0.8)
    assert link.status == "narrowed"
    assert link.evidence.removed_items == ["职业指导", "职业介绍"]


def test_words_opening_a_lists_first_item_are_no_item_of_it():
    """常态化开展送教送培 is the item 送教送培 with the clause's adverbial and verb; 采取 opens a
    list as 通过 does: neither adds an item."""
    a = m("共建名师工作室。联合建设名师工作室30个，开展送教送培、同课异构、联合教研等活动；"
          "通过管理输出、教研共建、师资交流等方式帮扶薄弱学校。")
    b = m("共建名师工作室。联合建设名师工作室30个，常态化开展送教送培、同课异构和联合教研活动；"
          "采取管理输出、教研共建、师资交流等方式帮扶薄弱学校。")
    link = classify(a, b, 0.9)
    assert link.evidence.added_items == [] and link.evidence.removed_items == []
    assert link.status == "continued", link.evidence.commitments


def test_a_target_joined_to_the_clause_of_its_means_is_no_new_target():
    """The same 200个 restated in the clause that now opens with its means (通过…等方式，完成…):
    the target moved between clauses, nothing was added."""
    a = m("推进城市更新。实施老旧小区改造和背街小巷整治，改造老旧小区200个。")
    b = m("深化城市更新。通过老旧小区改造、背街小巷整治等方式，完成改造老旧小区200个。")
    link = classify(a, b, 0.9)
    assert link.status == "continued", link.evidence.commitments


def test_scope_change_is_evidence_of_expansion():
    a = m("推动长期护理保险评估结论互认，适用于重度失能人群。")
    b = m("推动长期护理保险评估结论互认适用范围由重度失能人群扩大至中度失能人群。")
    link = classify(a, b, 0.7)
    assert "重度失能人群 → 中度失能人群" in link.evidence.scope_changes
    assert link.status == "expanded"


def test_numbers_and_units_changes():
    a = m("转移办结时间缩短至10个工作日。", units=["两省市人力资源社会保障部门"])
    b = m("转移办结时间缩短至5个工作日。", units=["重庆市人力社保局", "四川省人力资源社会保障厅"])
    ev = classify(a, b, 0.9).evidence
    assert "5个工作日" in ev.numbers_added and "10个工作日" in ev.numbers_removed
    assert ev.units_added == ["重庆市人力社保局", "四川省人力资源社会保障厅"]
    assert ev.units_removed == ["两省市人力资源社会保障部门"]


def test_redline_reconstructs_both_texts():
    a = m("持续优化高铁车站间“公文化”票制。")
    b = m("持续优化高铁车站间“公交化”票制。")
    ev = classify(a, b, 0.9).evidence
    old = "".join(t for op, t in ev.diff if op in "=-")
    new = "".join(t for op, t in ev.diff if op in "=+")
    assert old == a.text and new == b.text
    assert ev.changes and "公文化" in ev.changes[0]["from"] and "公交化" in ev.changes[0]["to"]


def test_item_whose_words_all_occur_is_not_added():
    a = m("持续优化高铁各车站间票制，逐步实现购票、乘车等服务便捷化。")
    b = m("逐步实现高铁购票、乘车、行李托运等服务便捷化。")
    ev = classify(a, b, 0.6).evidence
    assert "高铁购票" not in ev.added_items and "行李托运" in ev.added_items


def test_the_same_units_worded_otherwise_are_still_unchanged():
    a = m("推进高铁公交化。持续优化票制。", units=("市交通局", "市发展改革委"))
    b = m("推进高铁公交化。持续优化票制。", units=("市发展改革委", "市交通局"))
    b = replace(b, text=b.text.replace("（责任单位：", "（牵头单位："))
    assert classify(a, b, 1.0).status == "unchanged"


def test_other_units_on_the_same_text_are_continued_with_the_units_named():
    a = m("推进高铁公交化。持续优化票制。", units=("市交通局",))
    b = m("推进高铁公交化。持续优化票制。", units=("市交通局", "市财政局"))
    link = classify(a, b, 1.0)
    assert link.status == "continued"
    assert link.evidence.units_added == ["市财政局"]


def test_a_deadline_moved_in_the_text_is_shown_and_sets_no_status():
    """到2024年底前 → 到2025年底前 in the body (no 完成时限 clause) is named on the link, as a
    closing clause's deadline is; the status stays what the commitments say."""
    a = m("推进农村养老服务。到2024年底前覆盖50%的行政村。")
    b = m("推进农村养老服务。到2025年底前覆盖50%的行政村。")
    link = classify(a, b, 0.9)
    assert link.evidence.deadline_change == "2024年底 → 2025年底"
    assert link.status == "continued"
    same = classify(m("推进养老服务。到2025年，覆盖50%的行政村。"), m("推进养老服务。到2025年，覆盖80%的行政村。"), 0.9)
    assert same.evidence.deadline_change == ""          # a bare year is the plan's period, not a deadline


def test_a_stock_sentence_appended_to_many_measures_adds_no_terms(tmp_path):
    """形成可复制可推广经验 appended to every measure of the new plan is the plan's stock sentence:
    its words are not listed as terms a measure adds."""
    import compare

    topics = ["推进养老服务补贴异地结算", "推动养老护理员证书互认", "建设养老服务信息平台", "开展养老机构消防检查"]
    old = "某方案\n一、重点任务\n" + "".join(f"（{'一二三四'[k]}）{t}。建立协作机制。\n" for k, t in enumerate(topics))
    new = "某方案\n一、重点任务\n" + "".join(f"（{'一二三四'[k]}）{t}。建立协作机制，形成可复制可推广经验。\n"
                                          for k, t in enumerate(topics))
    (tmp_path / "old.txt").write_text(old, encoding="utf-8")
    (tmp_path / "new.txt").write_text(new, encoding="utf-8")
    r = compare.compare([tmp_path / "old.txt", tmp_path / "new.txt"])
    links = r.comparisons[0].links
    assert len(links) == 4
    assert all(not {"复制", "推广", "经验"} & set(lk.evidence.terms_added) for lk in links), \
        [lk.evidence.terms_added for lk in links]



def test_other_units_leading_is_no_longer_unchanged_and_is_shown():
    """The same body and units, but the lead (牵头) and support (配合) swapped: continued, with
    "牵头：A → B"; 责任单位：A、B against 牵头单位：B、A is the same units."""
    def led(lead, support):
        return replace(m("推进青年人才引进。"), units=[lead, support], support_units=[support],
                       text=f"推进青年人才引进。（牵头单位：{lead}；配合单位：{support}）")
    link = classify(led("省人社厅", "团省委"), led("团省委", "省人社厅"), 1.0)
    assert link.status == "continued" and link.evidence.lead_change == "省人社厅 → 团省委"
    same = classify(m("推进青年人才引进。", units=["省人社厅", "团省委"]), m("推进青年人才引进。", units=["团省委", "省人社厅"]), 1.0)
    assert same.status == "unchanged" and same.evidence.lead_change == ""


def test_a_reworded_verb_before_a_list_is_no_new_item():
    """实现 → 基本实现 before the same list: continued, not a list item 基本实现营业执照 added."""
    a = m("深化企业开办便利化。推行企业开办全程网上办理，实现营业执照、公章刻制、发票申领一次提交。")
    b = m("深化企业开办便利化。全面推行企业开办全程网上办理，基本实现营业执照、公章刻制、发票申领一次提交。")
    link = classify(a, b, 0.8)
    assert link.status == "continued", link.evidence.commitments
    assert link.evidence.added_items == []
