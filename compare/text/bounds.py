"""Numbers that bound whom or what a measure covers, not a target it sets.

    65岁以上老年人, 年满60周岁, 70周岁以下, 未满3岁      an age: always a bound of who is covered
    床位数100张以上的养老机构, 年营业收入2000万元以上的企业   a measured quantity (…数, …额, 面积, 规模 …)
                                                     with 以上/以下 before the noun it qualifies (…的)
    二级及以上医院                                     a rank with 以上/以下
    二级以上医院 → 三级医院                             a rank restated alone where the other text
                                                     bounds the same noun (`rank_restated`)
    参保缴费满15年                                     a length of time with 满/年满/未满

A lower bound (以上, 年满, 满, 超过) widens the measure when it is lowered, an upper bound (以下, 以内,
未满, 不满, 不足, 不超过) when it is raised; a bound a new text adds restricts the measure, one it no
longer gives opens it. A target, by contrast — 建成100个以上, 覆盖率达到90%以上 — is better when
higher (`lexicon.numbers`), so a number is read as one or the other, never both (`without_bounds`).
The patterns are those of Chinese official writing (公文) that define a scope; nothing here is
taken from a particular plan.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from compare.text.lexicon import TIME_UNITS, counted_spans
from compare.text.numerals import CN_NUM, cn_number
from compare.text.words import cut

LOWER, UPPER, EXACT = "lower", "upper", "exact"


@dataclass(frozen=True)
class Bound:
    printed: str        # as printed, with its marker: 65岁以上, 床位数100张以上, 二级及以上
    unit: str           # 岁 (周岁 read as 岁), 张, 级, 年
    value: float
    side: str           # LOWER, UPPER or EXACT (an age without a marker: 80岁老人)
    start: int
    end: int


_AFTER = re.compile(r"\s*(?:及|或)?(以上|以下|以内)")
_BEFORE = re.compile(r"(年满|满|超过|高于|未满|不满|不足|不超过|低于)$")
_LOWER_WORDS = ("以上", "年满", "满", "超过", "高于")
_AGE = re.compile(rf"(\d+|[{CN_NUM}]+)\s*(周岁|岁)")
_RANK = re.compile(r"([一二三四五六七八九\d])\s*级(?=\s*(?:及|或)?(?:以上|以下))")
_RANK_ALONE = re.compile(r"(?<![一二三四五六七八九\d、])([一二三四五六七八九\d])\s*级(?!\s*(?:及|或)?(?:以上|以下))")
# The measured quantity a bound is on: 床位数, 人数, 户数, 营业额, 建筑面积, 规模, 人口, 收入, 产值.
_QUANTITY = re.compile(r"(?:数|量|额|面积|规模|人口|收入|产值|排量|功率)\s*$")


def bounds(norm: str) -> list[Bound]:
    """Every bound of the text's scope, in order."""
    found = [_age(norm, m) for m in _AGE.finditer(norm)]
    found += [_marked(norm, m.start(), m.end(), float(cn_number(m.group(1))), "级") for m in _RANK.finditer(norm)]
    for start, end, _, value, unit in counted_spans(norm):
        if unit in TIME_UNITS or unit == "%" or any(b is not None and b.start <= start < b.end for b in found):
            continue
        before = _BEFORE.search(norm[:start])
        after = _AFTER.match(norm, end)
        if unit == "年" and before:                       # 满15年: a length of time, not a year
            found.append(_marked(norm, start, end, float(value), unit))
        elif unit != "年" and after and norm[after.end():after.end() + 1] == "的" and _QUANTITY.search(norm[:start]):
            found.append(_marked(norm, start, end, float(value), unit, _noun_start(norm, start)))
    return sorted((b for b in found if b is not None), key=lambda b: b.start)


def rank_restated(norm: str, bound: Bound, other: str) -> Bound | None:
    """The single rank `norm` names where `other` bounds the same noun by a rank (二级以上公立医疗
    机构 → 三级公立医疗机构, and back): the words after it are the bound's. Alone, 三级 is no
    bound (省市县三级联动); facing one, it is the scope given instead."""
    if bound.unit != "级":
        return None
    follow = other[bound.end:bound.end + 2]
    for m in _RANK_ALONE.finditer(norm):
        if len(follow) == 2 and norm.startswith(follow, m.end()):
            return Bound(m.group(0), "级", float(cn_number(m.group(1))), EXACT, m.start(), m.end())
    return None


def within(bound: Bound, value: float) -> bool:
    """Does the range a lower or upper bound opens hold `value`?"""
    return value >= bound.value if bound.side == LOWER else value <= bound.value


def _age(norm: str, m: re.Match) -> Bound | None:
    value = cn_number(m.group(1))
    if value <= 0 or value > 150:
        return None
    return _marked(norm, m.start(), m.end(), float(value), "岁")


def _noun_start(norm: str, start: int) -> int:
    """Where the quantity's noun before a number starts (床位数, 年营业收入): jieba's last word
    before it, with the word before that when the last is one character (床位 数)."""
    tail = norm[max(0, start - 8):start]
    pieces = cut(tail)
    take = pieces[-2:] if pieces and len(pieces[-1]) == 1 and len(pieces) > 1 else pieces[-1:]
    return start - sum(map(len, take))


def _marked(norm: str, start: int, end: int, value: float, unit: str, shown_from: int | None = None) -> Bound:
    """The bound from start to end with its marker before (年满) or after (以上) it, if any, and
    the quantity's noun before it when there is one (shown_from)."""
    before = _BEFORE.search(norm[:start])
    after = _AFTER.match(norm, end)
    word = after.group(1) if after else before.group(1) if before else ""
    side = EXACT if not word else LOWER if word in _LOWER_WORDS else UPPER
    s = shown_from if shown_from is not None else before.start() if before and not after else start
    e = after.end() if after else end
    return Bound(norm[s:e], unit, value, side, s, e)


def without_bounds(norm: str) -> str:
    """The text with its bounds blanked (same length), for the rules that read targets and
    modifiers: a bound is neither."""
    for b in bounds(norm):
        norm = norm[:b.start] + " " * (b.end - b.start) + norm[b.end:]
    return norm
