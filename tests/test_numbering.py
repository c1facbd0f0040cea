"""Enumerators read by form (compare.numbering), and the sequence used as evidence."""
from __future__ import annotations

import pytest
import variants

from compare.parse.labels import Numbered, check_sequence, confirm_chapters, fold_label, read_label
from compare.text.normalize import view
from compare.text.numerals import cn_number, cn_numeral, financial_numeral


def label(text: str):
    return read_label(text, view(text))


@pytest.mark.parametrize("text, form, value, printed, rest", [
    ("一、总体要求", "chapter", 1, "一、", "总体要求"),
    ("十二.加强保障", "chapter", 12, "十二.", "加强保障"),
    ("第三章 管理", "part", 3, "第三章", "管理"),
    ("第二部分　主要任务", "part", 2, "第二部分", "主要任务"),
    ("第二节 职责分工", "section", 2, "第二节", "职责分工"),
    ("第十五条 本办法自印发之日起施行。", "article", 15, "第十五条", "本办法自印发之日起施行。"),
    ("（二十二）开展监测评估。", "measure", 22, "（二十二）", "开展监测评估。"),
    ("(一百零三)推进。", "measure", 103, "(一百零三)", "推进。"),
    ("㈣推进养老。", "measure", 4, "㈣", "推进养老。"),
    ("1.全面实施标准化管理。", "item", 1, "1.", "全面实施标准化管理。"),
    ("120、推进工作。", "item", 120, "120、", "推进工作。"),
    ("１２．推进工作。", "item", 12, "１２．", "推进工作。"),
    ("3）推进养老服务补贴异地结算。", "item", 3, "3）", "推进养老服务补贴异地结算。"),
    ("12) 加强协作。", "item", 12, "12)", "加强协作。"),
    ("（3）加强协作。", "item-paren", 3, "（3）", "加强协作。"),
    ("2.1 推进社会保障卡一卡通。", "decimal", 1, "2.1", "推进社会保障卡一卡通。"),
    ("2.10、推进工作。", "decimal", 10, "2.10、", "推进工作。"),
    ("3.2.4 加强协作。", "decimal-item", 4, "3.2.4", "加强协作。"),
    ("（三）", "measure", 3, "（三）", ""),
    ("壹、計畫目標", "part-financial", 1, "壹、", "計畫目標"),
    ("參、經費來源", "part-financial", 3, "參、", "經費來源"),
    ("叁、保障措施", "part-financial", 3, "叁、", "保障措施"),
    ("壹拾貳、附則", "part-financial", 12, "壹拾貳、", "附則"),
])
def test_labels_are_read_by_form(text, form, value, printed, rest):
    lab = label(text)
    assert (lab.form, lab.value, lab.label, lab.rest, lab.junk, lab.weak) == (form, value, printed, rest, "", False)


@pytest.mark.parametrize("text", ["（参加）创业大赛", "（此件公开发布）", "1.5个百分点", "2025年1月", "（2025年）",
                                  "（三）、（四）项", "三，推进", "十.", "“十四五”规划", "5G网络", "3、5年内",
                                  "2)、3)项", "1）。", "2.5亿元投入", "3.5%以上"])
def test_text_that_only_looks_like_a_label(text):
    assert label(text) is None


@pytest.mark.parametrize("text", ["一、二级医院与三级医院建立帮扶关系。", "一、二、三类事项", "一、二线城市",
                                  "三、四档标准", "二、三等奖", "一 、二期工程"])
def test_a_numeral_going_on_into_a_rank_is_no_label(text):
    """一、二级 is "first- and second-level": a list of numerals ending in a measure word of rank
    (级 类 档 等 线 期 批 星) begins a sentence, never a heading."""
    assert label(text) is None


@pytest.mark.parametrize("text", ["（三）类事项除外", "（三）项规定", "（二）和（三）所列", "第三条规定的事项",
                                  "第三条第二款", "一、二〇二五年目标", "2025.目标", "第二节规定的事项",
                                  "2.5 亿元专项资金", "3.2 万人次"])
def test_citation_shapes_are_weak(text):
    assert label(text).weak


@pytest.mark.parametrize("text", ["（三）项目建设提速。", "（五）中医药传承创新。", "（二）条件保障。", "（四）及时发布信息。",
                                  "（六）类脑智能研究。", "第三条之一 新增条款。"])
def test_titles_that_begin_like_a_citation_word_are_headings(text):
    assert not label(text).weak


@pytest.mark.parametrize("text, junk, printed", [
    ("“（三）推进通信一体化。", "“", "（三）"), ("”（七）推进。", "”", "（七）"),
    ("\uf06c（三）推进。", "\uf06c", "（三）"), ("•1.推进。", "•", "1."), ("\ufeff一、总体要求", "\ufeff", "一、"),
])
def test_a_stray_symbol_before_a_label_is_set_apart(text, junk, printed):
    lab = label(text)
    assert (lab.junk, lab.label) == (junk, printed)


@pytest.mark.parametrize("text, guess", [("（+）推进。", 10), ("（二+）推进。", 20), ("（—）推进。", 1),
                                         ("（=）推进。", 2), ("（+二）推进。", 12), ("+、加强保障", 10)])
def test_damaged_labels_are_read_through_their_look_alikes(text, guess):
    lab = label(text)
    assert lab.value is None and lab.guess == guess


def test_numerals_round_trip():
    for n in list(range(1, 3000)) + list(range(9990, 10130)) + [20020, 20015, 123456]:
        assert cn_number(cn_numeral(n)) == n
        assert cn_numeral(n) == variants.cn(n)          # the test helper's own spelling
    assert cn_number("二〇二五") == 2025


