"""Boilerplate carries no weight: a stock sentence a plan appends to many measures is found by rule
(compare.text.boilerplate), kept in the text, and never links two measures or changes a status."""
from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

import compare
from compare.text.boilerplate import stock_finder, stock_phrases, without_stock
from compare.vocab import CONTINUED

STOCK = "开展群众满意度调查，及时回应群众关切。"
TOPICS_A = ["推动居住证信息互通。实现居住证申领、签注信息跨市共享。",
            "推进电子证照互认。扩大电子营业执照在政务服务中的应用。",
            "深化医保异地结算。推进住院费用跨省直接结算。",
            "加强职业技能培训。联合举办职业技能大赛。"]
TOPICS_B = ["推动景区景点联动促销。联合发布精品旅游线路，互送客源。",
            "推进体育赛事共办。联合申办国际体育赛事。",
            "完善养老服务补贴。推进养老服务补贴异地领取。",
            "加强气象灾害联防。共建气象灾害监测预警平台。"]


def _plan(path, bodies):
    lines = ["关于印发某行动方案的通知", "一、重点任务"]
    lines += [f"（{n}）{b}{STOCK}" for n, b in zip("一二三四五六七八", bodies, strict=False)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_stock_sentences_are_found_by_recurrence_and_cut_from_the_weighed_text():
    bodies = ["推进甲。按季度通报进展。", "推进乙。按季度通报进展。", "推进丙。按季度通报进展。", "推进丁。"]
    stock = stock_phrases(bodies)
    assert stock == {"按季度通报进展"}
    assert without_stock(bodies[0], stock) == "推进甲。"
    assert stock_phrases(bodies[:2]) == frozenset()          # twice is not yet stock


def test_measures_sharing_only_a_stock_sentence_are_not_linked(tmp_path):
    r = compare.compare([_plan(tmp_path / "a.txt", TOPICS_A), _plan(tmp_path / "b.txt", TOPICS_B)])
    comp = r.comparisons[0]
    assert comp.links == []
    a = r.documents[0].measures[0]
    assert STOCK.rstrip("。") in a.text and a.stock and "满意度" not in a.content


def test_a_stock_sentence_added_to_a_measure_sets_no_status(tmp_path):
    """The same commitments with the plan's stock sentence appended: continued, not expanded."""
    plain = tmp_path / "a.txt"
    plain.write_text("关于印发某行动方案的通知\n一、重点任务\n" + "\n".join(
        f"（{n}）{b}" for n, b in zip("一二三四", TOPICS_A, strict=True)) + "\n", encoding="utf-8")
    r = compare.compare([plain, _plan(tmp_path / "b.txt", TOPICS_A)])
    assert [lk.status for lk in r.comparisons[0].links] == [CONTINUED] * 4


_CHARS = st.sampled_from("甲乙丙丁戊，。")


@given(st.sets(st.text(_CHARS, min_size=4, max_size=7), max_size=30), st.text(_CHARS, max_size=60))
def test_the_stock_finder_finds_exactly_the_pieces_a_text_contains(stock, text):
    """The indexed finder a long plan needs gives what testing every piece against the text gives."""
    assert stock_finder(stock)(text) == sorted(p for p in stock if p in text)


@given(st.text(st.sampled_from("甲乙丙"), min_size=1, max_size=3), st.text(st.sampled_from("甲乙丙，。；!?"), max_size=30))
def test_cutting_a_stock_piece_takes_each_occurrence_and_the_mark_closing_it(piece, text):
    expected = re.sub(re.escape(piece) + r"[，,。；;：:！？!?]?", "", text)     # the rule, as a pattern
    assert without_stock(text, [piece]) == expected
