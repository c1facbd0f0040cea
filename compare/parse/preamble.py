"""The preamble: a document's title, 文号, date and issuers, read from the paragraphs before its
first heading (a notice's 关于印发《…》的通知, its 〔2025〕12号, its signed date and the offices above it).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from compare.parse.back_matter import DATE, iso_date
from compare.parse.clean import DOC_YEAR, SERIAL_DOC_NUMBER, tidy_spaces
from compare.text.normalize import fold
from compare.text.numerals import DIGITS

__all__ = ["Meta", "metadata", "signature_issuers"]

_DOC_NUMBER = re.compile(rf"([\u4e00-\u9fff]{{1,12}})\s*[〔\[［(（【]\s*({DOC_YEAR})\s*[〕\]］)）】]\s*(\d{{1,4}})\s*(号)")
_NUMBER_LABEL = re.compile(r"[文字]\s*号\s*[:：]\s*$")     # 文号：, 发文字号：
_SERIAL_NUMBER = re.compile(SERIAL_DOC_NUMBER)            # 府社老字第1130012345號
_DATE = re.compile(DATE)
_ISO_DATE = re.compile(r"发布(?:时间|日期)\s*[:：]\s*((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})")
_QUOTED_TITLE = re.compile(r"印发\s*[《〈<](.+?)[》〉>]|现将\s*[《〈<](.+?)[》〉>]\s*印发")
_TITLE_END = re.compile(r"(方案|规划|措施|意见|办法|通知|事项|计划|纲要|细则|规定|决定|清单|要点|标准)"
                        r"(\s*[（(][^（）()]{2,20}[）)])?$")
_ISSUER = re.compile(r"[\u4e00-\u9fff]{2,20}?(?:人民政府办公厅|人民政府办公室|人民政府|办公厅|办公室|委员会|"
                     r"厅|部|局|委|总局)(?=[\u4e00-\u9fff]{2,}(?:政府|办公|委员会|厅|部|局|委)|\s|$)")


@dataclass
class Meta:
    title: str = ""
    doc_number: str = ""
    date: str = ""
    issuers: list[str] = field(default_factory=list)


def metadata(preamble: list[str], views: list[str]) -> Meta:
    """Title, 文号, date and issuers from the paragraphs before the first heading."""
    head, hv = preamble[:40], views[:40]
    blob, bv = "\n".join(head), "\n".join(hv)
    date_para = next((i for i, v in enumerate(hv) if _DATE.fullmatch(v.strip())), None)
    return Meta(title=_preamble_title(head, hv, blob, bv), doc_number=_doc_number(head, hv),
                 date=_preamble_date(hv, bv, date_para), issuers=_preamble_issuers(head, hv, date_para))


def _doc_number(head: list[str], hv: list[str]) -> str:
    """The 文号 of a line that is little else, or one labelled 文号/字号 (a web page's line
    来源：… 发布时间：… 发文字号：…), as printed but with its brackets made 〔〕 and its year in
    digits (〔二〇二五〕 is 〔2025〕, so that later stages read one form)."""
    m, k = next(((m, k) for k, m in enumerate(map(_DOC_NUMBER.search, hv))
                 if m and (len(hv[k].strip()) <= len(m.group(0)) + 4 or _NUMBER_LABEL.search(hv[k][:m.start()]))),
                (None, 0))
    if not m:
        return _serial_number(head, hv)
    p = head[k]
    year = "".join(str(DIGITS.get(c, c)) for c in m.group(2))
    return f"{p[m.start(1):m.end(1)]}〔{year}〕{m.group(3)}{p[m.start(4):m.end(4)]}"


def _serial_number(head: list[str], hv: list[str]) -> str:
    """A 文号 of the form …字第N号 on a line that is little else or labelled 文号, as printed."""
    for p, v in zip(head, hv, strict=True):
        m = _SERIAL_NUMBER.search(v)
        if m and (len(v.strip()) <= len(m.group(0)) + 4 or _NUMBER_LABEL.search(v[:m.start()])):
            return p[m.start():m.end()]
    return ""


def _preamble_title(head: list[str], hv: list[str], blob: str, bv: str) -> str:
    """The title in 《》 (关于印发《…》的通知, 现将《…》印发给你们), else a short line ending like a
    title (…方案), else the first short line that is no sentence and no date."""
    m = _QUOTED_TITLE.search(bv)
    covering = bool(m) and _several_titles(bv, m.start())
    if covering:
        m = None            # 印发《A》和《B》: a covering notice of several plans; its own line is its title
    if m:
        return tidy_spaces(blob[m.start(m.lastindex):m.end(m.lastindex)])
    for p, v in zip(head, hv, strict=True):   # a notice's 关于… line is the title of none but a covering notice
        s = p.strip()
        if 4 <= len(s) <= 60 and "。" not in s and _TITLE_END.search(v.strip()) and (
                covering or not v.strip().startswith("关于")):
            return s
    for p in head:
        s = p.strip()
        if 4 <= len(s) <= 60 and not re.search(r"[。，,：:]", s) and not _DATE.search(fold(s)):
            return s
    return ""


def _several_titles(bv: str, at: int) -> bool:
    """Does the paragraph of the 印发《…》 at `at` quote two or more titles (印发《A》和《B》)?"""
    start, end = bv.rfind("\n", 0, at) + 1, bv.find("\n", at)
    return bv[start:end if end >= 0 else len(bv)].count("《") >= 2


def _preamble_date(hv: list[str], bv: str, date_para: int | None) -> str:
    """The date of a line that is only a date, else the first date in the preamble."""
    m = _DATE.fullmatch(hv[date_para].strip()) if date_para is not None else None
    m = m or _ISO_DATE.search(bv) or _DATE.search(bv)
    return iso_date(m) if m else ""


def _preamble_issuers(head: list[str], hv: list[str], date_para: int | None) -> list[str]:
    """The issuers on the line above the date, else those that open a first line 关于印发《…》."""
    issuers: list[str] = []
    if date_para is not None and date_para > 0:
        issuers = _issuers(head[date_para - 1], hv[date_para - 1])
    if issuers or not head:
        return issuers
    q = _QUOTED_TITLE.search(hv[0])
    if not q:
        return issuers
    cut = hv[0][: q.start()]                # XX办公厅关于印发《…》的通知
    k = cut.rfind("关于")
    k = k if k >= 0 else len(cut)
    return _issuers(head[0][:k], cut[:k])


def signature_issuers(paras: list[str], views: list[str]) -> list[str]:
    """The issuers signed above the date of the back matter: a notice whose head names none (its
    联合发文 offices printed only over the date at its end) is still theirs."""
    date_para = next((i for i, v in enumerate(views) if _DATE.fullmatch(v.strip())), None)
    return _issuers(paras[date_para - 1], views[date_para - 1]) if date_para else []


def _issuers(text: str, v: str) -> list[str]:
    s, sv = text.strip(), v.strip()
    if not s or len(s) > 80 or re.search(r"[。，,:：]", sv) or _DOC_NUMBER.search(sv) or _SERIAL_NUMBER.search(sv):
        return []                           # a sentence, or the 文号 line printed above the date
    off = len(v) - len(v.lstrip())
    found = [text[off + x.start(): off + x.end()].strip() for x in _ISSUER.finditer(sv)]
    return found or [s]
