"""The plan's closing text (结束语): what a plan says after its last measure to everyone it
addresses, or about itself — not a part of that measure.

A 公文 that sets out tasks ends its body with closing formulas (the usage of the
《党政机关公文处理工作条例》 and of the plans issued under it), printed as unnumbered paragraphs
after the last numbered task:
- a directive to all the plan's addressees: 各区要结合实际…, 各地各部门要…, 各有关单位务必…,
  各区县（自治县）政府要… — 各 before the kinds of addressee a plan is sent to (地区, 区县, 乡镇,
  街道, 部门, 单位, 有关方面 …), then what they must do (要, 应, 须, 务必, 切实 …);
- words about the plan itself: 本方案自印发之日起施行, 本方案由…负责解释, 本办法有效期至…,
  本通知所称…;
- 未尽事宜…, 此前…与本方案不一致的，以本方案为准.

Glued onto the last measure, such a paragraph makes that measure look revised whenever the
closing changes. So the first such paragraph after the document's last heading starts the closing
text: it and everything after it (up to the back matter) is a section of its own (`CLOSING`),
read as general text and not compared, and a warning says so. A paragraph under the last measure
that says anything else (its own continuation, 各级医疗机构要… of its field) stays in the measure,
and so does the text a bare heading stands over (see `closing_start`).

An 办法 or 若干措施 written in articles prints the same formulas as numbered articles: its last
articles about itself (第十一条 本措施自印发之日起施行, 第十条 本办法由…负责解释) are that closing text,
and its first article stating why it was made (第一条 为…，制定本措施) is the opening the plan
would otherwise print before 一、 (`frame_headings`): neither is a measure a reader compares.

Patterns work on the matching view of a paragraph (width-folded, Simplified).
"""
from __future__ import annotations

import re

from compare.parse.accounting import nonspace
from compare.parse.labels import CHAPTER, Label

__all__ = ["CLOSING", "closing_note", "closing_start", "frame_headings"]

CLOSING = "closing"        # the heading (a role, not printed) of the closing text's section

# The kinds of addressee a plan is sent to, after 各 (各区, 各有关部门, 各成员单位).
_ADDRESSEE = (r"各\s*(?:有关)?\s*(?:地区|地方|地|区县|区|县区|县|市|省|州|盟|旗|乡镇|镇|乡|街道|部门|单位|方面|"
              r"成员单位|责任单位|牵头单位)(?:\s*\([^()]{1,10}\))?")
_BODY = r"(?:(?:人民)?政府|党委|有关部门|有关单位)?"        # 各区县政府, 各县（市、区）人民政府
_MUST = r"(?:要|应|须|需|务必|必须|切实|结合|认真|抓紧|按照|根据|对照)"
_DIRECTIVE = rf"{_ADDRESSEE}{_BODY}(?:\s*[、，,和及与]?\s*{_ADDRESSEE}{_BODY})*\s*{_MUST}"
_THIS_PLAN = (r"本[\u4e00-\u9fff]{0,10}?(?:方案|计划|规划|办法|细则|意见|通知|规定|要点|措施|清单|纲要)"
              r"\s*(?:自|从|由|有效期|所称|未尽|执行中|实施中)")
_OTHERS = r"未尽事宜|此前[^。]{0,40}与本[\u4e00-\u9fff]{0,10}不一致"
_ABOUT_ITSELF = re.compile(rf"^(?:{_THIS_PLAN}|{_OTHERS})")
_DOC_KIND = r"(?:方案|计划|规划|办法|细则|意见|规定|要点|措施|清单|纲要|条例|制度)"
# 为…，制定本办法 / 为了…，根据…，结合…，特制定本措施: one sentence, the whole of the heading's text.
_PURPOSE = re.compile(rf"^(?:为了?|根据|依据|按照)[^。；;]{{2,300}}?[,，]\s*(?:特|现)?\s*(?:制定|制订|出台)"
                      rf"\s*本[\u4e00-\u9fff]{{0,10}}?{_DOC_KIND}\s*[。.]?$")
_SENTENCE = re.compile(r"[。；;]")
_FORMULA = re.compile(rf"^(?:{_DIRECTIVE}|{_THIS_PLAN}|{_OTHERS})")


def closing_start(views: list[str], heading: Label, last: int) -> int:
    """Index of the paragraph that starts the closing text after paragraph `last`, the
    document's last heading (`heading`), or len(views) when there is none. A heading that is a
    bare title has its text below it: a chapter's (三、加强组织实施 / 各地各部门要…) is all its own,
    a measure's first paragraph is (（五）加强宣传 / 各区要加大…)."""
    if _SENTENCE.search(heading.rest_view):
        first = last + 1
    elif heading.rank > CHAPTER:
        first = last + 2
    else:
        return len(views)
    return next((i for i in range(first, len(views)) if _FORMULA.match(views[i].strip())), len(views))


def closing_note(closing: list[str]) -> str:
    """The warning that names the closing text taken out of the last measure."""
    n = nonspace("".join(closing))
    start = closing[0].strip()[:12]
    return (f"结构：末项措施之后的结束语（“{start}…”，{n} 个字符）作为正文处理，不参与比较 "
            f"structure: the closing text after the last measure (“{start}…”, {n} characters) "
            "read as general text and not compared")


def frame_headings(views: list[str], labels: list, last: int) -> tuple[int | None, int]:
    """(index of the first article or measure if it only states the document's purpose, or None; index of the
    first of the trailing headings that speak about the document itself, or len(views)): numbered
    like measures, they are its opening and closing text. Each has nothing under it: the
    heading after it, if any, is of its own rank or higher."""
    heads = [i for i, lab in enumerate(labels) if lab is not None]
    end = len(views)
    for k in range(len(heads) - 1, -1, -1):
        i = heads[k]
        if not _ABOUT_ITSELF.match(labels[i].rest_view.strip()) or not _alone(labels, heads, k):
            break
        end = i
    k = next((k for k, i in enumerate(heads) if labels[i].rank > CHAPTER), None)    # 第一章 总则 > 第一条
    first = heads[k] if k is not None else None
    purpose = (first if first is not None and first < end and _PURPOSE.match(labels[first].rest_view.strip())
               and _alone(labels, heads, k) and all(not v.strip() for v in views[first + 1:_next(heads, k, end)])
               else None)
    return purpose, end


def _next(heads: list[int], k: int, default: int) -> int:
    return heads[k + 1] if k + 1 < len(heads) else default


def _alone(labels: list, heads: list[int], k: int) -> bool:
    """Is heading k followed by no heading of a lower rank (nothing numbered under it)?"""
    return k + 1 >= len(heads) or labels[heads[k + 1]].rank <= labels[heads[k]].rank