def _seq(*labels_and_parents):
    nodes = []
    for order, (text, parent) in enumerate(labels_and_parents):
        nodes.append(Numbered(label=label(text + "推进。"), parent=parent, order=order))
    return nodes


def test_sequence_names_gaps_duplicates_and_reads_damaged_labels():
    nodes = _seq(*[(f"（{variants.cn(i)}）", None) for i in (1, 2, 4, 5, 5, 7)], ("（+）", None), ("（九）", None))
    warnings = [w for _, w in check_sequence(nodes)]
    assert [n.number for n in nodes] == [1, 2, 4, 5, 6, 7, 8, 9]
    assert warnings == ["编号：（二） 之后缺少 （三） numbering: （三） missing after （二）",
                        "编号：（五） 出现两次，第二个读作 （六） "
                        "numbering: （五） appears twice; the second, before （七）, is read as （六）",
                        "编号：（+） 读作 （八） numbering: （+） read as （八） between （七） and （九）"]


def test_financial_numerals_number_the_level_above_chapters():
    """壹、 貳、 參、 (Taiwan-style plans): the level of 第一部分, above 一、; a gap is named in them."""
    top, chapter = label("貳、執行策略"), label("一、強化長者健康促進")
    assert top.rank < chapter.rank and top.rank == label("第二部分 主要任务").rank
    nodes = _seq(("壹、", None), ("貳、", None), ("陸、", None))
    assert [w for _, w in check_sequence(nodes)] == [
        "编号：貳、 之后缺少 參、、肆、、伍、 numbering: 參、、肆、、伍、 missing after 貳、"]
    assert financial_numeral(12) == "壹拾贰" and financial_numeral(3, traditional=True) == "參"
    assert cn_number("壹拾贰") == 12


def test_restarting_under_each_parent_is_not_a_gap():
    one, two = (Numbered(label=label(t), parent=None, order=-1) for t in ("一、任务", "二、保障"))
    nodes = _seq(("1.", one), ("2.", one), ("1.", two), ("2.", two), ("4.", two))
    warnings = [w for _, w in check_sequence(nodes)]
    assert warnings == ["编号（二、下）：2. 之后缺少 3. numbering: 3. missing after 2. under 二、"]
    assert [n.number for n in nodes] == [1, 2, 1, 2, 4]


@pytest.mark.parametrize("typed", ["（十七）", "(十七)", "( 十七 )", "〔十七〕", "【十七】", "十七、", " 十七 "])
def test_a_label_typed_in_any_shape_folds_to_its_numeral(typed):
    assert fold_label(typed) == "十七"


@pytest.mark.parametrize("typed", ["1.", "1、", "１．", "(1)", "（１）"])
def test_an_item_label_folds_to_its_digits(typed):
    assert fold_label(typed) == "1"


def test_decimal_chapters_need_their_decimal_measures():
    """"2 重点任务" is chapter 2 when 2.1 … follows (and "1 总体目标" just before it is chapter
    1); "3 个工作日内办结" with no 3.1 after it stays text."""
    texts = ["1 总体目标", "到2025年底基本实现。", "2 重点任务", "2.1 推进一卡通。", "2.2 推动直接结算。",
             "5 个工作日内办结", "3.重点保障", "3.1 加强组织领导。"]
    labels = confirm_chapters([label(t) for t in texts])
    got = [(lab.form, lab.label, lab.weak) if lab else None for lab in labels]
    assert got == [("decimal-chapter", "1", False), None, ("decimal-chapter", "2", False), ("decimal", "2.1", False),
                   ("decimal", "2.2", False), None, ("decimal-chapter", "3", False), ("decimal", "3.1", False)]
    assert label("5 个工作日内办结").weak                  # a candidate only, before the evidence


def test_decimal_measures_restart_under_each_prefix_without_warnings():
    nodes, order = [], 0
    for text in ["1.1 推进。", "1.2 推动。", "2.1 加强。", "2.2 完善。", "2.4 健全。"]:
        nodes.append(Numbered(label(text), None, order))
        order += 1
    warnings = check_sequence(nodes)
    assert [n.number for n in nodes] == [1, 2, 1, 2, 4]
    assert len(warnings) == 1 and "2.3" in warnings[0][1]          # the gap is named as printed: 2.3


def test_chapters_whose_dunhao_was_lost_need_a_run():
    """一 总体要求 / 二 重点任务 (the 、 lost in a PDF or web copy) are chapters when they run in
    sequence — as is whatever title continues the run; one out of sequence ("三 年内完成改造"
    after 一 alone) is text."""
    texts = ["一 总体要求", "到2025年底基本实现。", "二 重点任务", "（一）推进一卡通。", "三 年内完成改造"]
    labels = confirm_chapters([label(t) for t in texts])
    assert [(lab.form, lab.label, lab.value) if lab else None for lab in labels] == [
        ("chapter", "一", 1), None, ("chapter", "二", 2), ("measure", "（一）", 1), ("chapter", "三", 3)]
    labels = confirm_chapters([label(t) for t in ["一 总体要求", "到2025年底基本实现。", "三 年内完成改造"]])
    assert labels == [None, None, None]


def test_an_inserted_article_is_one_label_outside_the_sequence():
    """第十五条之一 (inserted by an amendment) is one label; 第十六条 follows 第十五条 without a warning."""
    lab = label("第十五条之一　本办法由省民政厅负责解释。")
    assert (lab.form, lab.value, lab.label, lab.rest, lab.weak) == ("article", 15, "第十五条之一", "本办法由省民政厅负责解释。", False)
    nodes = _seq(*[(f"第{variants.cn(i)}条", None) for i in range(1, 16)], ("第十五条之一", None), ("第十六条", None))
    assert check_sequence(nodes) == [] and [n.number for n in nodes] == [*range(1, 16), 15, 16]
    assert label("第十五条之一规定的情形").weak
