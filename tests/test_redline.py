"""The redline reads as words: jieba's words are aligned, a kept fragment shorter than a word
between two changes joins the change, and a measure rewritten rather than edited is shown as
printed beside the other, with the evidence lines (compare.classify.redline, report.html)."""
from __future__ import annotations

import pytest
from conftest import INPUTS

import compare
from compare.classify.redline import MIN_KEPT, kept_share, readable, redline
from compare.report.html import redline as page_redline

OLD_SIDE, NEW_SIDE = "=-<", "=+>"


def _kept_between_changes(diff) -> list[str]:
    return [t for k, (op, t) in enumerate(diff) if op == "=" and 0 < k < len(diff) - 1]


def _word_chars(text: str) -> int:
    return sum(ch.isalnum() for ch in text)


@pytest.fixture(scope="module")
def plans():
    return compare.compare([INPUTS / "chuanyu-2024.txt", INPUTS / "chuanyu-2025-2027.txt"])


def test_a_reworded_measure_keeps_no_single_character_between_changes(plans):
    """2024（二十二）→ 2025–2027（八): the character redline kept 动, 保, 疗, 就 … among long struck
    and inserted runs; the word redline keeps runs of two characters and more."""
    a, b = plans.documents
    link = next(lk for lk in plans.comparisons[0].links
                if a.measure(lk.a).number == 22 and b.measure(lk.b).number == 8)
    diff = link.evidence.diff
    assert "".join(t for op, t in diff if op in OLD_SIDE) == a.measure(link.a).text
    assert "".join(t for op, t in diff if op in NEW_SIDE) == b.measure(link.b).text
    kept = _kept_between_changes(diff)
    assert kept and min(len(t) for t in kept) >= 2, kept
    assert all(_word_chars(t) >= MIN_KEPT for t in kept), kept
    assert "跨省异地就医直接结算" in kept and "拓展门诊慢特病结算范围" in kept


def test_every_link_of_the_bundled_plans_keeps_only_words_between_changes(plans):
    for link in plans.comparisons[0].links:
        assert all(_word_chars(t) >= MIN_KEPT for t in _kept_between_changes(link.evidence.diff))


def test_short_kept_fragments_join_the_change_around_them():
    diff = redline("推进跨省异地就医直接结算，简化备案手续。", "推动异地住院结算便利化，实现备案互认。")
    assert "".join(t for op, t in diff if op in OLD_SIDE) == "推进跨省异地就医直接结算，简化备案手续。"
    assert "".join(t for op, t in diff if op in NEW_SIDE) == "推动异地住院结算便利化，实现备案互认。"
    assert all(_word_chars(t) >= MIN_KEPT for t in _kept_between_changes(diff)), diff
    for a, b in zip(diff, diff[1:], strict=False):    # one struck run, then one inserted run
        assert (a[0], b[0]) != ("+", "-") and a[0] != b[0]
    same = redline("推进高铁公交化。", "推进高铁公交化。")
    assert same == [["=", "推进高铁公交化。"]] and kept_share(same) == 1.0


def test_a_rewritten_pair_is_shown_as_printed_beside_the_other():
    """Below `READABLE` kept text the page shows both texts as they are, not struck through."""
    old, new = "推动两省市户籍信息共享，群众在迁入地一站式办理。", "建设终身教育学分银行，打造学习型城市。"
    diff = redline(old, new)
    assert not readable(diff) and kept_share(diff) < 0.125
    assert str(page_redline(diff, "a", old)) == old and str(page_redline(diff, "b", new)) == new
    edited = redline("推进高铁公交化。持续优化票制。", "推进高铁公交化。持续优化票制，逐步实现购票便捷化。")
    assert readable(edited) and "<ins>" in str(page_redline(edited, "b", "推进高铁公交化。持续优化票制，逐步实现购票便捷化。"))


def test_the_page_says_when_a_pair_is_shown_as_printed(plans, tmp_path):
    from compare.report.html import render_html
    page = render_html(plans)
    rewritten = sum(not readable(lk.evidence.diff) for lk in plans.comparisons[0].links)
    assert rewritten and page.count('class="rewritten"') == rewritten
    assert "改写较多：两栏照录原文" in page
