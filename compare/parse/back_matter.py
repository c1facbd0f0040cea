"""Back matter: what follows the last measure but is not part of it.

After the body of a 公文 comes its 附件说明 (附件：名称, or 附件：1.名称 / 2.名称 for several), then
the signature; a PDF of an official document ends with its 版记 (抄送：…, "…办公厅 2025年1月26日印发", 公开方式),
sometimes a signature block (issuers and date) or "（此件公开发布）"; a saved web page ends with
its footer (相关文件, 相关解读, 主办/承办). Glued onto the last measure they make an unchanged
measure look "continued", so they are cut off and kept as document metadata instead.

The patterns work on the matching view of a paragraph (width-folded, Simplified).
"""
from __future__ import annotations

import re

from compare.text.lexicon import UNIT_HEADERS

# A date: year, month, day. The year is the Gregorian one or, after 中华民国/民国 (Taiwan's ROC
# calendar: 中華民國113年 is 2024), the ROC year, read as year + 1911 (`iso_date`).
DATE = r"((?:19|20)\d{2}|(?:中[华華]\s*)?民[国國]\s*\d{1,3})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
_ROC = re.compile(r"(?:中[华華]\s*)?民[国國]\s*(\d{1,3})")
_ROC_START = 1911                                        # 民国元年 is 1912
_PRINTED = re.compile(DATE + r"\s*(?:印发|印製|印制)\s*$")
_DATE_ONLY = re.compile(r"^" + DATE + r"$")
# Headings of a web page's link lists: the lines after them are titles of other documents.
_LINK_LISTS = r"(?:相关文件|相关解读|相关链接|相关阅读|相关新闻|相关政策|相关附件|政策解读|附件下载|延伸阅读|相关稿件)"
# The 附件说明 (附件：名称, 附件1：名称, 附件：1.名称): a title after the colon. (附件 or 附件1 alone
# on its line opens the attachment itself: compare.parse.clean.ATTACHMENT_LINE.)
_ATTACHMENT_NOTE = r"附\s*件\s*(?:\d{1,3}|[一二三四五六七八九十]{1,3})?\s*[:：]\s*\S"
# 附件：1.名称 followed by 2.名称 … lines: a list of attachments, whose items read like 1. labels.
_NOTE_LIST = re.compile(r"^附\s*件\s*[:：]\s*1\s*[.、]")
_NOTE_ITEM = re.compile(r"^\d{1,2}\s*[.、]\s*[^。；;]{2,60}$")
# A paragraph that opens the back matter (anchored at the paragraph start).
_START = re.compile(
    r"^" + _ATTACHMENT_NOTE +
    r"|^(?:抄送|抄报|分送|报送)\s*[:：]"
    r"|^.{0,40}" + DATE + r"\s*(?:印发|印制)\s*$"
    r"|^(?:公开方式|公开属性|信息公开选项|信息公开属性)\s*[:：]"
    r"|^[(（]此件[^()（）]{0,12}[)）]$"
    r"|^" + _LINK_LISTS + r"\s*(?:[:：]|$)"
    r"|^(?:主办|承办|协办|主办单位|承办单位|运维单位|维护单位|技术支持)\s*[:：]")
# A short line naming issuers only (the signature above the date).
_ISSUER_LINE = re.compile(r"^[\u4e00-\u9fff()（）]{2,60}(?:人民政府|政府|办公厅|办公室|委员会|厅|局|委|部|院|会|室|"
                          r"中心|集团|公司|党委|党组|领导小组)$")
_UNIT_ROLE = re.compile(r"^(" + "|".join(UNIT_HEADERS) + r")\s*[:：]")
_LIST_HEADING = re.compile(r"^" + _LINK_LISTS + r"\s*[:：]?$")


def starts_back_matter(view: str) -> bool:
    """Does this (folded) line open the back matter? Such a line always starts a paragraph."""
    return bool(_START.match(view.strip()))


def is_list_heading(view: str) -> bool:
    """相关文件 / 相关解读 …: a heading line of its own (the next line is a linked title)."""
    return bool(_LIST_HEADING.match(view.strip()))


def back_matter_start(views: list[str], after: int) -> int:
    """Index of the first back-matter paragraph after paragraph `after` (the last heading),
    or len(views) when there is none. Where the last heading is an item of a 附件说明's list
    (附件：1.名称 / 2.名称), the back matter starts at the note."""
    k = after
    while k > 0 and _NOTE_ITEM.match(views[k].strip()):
        k -= 1
    if k < after and _NOTE_LIST.match(views[k].strip()):
        return k
    for i in range(after + 1, len(views)):
        v = views[i].strip()
        if (_START.match(v) and not _role_of_measures(views, i)) or _DATE_ONLY.match(v):
            return _with_signature(views, i, after)
    return len(views)


def _role_of_measures(views: list[str], i: int) -> bool:
    """主办单位：… is a web page's footer, and in a Taiwan-style plan the lead unit of a task
    (主辦單位：社會局): it is the task's when the plan printed that header before, under its tasks."""
    m = _UNIT_ROLE.match(views[i].strip())
    return bool(m) and any(v.strip().startswith(m.group(1)) for v in views[:i])


def _with_signature(views: list[str], i: int, after: int) -> int:
    """Start the back matter at the issuer lines signed above a date, if there are any."""
    j = i
    while j - 1 > after and _ISSUER_LINE.match(views[j - 1].strip()):
        j -= 1
    return j


def printed_date(views: list[str]) -> str:
    """The 印发 date of the 版记 as yyyy-mm-dd, or ""."""
    for v in views:
        m = _PRINTED.search(v.replace(" ", ""))
        if m:
            return iso_date(m)
    return ""


def signature_date(views: list[str]) -> str:
    """The date of a signature block (a date alone on its line), or ""."""
    for v in views:
        m = _DATE_ONLY.match(v.strip())
        if m:
            return iso_date(m)
    return ""


def iso_date(m: re.Match) -> str:
    """yyyy-mm-dd from a match whose first three groups are year, month and day (a year of the
    ROC calendar, 中华民国113, is 113 + 1911)."""
    year, mo, d = m.groups()[:3]
    roc = _ROC.fullmatch(year.strip())
    y = int(roc.group(1)) + _ROC_START if roc else int(year)
    mo, d = int(mo), int(d)
    return f"{y:04d}-{mo:02d}-{d:02d}"
