"""Lists inside an article: 一、二、三、 numbering the items an article introduces with a colon;
and a chapter's 一是…二是…三是… (`enumerated`).

Regulations and 办法 number their articles 第X条; an article that ends "…禁止下列行为：" goes on
with its items, which some offices number 一、二、三、 instead of （一）（二）. Read by form alone
those are chapters, and the article (and every article after it until the next 第X章) would be
filed under the last of them. An article's 一、 list is therefore its items: a 一、 that follows
an open article's colon starts the list, and 二、三、 … continue it while they follow in sequence.
"""
from __future__ import annotations

import re
from dataclasses import replace

from compare.parse.labels import ARTICLE, MEASURE, Label
from compare.text.lexicon import ENUMERATED
from compare.text.numerals import cn_number

__all__ = ["LISTED", "article_lists", "enumerated"]

LISTED = "listed"            # the form of a 一、 that numbers an article's items
_INTRODUCES = ("：", ":")


def article_lists(labels: list[Label | None], views: list[str]) -> tuple[list[Label | None], list[tuple[int, str]]]:
    """The labels with each article's 一、 list read as its items (at the measure's rank, so that
    1. and （1） nest under them), and a note for each list so read."""
    out = list(labels)
    notes: list[tuple[int, str]] = []
    in_article, expect = False, 0
    for i, lab in enumerate(labels):
        if lab is None:
            continue
        if lab.form == "chapter" and in_article and lab.value is not None:
            if lab.value == 1 and i and views[i - 1].rstrip().endswith(_INTRODUCES):
                expect = 1
                notes.append((i, f"编号：条文冒号后的 {lab.label} 起读作该条的子项，不作章标题 numbering: "
                                 f"{lab.label} … after an article's colon read as the article's items, "
                                 "not as chapters"))
            if expect and lab.value == expect:
                out[i] = replace(lab, form=LISTED, rank=MEASURE)
                expect += 1
                continue
        if lab.rank <= MEASURE:             # 1. or （1） under an item does not end the list
            expect = 0
        if lab.rank <= ARTICLE:
            in_article = lab.rank == ARTICLE
    return out, notes


# 一是 where a sentence starts: at the text's start, after 。；! or after the units bracket closing
# the item before (…。（责任单位：A）二是…); not 统一是, not a comma's list.
_STARTS = re.compile(rf"(?:^|(?<=[。；;！!\n）)]))\s*{ENUMERATED}(?=\S)")


def enumerated(view: str) -> list[tuple[int, int, int]]:
    """(number, start, end) of each item of a 一是…二是…三是… enumeration in a text (its view):
    official writing's way to list a chapter's tasks in one paragraph, when it numbers none.
    The run starts at 一是 and goes on while the numbers follow; fewer than two items is no list."""
    found: list[tuple[int, int]] = []
    for m in _STARTS.finditer(view):
        n = cn_number(m.group(1))
        if n == len(found) + 1:
            found.append((n, m.start(1)))
    if len(found) < 2:
        return []
    ends = [s for _, s in found[1:]] + [len(view.rstrip())]
    return [(n, s, e) for (n, s), e in zip(found, ends, strict=True)]
