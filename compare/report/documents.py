"""How reports name a document: its file, 文号, short title and the name a sentence gives it
(2024年版, 2025—2027年行动方案)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from compare.model import Document, file_name


@dataclass
class DocumentView:
    """A document as reports name it."""
    index: int
    name: str           # short name: the file's stem (-N for 附件N), unique in the run
    file: str           # the input's file name (no folders; #N for a compilation's 附件)
    title: str
    short_title: str    # the title without 关于印发《…》的通知
    doc_number: str     # 文号
    date: str
    issuers: list[str]
    measures: int
    warnings: list[str]
    document: Document
    spoken: str = ""    # how a sentence names it: "2024年版", "2025—2027年行动方案", else 文号 or name

    @property
    def heading(self) -> str:
        """"川办发〔2024〕10号 推进川渝…（2024年版）": how a section head names the document
        (文号 and short title, each when known; the short name when neither is)."""
        return " ".join(filter(None, (self.doc_number, self.short_title))) or self.name


_ISSUING = re.compile(r"^关于(?:印发|转发|发布)?[《〈]?(?P<inner>.+?)[》〉]?的?(?:通知|意见|决定)$")


def short_title(title: str) -> str:
    """"关于印发《X行动方案》的通知" → "X行动方案": the plan's own name, as a heading reads it."""
    m = _ISSUING.match(title.strip())
    return m.group("inner") if m and m.group("inner") else title.strip()


# A plan's period at the end of its title: （2024年版）, （2025—2027年）, (2023-2025年).
_PERIOD = re.compile(r"[（(]\s*((?:19|20)\d{2}\s*(?:[—–\-－~～至到]+\s*(?:19|20)?\d{2,4}\s*)?年(?:版|度)?)\s*[)）]\s*$")


# What kind of text it is, as a sentence names it after the period: 2025—2027年行动方案.
_GENRE = re.compile(r"(行动方案|实施方案|工作方案|方案|行动事项|工作要点|要点|事项|实施意见|意见|"
                    r"规划|行动计划|计划|办法|若干措施|措施|规定|细则)$")


def spoken_name(title: str) -> str:
    """"…行动方案（2025—2027年）" → "2025—2027年行动方案", "…（2024年版）" → "2024年版": the
    way a reader names a plan in a sentence, from the period its title gives; "" without one."""
    t = short_title(title)
    m = _PERIOD.search(t)
    if not m:
        return ""
    period = re.sub(r"\s+", "", m.group(1))
    if period.endswith("版"):
        return period
    genre = _GENRE.search(t[: m.start()].rstrip())
    return period + (genre.group(1) if genre else "")


def _spoken_names(docs: list[Document]) -> list[str]:
    """Each document's sentence name: its period (`spoken_name`), else its 文号, else its short
    name; a name two documents would share gives way to the short name."""
    names = [spoken_name(d.title) or d.doc_number or d.display_name for d in docs]
    return [n if names.count(n) == 1 else d.display_name for n, d in zip(names, docs, strict=True)]


def _document(index: int, doc: Document, spoken: str = "") -> DocumentView:
    return DocumentView(index=index, name=doc.display_name, file=file_name(doc.source),
                        title=doc.title, short_title=short_title(doc.title),
                        doc_number=doc.doc_number, date=doc.date, issuers=list(doc.issuers),
                        measures=len(doc.measures), warnings=list(doc.warnings), document=doc,
                        spoken=spoken or doc.display_name)
