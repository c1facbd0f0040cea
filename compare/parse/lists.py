"""Lists inside an article: 一、二、三、 numbering the items an article introduces with a colon.

Regulations and 办法 number their articles 第X条; an article that ends "…禁止下列行为：" goes on
with its items, which some offices number 一、二、三、 instead of （一）（二）. Read by form alone
those are chapters, and the article (and every article after it until the next 第X章) would be
filed under the last of them. An article's 一、 list is therefore its items: a 一、 that follows
an open article's colon starts the list, and 二、三、 … continue it while they follow in sequence.
"""
from __future__ import annotations

from dataclasses import replace

from compare.parse.labels import ARTICLE, MEASURE, Label

__all__ = ["LISTED", "article_lists"]

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
